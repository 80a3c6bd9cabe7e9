"""schema.org JSON-LD on work, exhibition and tour stop pages: expanded offline with pyld against
the shipped schema.org context (tests/visitor/schemaorg/), checked for the fields Google's rich
results ask for, and unbreakable by hostile titles."""

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pyld import jsonld

from catalogue.models import WorkPage
from catalogue.renditions import make_renditions_task
from exhibition.models import TourStop
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import name_as_in_demo, rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """BL-J-01 … BL-J-05 (label 105 in Chongqing; one shared picture with its renditions) by the
    demo's photographer, with the demo's German medium."""
    image = ImageFactory()
    make_renditions_task.call(image.pk)
    return name_as_in_demo(
        rhine_and_yangtze_tour(
            tuple(f"BL-J-{i:02d}" for i in range(1, 6)),
            image=image,
            medium_de="Archivpigmentdruck auf Barytpapier",
        )
    )


CONTEXT = json.loads((Path(__file__).parent / "schemaorg" / "schemaorgcontext.jsonld").read_text())
CONTEXT_URLS = {
    "https://schema.org",
    "http://schema.org",
    "https://schema.org/docs/jsonldcontext.jsonld",
}
TERMS = {term for term in CONTEXT["@context"] if not term.startswith("@")}
SCHEMA = "http://schema.org/"
WORK = "/{lang}/flusslandschaften/bl-j-05/"
WORK_AT_STOP = "/{lang}/stops/chongqing-2024/105/"
STOP = "/{lang}/stops/chongqing-2024/"
EXHIBITION = "/{lang}/flusslandschaften/"

# What Google's rich results ask for (Google Search Central, "Event (Event) structured data",
# developers.google.com/search/docs/appearance/structured-data/event, and "Image metadata in
# Google Images", .../structured-data/image-license-metadata), as read in November 2026.
EVENT_REQUIRED = ("name", "startDate", "location")
EVENT_PLACE_REQUIRED = ("address",)
# Recommended, and present here because the data exists (offers, performer: no data).
EVENT_RECOMMENDED = ("description", "endDate", "eventStatus", "eventAttendanceMode", "image")
IMAGE_REQUIRED = ("contentUrl",)
IMAGE_ONE_OF = ("creator", "creditText", "copyrightNotice", "license")
# What the issue asks of a work (schema.org VisualArtwork; Google has no rich result for it).
ARTWORK_FIELDS = (
    "name",
    "creator",
    "dateCreated",
    "artMedium",
    "width",
    "height",
    "image",
    "inLanguage",
    "url",
)


def offline_loader(url, options=None):
    """pyld document loader: schema.org's context from the shipped file, nothing else."""
    if url.rstrip("/") in CONTEXT_URLS:
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": CONTEXT,
        }
    raise AssertionError(f"JSON-LD asked for {url}: only schema.org's context may be loaded")


