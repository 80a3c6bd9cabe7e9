"""The offline kiosk's server side (issue 16): the precache list holds only the stop's public
content, the worker and manifest are served so a tablet can install them, status reports are
checked, and the staff's setup page shows the QR code and what the tablets reported."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from catalogue.models import WorkPage
from catalogue.renditions import make_renditions_task
from catalogue.tiles import make_tiles_task
from exhibition.models import ChecklistEntry, TourStop
from tests.factories import module_data
from tests.factories.trees import noisy_image, rhine_and_yangtze_tour
from visitor import devices
from visitor.offline import build_precache_list, search_index

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Six works in Chongqing (more than a listing page of five), one shared picture of random
    pixels with its renditions and zoom tiles: together over the 1 MB of the budget test."""
    image = noisy_image()
    make_renditions_task.call(image.pk)
    make_tiles_task.call(image.pk)
    return rhine_and_yangtze_tour(tuple(f"BL-J-{i:02d}" for i in range(1, 7)), image=image)


CQ = "chongqing-2024"


def kiosk_list(client):
    response = client.get(f"/kiosk/{CQ}/offline.json")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.json()


def test_precache_list_has_every_page_of_the_stop_in_every_venue_language(client):
    data = kiosk_list(client)
    stop = TourStop.objects.get(slug=CQ)
    labels = list(
        ChecklistEntry.objects.filter(tour_stop=stop)
        .exclude(status="withdrawn")
        .values_list("label_number", flat=True)
    )
    urls = {f["url"] for f in data["files"]}
    assert data["languages"] == ["zh-hans", "de", "en"]
    assert data["works"] == len(labels)
    for lang in data["languages"]:
        start = f"/{lang}/kiosk/{CQ}/"
        assert {start, f"{start}find/", f"{start}search/", f"{start}search-index.json"} <= urls
        assert {f"{start}{n}/" for n in labels} <= urls
    assert any(u.startswith("/static/") and u.endswith("kiosk.js") for u in urls)
    assert data["bytes"] <= data["budget"]


def test_precache_list_leaves_out_unpublished_works_and_private_addresses(client):
    entry = ChecklistEntry.objects.filter(tour_stop__slug=CQ).order_by("sort_order").first()
    WorkPage.objects.get(pk=entry.work_id).unpublish()
    data = kiosk_list(client)
    urls = [f["url"] for f in data["files"]]
    assert not any(u.endswith(f"/kiosk/{CQ}/{entry.label_number}/") for u in urls)
    assert not any(u.startswith(("/admin/", "/documents/")) for u in urls)
    index = client.get(f"/en/kiosk/{CQ}/search-index.json").json()
    assert entry.label_number not in [w["n"] for w in index["works"]]
    text = json.dumps(index)
    assert "insurance" not in text.lower()


def test_a_publish_bumps_the_version(client, django_capture_on_commit_callbacks):
    before = client.get(f"/kiosk/{CQ}/version.json").json()["version"]
    entry = ChecklistEntry.objects.filter(tour_stop__slug=CQ).first()
    work = WorkPage.objects.get(pk=entry.work_id)
    work.title_en = "A new title"
    with django_capture_on_commit_callbacks(execute=True):
        work.save_revision().publish()
    after = client.get(f"/kiosk/{CQ}/version.json").json()["version"]
    assert after != before


def test_zoom_tiles_stay_within_the_budget(settings):
    stop = TourStop.objects.get(slug=CQ)
    full = build_precache_list(stop)
    settings.LEPORELLO_KIOSK_OFFLINE_BUDGET_MB = 1
    small = build_precache_list(stop)
    tiles = [f for f in small["files"] if "/iiif/" in f["url"]]
    assert small["zoom"] in ("none", "some")
    assert len(tiles) < len([f for f in full["files"] if "/iiif/" in f["url"]]) or not tiles


def test_offline_index_keys_fold_german_chinese_and_pinyin():
    stop = TourStop.objects.get(slug=CQ)
    entry = ChecklistEntry.objects.filter(tour_stop=stop).first()
    work = WorkPage.objects.get(pk=entry.work_id)
    work.title_de = "Die Straße über den Fluss"
    work.title_zh_hans = "長江"
    work.save_revision().publish()
    index = search_index(stop, "de")
    key = next(w["k"] for w in index["works"] if w["n"] == entry.label_number)
    assert "strasse" in key and "ueber" in key
    assert "长江" in key and "changjiang" in key
    assert index["map"].get("長") == "长"


