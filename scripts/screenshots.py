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
    # Issue 15: the same river typed in traditional characters, in Pinyin, German without umlauts.
    "search-traditional": "/{lang}/search/?q=長江",
    "search-pinyin": "/{lang}/search/?q=Cháng Jiāng",
    "search-umlaut": "/{lang}/search/?q=Koeln",
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
    # The ORM calls between Playwright's (sync) steps run beside its event loop: this script is
    # the only user of that connection, so Django's async guard does not apply.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    django.setup()
    from catalogue.models import WorkPage
    from exhibition.models import TourStop

    work = WorkPage.objects.get(inventory_number="BL-R-05")
    return work.pk, TourStop.objects.get(slug="chongqing-2024").pk


# Each role's dashboard in each admin language (issue 17): (login, panel the role sees).
DASHBOARD_ROLES = ("curator", "translator", "registrar")


def set_admin_language(username, language):
    """The demo user's Wagtail preference, which the admin follows."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username=username))
    profile.preferred_language = language
    profile.save()


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "leporello-demo")
    page.click("button[type=submit]")


def dashboards(browser, base, out):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for role in DASHBOARD_ROLES:
        for lang in ("de", "zh-hans", "en"):
            set_admin_language(role, lang)
            login(page, base, role)
            page.goto(base + "/admin/")
            target = out / f"admin-dashboard-{role}-{lang}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        set_admin_language(role, "")
    page.close()


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
        # No service worker: a kiosk page would store its whole stop offline, so the network
        # never goes idle (the offline kiosk has its own screenshots: test_kiosk_browser.py).
        page = browser.new_page(viewport={"width": 1024, "height": 768}, service_workers="block")
        for name, path in PUBLIC.items():
            for lang in ("de", "zh-hans", "en"):
                page.goto(base + path.format(lang=lang))
                settle(page)
                target = out / f"{name}-{lang}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
        portrait = browser.new_page(
            viewport={"width": 768, "height": 1024}, service_workers="block"
        )
        for name in PORTRAIT:
            for lang in ("de", "zh-hans", "en"):
                portrait.goto(base + PUBLIC[name].format(lang=lang))
                settle(portrait)
                target = out / f"{name}-{lang}-portrait.png"
                portrait.screenshot(path=str(target), full_page=True)
                print(target)
        dashboards(browser, base, out)
        login(page, base, "admin")
        for name, path in ADMIN.items():
            page.goto(base + path.format(work_id=work_id, stop_id=stop_id))
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--dashboards"]:  # only the role dashboards
        admin_ids()
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            dashboards(chromium, sys.argv[2], Path(sys.argv[3]))
            chromium.close()
    else:
        main(*sys.argv[1:])
