"""Every public page type in de, zh-hans and en is valid HTML to the Nu HTML Checker (vnu.jar).

The pages are rendered with the test client, written to a temporary folder and checked in one
run of the checker (one JVM start, about 10 s). `make vnu` (part of `make test`) puts the jar
from the npm package vnu-jar, pinned in vendor/package.json, at var/tools/vnu.jar.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

VNU_JAR = Path(os.environ.get("LEPORELLO_VNU_JAR", Path(settings.BASE_DIR) / "var/tools/vnu.jar"))
CQ = "chongqing-2024"
DUS = "duesseldorf-2024"
SEARCH_WORDS = {"de": "Rhein", "zh-hans": "长江", "en": "Rhine"}
# (name, address, expected status): every kind of public page a visitor can reach.
PAGE_TYPES = [
    ("home", "/{lang}/", 200),
    ("exhibition", "/{lang}/flusslandschaften/", 200),
    ("stop-catalogue", f"/{{lang}}/stops/{CQ}/", 200),
    ("stop-catalogue-section", f"/{{lang}}/stops/{CQ}/?section=jangtse", 200),
    ("work-at-stop", f"/{{lang}}/stops/{CQ}/105/", 200),
    # A Rhine work in Düsseldorf: its Yangtze counterpart hangs elsewhere (link to its own page).
    ("counterpart", f"/{{lang}}/stops/{DUS}/1/", 200),
    ("work", "/{lang}/flusslandschaften/bl-r-05/", 200),
    ("search-results", "/{lang}/search/?q={word}", 200),
    ("search-nothing-found", "/{lang}/search/?q=zzzqqq", 200),
    ("search-empty", "/{lang}/search/", 200),
    ("label-lookup", f"/{{lang}}/stops/{CQ}/find/", 200),
    ("label-lookup-error", f"/{{lang}}/stops/{CQ}/find/?n=abc", 200),
    ("no-such-label", f"/{{lang}}/stops/{CQ}/999/", 404),
    ("kiosk-catalogue", f"/{{lang}}/kiosk/{CQ}/", 200),
    ("kiosk-work", f"/{{lang}}/kiosk/{CQ}/105/", 200),
    ("kiosk-lookup", f"/{{lang}}/kiosk/{CQ}/find/", 200),
    ("kiosk-search", f"/{{lang}}/kiosk/{CQ}/search/?q={{word}}", 200),
    ("kiosk-no-such-label", f"/{{lang}}/kiosk/{CQ}/999/", 404),
    ("not-found", "/{lang}/no-such-page/", 404),
]
LANGUAGES = ["de", "zh-hans", "en"]


def run_vnu(folder):
    """The checker's messages for every .html file in `folder`: [{'url', 'lastLine', ...}]."""
    if shutil.which("java") is None:
        pytest.fail("Java is missing: run `make test` (it installs default-jre-headless)")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: run `make vnu` (or `make test`)")
    result = subprocess.run(  # noqa: S603 - our own jar and folder
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(folder)],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # The checker writes its JSON report to stderr; exit code 1 means "errors found".
    report = json.loads(result.stderr or result.stdout)
    return report["messages"]


def readable(messages):
    lines = []
    for m in messages:
        name = m.get("url", "").rsplit("/", 1)[-1]
        lines.append(f"{name}:{m.get('lastLine', '?')}: {m.get('message')}")
        if m.get("extract"):
            lines.append(f"    {m['extract'].strip()}")
    return "\n".join(lines)


def test_every_public_page_type_is_valid_html_in_three_languages(client, tmp_path):
    written = []
    for lang in LANGUAGES:
        for name, address, status in PAGE_TYPES:
            url = address.format(lang=lang, word=SEARCH_WORDS[lang])
            response = client.get(url)
            assert response.status_code == status, url
            assert "text/html" in response["Content-Type"], url
            target = tmp_path / f"{lang}--{name}.html"
            target.write_bytes(response.content)
            written.append(target)
    assert len(written) == len(PAGE_TYPES) * len(LANGUAGES)
    messages = run_vnu(tmp_path)
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    assert errors == [], "The Nu HTML Checker found errors:\n" + readable(errors)


def test_the_checker_does_report_errors(tmp_path):
    """The same run on a page with the two mistakes the issue saw: an <img> without src and a
    form with action="" (so a silent checker cannot pass the test above)."""
    (tmp_path / "broken.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>'
        '<img alt=""><form action=""></form></body></html>'
    )
    messages = readable(run_vnu(tmp_path))
    assert "src" in messages
    assert "action" in messages
