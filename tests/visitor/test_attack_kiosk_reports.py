"""Forged kiosk status reports: an outsider must not be able to fill the registrar's device list
with invented tablets or mark a real tablet as ready. Only a tablet that staff enrolled at the
stop (with the enrolment code of the admin's kiosk setup page) gets a token, and only a report
with that tablet's token is stored; reports are rate limited and a stop keeps a bounded number
of tablets, so a flood cannot push the real ones out."""

import json
import time

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from exhibition.models import TourStop
from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour
from visitor import devices

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The two stops, Düsseldorf and Chongqing, hanging one work."""
    return rhine_and_yangtze_tour(("BL-J-01",))


CQ = "chongqing-2024"
OTHER = "duesseldorf-2024"
DEVICE = "0f6c1c1e-aaaa-bbbb"
REPORT = {
    "device": DEVICE,
    "status": "complete",
    "works": 24,
    "total": 24,
    "bytes": 9,
    "version": "7",
}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # device lists and throttle counts
    yield
    cache.clear()


def stop(slug=CQ):
    return TourStop.objects.get(slug=slug)


def post(client, path, body, token=None, **headers):
    if token is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.post(path, data=json.dumps(body), content_type="application/json", **headers)


def report(client, body=REPORT, token=None, slug=CQ, **headers):
    return post(client, f"/kiosk/{slug}/status/", body, token, **headers)


def enrol(client, code, device=DEVICE, slug=CQ):
    return post(client, f"/kiosk/{slug}/enrol/", {"device": device, "code": code})


def current_code(slug=CQ):
    return devices.enrolment_code(stop(slug))[0]


def test_a_report_without_a_token_is_refused_and_stores_nothing(client):
    response = report(client)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"not enrolled" in response.content
    assert devices.reports(stop()) == []


@pytest.mark.parametrize(
    "token",
    ["", "0" * 64, "x", "é" * 64, "Bearer", "null"],
)
def test_a_report_with_a_made_up_token_is_refused(client, token):
    assert report(client, token=token).status_code == 401
    assert devices.reports(stop()) == []


def test_a_token_counts_only_for_its_own_tablet_and_stop(client):
    """Knowing another tablet's token does not let one report as a real tablet (marking it
    ready) or as a tablet of another stop."""
    mine = devices.device_token(stop(), "1111aaaa-2222")
    assert report(client, token=mine).status_code == 401  # REPORT names DEVICE, not 1111…
    elsewhere = devices.device_token(stop(OTHER), DEVICE)
    assert report(client, token=elsewhere).status_code == 401
    assert devices.reports(stop()) == []


def test_staff_enrol_a_tablet_with_the_code_and_it_then_reports(client):
    assert enrol(client, "AAAAA-AAAAA").status_code == 403
    assert enrol(client, current_code(OTHER)).status_code == 403  # another stop's code
    code = current_code()
    typed = f"{code[:5].lower()}-{code[5:]}"  # as staff type it from the setup page
    response = enrol(client, typed)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = response.json()["token"]
    assert report(client, token=token).status_code == 200
    assert devices.reports(stop())[0]["device"] == DEVICE


def test_an_enrolment_code_expires(client):
    s = stop()
    now = time.time()
    code, until = devices.enrolment_code(s, now)
    assert 30 * 60 <= until - now <= 60 * 60
    assert devices.code_is_valid(s, code, now + 29 * 60)
    assert not devices.code_is_valid(s, code, until + 1)
    assert not devices.code_is_valid(s, None, now)


def test_enrolment_checks_its_body(client):
    code = current_code()
    assert enrol(client, code, device="<script>").status_code == 400
    too_big = {"device": DEVICE, "code": code, "padding": "x" * 2000}
    assert post(client, f"/kiosk/{CQ}/enrol/", too_big).status_code == 400
    cross = post(
        client,
        f"/kiosk/{CQ}/enrol/",
        {"device": DEVICE, "code": code},
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert cross.status_code == 400
    assert client.get(f"/kiosk/{CQ}/enrol/").status_code == 405


def test_guessing_enrolment_codes_is_rate_limited(client, settings):
    settings.LEPORELLO_KIOSK_ENROL_RATE = "3/min"
    for _ in range(3):
        assert enrol(client, "AAAAAAAAAA").status_code == 403
    refused = enrol(client, current_code())  # even the right code, once over the rate
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1


def test_reports_are_rate_limited_per_address(client, settings):
    settings.LEPORELLO_KIOSK_REPORT_RATE = "2/min"
    token = devices.device_token(stop(), DEVICE)
    assert report(client, token=token).status_code == 200
    assert report(client, token=token).status_code == 200
    over = report(client, {**REPORT, "works": 1}, token=token)
    assert over.status_code == 429
    assert devices.reports(stop())[0]["works"] == 24  # the third report stored nothing
    # Another address (another venue's network) still reports.
    other = report(client, token=token, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_a_flood_of_enrolled_tablets_never_pushes_out_the_real_ones(client):
    s = stop()
    first = [f"tablet-{n:04d}" for n in range(devices.MAX_DEVICES)]
    for device in first:
        token = devices.device_token(s, device)
        assert report(client, {**REPORT, "device": device}, token=token).status_code == 200
    extra = "tablet-9999"
    refused = report(client, {**REPORT, "device": extra}, token=devices.device_token(s, extra))
    assert refused.status_code == 409
    assert {d["device"] for d in devices.reports(s)} == set(first)
    # Tablets that have not reported for a day make room for a new one; a live one stays.
    later = time.time() + devices.STALE_SECONDS + 1
    assert devices.record(s, devices.clean_report({**REPORT, "device": first[0]}), now=later - 5)
    assert devices.record(s, devices.clean_report({**REPORT, "device": extra}), now=later)
    assert {d["device"] for d in devices.reports(s)} == {first[0], extra}


def test_setup_page_gives_staff_the_enrolment_code_and_link(client_for, curator, settings):
    settings.LEPORELLO_PUBLIC_BASE_URL = "https://leporello.example"
    s = stop()
    page = BeautifulSoup(client_for(curator).get(f"/admin/kiosk/{s.pk}/").content, "html.parser")
    shown = page.select_one("[data-kiosk-enrol-code]").get_text()
    assert devices.code_is_valid(s, shown)
    assert len(page.select("figure svg")) == 2  # QR codes: the kiosk address, the enrolment link


def test_kiosk_staff_page_has_the_enrolment_form_and_no_code(client):
    html = client.get(f"/en/kiosk/{CQ}/staff/").content.decode()
    page = BeautifulSoup(html, "html.parser")
    form = page.select_one("[data-kiosk-enrol] form[data-enrol-form]")
    assert form["action"] == f"/kiosk/{CQ}/enrol/"
    assert form.select_one("input[name='code']") is not None
    assert current_code() not in html  # the cached page is the same for everyone
