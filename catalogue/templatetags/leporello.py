import re

from django import template
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.templatetags.wagtailcore_tags import richtext

from catalogue.languages import LANGUAGE_CODES, NATIVE_NAMES, bcp47, current_language
from catalogue.models.translation_state import localized
from catalogue.page_context import picture
from gates.richtext import sanitise_rich_text

register = template.Library()

# Tags and filters here only format what a page's context holds (`get_context()` of the page or
# the view reads it, catalogue.page_context): they read nothing from the database themselves.


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


@register.simple_tag(takes_context=True)
def picture_of(context, image, kind, loading="lazy", css_class="", alt=None):
    """<picture> with AVIF, WebP and JPEG sources at the pre-generated widths, and width/height,
    by the registered renderer (visitor.pictures: only renditions that exist, never one made in
    the request). The page's context prefetched the renditions."""
    if not image:
        return ""
    attrs = {
        "loading": loading,
        "decoding": "async",
        "alt": image.default_alt_text if alt is None else alt,
    }
    if loading == "eager":
        attrs["fetchpriority"] = "high"
    if css_class:
        attrs["class"] = css_class
    return picture(image, kind, attrs, request=context.get("request"))


ANCHOR = re.compile(r"</?a\b[^>]*>", re.IGNORECASE)


@register.filter
def unlink(html):
    """Rich text without its links: kiosk pages must not lead out of the catalogue."""
    return mark_safe(ANCHOR.sub("", str(html)))  # noqa: S308 - removes tags from already-safe HTML
