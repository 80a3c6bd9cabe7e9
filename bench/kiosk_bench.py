"""The offline kiosk with 24 and with 100 works in Debian's Chromium (issue 16).

    .venv/bin/python bench/kiosk_bench.py [--port 8220] [--image-size 2400x1600]

Builds a throw-away SQLite database and media folder with the demo (photographs of
`--image-size`, the demo's three large ones 2.5 times that; renditions and zoom tiles made as on
upload), serves it on 127.0.0.1:`--port` (a live server thread that also serves static files and
media), and for the demo stop Chongqing with its 24 works, then grown to 100 works (each with its
own photograph), opens the kiosk start page in a fresh 768x1024 touch context, twice: with the
budget of `LEPORELLO_KIOSK_OFFLINE_BUDGET_MB` (150, zoom tiles while they fit) and with a budget
too small for any tile (pages, search index and tablet-size pictures only). It prints per run: the
files and bytes of the precache list, the seconds from the first visit until
`data-offline-status="complete"`, the bytes the site then uses (`navigator.storage.estimate()`),
the cold offline start of the start page in a new tab (network off), and whether the stored
bytes stay within the issue's budgets (<= 150 MB with tiles, <= 40 MB without, at 100 works).
It measures; it does not fail the build.
"""

import argparse
import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CQ = "chongqing-2024"
MB = 1024 * 1024
GOALS = {"tiles": 150, "none": 40}  # MB at 100 works (issue 16)


def add_works(stop, total, size):
    """Grow the checklist of `stop` to `total` works, each with its own photograph of `size`."""
    import io

    from django.core.files.images import ImageFile

    from catalogue.models import CatalogueImage, WorkPage
    from exhibition.demo_photos import demo_photograph
    from exhibition.demo_scale import publish_copy
    from exhibition.models import ExhibitionPage

    exhibition = ExhibitionPage.objects.get()
    template = WorkPage.objects.get(inventory_number="BL-R-01")
    for number in range(stop.checklist.count() + 1, total + 1):
        content, extension = demo_photograph(f"BENCH-{number}", size)
        image = CatalogueImage(title=f"Bench {number}", alt_text_en=f"Bench photograph {number}")
        image.file = ImageFile(io.BytesIO(content), name=f"bench-{number}.{extension}")
        image._set_image_file_metadata()
        image.save()  # renditions and tiles (immediate tasks)
        publish_copy(exhibition, template, number, stop, image=image)


def kiosk_renditions_only():
    """Make only the renditions the tablet stores (WebP at tablet width, the 640x480 WebP
    thumbnail) and the tiles, not the other 14 of every upload: the same bytes on the tablet
    (visitor.offline picks these when they exist) in a third of the time."""
    from django.conf import settings
    from django.db import transaction

    from catalogue import signal_handlers
    from catalogue.renditions import make_renditions_task
    from catalogue.tiles import make_tiles_task

    width = settings.LEPORELLO_KIOSK_IMAGE_WIDTH
    specs = [f"width-{width}|format-webp", "fill-640x480|format-webp"]

    def schedule(image_pk, tiles=True):
        def run():
            make_renditions_task.enqueue(image_pk, specs)
            if tiles:
                make_tiles_task.enqueue(image_pk)

        transaction.on_commit(run)

    signal_handlers.schedule_renditions = schedule


def serve(port):
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread, _MediaFilesHandler

    thread = LiveServerThread(
        "127.0.0.1", lambda app: _MediaFilesHandler(StaticFilesHandler(app)), {}, port=port
    )
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    return thread


