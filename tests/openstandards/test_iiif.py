"""IIIF Presentation 3 manifests and collections: valid for the IIIF presentation validator's
schema, three languages, the tiles as image service, published things only, linked from pages."""

import json
import re

import pytest
from django.core.files.storage import default_storage

from catalogue.models import DeepZoom, WorkPage
from catalogue.renditions import make_renditions_task
from catalogue.tiles import make_tiles_task, service_id
from exhibition.models import ChecklistEntry, ExhibitionPage, TourStop
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.exhibition import private_collection
from tests.factories.logistics import duesseldorf_to_chongqing, loans
from tests.factories.trees import ALL_24, leave_out_english, rhine_and_yangtze_tour

from .validators import iiif_errors

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The 24 works sharing one picture with its renditions and deep zoom tiles, three without
    English texts (as in the demo), their loans, the leg and the loan agreements' collection."""
    image = ImageFactory()
    make_renditions_task.call(image.pk)
    make_tiles_task.call(image.pk)
    tour = rhine_and_yangtze_tour(ALL_24, image=image)
    leave_out_english(tour)
    loans(tour.works.values())
    duesseldorf_to_chongqing(tour)
    private_collection("Leihverträge (privat)")
    return tour


BASE = "https://leporello.example.org"  # LEPORELLO_PUBLIC_BASE_URL of the test settings
LANGUAGES = {"de", "zh-Hans", "en"}
HAN = re.compile(r"[\u4e00-\u9fff]")
LINK = re.compile(
    r'<link rel="alternate" type="application/ld\+json;profile=&quot;'
    r'http://iiif\.io/api/presentation/3/context\.json&quot;" href="([^"]+)">'
)


