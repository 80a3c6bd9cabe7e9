"""LIDO 1.1 (Lightweight Information Describing Objects, ICOM-CIDOC) export of an exhibition's or a
tour stop's works: one `lido:lido` record per published work inside a `lido:lidoWrap`.

Each record holds what a label and the public catalogue show, never registrar data: object work
type (photograph, Getty AAT 300046300), titles, description and caption, inventory number
(`workID`), repository (the venue for a tour stop), edition, measurements in millimetres, the
production event (the exhibition's photographer in the role photographer, the year, the place,
the medium), for a stop the exhibition event at the venue with its dates, the credit line, the
work page as record link and the largest public JPEG as resource. Every text is written once per
language it is published in, as `xml:lang` variants `de`, `zh-Hans`, `en`; rich text becomes plain
text and control characters are removed (`texts.plain_text`).

Schema: http://www.lido-schema.org/schema/v1.1/lido-v1.1.xsd (tests/openstandards/schemas/).
Vocabulary URIs: LIDO Terminology (http://terminology.lido-schema.org/).
"""

from lxml import etree
from wagtail.models import Site

from catalogue.languages import LANGUAGE_CODES, bcp47
from catalogue.renditions import available_renditions
from exhibition.models import ExhibitionPage, TourStop

from . import iiif
from .public import absolute, exhibition_works, stop_entries, with_texts_and_renditions
from .texts import plain_text, published_texts

NS = "http://www.lido-schema.org"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{NS} http://www.lido-schema.org/schema/v1.1/lido-v1.1.xsd"
TERMS = "http://terminology.lido-schema.org/"
# Getty Art & Architecture Thesaurus: photographs (visual works).
AAT_PHOTOGRAPH = "http://vocab.getty.edu/aat/300046300"
PHOTOGRAPH = {"de": "Fotografie", "zh-Hans": "摄影作品", "en": "photograph"}
PHOTOGRAPHER_ROLE = (
    "http://vocab.getty.edu/aat/300025687",
    {"de": "Fotograf", "zh-Hans": "摄影师", "en": "photographer"},
)
PRODUCTION = (TERMS + "lido00007", {"de": "Herstellung", "zh-Hans": "制作", "en": "Production"})
EXHIBITION = (
    TERMS + "lido00225",
    {"de": "Ausstellung (Aktivität)", "zh-Hans": "展览", "en": "Exhibition (activity)"},
)
URI_ID = TERMS + "lido00099"  # identifier types: a URI,
LOCAL_ID = TERMS + "lido00100"  # a local identifier
INVENTORY_NUMBER = TERMS + "lido00113"
PERSON = TERMS + "lido00163"
PREFERRED, ALTERNATE = TERMS + "lido00169", TERMS + "lido00170"
ITEM_RECORD = TERMS + "lido00141"
SOURCE_LANGUAGE = bcp47(LANGUAGE_CODES[0])


def _q(name):
    return f"{{{NS}}}{name}"


def _attr(name):
    return f"{{{NS}}}{name}"


def sub(parent, name, text=None, lang=None, **attributes):
    """Append lido:`name` to `parent` (text already plain), with `lido:` attributes."""
    element = etree.SubElement(parent, _q(name))
    if lang:
        element.set(XML_LANG, lang)
    for key, value in attributes.items():
        element.set(_attr(key), value)
    if text is not None:
        element.text = text
    return element


def _variants(parent, name, texts, **attributes):
    """One element per language: `texts` is {BCP 47 tag: plain text}."""
    for lang, text in texts.items():
        sub(parent, name, text, lang=lang, **attributes)


def _concept(parent, name, uri, terms):
    element = sub(parent, name)
    sub(element, "conceptID", uri, type=URI_ID)
    _variants(element, "term", terms)
    return element


def _appellation(parent, name, texts):
    element = sub(parent, name)
    first = True
    for lang, text in texts.items():
        sub(element, "appellationValue", text, lang=lang, pref=PREFERRED if first else ALTERNATE)
        first = False
    return element


def _legal_body(parent, name, texts):
    body = sub(parent, name)
    _appellation(body, "legalBodyName", texts)
    return body


