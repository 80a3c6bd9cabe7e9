// Links from the translation dashboard carry ?lang=<code>: show German and that language.
(function () {
  var lang = new URLSearchParams(window.location.search).get("lang");
  if (!lang || typeof wagtailModelTranslations === "undefined") return;
  if (wagtailModelTranslations.languages.indexOf(lang) === -1) return;
  wagtailModelTranslations.locale_picker_default = [wagtailModelTranslations.defaultLanguage, lang];
  wagtailModelTranslations.locale_picker_restore = false;
})();
