"""Page weight and axe-core on the visitor pages, in Debian's Chromium (Playwright).

    .venv/bin/python bench/browser.py http://127.0.0.1:8130      (a server with the demo: make run)

Page weight: bytes transferred for a first load (empty cache) at 1024x768, every request counted
(HTML, CSS, JS, the images the browser picked from <picture>). Target for a work page: <= 400 KB.
axe-core (bench/node_modules/axe-core, `npm install` in bench/): WCAG 2.0/2.1 A and AA rules on
every page type in every language. Target: no violations.
"""

import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from scripts.chromium import ARGS, CHROMIUM  # noqa: E402

AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
LANGS = ("de", "zh-hans", "en")
PAGES = {
    "exhibition": "/{lang}/flusslandschaften/",
    "stop catalogue": "/{lang}/stops/chongqing-2024/",
    "work": "/{lang}/flusslandschaften/bl-r-05/",
    "work at stop": "/{lang}/stops/chongqing-2024/105/",
    "keypad": "/{lang}/stops/chongqing-2024/find/",
    "unknown label": "/{lang}/stops/duesseldorf-2024/117/",
    "search": "/{lang}/search/?q=%E9%A3%8E%E6%99%AF",
    "kiosk": "/{lang}/kiosk/chongqing-2024/",
    "kiosk work": "/{lang}/kiosk/chongqing-2024/105/",
    "not found": "/{lang}/flusslandschaften/no-such-work/",
}


def weigh(context, url):
    page = context.new_page()
    sizes = []

    def on_finished(request):
        response = request.response()
        if response is None:
            return
        try:
            body = len(response.body())
        except Exception:  # redirects and aborted requests have no body
            body = 0
        headers = sum(len(k) + len(v) + 4 for k, v in response.headers.items())
        sizes.append((request.url, body + headers))

    page.on("requestfinished", on_finished)
    page.goto(url, wait_until="networkidle")
    page.close()
    return sizes


def axe(context, url):
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    page.close()
    return result["violations"]


def main(base):
    report = {"weight": {}, "axe": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        print("First load at 1024x768, empty cache (bytes incl. headers):")
        for name in ("work", "work at stop", "stop catalogue", "exhibition", "search"):
            for lang in LANGS:
                context = browser.new_context(viewport={"width": 1024, "height": 768})
                url = base + PAGES[name].format(lang=lang)
                sizes = weigh(context, url)
                total = sum(s for _u, s in sizes)
                report["weight"][url] = {"bytes": total, "requests": len(sizes)}
                print(f"  {name:15} {lang:8} {total / 1024:7.1f} KB in {len(sizes)} requests")
                context.close()
        if AXE.exists():
            print("axe-core (WCAG 2.1 A/AA):")
            context = browser.new_context(viewport={"width": 1024, "height": 768})
            for name, path in PAGES.items():
                for lang in LANGS:
                    url = base + path.format(lang=lang)
                    violations = axe(context, url)
                    report["axe"][url] = [
                        {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])}
                        for v in violations
                    ]
                    ids = ", ".join(f"{v['id']} ({len(v['nodes'])})" for v in violations)
                    print(f"  {name:15} {lang:8} {len(violations)} violations {ids}")
        else:
            print("axe-core missing: run `npm install` in bench/")
        browser.close()
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "browser.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8130")
