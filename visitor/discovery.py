"""What search engines and link previews read in a public page's head.

`head_metadata(context)` looks at what the page shows (a Wagtail page, a work at a tour stop, a
tour stop's catalogue, kiosk mode) and returns the meta description, the Open Graph and Twitter
card tags, robots directives, the `x-default` alternate and the schema.org JSON-LD
(`visitor.structured_data`). `templates/visitor/head_meta.html` renders it; `base.html` includes
it through the `{% head_meta %}` tag. Every text is published and public; images are renditions
that exist (never made in the request).
"""

import unicodedata

from django.conf import settings
from django.db.models import Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from catalogue.languages import LANGUAGE_CODES, current_language
from catalogue.models import CatalogueImage, Photographer, WorkPage
from catalogue.models.translation_state import localized
from catalogue.renditions import FIRST_SPECS, SHARE_SPEC, available_renditions
from exhibition.models import ExhibitionPage, HomePage

from . import structured_data as sd
from .queries import public_stops, stop_url

# Open Graph wants language_TERRITORY; the territory where each language's readers mostly are.
OG_LOCALES = {"de": "de_DE", "zh-hans": "zh_CN", "en": "en_GB"}
# About what search result pages show before cutting: 160 columns, a Han character taking two.
DESCRIPTION_COLUMNS = 160
# Visitor addresses whose page is a tour stop's catalogue (an ExhibitionEvent of its own).
STOP_PAGES = {"venue_catalogue"}
ELLIPSIS = "…"


def columns(char):
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def truncate(text, limit=DESCRIPTION_COLUMNS):
    """`text` in one line, cut to about `limit` columns with an ellipsis: at a space for words
    written with spaces, after any character in Chinese (where a Han character counts two)."""
    text = " ".join(str(text or "").split())
    if sum(map(columns, text)) <= limit:
        return text
    used, end = columns(ELLIPSIS), 0
    for end, char in enumerate(text):  # noqa: B007 - `end` is where the limit was reached
        used += columns(char)
        if used > limit:
            break
    cut = text[:end]
    if text[end].isalnum() and columns(text[end]) == 1 and " " in cut:
        # Not inside a word of a script that separates words with spaces.
        tail = cut.rsplit(" ", 1)[1]
        if tail and all(columns(c) == 1 for c in tail):
            cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—、，；：。") + ELLIPSIS


def share_image(image, request):
    """(absolute URL, width, height) of the link-preview JPEG of `image`, else the first JPEG
    the worker makes, else None; marks the page pending while the preview JPEG is missing."""
    if image is None:
        return None
    found = available_renditions(image, [SHARE_SPEC, FIRST_SPECS[0]])
    if SHARE_SPEC not in found and request is not None:
        request.renditions_pending = True
    rendition = found.get(SHARE_SPEC) or found.get(FIRST_SPECS[0])
    if rendition is None:
        return None
    return (request.build_absolute_uri(rendition.url), rendition.width, rendition.height)


def _description(obj, *fallbacks):
    """The page's search description in the visitor's language, else the first non-empty text
    of `fallbacks` (field names, plain text of rich text), truncated."""
    for field in ("search_description", *fallbacks):
        text = sd.text_of(obj, field)
        if text:
            return truncate(text)
    return ""


def _photographer_of(work):
    parent_path = work.path[: -work.steplen]
    return Photographer.objects.filter(exhibitions__path=parent_path).first()


def _work(context, request, language, meta):
    work = context["page"]
    visit = context.get("visit")
    url = request.build_absolute_uri(work.get_url(request=request))
    share = share_image(work.image, request)
    override = localized(visit.entry, "caption_override") if visit else None
    own_caption = override and override.language == language
    # The search description first; then the caption the page shows (a venue's own, if any).
    meta["description"] = (
        _description(work)
        or (truncate(sd.plain(override.value, rich=False)) if own_caption else "")
        or _description(work, "caption", "description")
    )
    meta["title"] = sd.text_of(work, "title")
    meta["share"] = share
    meta["image_alt"] = str(work.image.default_alt_text) if work.image else ""
    meta["url"] = url
    meta["json_ld"] = [
        sd.artwork(
            work,
            url=url,
            language=language,
            photographer=_photographer_of(work),
            share=share,
            caption=override.value if own_caption else None,
        )
    ]


