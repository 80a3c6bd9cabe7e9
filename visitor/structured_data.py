"""schema.org JSON-LD for public pages: a work (VisualArtwork) and a tour stop (ExhibitionEvent).

Builders return plain dicts in the visitor's language; `json_ld_script` turns them into the body
of a `<script type="application/ld+json">` that no text can break out of. Only what the page
itself shows goes in (published texts through `catalogue.models.translation_state.localized`, public renditions),
never registrar data. Which fields Google's rich results ask for, and the test that checks them
against the schema.org context offline: tests/visitor/test_structured_data.py.
"""

import json

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from wagtail.fields import RichTextField
from wagtail.rich_text import get_text_for_indexing

from catalogue.languages import bcp47
from catalogue.models.translation_state import localized

SCHEMA_ORG = "https://schema.org"
# UN/CEFACT common codes, as schema.org's unitCode asks for: millimetre, centimetre.
UNIT_CODES = {"mm": "MMT", "cm": "CMT"}
# TourStop.status -> schema.org EventStatusType (cancelled stops are never public, but a
# builder given one must not call it scheduled).
EVENT_STATUS = {"cancelled": "EventCancelled"}
# Characters that could end the script element or start a comment inside it, as JSON escapes
# (the same set as Django's json_script).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """`data` as JSON for a `<script type="application/ld+json">` element: UTF-8 kept readable,
    `<`, `>` and `&` escaped so a title such as `</script><script>…` stays text. Returns str."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.translate(_SCRIPT_ESCAPES)


def plain(value, rich=True):
    """`value` in one line; rich text as plain text (tags dropped, entities decoded). A plain
    text field keeps its characters: "<" in a title is text, not markup."""
    value = str(value or "")
    return " ".join((get_text_for_indexing(value) if rich else value).split())


def is_rich(obj, field):
    try:
        return isinstance(obj._meta.get_field(field), RichTextField)
    except FieldDoesNotExist:
        return False


def text_of(obj, field):
    """A translated field of `obj` in the visitor's language (or its fallback), in one line."""
    if obj is None:
        return ""
    return plain(localized(obj, field).value, rich=is_rich(obj, field))


def _compact(data):
    """Leave out empty values: schema.org has no use for "" or an empty list."""
    return {k: v for k, v in data.items() if v not in ("", None, [], {})}


def quantity(value, unit="mm"):
    """A measurement as a schema.org QuantitativeValue, e.g. 600 mm -> unitCode MMT."""
    if not value:
        return None
    return {"@type": "QuantitativeValue", "value": value, "unitCode": UNIT_CODES[unit]}


def person(photographer):
    if photographer is None:
        return None
    return _compact(
        {
            "@type": "Person",
            "name": text_of(photographer, "name") or photographer.name,
            "url": photographer.website,
        }
    )


def image_object(image, share, creator=None):
    """The picture a page shows as ImageObject, with the rights data Google's image metadata asks
    for where the image has it (credit, copyright). `share` is (absolute URL, width, height)."""
    if image is None or share is None:
        return None
    url, width, height = share
    return _compact(
        {
            "@type": "ImageObject",
            "contentUrl": url,
            "url": url,
            "width": width,
            "height": height,
            "caption": str(image.default_alt_text),
            "creator": creator,
            "creditText": image.photographer_credit,
            "copyrightNotice": image.copyright,
        }
    )


def artwork(work, *, url, language, photographer=None, share=None, caption=None):
    """A photograph as schema.org VisualArtwork (artform: photograph) in `language`.

    `url` is the work's own absolute address, `share` its preview picture (see image_object),
    `caption` the text the page shows (a venue's override) instead of the work's caption.
    """
    creator = person(photographer)
    place = text_of(work, "place_name")
    return _compact(
        {
            "@context": SCHEMA_ORG,
            "@type": "VisualArtwork",
            "@id": url,
            "url": url,
            "name": text_of(work, "title"),
            "description": plain(caption, rich=False) if caption else text_of(work, "caption"),
            "inLanguage": bcp47(language),
            "artform": _("Photograph"),
            "creator": creator,
            "dateCreated": str(work.year) if work.year else "",
            "artMedium": text_of(work, "medium"),
            "width": quantity(work.image_width_mm),
            "height": quantity(work.image_height_mm),
            "locationCreated": {"@type": "Place", "name": place} if place else None,
            "identifier": work.inventory_number or "",
            "creditText": text_of(work, "credit_line"),
            "image": image_object(work.image, share, creator),
        }
    )


def place(venue):
    """A venue as schema.org Place with its postal address (lines of the address joined)."""
    lines = str(localized(venue, "address")).splitlines()
    address = ", ".join(line.strip() for line in lines if line.strip())
    return _compact(
        {
            "@type": "Place",
            "name": text_of(venue, "name"),
            "url": venue.website,
            "address": _compact(
                {
                    "@type": "PostalAddress",
                    "streetAddress": address,
                    "addressLocality": text_of(venue, "city"),
                    "addressCountry": venue.country,
                }
            ),
        }
    )


def organizer():
    """The organisation behind the tour, when the site names one (LEPORELLO_ORGANIZER_NAME)."""
    name = settings.LEPORELLO_ORGANIZER_NAME
    if not name:
        return None
    return _compact(
        {"@type": "Organization", "name": name, "url": settings.LEPORELLO_ORGANIZER_URL}
    )


def exhibition_event(stop, *, url, language, image=None, share=None, description=""):
    """A tour stop as schema.org ExhibitionEvent: the exhibition's title, the venue, the public
    dates (opening to closing, venue dates without time), its status, `image` as picture."""
    exhibition = stop.exhibition
    status = EVENT_STATUS.get(stop.status, "EventScheduled")
    return _compact(
        {
            "@context": SCHEMA_ORG,
            "@type": "ExhibitionEvent",
            "@id": url,
            "url": url,
            "name": text_of(exhibition, "title"),
            "description": description or text_of(exhibition, "subtitle"),
            "inLanguage": bcp47(language),
            "startDate": stop.opening.isoformat(),
            "endDate": stop.closing.isoformat(),
            "eventStatus": f"{SCHEMA_ORG}/{status}",
            "eventAttendanceMode": f"{SCHEMA_ORG}/OfflineEventAttendanceMode",
            "location": place(stop.venue),
            "organizer": organizer(),
            "image": image_object(image, share) if image else None,
        }
    )
