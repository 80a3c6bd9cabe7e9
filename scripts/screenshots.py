"""Screenshots of every page type in the three languages and of the admin forms.

Usage: python scripts/screenshots.py BASE_URL OUT_DIR   (make screenshots starts the server)
Drives Debian's Chromium through Playwright; no browser download.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.chromium import ARGS, CHROMIUM

PUBLIC = {
    "home": "/{lang}/",
    "exhibition": "/{lang}/flusslandschaften/",
    "work": "/{lang}/flusslandschaften/bl-r-05/",
    "work-counterpart": "/{lang}/flusslandschaften/bl-j-05/",
    "not-found": "/{lang}/flusslandschaften/no-such-work/",
    "stop-catalogue": "/{lang}/stops/chongqing-2024/",
    "stop-catalogue-filtered": "/{lang}/stops/chongqing-2024/?section=jangtse",
    "stop-work": "/{lang}/stops/chongqing-2024/105/",
    "keypad": "/{lang}/stops/chongqing-2024/find/",
    "unknown-label": "/{lang}/stops/duesseldorf-2024/117/",
    "search-chinese": "/{lang}/search/?q=风景",
    "search-latin": "/{lang}/search/?q=Koblenz",
    "kiosk-start": "/{lang}/kiosk/chongqing-2024/",
    "kiosk-work": "/{lang}/kiosk/chongqing-2024/105/",
}
# Portrait tablet views of the pages visitors use most.
PORTRAIT = ("stop-catalogue", "stop-work", "keypad", "kiosk-start")
ADMIN = {
    "admin-work-edit": "/admin/pages/{work_id}/edit/",
    "admin-works": "/admin/works/?missing_language=en",
    "admin-tourstop": "/admin/snippets/exhibition/tourstop/edit/{stop_id}/",
    # Touring (issue 5)
    "admin-tour-where": "/admin/tour/where/?date=2024-11-03",
    "admin-tour-timeline": "/admin/tour/timeline/",
    "admin-tour-work": "/admin/tour/work/{work_id}/",
    "admin-tour-missing-check-in": "/admin/tour/missing-check-in/",
    "admin-registrar-totals": "/admin/registrar/totals/",
    "admin-tour-checklist": "/admin/tour/stops/{stop_id}/checklist/",
    "admin-dashboard": "/admin/",
    "admin-translations": "/admin/translations/",
    "admin-translations-export": "/admin/translations/export/",
}


def admin_ids():
    """The demo's work BL-R-05 and the Chongqing stop, read from the development database."""
    import os

    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from catalogue.models import WorkPage
    from exhibition.models import TourStop

    work = WorkPage.objects.get(inventory_number="BL-R-05")
    return work.pk, TourStop.objects.get(slug="chongqing-2024").pk


def settle(page):
    """Scroll through the page so lazy thumbnails load before the full-page screenshot."""
    page.evaluate(
        "async () => { for (let y = 0; y < document.body.scrollHeight; y += 600) {"
        " window.scrollTo(0, y); await new Promise(r => setTimeout(r, 50)); } window.scrollTo(0, 0); }"
    )
    page.wait_for_load_state("networkidle")


def main(base, out):
    work_id, stop_id = admin_ids()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1024, "height": 768})
        for name, path in PUBLIC.items():
            for lang in ("de", "zh-hans", "en"):
                page.goto(base + path.format(lang=lang))
                settle(page)
                target = out / f"{name}-{lang}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
        portrait = browser.new_page(viewport={"width": 768, "height": 1024})
        for name in PORTRAIT:
            for lang in ("de", "zh-hans", "en"):
                portrait.goto(base + PUBLIC[name].format(lang=lang))
                settle(portrait)
                target = out / f"{name}-{lang}-portrait.png"
                portrait.screenshot(path=str(target), full_page=True)
                print(target)
        page.goto(base + "/admin/login/")
        page.fill("#id_username", "admin")
        page.fill("#id_password", "leporello-demo")
        page.click("button[type=submit]")
        for name, path in ADMIN.items():
            page.goto(base + path.format(work_id=work_id, stop_id=stop_id))
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
