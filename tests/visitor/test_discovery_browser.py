"""The discovery metadata as Chromium parses it: JSON-LD and Open Graph tags stay in the head,
the JSON parses, and the Content-Security-Policy (script-src 'self', no inline script) logs no
violation for the JSON-LD block, which is data and never runs."""

import json

import pytest

from tests.visitor.test_browser import CQ, browser, server  # noqa: F401 - shared fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("demo")]

WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""
READ_HEAD = """() => ({
  scripts: [...document.head.querySelectorAll('script[type="application/ld+json"]')]
    .map((s) => s.textContent),
  og: Object.fromEntries([...document.head.querySelectorAll('meta[property^="og:"]')]
    .map((m) => [m.getAttribute("property"), m.content])),
  description: document.head.querySelector('meta[name="description"]')?.content,
  bodyScripts: document.body.querySelectorAll('script[type="application/ld+json"]').length,
  csp: window.__csp,
})"""


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("/zh-hans/flusslandschaften/bl-j-05/", "VisualArtwork"),
        (f"/de/stops/{CQ}/105/", "VisualArtwork"),
        (f"/en/stops/{CQ}/", "ExhibitionEvent"),
        ("/de/flusslandschaften/", "ExhibitionEvent"),
    ],
)
def test_json_ld_and_open_graph_in_chromium_without_csp_violations(
    server,  # noqa: F811
    browser,  # noqa: F811
    address,
    kind,
    tmp_path,
):
    base, _titles = server
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH_CSP)
    response = page.goto(base + address)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    found = page.evaluate(READ_HEAD)
    assert found["csp"] == []
    assert not [line for line in console if "Content Security Policy" in line]
    assert found["bodyScripts"] == 0
    documents = [json.loads(text) for text in found["scripts"]]
    assert documents and {d["@type"] for d in documents} == {kind}
    assert found["og"]["og:url"].startswith(base)
    assert found["og"]["og:image"].startswith(base + "/media/")
    assert found["description"]
    page.screenshot(path=str(tmp_path / "page.png"), full_page=False)
    context.close()