def _event_description(stop):
    venue, city = localized(stop.venue, "name"), localized(stop.venue, "city")
    return truncate(
        _("%(exhibition)s at %(venue)s, %(city)s, %(opening)s to %(closing)s.")
        % {
            "exhibition": sd.text_of(stop.exhibition, "title"),
            "venue": venue,
            "city": city,
            "opening": date_format(stop.opening, "DATE_FORMAT"),
            "closing": date_format(stop.closing, "DATE_FORMAT"),
        }
    )


def cover_of(exhibition):
    """The exhibition's cover image, else the picture of its first public work in catalogue
    order (link previews want a picture), else None."""
    if exhibition.cover_image_id:
        return exhibition.cover_image
    # The image alone, in one query: loading the first work itself (a page with every text in
    # three languages, its section and image) cost a stop catalogue about a tenth of its CPU.
    first = exhibition.works().exclude(image=None).values("image_id")[:1]
    return CatalogueImage.objects.filter(pk=Subquery(first)).first()


def _events(stops, request, language, image, share):
    return [
        sd.exhibition_event(
            stop,
            url=request.build_absolute_uri(stop_url(stop)),
            language=language,
            image=image,
            share=share,
            description=_event_description(stop),
        )
        for stop in stops
    ]


def _exhibition(context, request, language, meta):
    page = context["page"]
    cover = cover_of(page)
    share = share_image(cover, request)
    stops = public_stops().filter(exhibition=page)
    meta.update(
        title=sd.text_of(page, "title"),
        description=_description(page, "subtitle", "introduction"),
        share=share,
        image_alt=str(cover.default_alt_text) if cover else "",
        url=request.build_absolute_uri(page.get_url(request=request)),
        json_ld=_events(stops, request, language, cover, share),
    )


def _stop(context, request, language, meta):
    stop = context["stop"]
    cover = cover_of(stop.exhibition)
    share = share_image(cover, request)
    meta.update(
        title=_("Catalogue at %(venue)s") % {"venue": localized(stop.venue, "name")},
        description=_event_description(stop),
        share=share,
        image_alt=str(cover.default_alt_text) if cover else "",
        url=request.build_absolute_uri(stop_url(stop)),
        json_ld=_events([stop], request, language, cover, share),
    )


def head_metadata(context):
    """{'description', 'robots', 'x_default', 'og', 'json_ld'} for the page `context` renders."""
    request = context.get("request")
    language = current_language()
    meta = {
        "title": "",
        "description": "",
        "share": None,
        "image_alt": "",
        "url": "",
        "json_ld": [],
    }
    alternates = context.get("alternates") or []
    x_default = next((a["url"] for a in alternates if a["code"] == settings.LANGUAGE_CODE), "")
    kiosk = bool(context.get("kiosk"))
    page = context.get("page")
    match = getattr(request, "resolver_match", None)
    url_name = getattr(match, "url_name", "")
    if request is not None and not kiosk:
        if isinstance(page, WorkPage):
            _work(context, request, language, meta)
        elif isinstance(page, ExhibitionPage):
            _exhibition(context, request, language, meta)
        elif isinstance(page, HomePage):
            meta["title"] = sd.text_of(page, "title")
            meta["description"] = _description(page, "introduction")
            meta["url"] = request.build_absolute_uri(page.get_url(request=request))
        elif url_name in STOP_PAGES and context.get("stop") is not None:
            _stop(context, request, language, meta)
    og = None
    if meta["url"]:
        og = {
            "title": meta["title"],
            "url": meta["url"],
            "locale": OG_LOCALES[language],
            "alternates": [OG_LOCALES[c] for c in LANGUAGE_CODES if c != language],
            "image": meta["share"],
            "image_alt": meta["image_alt"],
        }
    return {
        "description": meta["description"],
        # Kiosk pages are the venue tablets' copy of the catalogue: never in search results.
        "robots": "noindex" if kiosk else "",
        "x_default": x_default,
        "og": og,
        "json_ld": [sd.json_ld_script(data) for data in meta["json_ld"]],
    }