def test_service_worker_is_served_with_a_root_scope_and_never_cached(client):
    response = client.get("/kiosk-sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert '"/admin/"' in body and 'credentials: "omit"' in body


def test_kiosk_pages_link_the_manifest_and_the_csp_allows_the_worker(client):
    response = client.get(f"/en/kiosk/{CQ}/")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one('link[rel="manifest"]')["href"] == f"/kiosk/{CQ}/manifest.webmanifest"
    status = page.select_one("[data-offline-status]")
    assert status["data-offline-status"] == "loading"
    assert page.select_one("[data-kiosk-banner]").has_attr("hidden")  # staff only, when stale
    csp = response["Content-Security-Policy"]
    assert "worker-src 'self'" in csp and "manifest-src 'self'" in csp
    manifest = client.get(f"/kiosk/{CQ}/manifest.webmanifest").json()
    assert manifest["start_url"] == f"/zh-hans/kiosk/{CQ}/"
    assert manifest["display"] == "fullscreen"
    assert {i["sizes"] for i in manifest["icons"]} >= {"192x192", "512x512"}
    # The public catalogue (not kiosk) does not install anything.
    plain = BeautifulSoup(client.get(f"/en/stops/{CQ}/").content, "html.parser")
    assert plain.select_one('link[rel="manifest"]') is None


def report(client, body, **headers):
    # An enrolled tablet (tests/visitor/test_attack_kiosk_reports.py: the others are refused).
    headers.setdefault(
        "HTTP_AUTHORIZATION",
        "Bearer " + devices.device_token(TourStop.objects.get(slug=CQ), GOOD["device"]),
    )
    return client.post(
        f"/kiosk/{CQ}/status/",
        data=body if isinstance(body, str) else json.dumps(body),
        content_type=headers.pop("content_type", "application/json"),
        **headers,
    )


GOOD = {
    "device": "0f6c1c1e-aaaa-bbbb",
    "status": "complete",
    "works": 24,
    "total": 24,
    "bytes": 1000,
    "version": "3",
}


def test_status_reports_are_checked(client):
    cache.clear()
    assert report(client, GOOD).status_code == 200
    stop = TourStop.objects.get(slug=CQ)
    assert devices.reports(stop)[0]["works"] == 24
    for bad in (
        {**GOOD, "device": "<script>"},
        {**GOOD, "status": "done"},
        {**GOOD, "works": -1},
        {**GOOD, "bytes": "many"},
        [GOOD],
    ):
        response = report(client, bad)
        assert response.status_code == 400, bad
    assert report(client, "not json").status_code == 400
    assert report(client, {**GOOD, "version": "x" * 2000}).status_code == 400  # over 1 KB
    assert report(client, GOOD, content_type="text/plain").status_code == 400
    other_site = report(client, GOOD, HTTP_ORIGIN="https://evil.example")
    assert other_site.status_code == 400
    cross = report(client, GOOD, HTTP_SEC_FETCH_SITE="cross-site")
    assert cross.status_code == 400
    assert client.get(f"/kiosk/{CQ}/status/").status_code == 405


def test_setup_page_shows_the_qr_code_and_the_tablets(client_for, curator, settings):
    settings.LEPORELLO_PUBLIC_BASE_URL = "https://leporello.example"
    stop = TourStop.objects.get(slug=CQ)
    devices.record(stop, devices.clean_report(GOOD))
    client = client_for(curator)
    edit = client.get(f"/admin/snippets/exhibition/tourstop/edit/{stop.pk}/")
    assert f"/admin/kiosk/{stop.pk}/" in edit.content.decode()
    page = BeautifulSoup(client.get(f"/admin/kiosk/{stop.pk}/").content, "html.parser")
    assert page.select_one("[data-kiosk-address]").get_text() == (
        f"https://leporello.example/zh-hans/kiosk/{CQ}/"
    )
    assert page.select_one("svg") is not None
    row = page.select_one("[data-kiosk-devices] tbody tr")
    assert row["data-device-ready"] == "false"  # reported version "3" is not the current one


def test_setup_page_needs_the_tour_permission(client_for, make_user):
    stop = TourStop.objects.get(slug=CQ)
    nobody = make_user("nobody")
    nobody.user_permissions.add(
        __import__("django.contrib.auth.models", fromlist=["Permission"]).Permission.objects.get(
            codename="access_admin"
        )
    )
    assert client_for(nobody).get(f"/admin/kiosk/{stop.pk}/").status_code in (302, 403)


def test_kiosk_staff_page_is_a_kiosk_page(client):
    page = BeautifulSoup(client.get(f"/de/kiosk/{CQ}/staff/").content, "html.parser")
    assert page.select_one("[data-kiosk-staff]") is not None
    assert "kiosk" in page.body["class"]


def test_every_page_of_a_paged_kiosk_listing_is_stored(client, settings):
    """With more works than a listing page shows, the "More works" pages are stored too: the
    tablet follows each page's own rel="next" link offline."""
    settings.LEPORELLO_PAGE_SIZE = 5
    urls = {f["url"] for f in kiosk_list(client)["files"]}
    address, seen = f"/de/kiosk/{CQ}/", 0
    while address:
        assert address in urls, address
        page = BeautifulSoup(client.get(address).content, "html.parser")
        seen += 1
        more = page.select_one('a[rel="next"]')
        address = more["href"] if more else None
    assert seen >= 2  # 24 works, 5 a page: the listing really was paged