def get_json(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert response["Content-Type"].startswith("application/ld+json")
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def complete_work():
    """A published work with every text in all three languages."""
    works = WorkPage.objects.live().filter(inventory_number__startswith="BL-J")
    return next(w for w in works.order_by("path") if not w.missing_languages())


def test_every_work_manifest_and_every_collection_is_valid_presentation_3(client):
    paths = [f"/iiif/work/{w.pk}/manifest.json" for w in WorkPage.objects.live()]
    paths += [f"/iiif/stop/{s.slug}/collection.json" for s in TourStop.objects.active()]
    paths.append("/iiif/exhibition/flusslandschaften/collection.json")
    assert len(paths) >= 24 + 2 + 1
    for path in paths:
        document = get_json(client, path)
        assert document["@context"] == "http://iiif.io/api/presentation/3/context.json"
        assert document["id"] == BASE + path
        assert iiif_errors(document) == [], path


def test_manifest_speaks_three_languages_with_chinese(client):
    work = complete_work()
    manifest = get_json(client, f"/iiif/work/{work.pk}/manifest.json")
    assert set(manifest["label"]) == LANGUAGES
    assert manifest["label"]["zh-Hans"] == [work.title_zh_hans]
    assert HAN.search(manifest["label"]["zh-Hans"][0])
    assert set(manifest["summary"]) == LANGUAGES
    assert HAN.search(manifest["summary"]["zh-Hans"][0])
    for row in manifest["metadata"]:
        assert set(row["label"]) == LANGUAGES, row
    labels = {row["label"]["en"][0]: row["value"] for row in manifest["metadata"]}
    assert labels["Inventory number"] == {"none": [work.inventory_number]}
    assert set(labels["Place"]) == LANGUAGES and HAN.search(labels["Place"]["zh-Hans"][0])
    assert labels["Dimensions in millimetres (width × height)"]["none"][0].endswith(" mm")
    assert manifest["metadata"][0]["label"]["zh-Hans"] == ["摄影师"]
    credit = manifest["requiredStatement"]
    assert set(credit["label"]) == set(credit["value"]) == LANGUAGES
    assert credit["value"]["de"] == [work.credit_line_de]
    assert {h["language"][0] for h in manifest["homepage"]} == LANGUAGES
    assert "rights" not in manifest  # works have no licence field (README)


def test_a_missing_translation_is_left_out_not_filled_with_german(client):
    work = complete_work()
    work.caption_en = ""
    work.save_revision().publish()
    manifest = get_json(client, f"/iiif/work/{work.pk}/manifest.json")
    assert set(manifest["summary"]) == {"de", "zh-Hans"}


def test_canvas_is_painted_with_the_largest_rendition_and_the_deep_zoom_tiles(client):
    work = complete_work()
    zoom = DeepZoom.objects.get(image=work.image)
    canvas = get_json(client, f"/iiif/work/{work.pk}/manifest.json")["items"][0]
    assert (canvas["width"], canvas["height"]) == (work.image.width, work.image.height)
    body = canvas["items"][0]["items"][0]["body"]
    assert body["type"] == "Image" and body["format"] == "image/jpeg"
    assert body["id"].startswith(BASE + "/media/images/")
    assert body["width"] == work.image.width  # the test images are smaller than every rendition
    service = body["service"][0]
    assert service == {
        "id": service_id(work.image.pk),
        "type": "ImageService3",
        "profile": "level0",
    }
    info = json.loads(default_storage.open(f"iiif/{work.image.pk}/info.json").read())
    assert info["id"] == service["id"] and info["width"] == zoom.width
    thumbnail = canvas["thumbnail"][0]
    assert thumbnail["id"].startswith(BASE + "/media/images/") and thumbnail["width"] <= 640


def test_stop_collection_lists_its_works_in_hanging_order_without_withdrawn_ones(client):
    stop = TourStop.objects.get(slug="chongqing-2024")
    entries = list(stop.checklist.order_by("sort_order", "label_number"))
    withdrawn = entries[1]
    withdrawn.status = ChecklistEntry.Status.WITHDRAWN
    withdrawn.save()
    collection = get_json(client, f"/iiif/stop/{stop.slug}/collection.json")
    expected = [e.work_id for e in entries if e.pk != withdrawn.pk]
    assert [item["id"] for item in collection["items"]] == [
        f"{BASE}/iiif/work/{pk}/manifest.json" for pk in expected
    ]
    assert all(item["type"] == "Manifest" for item in collection["items"])
    assert set(collection["label"]) == LANGUAGES and HAN.search(collection["label"]["zh-Hans"][0])
    # Mirador 3.4 fails to open a collection without a requiredStatement.
    photographer = stop.exhibition.photographer
    assert collection["requiredStatement"]["value"]["zh-Hans"] == [photographer.name_zh_hans]
    assert iiif_errors(collection) == []


def test_exhibition_collection_lists_the_published_works_in_catalogue_order(client):
    exhibition = ExhibitionPage.objects.get(slug="flusslandschaften")
    collection = get_json(client, "/iiif/exhibition/flusslandschaften/collection.json")
    expected = [w.pk for w in exhibition.works()]
    assert [i["id"] for i in collection["items"]] == [
        f"{BASE}/iiif/work/{pk}/manifest.json" for pk in expected
    ]
    assert set(collection["label"]) == LANGUAGES


def test_unpublished_and_unknown_things_are_404(client, django_capture_on_commit_callbacks):
    work = complete_work()
    collection = "/iiif/exhibition/flusslandschaften/collection.json"
    assert f"/iiif/work/{work.pk}/" in client.get(collection).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # publishing purges the cache
        work.unpublish()
    assert client.get(f"/iiif/work/{work.pk}/manifest.json").status_code == 404
    assert client.get("/iiif/work/999999/manifest.json").status_code == 404
    assert f"/iiif/work/{work.pk}/" not in client.get(collection).content.decode()
    stop = TourStop.objects.get(slug="duesseldorf-2024")
    stop.status = TourStop.Status.CANCELLED
    with django_capture_on_commit_callbacks(execute=True):
        stop.save()
    assert client.get("/iiif/stop/duesseldorf-2024/collection.json").status_code == 404
    assert client.get("/iiif/stop/nowhere/collection.json").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        ExhibitionPage.objects.get(slug="flusslandschaften").unpublish()
    assert client.get(collection).status_code == 404
    assert client.get("/iiif/stop/chongqing-2024/collection.json").status_code == 404


def test_private_values_never_appear(client, private_demo):
    from tests.exhibition.test_privacy_crawl import number_patterns, private_values

    texts, numbers = private_values()
    paths = [f"/iiif/work/{w.pk}/manifest.json" for w in WorkPage.objects.live()]
    paths += ["/iiif/stop/chongqing-2024/collection.json"]
    for path in paths:
        body = json.dumps(get_json(client, path), ensure_ascii=False)
        assert not [t for t in texts if t in body], path
        assert not [p for n in numbers for p in number_patterns(n) if p.search(body)], path


def test_hostile_text_arrives_as_plain_text(client):
    work = complete_work()
    work.title_de = "Rhein <script>alert(1)</script>\x07 & Ufer"
    work.description_de = '<p>Ein <b>Fluss</b></p><p>mit <a href="javascript:x">Link</a></p>'
    work.save_revision().publish()
    manifest = get_json(client, f"/iiif/work/{work.pk}/manifest.json")
    assert manifest["label"]["de"] == ["Rhein & Ufer"]
    assert "<" not in json.dumps(manifest)
    assert iiif_errors(manifest) == []


def test_pages_link_their_manifest_or_collection(client):
    work = complete_work()
    entry = ChecklistEntry.objects.filter(work=work).select_related("tour_stop").first()
    pages = {
        work.get_url(): f"{BASE}/iiif/work/{work.pk}/manifest.json",
        f"/zh-hans/stops/{entry.tour_stop.slug}/{entry.label_number}/": (
            f"{BASE}/iiif/work/{work.pk}/manifest.json"
        ),
        "/en/stops/chongqing-2024/": f"{BASE}/iiif/stop/chongqing-2024/collection.json",
        "/de/flusslandschaften/": f"{BASE}/iiif/exhibition/flusslandschaften/collection.json",
    }
    for page, href in pages.items():
        response = client.get(page)
        assert response.status_code == 200, page
        assert LINK.findall(response.content.decode()) == [href], page
        assert client.get(href.removeprefix(BASE)).status_code == 200
    assert LINK.findall(client.get("/de/search/?q=Rhein").content.decode()) == []


def test_manifests_are_cached_with_their_cors_header(client, django_capture_on_commit_callbacks):
    work = complete_work()
    path = f"/iiif/work/{work.pk}/manifest.json"
    first, second = client.get(path), client.get(path)
    assert first["X-Leporello-Cache"] == "miss" and second["X-Leporello-Cache"] == "hit"
    assert second["Access-Control-Allow-Origin"] == "*"
    assert second["Content-Type"].startswith("application/ld+json")
    assert second.content == first.content
    work.title_de = "Neuer Titel"
    with django_capture_on_commit_callbacks(execute=True):  # a publish purges on commit
        work.save_revision().publish()
    again = client.get(path)
    assert again["X-Leporello-Cache"] == "miss"
    assert json.loads(again.content)["label"]["de"] == ["Neuer Titel"]


def test_the_image_service_is_readable_from_other_sites_when_the_app_serves_media(
    client, media_served
):
    """LEPORELLO_SERVE_MEDIA: info.json and tiles carry CORS (viewers on other origins)."""
    (media_served / "iiif" / "7").mkdir(parents=True, exist_ok=True)
    (media_served / "iiif" / "7" / "info.json").write_text('{"id": "x"}')
    (media_served / "images").mkdir(parents=True, exist_ok=True)
    (media_served / "images" / "b.width-320.jpg").write_bytes(b"\xff\xd8jpeg")
    response = client.get("/media/iiif/7/info.json")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/media/images/b.width-320.jpg")
