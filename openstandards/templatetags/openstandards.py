"""The <link rel="alternate"> from a public page to its IIIF manifest or collection."""

from django import template
from django.utils.html import format_html

from catalogue.models import WorkPage
from exhibition.models import ExhibitionPage

from .. import iiif
from ..public import base_url

register = template.Library()

# Visitor views that show one tour stop's catalogue (the stop's collection is their alternate).
STOP_PAGES = {"venue_catalogue", "kiosk_catalogue"}


def alternate_path(context):
    """The IIIF address of what the page in `context` shows, or None."""
    page = context.get("page")
    if isinstance(page, WorkPage | ExhibitionPage) and page.live:
        if isinstance(page, WorkPage):
            return iiif.manifest_path(page)
        return iiif.exhibition_path(page)
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    stop = context.get("stop")
    if stop is not None and match is not None and match.url_name in STOP_PAGES:
        return iiif.stop_path(stop)
    return None


@register.simple_tag(takes_context=True)
def iiif_alternate_link(context):
    path = alternate_path(context)
    if path is None:
        return ""
    return format_html(
        '<link rel="alternate" type="{}" href="{}">',
        iiif.MEDIA_TYPE,
        base_url(context.get("request")) + path,
    )