def _site_name():
    site = Site.objects.filter(is_default_site=True).first()
    return plain_text(site.site_name if site and site.site_name else "Leporello")


def _measurements(parent, work):
    sizes = [
        ("image", work.image_width_mm, work.image_height_mm, None),
        ("sheet", work.sheet_width_mm, work.sheet_height_mm, None),
        ("frame", work.frame_width_mm, work.frame_height_mm, work.frame_depth_mm),
    ]
    sizes = [s for s in sizes if s[1] and s[2]]
    if not sizes:
        return
    wrap = sub(parent, "objectMeasurementsWrap")
    for extent, width, height, depth in sizes:
        measurement_set = sub(wrap, "objectMeasurementsSet")
        shown = " × ".join(str(v) for v in (width, height, depth) if v) + " mm"
        sub(measurement_set, "displayObjectMeasurements", f"{extent}: {shown}")
        measurements = sub(measurement_set, "objectMeasurements")
        for kind, value in (("width", width), ("height", height), ("depth", depth)):
            if value:
                one = sub(measurements, "measurementsSet")
                sub(one, "measurementType", kind, lang="en")
                sub(one, "measurementUnit", "mm", lang="en")
                sub(one, "measurementValue", str(value))
        sub(measurements, "extentMeasurements", extent, lang="en")


def _production(wrap, work, exhibition):
    event_set = sub(wrap, "eventSet")
    event = sub(event_set, "event")
    _concept(event, "eventType", *PRODUCTION)
    photographer = exhibition.photographer if exhibition.photographer_id else None
    if photographer is not None:
        names = published_texts(photographer, "name")
        actor_wrap = sub(event, "eventActor")
        sub(
            actor_wrap,
            "displayActorInRole",
            names.get(SOURCE_LANGUAGE) or next(iter(names.values()), ""),
        )
        in_role = sub(actor_wrap, "actorInRole")
        actor = sub(in_role, "actor", type=PERSON)
        sub(
            actor,
            "actorID",
            f"leporello:photographer:{photographer.pk}",
            type=LOCAL_ID,
            source="Leporello",
        )
        _appellation(actor, "nameActorSet", names)
        _concept(in_role, "roleActor", *PHOTOGRAPHER_ROLE)
    if work.year:
        event_date = sub(event, "eventDate")
        sub(event_date, "displayDate", str(work.year))
        date = sub(event_date, "date")
        sub(date, "earliestDate", f"{work.year:04d}")
        sub(date, "latestDate", f"{work.year:04d}")
    places = published_texts(work, "place_name")
    if places:
        place = sub(event, "eventPlace")
        _variants(place, "displayPlace", places)
    media = published_texts(work, "medium")
    if media:
        tech = sub(event, "eventMaterialsTech")
        _variants(tech, "displayMaterialsTech", media)


def _exhibition_event(wrap, stop):
    event_set = sub(wrap, "eventSet")
    event = sub(event_set, "event")
    sub(event, "eventID", f"leporello:tourstop:{stop.slug}", type=LOCAL_ID, source="Leporello")
    _concept(event, "eventType", *EXHIBITION)
    _appellation(event, "eventName", published_texts(stop.exhibition, "title"))
    event_date = sub(event, "eventDate")
    sub(event_date, "displayDate", f"{stop.opening.isoformat()} – {stop.closing.isoformat()}")
    date = sub(event_date, "date")
    sub(date, "earliestDate", stop.opening.isoformat())
    sub(date, "latestDate", stop.closing.isoformat())
    place = sub(event, "eventPlace")
    venue = stop.venue
    _variants(
        place,
        "displayPlace",
        {
            lang: ", ".join(t for t in (name, published_texts(venue, "city").get(lang, "")) if t)
            for lang, name in published_texts(venue, "name").items()
        },
    )


