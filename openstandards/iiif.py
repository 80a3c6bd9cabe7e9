"""IIIF Presentation API 3.0 documents: a Manifest per published work, a Collection per exhibition
and per tour stop (https://iiif.io/api/presentation/3.0/).

Shapes (every `id` absolute, from `public.base_url`):

- Manifest `/iiif/work/<page id>/manifest.json`: label (title), summary (short caption),
  metadata (photographer, year, place, medium, dimensions in mm, edition, inventory number,
  section, exhibition, copyright), requiredStatement (credit line), thumbnail, homepage (the work
  page in each language), one Canvas at the web master's pixel size painted with the largest
  public JPEG rendition, whose image service is the static IIIF Image API 3 level 0 tile set
  (`catalogue.tiles`) when the tiles exist.
- Collection `/iiif/exhibition/<slug>/collection.json`: the exhibition's works in catalogue order.
- Collection `/iiif/stop/<slug>/collection.json`: a tour stop's works in hanging order, withdrawn
  works left out.

Texts are language maps keyed `de`, `zh-Hans`, `en` with the texts the site publishes in each
(`texts.published_texts`); a language without a text is left out rather than filled with another.
No `rights`: works carry no licence field (README, "IIIF"). Built as plain dicts and checked in
the tests against the IIIF presentation validator's JSON Schema.
"""

from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from catalogue.languages import LANGUAGE_CODES, bcp47
from catalogue.models import CatalogueImage, DeepZoom, WorkPage
from catalogue.models.translation_state import localized
from catalogue.renditions import MAIN_WIDTHS, ZOOM_SPEC, available_renditions
from catalogue.tiles import service_id
from exhibition.models import ExhibitionPage, TourStop, Venue

from .public import absolute, exhibition_works, stop_entries, with_texts_and_renditions
from .texts import interface_texts, plain_text, published_texts

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
# Content-Type of the documents, and the type of the <link rel="alternate"> pages carry to them.
MEDIA_TYPE = f'application/ld+json;profile="{CONTEXT}"'
# The painting image: the zoom dialog's 2732 px JPEG, else the largest main JPEG.
BODY_SPECS = [ZOOM_SPEC, *(f"width-{w}|format-jpeg" for w in sorted(MAIN_WIDTHS, reverse=True))]
THUMBNAIL_SPECS = ["fill-640x480|format-jpeg", "fill-320x240|format-jpeg"]


def manifest_path(work):
    return reverse("openstandards:work_manifest", kwargs={"pk": work.pk})


def exhibition_path(exhibition):
    return reverse("openstandards:exhibition_collection", kwargs={"slug": exhibition.slug})


def stop_path(stop):
    return reverse("openstandards:stop_collection", kwargs={"slug": stop.slug})


def _label(model, field):
    """A field's verbose name (capitalised) in every language, as a IIIF label."""
    return {
        k: [capfirst(v)]
        for k, v in interface_texts(model._meta.get_field(field).verbose_name).items()
    }


def _verbose(model):
    """A model's verbose name (capitalised) in every language, as a IIIF label."""
    return {k: [capfirst(v)] for k, v in interface_texts(model._meta.verbose_name).items()}


def _map(texts):
    """{lang: text} as a IIIF language map {lang: [text]}."""
    return {lang: [text] for lang, text in texts.items() if text}


def _none(value):
    return {"none": [str(value)]}


def _pair(label, value):
    return {"label": label, "value": value}


def _composed(parts):
    """A label made of several translated fields, per language (each part in the language or its
    fallback): e.g. exhibition title, venue and city of a stop."""
    result = {}
    for code in LANGUAGE_CODES:
        texts = [plain_text(localized(obj, field, code)) for obj, field in parts]
        result[bcp47(code)] = [" – ".join(t for t in texts if t)]
    return result


def _homepage(page, base):
    homes = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            url = page.get_url()
        if url:
            homes.append(
                {
                    "id": absolute(url, base),
                    "type": "Text",
                    "label": _map({bcp47(code): plain_text(localized(page, "title", code))}),
                    "format": "text/html",
                    "language": [bcp47(code)],
                }
            )
    return homes


