"""The three languages of Leporello and how a translated field is stored in them.

Reading a text for a visitor or for print also asks its translation status:
`catalogue.models.translation_state.localized` (this module sits below the models and imports
none of them).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language, gettext_lazy
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

# Each language's name in itself, for switchers, language pickers and label headings.
NATIVE_NAMES = {"de": "Deutsch", "zh-hans": "简体中文", "en": "English"}
# Each language's name in the language of the interface, for messages and listings ("auf
# Englisch", "英语"): Django's own names, so its catalogues translate them too.
LANGUAGE_NAMES = {
    "de": gettext_lazy("German"),
    "zh-hans": gettext_lazy("Simplified Chinese"),
    "en": gettext_lazy("English"),
}


def language_name(code):
    """The name of language `code` in the active interface language ('Englisch' in German)."""
    return str(LANGUAGE_NAMES.get(code, code))


def bcp47(code):
    """Django's 'zh-hans' as an HTML lang value: 'zh-Hans' (script subtag in title case)."""
    parts = code.split("-")
    if len(parts) == 2 and len(parts[1]) == 4:
        return f"{parts[0]}-{parts[1].title()}"
    return code


def current_language():
    code = get_language() or DEFAULT_LANGUAGE
    return code if code in LANGUAGE_CODES else DEFAULT_LANGUAGE


def fallback_chain(code):
    """The language asked for, then its configured fallbacks, without repeats."""
    chain = [code]
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    for lang in fallbacks.get(code, fallbacks["default"]):
        if lang not in chain:
            chain.append(lang)
    return chain


def raw_value(obj, field, code):
    """The stored value of one language of a translated field, without any fallback."""
    return getattr(obj, build_localized_fieldname(field, code), None)


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True)
class LocalizedText:
    """A text in the language that was found, so templates can mark fallbacks and set lang."""

    value: str
    language: str
    requested: str

    @property
    def is_fallback(self):
        return self.language != self.requested

    @property
    def lang_attr(self):
        return bcp47(self.language)

    def __str__(self):
        return self.value or ""

    def __bool__(self):
        return bool(self.value)


def visitor_language(request):
    """The language a visitor without a language in the address reads: their remembered choice
    (cookie), else the first Accept-Language entry Leporello offers, else
    `LEPORELLO_FALLBACK_LANGUAGE` (English: a French or Spanish visitor reads English sooner than
    German). A request that names no language at all (no cookie, no Accept-Language: scripts,
    monitors) gets LANGUAGE_CODE (German, the source language), as Django's own rule gives."""
    from django.utils.translation import get_supported_language_variant
    from django.utils.translation.trans_real import parse_accept_lang_header

    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    candidates = [cookie] if cookie else []
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:500]
    candidates += [code for code, _q in parse_accept_lang_header(header) if code != "*"]
    if not candidates:
        return settings.LANGUAGE_CODE
    for code in candidates:
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LEPORELLO_FALLBACK_LANGUAGE
