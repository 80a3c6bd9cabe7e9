import logging
import re

from django import template
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from catalogue.languages import LocalizedText, current_language, is_blank, raw_value

from ..pictures import picture_html, zoom_of
from ..queries import current_or_next, default_stop_for, public_stops, stop_status, visit_for

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag(takes_context=True)
def picture_of(context, image, kind, loading="lazy", css_class="", alt=None):
    """<picture> with AVIF, WebP and JPEG sources at the pre-generated widths, and width/height;
    only renditions that exist (visitor.pictures), never one made in the request."""
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
    return picture_html(image, kind, attrs, request=context.get("request"))


@register.simple_tag
def zoom_of_image(image):
    """{'iiif': info.json URL or '', 'src': large JPEG URL or ''} for the zoom dialog."""
    return zoom_of(image)


@register.simple_tag
def visit_of(page, visit=None):
    """The Visit a work page shows (prev/next in hanging order): given by the view, else the
    stop where the work hangs now or next."""
    if visit:
        return visit
    stop = default_stop_for(page)
    return visit_for(stop, page) if stop else None


@register.simple_tag
def exhibition_stops(exhibition):
    """(highlighted stop, its status, all stops) for an exhibition page."""
    stops = list(public_stops().filter(exhibition=exhibition))
    stop = current_or_next(stops)
    return {"stop": stop, "status": stop_status(stop) if stop else "", "all": stops}


@register.simple_tag
def stop_dates(stop):
    """Opening – closing, formatted in the visitor's language."""
    return _("%(opening)s – %(closing)s") % {
        "opening": date_format(stop.opening, "DATE_FORMAT"),
        "closing": date_format(stop.closing, "DATE_FORMAT"),
    }


ANCHOR = re.compile(r"</?a\b[^>]*>", re.IGNORECASE)


@register.filter
def unlink(html):
    """Rich text without its links: kiosk pages must not lead out of the catalogue."""
    return mark_safe(ANCHOR.sub("", str(html)))  # noqa: S308 - removes tags from already-safe HTML


@register.filter
def visit_url_of(visit, work):
    """Where a counterpart link goes from a work seen at a stop: the counterpart at the same stop,
    else (outside kiosk mode) its own page; in kiosk mode no link leaves the stop."""
    url = visit.url_of_work(work)
    if url or visit.kiosk:
        return url
    return work.get_url()


@register.simple_tag
def venue_override(entry, field):
    """A venue's override of a text, only where it exists in the visitor's own language (else the
    work's own text, with its usual fallbacks, is the better choice)."""
    if not entry:
        return None
    code = current_language()
    value = raw_value(entry, field, code)
    if is_blank(value):
        return None
    return LocalizedText(value=value, language=code, requested=code)