def _image(rendition, base, kind="Image"):
    return {
        "id": absolute(rendition.url, base),
        "type": kind,
        "format": "image/jpeg",
        "width": rendition.width,
        "height": rendition.height,
    }


def thumbnail(image, base):
    """[IIIF Image resource] of an image's thumbnail rendition, or [] when none exists yet."""
    if image is None:
        return []
    found = available_renditions(image, THUMBNAIL_SPECS)
    return [_image(r, base) for r in found.values()][:1]


def image_service(image):
    """The IIIF Image API 3 level 0 service of an image's deep-zoom tiles, or None."""
    zoom = DeepZoom.objects.filter(image=image).first()
    if zoom is None or zoom.source_hash != (image.file_hash or ""):
        return None
    return {"id": service_id(image.pk), "type": "ImageService3", "profile": "level0"}


def _metadata(work, exhibition):
    rows = []
    if exhibition is not None and exhibition.photographer_id:
        names = published_texts(exhibition.photographer, "name")
        rows.append(_pair(_label(ExhibitionPage, "photographer"), _map(names)))
    if work.year:
        rows.append(_pair(_label(WorkPage, "year"), _none(work.year)))
    for field in ("place_name", "medium"):
        texts = published_texts(work, field)
        if texts:
            rows.append(_pair(_label(WorkPage, field), _map(texts)))
    if work.image_size:
        heading = interface_texts(_("Dimensions in millimetres (width × height)"))
        rows.append(_pair(_map(heading), _none(work.image_size)))
    if work.edition:
        rows.append(_pair(_map(interface_texts(_("Edition"))), _none(work.edition)))
    if work.inventory_number:
        rows.append(_pair(_label(WorkPage, "inventory_number"), _none(work.inventory_number)))
    if work.section_id:
        rows.append(
            _pair(_label(WorkPage, "section"), _map(published_texts(work.section, "title")))
        )
    if exhibition is not None:
        rows.append(_pair(_verbose(ExhibitionPage), _map(published_texts(exhibition, "title"))))
    image = work.image
    rights = [
        v for v in (getattr(image, "photographer_credit", ""), getattr(image, "copyright", "")) if v
    ]
    if rights:
        rows.append(_pair(_label(CatalogueImage, "copyright"), _none(" · ".join(rights))))
    return [row for row in rows if row["value"]]


def work_manifest(work, base):
    """The Manifest (a dict) of a published work; `base` is the site's address (no slash)."""
    exhibition = work.get_parent().specific if work.depth > 1 else None
    if not isinstance(exhibition, ExhibitionPage):
        exhibition = None
    manifest_id = base + manifest_path(work)
    manifest = {
        "@context": CONTEXT,
        "id": manifest_id,
        "type": "Manifest",
        "label": _map(published_texts(work, "title")),
    }
    summary = _map(published_texts(work, "caption"))
    if summary:
        manifest["summary"] = summary
    manifest["metadata"] = _metadata(work, exhibition)
    credit = _map(published_texts(work, "credit_line"))
    if credit:
        manifest["requiredStatement"] = _pair(_label(WorkPage, "credit_line"), credit)
    thumbs = thumbnail(work.image, base)
    if thumbs:
        manifest["thumbnail"] = thumbs
    if work.year:
        manifest["navDate"] = f"{work.year:04d}-01-01T00:00:00Z"
    manifest["homepage"] = _homepage(work, base)
    if exhibition is not None:
        manifest["partOf"] = [{"id": base + exhibition_path(exhibition), "type": "Collection"}]
    manifest["items"] = [_canvas(work, manifest_id, base)]
    return manifest


