"""The offline kiosk in Debian's Chromium (issue 16): one visit online stores the stop; offline,
every work opens in each venue language, the keypad and search work, swipe follows the hanging
order and pictures appear; a publish reaches the tablet at its next check, never half.

Installability is asserted here instead of Lighthouse (whose PWA audits were removed): the
manifest's fields and icon sizes, and a service worker that answers the start URL offline.
One browser context for the whole module (a tablet); the module writes one title and restores it.
"""

import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import _MediaFilesHandler
from PIL import Image

from catalogue.models import WorkPage
from catalogue.models.translation_state import localized
from exhibition.models import ChecklistEntry
from scripts.chromium import ARGS, CHROMIUM

from .live_server import live_server

# django_db so that pytest-django creates the test database even when only these tests are
# selected (it creates the databases that the selected tests' markers name)…
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("demo")]
CQ = "chongqing-2024"
LANGS = ("zh-hans", "de", "en")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def _django_db_helper(django_db_setup):
    """…but no transaction around each test, unlike pytest-django's fixture of this name that the
    marker asks for: the live server's threads must see what a test publishes (committed, and
    restored by the test), and an open test transaction would lock SQLite's tables for them."""
    yield


def static_and_media(app):
    """The test server serves static files and, unlike Django's default, media (pictures, tiles)."""
    return _MediaFilesHandler(StaticFilesHandler(app))