def blocks(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    page = BeautifulSoup(response.content, "html.parser")
    return [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]


def expand(document):
    return jsonld.expand(document, {"documentLoader": offline_loader})


def unknown_terms(expanded):
    """Property and type IRIs that are not schema.org terms (typos, made-up names)."""
    found = []
    if isinstance(expanded, list):
        for item in expanded:
            found += unknown_terms(item)
    elif isinstance(expanded, dict):
        for key, value in expanded.items():
            if key == "@type":
                types = [value] if isinstance(value, str) else value
                found += [t for t in types if t.removeprefix(SCHEMA) not in TERMS]
            elif not key.startswith("@"):
                if not (key.startswith(SCHEMA) and key.removeprefix(SCHEMA) in TERMS):
                    found.append(key)
                found += unknown_terms(value)
    return found


@pytest.mark.parametrize("lang", ["de", "zh-hans", "en"])
@pytest.mark.parametrize("address", [WORK, WORK_AT_STOP, STOP, EXHIBITION])
def test_json_ld_expands_offline_to_schema_org_terms_only(client, lang, address):
    documents = blocks(client, address.format(lang=lang))
    assert documents
    for document in documents:
        expanded = expand(document)
        assert len(expanded) == 1
        assert unknown_terms(expanded) == []


@pytest.mark.parametrize(
    ("lang", "language", "medium"),
    [
        ("de", "de", "Archivpigmentdruck auf Barytpapier"),
        ("zh-hans", "zh-Hans", None),
        ("en", "en", None),
    ],
)
def test_a_work_is_a_visual_artwork_with_its_facts(client, lang, language, medium):
    work = WorkPage.objects.get(inventory_number="BL-J-05")
    for address in (WORK, WORK_AT_STOP):
        [artwork] = blocks(client, address.format(lang=lang))
        assert artwork["@type"] == "VisualArtwork"
        assert [f for f in ARTWORK_FIELDS if not artwork.get(f)] == []
        assert artwork["inLanguage"] == language
        # Both addresses describe the work at its own (canonical) address.
        assert artwork["url"].endswith(WORK.format(lang=lang))
        assert artwork["creator"] == {"@type": "Person", "name": artwork["creator"]["name"]}
        assert artwork["dateCreated"] == str(work.year)
        assert artwork["width"] == {
            "@type": "QuantitativeValue",
            "value": work.image_width_mm,
            "unitCode": "MMT",
        }
        assert artwork["height"]["value"] == work.image_height_mm
        assert artwork["identifier"] == "BL-J-05"
        if medium:
            assert artwork["artMedium"] == medium
    assert artwork["name"] == getattr(work, f"title_{lang.replace('-', '_')}")
    expanded = expand(artwork)[0]
    # The measurements are numbers with the UN/CEFACT unit code, as schema.org expects.
    width = expanded[SCHEMA + "width"][0]
    assert width[SCHEMA + "unitCode"][0]["@value"] == "MMT"
    assert width[SCHEMA + "value"][0]["@value"] == work.image_width_mm


def test_the_image_carries_what_google_image_metadata_asks_for(client):
    work = WorkPage.objects.get(inventory_number="BL-J-05")
    [artwork] = blocks(client, WORK.format(lang="en"))
    image = artwork["image"]
    assert [f for f in IMAGE_REQUIRED if not image.get(f)] == []
    assert any(image.get(f) for f in IMAGE_ONE_OF)
    assert image["creditText"] == work.image.photographer_credit
    assert image["copyrightNotice"] == work.image.copyright
    assert image["creator"]["name"] == "Bernard Langerock"
    assert image["contentUrl"].startswith("http://testserver/media/images/")
    assert image["width"] <= 1200 and image["height"] <= 1200


@pytest.mark.parametrize("lang", ["de", "zh-hans", "en"])
def test_a_tour_stop_is_an_exhibition_event_with_what_google_asks_for(client, lang):
    stop = TourStop.objects.select_related("venue").get(slug="chongqing-2024")
    [event] = blocks(client, STOP.format(lang=lang))
    assert event["@type"] == "ExhibitionEvent"
    assert [f for f in EVENT_REQUIRED + EVENT_RECOMMENDED if not event.get(f)] == []
    assert [f for f in EVENT_PLACE_REQUIRED if not event["location"].get(f)] == []
    assert event["startDate"] == stop.opening.isoformat() == "2024-10-16"
    assert event["endDate"] == "2025-01-12"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    address = event["location"]["address"]
    assert address["addressCountry"] == "CN"
    assert address["addressLocality"] == getattr(stop.venue, f"city_{lang.replace('-', '_')}")
    assert event["location"]["name"] == getattr(stop.venue, f"name_{lang.replace('-', '_')}")
    assert event["url"].endswith(STOP.format(lang=lang))
    assert event["image"]["contentUrl"].startswith("http://testserver/media/images/")
    # No organizer unless the site names one.
    assert "organizer" not in event


def test_the_exhibition_page_lists_an_event_per_tour_stop_and_names_the_organizer(client, settings):
    settings.LEPORELLO_ORGANIZER_NAME = "Kulturamt Beispielstadt"
    settings.LEPORELLO_ORGANIZER_URL = "https://kultur.example.org/"
    events = blocks(client, EXHIBITION.format(lang="de"))
    assert [e["url"].rsplit("/stops/", 1)[1] for e in events] == [
        "duesseldorf-2024/",
        "chongqing-2024/",
    ]
    assert events[0]["location"]["address"]["streetAddress"] == (
        "Beispielstraße 1, 40213 Düsseldorf"
    )
    assert events[0]["organizer"] == {
        "@type": "Organization",
        "name": "Kulturamt Beispielstadt",
        "url": "https://kultur.example.org/",
    }


def test_a_cancelled_stop_is_not_public_and_not_an_event(client):
    TourStop.objects.filter(slug="duesseldorf-2024").update(status="cancelled")
    events = blocks(client, EXHIBITION.format(lang="en"))
    assert [e["url"].rsplit("/stops/", 1)[1] for e in events] == ["chongqing-2024/"]


HOSTILE = [
    '</script><script>alert("x")</script>',
    "<!-- <script> Ende & </SCRIPT >",
    "标题</script><img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("title", HOSTILE)
def test_a_hostile_title_stays_text_inside_the_json_ld(client, title):
    work = WorkPage.objects.get(inventory_number="BL-J-05")
    work.title = work.title_de = work.title_zh_hans = title
    work.save_revision().publish()
    for lang in ("de", "zh-hans"):
        response = client.get(WORK.format(lang=lang))
        page = BeautifulSoup(response.content, "html.parser")
        scripts = page.find_all("script")
        # Only the page's own scripts: the JSON-LD block, visitor.js and zoom.js.
        assert [s.get("type") or s.get("src") for s in scripts] == [
            "application/ld+json",
            "/static/js/visitor.js",
            "/static/js/zoom.js",
        ]
        assert json.loads(scripts[0].string)["name"] == title
        assert page.find("img", src="x") is None