def visit(browser, base, stop):
    """One tablet: first visit until complete, storage, cold offline start. Returns a dict."""
    from visitor.offline import build_precache_list

    listed = build_precache_list(stop)
    context = browser.new_context(viewport={"width": 768, "height": 1024}, has_touch=True)
    page = context.new_page()
    start = f"{base}/zh-hans/kiosk/{CQ}/"
    began = time.monotonic()
    page.goto(start)
    page.wait_for_selector("[data-offline-status='complete']", timeout=1800000)
    seconds = time.monotonic() - began
    works = int(page.locator("[data-offline-status]").get_attribute("data-offline-works"))
    usage = page.evaluate("async () => (await navigator.storage.estimate()).usage")
    stored = page.evaluate(
        """async () => {
            let n = 0, bytes = 0;
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const r of await cache.keys()) {
                    n += 1;
                    bytes += (await (await cache.match(r)).arrayBuffer()).byteLength;
                }
            }
            return {n, bytes};
        }"""
    )
    context.set_offline(True)
    cold = context.new_page()
    began = time.monotonic()
    response = cold.goto(start)
    cold.wait_for_selector("h1")
    cold.wait_for_load_state("load")
    cold_ms = 1000 * (time.monotonic() - began)
    assert response.ok, "the start page did not open offline"
    context.close()
    return {
        "works": works,
        "zoom": listed["zoom"],
        "files": len(listed["files"]),
        "listed": listed["bytes"],
        "stored_files": stored["n"],
        "stored": stored["bytes"],
        "usage": usage,
        "seconds": seconds,
        "cold_ms": cold_ms,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8220)))
    parser.add_argument("--image-size", default="2400x1600", help="demo photographs, WxH px")
    parser.add_argument("--works", type=int, nargs="+", default=[24, 100])
    parser.add_argument(
        "--kiosk-renditions-only", action="store_true", help="see kiosk_renditions_only()"
    )
    args = parser.parse_args()
    size = tuple(int(v) for v in args.image_size.split("x"))
    folder = tempfile.mkdtemp(prefix="leporello-kiosk-bench-")
    atexit.register(shutil.rmtree, folder, True)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from playwright.sync_api import sync_playwright

    from exhibition.demo import DemoBuilder
    from exhibition.models import TourStop
    from scripts.chromium import ARGS, CHROMIUM

    atexit.register(shutil.rmtree, settings.MEDIA_ROOT, True)
    atexit.register(shutil.rmtree, settings.LEPORELLO_PRIVATE_ROOT, True)
    call_command("migrate", "--noinput", verbosity=0)
    if args.kiosk_renditions_only:
        kiosk_renditions_only()
    began = time.monotonic()
    DemoBuilder(image_size=size).build()
    print(f"demo with {size[0]}x{size[1]} photographs: {time.monotonic() - began:.0f} s")
    thread = serve(args.port)
    base = f"http://127.0.0.1:{args.port}"
    budget = settings.LEPORELLO_KIOSK_OFFLINE_BUDGET_MB
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for total in args.works:
                stop = TourStop.objects.get(slug=CQ)
                began = time.monotonic()
                add_works(stop, total, size)
                print(f"{total} works ready: {time.monotonic() - began:.0f} s")
                for label, mb in (("tiles", budget), ("none", 1)):
                    settings.LEPORELLO_KIOSK_OFFLINE_BUDGET_MB = mb
                    row = visit(browser, base, stop)
                    row["budget"] = label
                    rows.append(row)
                    print(
                        f"  {row['works']} works, zoom {row['zoom']}: {row['files']} files, "
                        f"{row['listed'] / MB:.1f} MB listed, {row['stored'] / MB:.1f} MB stored, "
                        f"storage.estimate {row['usage'] / MB:.1f} MB, complete in "
                        f"{row['seconds']:.1f} s, cold offline start {row['cold_ms']:.0f} ms",
                        flush=True,
                    )
                settings.LEPORELLO_KIOSK_OFFLINE_BUDGET_MB = budget
            browser.close()
    finally:
        thread.terminate()
    print(
        "\n| works | zoom tiles | files | MB stored | storage.estimate() MB | complete s | cold ms |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['works']} | {r['zoom']} | {r['files']} | {r['stored'] / MB:.1f} | "
            f"{r['usage'] / MB:.1f} | {r['seconds']:.1f} | {r['cold_ms']:.0f} |"
        )
    for r in rows:
        if r["works"] >= 100:
            goal = GOALS[r["budget"]]
            verdict = "holds" if r["usage"] <= goal * MB else "MISSED"
            print(f"budget {goal} MB at {r['works']} works ({r['budget']}): {verdict}")


if __name__ == "__main__":
    main()