def work_record(root, work, exhibition, base, stop=None, entry=None, source="Leporello"):
    """Append the lido:lido record of one published work to `root` (a lido:lidoWrap)."""
    record = sub(root, "lido")
    sub(record, "lidoRecID", f"leporello:work:{work.pk}", type=LOCAL_ID, source="Leporello")
    descriptive = sub(record, "descriptiveMetadata", lang=SOURCE_LANGUAGE)
    classification = sub(descriptive, "objectClassificationWrap")
    work_types = sub(classification, "objectWorkTypeWrap")
    _concept(work_types, "objectWorkType", AAT_PHOTOGRAPH, PHOTOGRAPH)

    identification = sub(descriptive, "objectIdentificationWrap")
    titles = sub(identification, "titleWrap")
    title_set = sub(titles, "titleSet")
    first = True
    for lang, text in published_texts(work, "title").items():
        sub(title_set, "appellationValue", text, lang=lang, pref=PREFERRED if first else ALTERNATE)
        first = False
    repository = sub(identification, "repositoryWrap")
    repository_set = sub(repository, "repositorySet")
    if stop is not None:
        _legal_body(repository_set, "repositoryName", published_texts(stop.venue, "name"))
    if work.inventory_number:
        sub(repository_set, "workID", plain_text(work.inventory_number), type=INVENTORY_NUMBER)
    if work.edition:
        edition = sub(identification, "displayStateEditionWrap")
        sub(edition, "displayEdition", work.edition)
    caption = published_texts(entry, "caption_override") if entry is not None else {}
    caption = caption or published_texts(work, "caption")
    descriptions = [t for t in (caption, published_texts(work, "description")) if t]
    if descriptions:
        description_wrap = sub(identification, "objectDescriptionWrap")
        for texts in descriptions:
            description_set = sub(description_wrap, "objectDescriptionSet")
            _variants(description_set, "descriptiveNoteValue", texts)
    _measurements(identification, work)

    events = sub(descriptive, "eventWrap")
    _production(events, work, exhibition)
    if stop is not None:
        _exhibition_event(events, stop)

    administrative = sub(record, "administrativeMetadata", lang=SOURCE_LANGUAGE)
    credit = published_texts(entry, "credit_line_override") if entry is not None else {}
    credit = credit or published_texts(work, "credit_line")
    if credit:
        rights = sub(administrative, "rightsWorkWrap")
        rights_set = sub(rights, "rightsWorkSet")
        _variants(rights_set, "creditLine", credit)
    record_wrap = sub(administrative, "recordWrap")
    sub(record_wrap, "recordID", f"leporello:work:{work.pk}", type=LOCAL_ID)
    _concept(record_wrap, "recordType", ITEM_RECORD, {"en": "item"})
    _legal_body(record_wrap, "recordSource", {None: source})
    info = sub(record_wrap, "recordInfoSet")
    url = work.get_url()
    if url:
        sub(info, "recordInfoLink", absolute(url, base), formatResource="text/html")
    _resource(administrative, work, base)
    return record


def _resource(administrative, work, base):
    image = work.image
    if image is None:
        return
    found = available_renditions(image, iiif.BODY_SPECS)
    if not found:
        return
    rendition = next(iter(found.values()))
    wrap = sub(administrative, "resourceWrap")
    resource_set = sub(wrap, "resourceSet")
    representation = sub(resource_set, "resourceRepresentation")
    sub(representation, "linkResource", absolute(rendition.url, base), formatResource="image/jpeg")
    _concept(
        resource_set,
        "resourceType",
        "http://vocab.getty.edu/aat/300215302",
        {"en": "digital image"},
    )
    rights = [v for v in (image.photographer_credit, image.copyright) if v]
    if rights:
        resource_rights = sub(resource_set, "rightsResource")
        sub(resource_rights, "creditLine", plain_text(" · ".join(rights)))


def export(target, base):
    """The LIDO document (bytes, UTF-8 XML) of `target`: an ExhibitionPage or a TourStop."""
    root = etree.Element(_q("lidoWrap"), nsmap={"lido": NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    source = _site_name()
    if isinstance(target, TourStop):
        entries = with_texts_and_renditions(stop_entries(target), iiif.BODY_SPECS, "work__")
        for entry in entries:
            entry.tour_stop = target
            work_record(root, entry.work, target.exhibition, base, target, entry, source)
    elif isinstance(target, ExhibitionPage):
        for work in with_texts_and_renditions(exhibition_works(target), iiif.BODY_SPECS):
            work_record(root, work, target, base, source=source)
    else:
        raise TypeError(f"LIDO exports an exhibition or a tour stop, not {type(target).__name__}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
