"""Browser defences (issue 10) seen from a real browser: the page's Content-Security-Policy
blocks a script that reached the HTML, while the site's own script runs. On the demo, which the
live server reads from its own connection."""

import pytest

from .live_server import close_stray_connections
from .test_browser import CQ, server  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.mark.browser
def test_an_inline_script_that_reached_a_page_does_not_run_but_the_sites_script_does(server):  # noqa: F811
    """A script that got into the HTML by any way at all (injected here into the response on
    its way to the browser, headers untouched) is blocked by the page's policy."""
    from playwright.sync_api import sync_playwright

    from scripts.chromium import ARGS, CHROMIUM

    base, _titles = server
    attack = (
        "<script>window.pwned = 'script';</script>"
        "<img src=x onerror=\"window.pwned = 'onerror'\">"
        "<a id=js href=\"javascript:void(window.pwned='link')\">x</a>"
    )
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            blocked = []
            page.on(
                "console",
                lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
            )

            def inject(route):
                response = route.fetch()
                body = response.text().replace("</main>", attack + "</main>")
                route.fulfill(response=response, body=body)

            page.route(f"{base}/en/stops/{CQ}/find/", inject)
            page.goto(f"{base}/en/stops/{CQ}/find/")
            page.wait_for_load_state("load")
            assert page.evaluate("window.pwned === undefined")
            page.click("#js", no_wait_after=True)
            page.wait_for_timeout(300)
            assert page.evaluate("window.pwned === undefined")
            assert len(blocked) >= 2, blocked  # the script and the handler were refused
            # visitor.js (same origin) still runs: the keypad types.
            page.click("[data-key='4']")
            page.click("[data-key='2']")
            field = page.get_attribute("[data-keypad-for]", "data-keypad-for")
            assert page.input_value(f"#{field}") == "42"
            browser.close()
    finally:
        close_stray_connections()
