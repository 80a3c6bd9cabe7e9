"""The visitor catalogue in Debian's Chromium (Playwright, no browser download), at tablet sizes.

The server thread reads the demo that conftest commits once per run; these tests only read, so
they need no transaction of their own and work on SQLite and PostgreSQL alike.
"""

import os
import re

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler

from exhibition.models import ChecklistEntry
from scripts.chromium import ARGS, CHROMIUM

from .live_server import live_server

# django_db so that the test database is set up even when only these tests are selected.
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("demo")]

CQ = "chongqing-2024"
# Playwright's sync API runs an event loop in this thread; the test's own database calls are
# still synchronous, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    """A live server over the committed demo (Django's LiveServerThread, static files served)."""
    with django_db_blocker.unblock():
        titles = {
            e.label_number: e.work.title_en
            for e in ChecklistEntry.objects.filter(tour_stop__slug=CQ).select_related("work")
        }
        with live_server(StaticFilesHandler) as base:
            yield base, titles


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make test` (it installs chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=[(1024, 768), (768, 1024)], ids=["landscape", "portrait"])
def page(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def h1(page):
    return page.locator("h1").first.inner_text().strip()


def test_switching_language_keeps_the_work(server, page):
    base, titles = server
    page.goto(f"{base}/de/stops/{CQ}/105/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{base}/en/stops/{CQ}/105/")
    assert h1(page) == titles[105]
    page.locator(".language-switcher a[lang='zh-Hans']").click()
    page.wait_for_url(f"{base}/zh-hans/stops/{CQ}/105/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


def test_keypad_opens_the_right_work(server, page):
    base, titles = server
    page.goto(f"{base}/en/stops/{CQ}/find/")
    for key in "107":
        page.locator(f".keys button[data-key='{key}']").click()
    assert page.locator("#label-number").input_value() == "107"
    page.locator(".keys button.open").click()
    page.wait_for_url(f"{base}/en/stops/{CQ}/107/")
    assert h1(page) == titles[107]


def test_unknown_number_on_the_keypad_says_so(server, page):
    base, _titles = server
    page.goto(f"{base}/en/stops/{CQ}/find/")
    page.fill("#label-number", "999")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/en/stops/{CQ}/999/")
    assert h1(page) == "There is no work number 999 at this venue"


def swipe(page, dx):
    page.evaluate(
        """dx => {
          const el = document.querySelector('[data-swipe]');
          const touch = (x) => new Touch({identifier: 1, target: el, clientX: x, clientY: 300});
          const start = 400, end = 400 + dx;
          el.dispatchEvent(new TouchEvent('touchstart', {touches: [touch(start)], changedTouches: [touch(start)], bubbles: true}));
          el.dispatchEvent(new TouchEvent('touchend', {touches: [], changedTouches: [touch(end)], bubbles: true}));
        }""",
        dx,
    )


def test_next_button_and_swipes_follow_the_hanging_order(server, page):
    base, titles = server
    page.goto(f"{base}/en/stops/{CQ}/105/")
    page.locator(".hanging-order a[rel='next']").click()
    page.wait_for_url(f"{base}/en/stops/{CQ}/106/")
    assert h1(page) == titles[106]
    swipe(page, -200)  # finger to the left: the next work
    page.wait_for_url(f"{base}/en/stops/{CQ}/107/")
    swipe(page, 200)  # finger to the right: back
    page.wait_for_url(f"{base}/en/stops/{CQ}/106/")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(f"{base}/en/stops/{CQ}/105/")


def test_a_chinese_search_finds_its_work(server, page):
    base, _titles = server
    page.goto(f"{base}/zh-hans/search/")
    page.fill("#q", "风景")
    page.locator(".search-form button").click()
    page.wait_for_url(re.compile(r".*/zh-hans/search/\?q=.*"))
    links = page.locator(".search-results a").evaluate_all("els => els.map(a => a.pathname)")
    assert "/zh-hans/flusslandschaften/bl-j-03/" in links


@pytest.mark.parametrize("typed", ["長江", "Cháng Jiāng"])
def test_traditional_characters_and_pinyin_typed_into_the_search_box(server, page, typed):
    # What a visitor types on a traditional-Chinese or Pinyin keyboard (issue 15).
    base, _titles = server
    page.goto(f"{base}/de/search/")
    page.fill("#q", typed)
    page.locator(".search-form button").click()
    page.wait_for_url(re.compile(r".*/de/search/\?q=.*"))
    assert page.locator(".search-results li").count() == 12
    assert page.locator(".search-results mark").first.inner_text() == "长江"


def test_kiosk_returns_to_the_start_after_the_idle_time(server, page):
    base, _titles = server
    page.goto(f"{base}/en/kiosk/{CQ}/?idle=2")
    page.locator("ol.work-grid a").nth(3).click()
    page.wait_for_url(re.compile(rf".*/en/kiosk/{CQ}/\d+/"))
    # Back to the start in the venue's first language (Chinese), not the last visitor's English.
    page.wait_for_url(f"{base}/zh-hans/kiosk/{CQ}/", timeout=8000)
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


def test_zoom_opens_fitted_loads_tiles_and_closes(server, page):
    """The work page's zoom: OpenSeadragon from our static files, tiles from media, + and close."""
    from pathlib import Path

    from django.conf import settings

    base, _titles = server
    media = Path(settings.MEDIA_ROOT)
    tiles = []

    def serve_media(route):  # the test server serves static files only
        path = media / route.request.url.split("/media/", 1)[1].split("?")[0]
        if "/iiif/" in route.request.url:
            tiles.append(route.request.url)
        if path.is_file():
            route.fulfill(path=str(path))
        else:
            route.fulfill(status=404)

    page.route("**/media/**", serve_media)
    page.goto(f"{base}/en/stops/{CQ}/105/")
    link = page.locator(".zoom-link")
    assert link.get_attribute("data-zoom-iiif").endswith("/info.json")
    link.click()
    dialog = page.locator("dialog.zoom-dialog")
    page.wait_for_selector("dialog.zoom-dialog[data-tiles-loaded]")
    assert any(url.endswith("/default.jpg") for url in tiles)
    scripts = page.evaluate("() => [...document.scripts].map(s => s.src)")
    assert any(src.startswith(base) and "openseadragon.min.js" in src for src in scripts)
    canvas = dialog.locator(".openseadragon-canvas")
    box, area = canvas.bounding_box(), dialog.locator("[data-zoom-area]").bounding_box()
    assert box["width"] == area["width"] and box["height"] > 200  # fills the screen
    dialog.get_by_role("button", name="Zoom in").click()
    dialog.get_by_role("button", name="Close").click()
    assert not dialog.evaluate("d => d.open")
    assert page.evaluate("() => document.activeElement.classList.contains('zoom-link')")
    # Keyboard: Enter opens it again, Escape closes it.
    page.keyboard.press("Enter")
    assert dialog.evaluate("d => d.open")
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
