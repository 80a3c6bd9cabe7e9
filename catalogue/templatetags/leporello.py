from django import template
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.templatetags.wagtailcore_tags import richtext

from catalogue.languages import LANGUAGE_CODES, NATIVE_NAMES, bcp47, current_language
from catalogue.models.translation_state import localized
from gates.richtext import sanitise_rich_text

register = template.Library()


@register.simple_tag
def html_lang():
    """The lang attribute for <html>: 'de', 'zh-Hans' or 'en'."""
    return bcp47(current_language())


@register.simple_tag
def tr(obj, field, language=None):
    """A translated field in the visitor's language, or its fallback, with the language it is in.

    Templates render it through `includes/text.html`, which sets `lang` when the text is not in
    the page's language and marks fallbacks.
    """
    return localized(obj, field, language)


@register.filter
def lang_attr(code):
    return bcp47(code)


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """One link per language to the same page (or, off Wagtail pages, the same URL)."""
    request = context.get("request")
    active = get_language()
    links = []
    # Views other than Wagtail's (a work at a tour stop, search, kiosk) keep their own address.
    match = getattr(request, "resolver_match", None)
    if page is not None and match is not None and match.url_name != "wagtail_serve":
        page = None
    for code in LANGUAGE_CODES:
        if page is not None:
            url = page.get_url(request=request)
            url = translate_url(url, code) if url else f"/{code}/"
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = f"/{code}/"
        links.append(
            {
                "code": code,
                "lang": bcp47(code),
                "name": NATIVE_NAMES[code],
                "url": url,
                "active": code == active,
            }
        )
    return links


@register.filter
def clean_richtext(value):
    """Wagtail's `richtext` of the value sanitised again (gates.richtext): text stored before
    sanitising existed, or written around the model (`QuerySet.update`), never runs."""
    return richtext(sanitise_rich_text(str(value or "")).html)