def _canvas(work, manifest_id, base):
    image = work.image
    canvas_id = f"{manifest_id.removesuffix('/manifest.json')}/canvas/1"
    canvas = {
        "id": canvas_id,
        "type": "Canvas",
        "label": _map(published_texts(work, "title")),
        "width": (image.width if image else 0) or 1,
        "height": (image.height if image else 0) or 1,
        "items": [],
    }
    found = available_renditions(image, BODY_SPECS) if image is not None else {}
    if not found:
        return canvas  # no image yet: an empty canvas at the photograph's proportions
    body = _image(next(iter(found.values())), base)
    service = image_service(image)
    if service:
        body["service"] = [service]
    canvas["items"] = [
        {
            "id": f"{canvas_id}/page/1",
            "type": "AnnotationPage",
            "items": [
                {
                    "id": f"{canvas_id}/page/1/image",
                    "type": "Annotation",
                    "motivation": "painting",
                    "body": body,
                    "target": canvas_id,
                }
            ],
        }
    ]
    thumbs = thumbnail(image, base)
    if thumbs:
        canvas["thumbnail"] = thumbs
    return canvas


def _manifest_reference(work, base):
    reference = {
        "id": base + manifest_path(work),
        "type": "Manifest",
        "label": _map(published_texts(work, "title")),
    }
    thumbs = thumbnail(work.image, base)
    if thumbs:
        reference["thumbnail"] = thumbs
    return reference


def exhibition_collection(exhibition, base):
    """The Collection (a dict) of a published exhibition: its works in catalogue order."""
    collection = {
        "@context": CONTEXT,
        "id": base + exhibition_path(exhibition),
        "type": "Collection",
        "label": _map(published_texts(exhibition, "title")),
    }
    summary = _map(published_texts(exhibition, "subtitle"))
    if summary:
        collection["summary"] = summary
    credit = _photographer(exhibition)
    if credit:
        collection["metadata"] = [credit]
        collection["requiredStatement"] = credit
    thumbs = thumbnail(exhibition.cover_image, base)
    if thumbs:
        collection["thumbnail"] = thumbs
    collection["homepage"] = _homepage(exhibition, base)
    works = with_texts_and_renditions(exhibition_works(exhibition), THUMBNAIL_SPECS)
    collection["items"] = [_manifest_reference(w, base) for w in works]
    return collection


def _photographer(exhibition):
    """{label, value} naming the exhibition's photographer, or None. Also the collections'
    requiredStatement: Mirador 3.4 fails on a collection without one."""
    if not exhibition.photographer_id:
        return None
    names = _map(published_texts(exhibition.photographer, "name"))
    return _pair(_label(ExhibitionPage, "photographer"), names) if names else None


def _dates(stop):
    result = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            result[bcp47(code)] = [f"{date_format(stop.opening)} – {date_format(stop.closing)}"]
    return result


def stop_collection(stop, base):
    """The Collection (a dict) of a tour stop: its public works in hanging order."""
    venue, exhibition = stop.venue, stop.exhibition
    collection = {
        "@context": CONTEXT,
        "id": base + stop_path(stop),
        "type": "Collection",
        "label": _composed([(exhibition, "title"), (venue, "name")]),
        "summary": _dates(stop),
        "metadata": [
            _pair(_verbose(Venue), _map(published_texts(venue, "name"))),
            _pair(_label(Venue, "city"), _map(published_texts(venue, "city"))),
            _pair(_label(TourStop, "opening"), _none(stop.opening.isoformat())),
            _pair(_label(TourStop, "closing"), _none(stop.closing.isoformat())),
        ],
        "navDate": f"{stop.opening.isoformat()}T00:00:00Z",
        **({"requiredStatement": credit} if (credit := _photographer(exhibition)) else {}),
        "homepage": [],
        "partOf": [{"id": base + exhibition_path(exhibition), "type": "Collection"}],
    }
    for code in LANGUAGE_CODES:
        with translation.override(code):
            url = reverse("visitor:venue_catalogue", kwargs={"stop": stop.slug})
        collection["homepage"].append(
            {
                "id": absolute(url, base),
                "type": "Text",
                "label": {bcp47(code): collection["label"][bcp47(code)]},
                "format": "text/html",
                "language": [bcp47(code)],
            }
        )
    entries = with_texts_and_renditions(stop_entries(stop), THUMBNAIL_SPECS, prefix="work__")
    collection["items"] = [_manifest_reference(e.work, base) for e in entries]
    return collection