@pytest.fixture(scope="module")
def tablet(django_db_setup, django_db_blocker):
    """(base URL, a 768×1024 touch page, its context, the stop's entries) over a live server."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make test` (it installs chromium)")
    with django_db_blocker.unblock():
        entries = list(
            ChecklistEntry.objects.filter(tour_stop__slug=CQ)
            .exclude(status="withdrawn")
            .select_related("work")
            .order_by("sort_order", "label_number")
        )
        for entry in entries:
            entry.titles = {lang: localized(entry.work, "title", lang).value for lang in LANGS}
        with live_server(static_and_media) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(viewport={"width": 768, "height": 1024}, has_touch=True)
            page = context.new_page()
            page.set_default_timeout(20000)
            yield base, page, context, entries, django_db_blocker
            browser.close()


def kiosk_state(page):
    return page.evaluate(
        """async () => {
            const names = await caches.keys();
            const keys = [];
            for (const n of names) for (const r of await (await caches.open(n)).keys()) keys.push(r.url);
            const estimate = await navigator.storage.estimate();
            return {names, keys, usage: estimate.usage};
        }"""
    )


def test_one_visit_stores_the_stop_and_it_works_offline(tablet):
    base, page, context, entries, _blocker = tablet
    start = f"{base}/zh-hans/kiosk/{CQ}/"
    began = time.monotonic()
    page.goto(start)
    page.wait_for_selector("[data-offline-status='complete']", timeout=180000)
    seconds = time.monotonic() - began
    status = page.locator("[data-offline-status]")
    assert status.get_attribute("data-offline-works") == str(len(entries))
    stored = kiosk_state(page)
    print(f"\nkiosk: {len(entries)} works stored in {seconds:.1f} s, usage {stored['usage']} bytes")
    assert not any("/admin/" in k or "/documents/" in k for k in stored["keys"])

    context.set_offline(True)
    for lang in LANGS:
        for entry in entries:
            response = page.goto(f"{base}/{lang}/kiosk/{CQ}/{entry.label_number}/")
            assert response.ok
            assert page.locator("h1").first.inner_text().strip() == entry.titles[lang].strip()
    # Pictures appear (from the stored tablet-size rendition, whichever the page asks for).
    page.goto(f"{base}/en/kiosk/{CQ}/{entries[0].label_number}/")
    page.wait_for_function(
        "() => { const i = document.querySelector('.work-image img'); "
        "return i && i.complete && i.naturalWidth > 0; }"
    )
    # Swipe left: the next work in the hanging order.
    page.evaluate(
        """() => {
            const el = document.querySelector('[data-swipe]');
            const t = (x) => new Touch({identifier: 1, target: el, clientX: x, clientY: 500});
            el.dispatchEvent(new TouchEvent('touchstart', {touches: [t(600)], changedTouches: [t(600)], bubbles: true}));
            el.dispatchEvent(new TouchEvent('touchend', {touches: [], changedTouches: [t(200)], bubbles: true}));
        }"""
    )
    page.wait_for_url(f"{base}/en/kiosk/{CQ}/{entries[1].label_number}/")
    # The keypad opens a label.
    page.goto(f"{base}/de/kiosk/{CQ}/find/")
    page.fill("#label-number", str(entries[5].label_number))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/de/kiosk/{CQ}/{entries[5].label_number}/")
    # Search from the stored index: a Chinese and a German word.
    chinese = next(e for e in entries if len(e.work.title_zh_hans or "") >= 3)
    word = chinese.work.title_zh_hans[:2]
    page.goto(f"{base}/zh-hans/kiosk/{CQ}/search/?q={word}")
    page.wait_for_selector(".search-results a", timeout=10000)
    found = page.locator(".search-results a").evaluate_all("as => as.map(a => a.pathname)")
    assert f"/zh-hans/kiosk/{CQ}/{chinese.label_number}/" in found
    german = next(e for e in entries if any(len(w) > 5 for w in (e.work.title_de or "").split()))
    term = max(german.work.title_de.split(), key=len).strip(",.:;")
    page.goto(f"{base}/de/kiosk/{CQ}/search/?q={term}")
    page.wait_for_selector(".search-results a", timeout=10000)
    found = page.locator(".search-results a").evaluate_all("as => as.map(a => a.pathname)")
    assert f"/de/kiosk/{CQ}/{german.label_number}/" in found

    # Installable: the manifest, its icons, a worker that answers the start URL offline.
    cold = context.new_page()
    began = time.monotonic()
    response = cold.goto(start)
    cold.wait_for_selector("h1")
    print(f"kiosk: cold offline start {1000 * (time.monotonic() - began):.0f} ms at 768x1024")
    assert response.ok
    assert cold.evaluate("() => navigator.serviceWorker.controller !== null")
    cold.close()
    context.set_offline(False)
    manifest = page.evaluate(f"() => fetch('/kiosk/{CQ}/manifest.webmanifest').then(r => r.json())")
    assert manifest["start_url"] == f"/zh-hans/kiosk/{CQ}/"
    assert manifest["display"] in ("fullscreen", "standalone") and manifest["name"]
    for icon in manifest["icons"]:
        name = icon["src"].removeprefix(settings.STATIC_URL)
        with Image.open(Path(settings.BASE_DIR) / "static" / name) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
    assert {"192x192", "512x512"} <= {i["sizes"] for i in manifest["icons"]}


def test_a_publish_reaches_the_tablet_at_its_next_check(tablet):
    base, page, _context, entries, blocker = tablet
    entry = entries[2]
    url = f"{base}/en/kiosk/{CQ}/{entry.label_number}/"
    page.goto(url)
    old = page.locator("h1").first.inner_text().strip()
    with blocker.unblock():
        work = WorkPage.objects.get(pk=entry.work_id)
        original = work.title_en
        work.title_en = f"{original} (new text)"
        work.save_revision().publish()
    try:
        # Until the tablet checks, it shows its stored version, whole.
        page.reload()
        assert page.locator("h1").first.inner_text().strip() == old
        page.evaluate("() => window.leporelloKiosk.check()")
        page.wait_for_function(
            "t => document.querySelector('h1').innerText.trim() === t",
            arg=f"{original} (new text)".strip(),
            timeout=120000,
        )
        # The start page comes from the same (new) copy; the old copy is gone.
        page.goto(f"{base}/en/kiosk/{CQ}/")
        assert f"{original} (new text)".strip() in page.locator("ol.work-grid").inner_text()
        names = [n for n in kiosk_state(page)["names"] if n.startswith(f"leporello-kiosk-{CQ}-")]
        assert len(names) == 1
    finally:
        with blocker.unblock():
            work = WorkPage.objects.get(pk=entry.work_id)
            work.title_en = original
            work.save_revision().publish()


def test_staff_see_content_time_after_an_hour_offline_visitors_never(tablet):
    """The tablet's clock runs an hour and a minute ahead (Playwright's clock emulation) while
    the network is off: with the staff switch on the start page shows "Content from <time>,
    offline" (the idle reset may have gone back to the venue's first language by then); with it
    off (visitors) the same stale tablet shows nothing."""
    base, page, context, _entries, _blocker = tablet
    start = f"{base}/en/kiosk/{CQ}/"
    banner = page.locator("[data-kiosk-banner]")
    page.goto(f"{base}/en/kiosk/{CQ}/staff/")
    page.wait_for_selector("[data-offline-status='complete']")
    page.get_by_label("Show staff notices").check()
    context.clock.install()
    context.set_offline(True)
    try:
        page.goto(start)
        page.wait_for_selector("[data-offline-status='complete']")
        assert not banner.is_visible()  # updated a moment ago
        page.clock.fast_forward("01:01:00")  # the page's checks and status requests run
        banner.wait_for(state="visible")
        # In the language the idle reset went back to: the notice with the content's time in it.
        before, after = banner.get_attribute("data-text").split("{time}")
        text = banner.inner_text()
        assert text.startswith(before) and text.endswith(after)
        assert len(text) > len(before + after)

        # A visitor's tablet (switch off), as stale: no notice.
        page.evaluate("() => localStorage.removeItem('leporello-kiosk-staff')")
        page.goto(start)
        page.wait_for_selector("[data-offline-status='complete']")  # shown from a stale state
        page.clock.fast_forward("00:01:00")
        assert not banner.is_visible()
    finally:
        context.set_offline(False)
        page.clock.set_system_time(time.time())  # back to now for the tests that follow
        page.evaluate("() => localStorage.removeItem('leporello-kiosk-staff')")


def test_staff_enrol_the_tablet_and_only_then_its_reports_are_kept(tablet):
    """Not enrolled, the tablet's reports are not kept (it sends none); the admin's enrolment
    link (the staff page with #enrol=<code>) enrols it, the code leaves the address bar, and
    its next report, sent with its token, reaches the kiosk setup page."""
    from exhibition.models import TourStop
    from visitor import devices

    base, page, _context, _entries, blocker = tablet
    page.goto(f"{base}/en/kiosk/{CQ}/staff/")
    page.wait_for_selector("[data-offline-status='complete']")
    page.wait_for_selector("[data-kiosk-enrol][data-enrolled='false']")
    with blocker.unblock():
        stop = TourStop.objects.get(slug=CQ)
        before = {r["device"] for r in devices.reports(stop)}
        code = devices.enrolment_code(stop)[0]
    page.goto(f"{base}/en/kiosk/{CQ}/staff/#enrol={code}")
    page.wait_for_selector("[data-kiosk-enrol][data-enrolled='true']")
    assert "enrol=" not in page.url
    device = page.evaluate("() => localStorage.getItem('leporello-kiosk-device')")
    assert device not in before  # not enrolled, the tablet reported nothing that was kept
    deadline = time.monotonic() + 20
    kept = []
    while not kept and time.monotonic() < deadline:
        time.sleep(0.5)
        with blocker.unblock():
            kept = [r for r in devices.reports(stop) if r["device"] == device]
    assert kept and kept[0]["status"] == "complete"


def test_leaving_kiosk_mode_deletes_the_offline_copy(tablet):
    base, page, _context, _entries, _blocker = tablet
    page.goto(f"{base}/en/kiosk/{CQ}/staff/")
    page.wait_for_selector("[data-offline-status]")
    assert not page.locator("[data-kiosk-banner]").is_visible()  # checked just now
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Leave kiosk mode").click()
    page.wait_for_url(f"{base}/en/")
    page.wait_for_function(
        "async () => (await navigator.serviceWorker.getRegistrations()).length === 0"
    )
    left = [n for n in kiosk_state(page)["names"] if n.startswith("leporello-kiosk")]
    assert left == []
    stored = page.evaluate("() => Object.keys(localStorage)")
    assert not [k for k in stored if k.startswith("leporello-kiosk-token")]


@pytest.mark.skipif(not os.environ.get("LEPORELLO_SCREENSHOTS"), reason="screenshots on request")
def test_screenshots_of_the_kiosk_and_its_setup_page(tablet):
    """LEPORELLO_SCREENSHOTS=<folder>: the kiosk start page online and offline, its staff page,
    and the admin's Kiosk setup page (for looking at them, not asserting)."""
    from django.contrib.auth import get_user_model

    from exhibition.models import TourStop

    base, page, context, _entries, blocker = tablet
    folder = Path(os.environ["LEPORELLO_SCREENSHOTS"])
    folder.mkdir(parents=True, exist_ok=True)
    page.goto(f"{base}/en/kiosk/{CQ}/")
    page.wait_for_selector("[data-offline-status='complete']", timeout=180000)
    page.screenshot(path=folder / "kiosk-complete.png", full_page=True)
    context.set_offline(True)
    page.goto(f"{base}/zh-hans/kiosk/{CQ}/staff/")
    page.wait_for_selector("[data-offline-status='complete']")
    page.screenshot(path=folder / "kiosk-staff-offline.png", full_page=True)
    page.goto(f"{base}/de/kiosk/{CQ}/105/")
    page.screenshot(path=folder / "kiosk-work-offline.png")
    context.set_offline(False)
    with blocker.unblock():
        user = get_user_model().objects.create_superuser("kiosk-shots", "k@example.org", "pw-12345")
        stop_pk = TourStop.objects.get(slug=CQ).pk
    try:
        admin = context.new_page()
        admin.goto(f"{base}/admin/login/")
        admin.fill("#id_username", "kiosk-shots")
        admin.fill("#id_password", "pw-12345")
        admin.keyboard.press("Enter")
        admin.wait_for_url(f"{base}/admin/")
        admin.goto(f"{base}/admin/kiosk/{stop_pk}/")
        admin.screenshot(path=folder / "admin-kiosk-setup.png", full_page=True)
        admin.goto(f"{base}/admin/snippets/exhibition/tourstop/edit/{stop_pk}/")
        admin.screenshot(path=folder / "admin-tourstop-header.png")
        admin.close()
    finally:
        with blocker.unblock():
            user.delete()
