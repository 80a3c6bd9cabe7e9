"""The public read API (/api/v1/): languages, pagination, caching headers, CORS, read-only,
published content only, and clear 4xx answers to hostile input."""

import json

import pytest
from django.test import override_settings

from catalogue.models import WorkPage
from catalogue.renditions import make_renditions_task
from exhibition.models import ChecklistEntry, TourStop
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import ALL_24, rhine_and_yangtze_tour
from tests.json_tree import json_objects

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The demo's 24 works (twelve on each river) at Düsseldorf and Chongqing 2024, sharing one
    picture with its renditions made (the API links only renditions that exist)."""
    image = ImageFactory()
    make_renditions_task.call(image.pk)
    return rhine_and_yangtze_tour(ALL_24, image=image)


STOP = "chongqing-2024"


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response["Content-Type"].startswith("application/json"), (url, response.status_code)
    return response


def work(inventory_number="BL-J-01"):
    return WorkPage.objects.get(inventory_number=inventory_number)


def all_pages(client, url):
    """Every result of a list, following `next`."""
    results = []
    while url:
        data = get(client, url).json()
        results += data["results"]
        url = data["next"]
    return results


@pytest.mark.parametrize("lang", ["zh-hans", "zh-Hans"])
def test_chinese_texts_in_both_spellings_of_the_language(client, lang):
    found = work()
    response = get(client, f"/api/v1/works/{found.pk}?lang={lang}")
    data = response.json()
    assert response.status_code == 200
    assert data["title"] == {"value": found.title_zh_hans, "lang": "zh-Hans", "fallback": False}
    assert data["caption"]["value"] == found.caption_zh_hans
    assert data["lang"] == "zh-Hans" and response["Content-Language"] == "zh-Hans"
    assert data["web_url"].endswith(f"/zh-hans/flusslandschaften/{found.slug}/")
    assert data["image"]["alt"]["lang"] == "zh-Hans"


def test_lists_and_checklist_speak_the_language_asked_for(client):
    german = get(client, f"/api/v1/stops/{STOP}/checklist?lang=de&limit=1").json()["results"][0]
    chinese = get(client, f"/api/v1/stops/{STOP}/checklist?lang=zh-hans&limit=1").json()
    entry = chinese["results"][0]
    assert german["work"]["id"] == entry["work"]["id"]
    assert german["work"]["title"]["value"] != entry["work"]["title"]["value"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in entry["work"]["title"]["value"])
    assert entry["web_url"].endswith(f"/zh-hans/stops/{STOP}/{entry['label_number']}/")
    venue = get(client, f"/api/v1/stops/{STOP}?lang=zh-hans").json()["venue"]
    assert venue["name"]["lang"] == "zh-Hans"


def test_a_missing_translation_comes_in_its_fallback_language_and_says_so(client):
    found = work()
    WorkPage.objects.filter(pk=found.pk).update(medium_en="")
    data = get(client, f"/api/v1/works/{found.pk}?lang=en").json()
    assert data["medium"] == {"value": found.medium_de, "lang": "de", "fallback": True}


def test_without_lang_the_texts_are_german(client):
    data = get(client, f"/api/v1/works/{work().pk}").json()
    assert data["lang"] == "de" and data["title"]["value"] == work().title_de


@pytest.mark.parametrize(
    "query",
    ["lang=fr", "lang=%3Cscript%3Ealert(1)%3C/script%3E", "lang=", "lang=zh_Hans", "lang=DE"],
)
def test_an_unknown_language_is_refused_with_the_valid_ones(client, query):
    response = get(client, f"/api/v1/works?{query}")
    assert response.status_code == 400
    data = response.json()
    assert data["errors"][0]["parameter"] == "lang"
    assert "de, zh-hans (or zh-Hans), en" in data["errors"][0]["message"]
    assert b"<script" not in response.content


def test_pagination_has_count_and_links_and_reaches_every_work(client):
    first = get(client, "/api/v1/works?limit=5&lang=en").json()
    assert first["count"] == WorkPage.objects.live().count() == 24
    assert len(first["results"]) == 5 and first["previous"] is None
    assert "offset=5" in first["next"] and "lang=en" in first["next"]
    second = get(client, first["next"]).json()
    assert "offset=0" in second["previous"]
    everything = all_pages(client, "/api/v1/works?limit=7")
    assert len({w["id"] for w in everything}) == 24
    last = get(client, "/api/v1/works?limit=10&offset=20").json()
    assert len(last["results"]) == 4 and last["next"] is None


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=-1", "limit"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=abc", "limit"),
        ("offset=-5", "offset"),
        ("offset=99999999999999999999999999", "offset"),
        ("exhibition=99999999999999999999", "exhibition"),
    ],
)
def test_hostile_paging_is_a_clear_400(client, query, parameter):
    response = get(client, f"/api/v1/works?{query}")
    assert response.status_code == 400
    assert [e["parameter"] for e in response.json()["errors"]] == [parameter]


def test_an_offset_past_the_end_is_an_empty_page(client):
    data = get(client, "/api/v1/works?offset=100000").json()
    assert data["results"] == [] and data["next"] is None and data["count"] == 24


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/works/0",
        "/api/v1/works/99999999999999999999999",
        "/api/v1/works/-1",
        "/api/v1/works/abc",
        "/api/v1/stops/%3Cscript%3E",
        "/api/v1/stops/" + "a" * 51,
    ],
)
def test_hostile_ids_are_a_clear_4xx(client, url):
    response = get(client, url)
    assert response.status_code in (400, 404)
    assert response.json()["detail"]


def test_unknown_objects_and_addresses_are_json_404s(client):
    for url in ["/api/v1/works/999999", "/api/v1/stops/nowhere-1999", "/api/v1/nothing"]:
        response = get(client, url)
        assert response.status_code == 404, url
        assert "/api/v1/" in response.json()["detail"]


def test_an_unpublished_work_is_gone_everywhere(client):
    found = work()
    found.unpublish()
    assert get(client, f"/api/v1/works/{found.pk}").status_code == 404
    listed = {w["id"] for w in all_pages(client, "/api/v1/works?limit=100")}
    assert found.pk not in listed and len(listed) == 23
    checklist = all_pages(client, f"/api/v1/stops/{STOP}/checklist?limit=100")
    assert found.pk not in {e["work"]["id"] for e in checklist}


def test_drafts_stay_unseen_also_for_a_signed_in_editor(client, curator):
    found = work()
    found.title_de = "Entwurf Titel 4711"
    found.save_revision()
    anonymous = get(client, f"/api/v1/works/{found.pk}").content
    client.force_login(curator)
    signed_in = get(client, f"/api/v1/works/{found.pk}").content
    assert b"4711" not in signed_in
    assert json.loads(signed_in) == json.loads(anonymous)


def test_checklist_in_hanging_order_without_withdrawn_works(client):
    stop = TourStop.objects.get(slug=STOP)
    entries = list(stop.checklist.order_by("sort_order"))
    withdrawn = entries[1]
    withdrawn.status = ChecklistEntry.Status.WITHDRAWN
    withdrawn.save()
    data = get(client, f"/api/v1/stops/{STOP}/checklist?limit=100").json()
    labels = [e["label_number"] for e in data["results"]]
    assert labels == [e.label_number for e in entries if e.pk != withdrawn.pk]
    assert [e["position"] for e in data["results"]] == list(range(1, len(labels) + 1))
    assert data["count"] == len(entries) - 1
    assert get(client, f"/api/v1/stops/{STOP}").json()["work_count"] == len(entries) - 1
    hanging = get(client, f"/api/v1/works/{withdrawn.work_id}").json()["on_view"]
    assert STOP not in {h["stop"] for h in hanging}


def test_checklist_by_section_keeps_the_hanging_position(client):
    everything = get(client, f"/api/v1/stops/{STOP}/checklist?limit=100").json()["results"]
    rhine = get(client, f"/api/v1/stops/{STOP}/checklist?section=rhein&limit=100").json()
    assert rhine["results"] and all(e["section"] == "rhein" for e in rhine["results"])
    positions = {e["label_number"]: e["position"] for e in everything}
    assert all(positions[e["label_number"]] == e["position"] for e in rhine["results"])


def test_venue_override_of_the_caption_in_the_language_asked_for(client):
    entry = TourStop.objects.get(slug=STOP).checklist.order_by("sort_order").first()
    entry.caption_override_zh_hans = "本场馆的说明文字"
    entry.save()
    chinese = get(client, f"/api/v1/stops/{STOP}/checklist?lang=zh-hans&limit=1").json()
    german = get(client, f"/api/v1/stops/{STOP}/checklist?lang=de&limit=1").json()
    assert chinese["results"][0]["caption"]["value"] == "本场馆的说明文字"
    assert german["results"][0]["caption"]["value"] == entry.work.caption_de


def test_rich_text_is_sanitised_and_also_plain(client):
    found = work()
    WorkPage.objects.filter(pk=found.pk).update(
        description_de="<p>Erster <b>Absatz</b><script>alert(1)</script></p>"
        '<p><a href="javascript:alert(2)" onclick="x()">Zweiter</a></p>'
    )
    description = get(client, f"/api/v1/works/{found.pk}").json()["description"]
    assert "script" not in description["html"] and "javascript" not in description["html"]
    assert "onclick" not in description["html"] and "<b>Absatz</b>" in description["html"]
    assert description["text"] == "Erster Absatz\n\nZweiter"


def test_etag_and_304_and_cache_control(client):
    url = f"/api/v1/stops/{STOP}/checklist?lang=zh-hans"
    first = get(client, url)
    etag = first["ETag"]
    assert etag and "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    assert "Accept-Language" not in first.get("Vary", "")
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert get(client, f"/api/v1/stops/{STOP}/checklist?lang=en")["ETag"] != etag
    assert client.get(url, headers={"if-none-match": '"other"'}).status_code == 200


def test_head_answers_like_get_without_a_body(client):
    url = "/api/v1/exhibitions?lang=zh-hans"
    full = get(client, url)
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == full["ETag"]
    assert int(head["Content-Length"]) == len(full.content)


def test_cors_for_any_origin_without_credentials(client):
    response = get(client, "/api/v1/works", origin="https://aggregator.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/v1/works",
        headers={"origin": "https://aggregator.example", "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 200
    allowed = {m.strip() for m in preflight["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}
    assert "Access-Control-Allow-Credentials" not in preflight
    page = client.get("/de/", headers={"origin": "https://aggregator.example"})
    assert "Access-Control-Allow-Origin" not in page


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/v1/works", "/api/v1/stops/chongqing-2024", "/api/v1/"])
def test_no_write_methods(client, method, url):
    response = getattr(client, method)(url, data="{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET"


def test_the_openapi_document(client):
    document = get(client, "/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    assert {
        "/api/v1/works",
        "/api/v1/works/{id}",
        "/api/v1/exhibitions",
        "/api/v1/exhibitions/{id}",
        "/api/v1/stops",
        "/api/v1/stops/{slug}",
        "/api/v1/stops/{slug}/checklist",
    } <= set(paths)
    assert all(set(operations) == {"get"} for operations in paths.values())
    text = json.dumps(document).lower()
    assert not any(word in text for word in ("insurance", "lender", "loan", "registrar"))


def test_no_private_or_internal_field_in_any_answer(client):
    ids = [w["id"] for w in all_pages(client, "/api/v1/works?limit=100")]
    answers = [get(client, f"/api/v1/works/{i}").json() for i in ids[:3]]
    answers += [get(client, f"/api/v1/stops/{STOP}/checklist?limit=100").json()]
    answers += [get(client, f"/api/v1/stops/{STOP}").json(), get(client, "/api/v1/stops").json()]
    keys = {key for answer in json_objects(answers) for key in answer}
    internal = {"insurance_value", "lender", "loan", "notes", "room", "wall", "install_start"}
    assert not keys & (internal | {"deinstall_end", "original", "crate"})
    assert "label_number" in keys and "inventory_number" in keys


def test_iiif_info_when_tiles_exist(client):
    from catalogue.models import DeepZoom

    found = work()
    DeepZoom.objects.update_or_create(
        image=found.image, defaults={"width": 480, "height": 320, "tile_size": 512}
    )
    image = get(client, f"/api/v1/works/{found.pk}").json()["image"]
    assert image["iiif_info"] == f"http://testserver/media/iiif/{found.image_id}/info.json"
    assert image["thumbnails"] and all(r["url"].startswith("http") for r in image["renditions"])


@override_settings(LEPORELLO_API_THROTTLE_RATE="3/min")
def test_too_many_requests_get_429_with_retry_after(client):
    statuses = [client.get("/api/v1/stops").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/stops")
    assert int(refused["Retry-After"]) > 0 and refused.json()["detail"]


@pytest.mark.parametrize(
    "url", ["/api/v1/works?lang=zh-hans", f"/api/v1/stops/{STOP}/checklist?lang=en"]
)
def test_a_longer_page_costs_no_more_queries(client, url):
    """Translation statuses, sections and renditions are read once per page, not per work."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get(client, f"{url}&limit=1")  # one-off lookups (site, content types) are cached after it
    counts = []
    for limit in (2, 24):
        with CaptureQueriesContext(connection) as queries:
            assert len(get(client, f"{url}&limit={limit}").json()["results"]) == limit
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
