"""Printing benchmark: labels and catalogue for 100 works, against WeasyPrint alone.

    .venv/bin/python bench/print_bench.py            # builds /tmp/leporello-bench/, then measures

Both output profiles (printing/profiles.py): `screen` (PDF/UA-1) and `print` (PDF/X-4).
Uses its own SQLite database and media folder (never the checkout's), builds the demo with
full-size placeholder images plus 76 more works (each with its own image) and a tour stop of
100 works with German and Chinese labels. Renditions are made once before timing, as the issue
asks. Each measurement runs in a fresh process so its peak memory (ru_maxrss) is its own.
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("LEPORELLO_BENCH_DIR", "/tmp/leporello-bench"))  # noqa: S108
WORKS = 100
STOP = "bench-100"

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["LEPORELLO_MEDIA_ROOT"] = str(WORK / "media")
# The labels' QR codes need a public address (the print preflight refuses a loopback one).
os.environ.setdefault("LEPORELLO_PUBLIC_BASE_URL", "https://leporello.example.org")
sys.path.insert(0, str(ROOT))


def setup():
    import django

    django.setup()


def build():
    """Database, demo, 100 works and a two-language stop (idempotent)."""
    import datetime
    import io

    from django.core.files.images import ImageFile
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    from exhibition.demo import DemoBuilder, placeholder_jpeg

    DemoBuilder().build()
    from catalogue.models import CatalogueImage, WorkPage
    from exhibition.models import ChecklistEntry, ExhibitionPage, TourStop, Venue

    exhibition = ExhibitionPage.objects.get(slug="flusslandschaften")
    templates = list(WorkPage.objects.child_of(exhibition).order_by("catalogue_number"))
    works = list(templates)
    number = 0
    while len(works) < WORKS:
        source = templates[number % len(templates)]
        number += 1
        inventory = f"BENCH-{number:03d}"
        existing = WorkPage.objects.filter(inventory_number=inventory).first()
        if existing:
            works.append(existing)
            continue
        image = CatalogueImage(title=inventory, is_placeholder=True)
        image.file = ImageFile(
            io.BytesIO(placeholder_jpeg(inventory, inventory)), name=f"{inventory.lower()}.jpg"
        )
        image._set_image_file_metadata()
        image.save()
        fields = {
            name: getattr(source, name)
            for lang in ("de", "zh_hans", "en")
            for base in ("title", "caption", "place_name", "medium", "credit_line")
            for name in (f"{base}_{lang}",)
        }
        for name in ("year", "section", "image_width_mm", "image_height_mm", "edition_size"):
            fields[name] = getattr(source, name)
        copy = WorkPage(
            slug=inventory.lower(),
            inventory_number=inventory,
            catalogue_number=100 + number,
            image=image,
            is_sample=True,
            **fields,
        )
        exhibition.add_child(instance=copy)
        works.append(copy)
    # The venue's name and city print on the catalogue's title page, in both languages.
    for venue in Venue.objects.filter(name_de="Bench"):
        venue.name_zh_hans = venue.city_zh_hans = "基准"
        venue.save()  # saving also approves the new translations (catalogue.translation_status)
    if not TourStop.objects.filter(slug=STOP).exists():
        source = Venue.objects.first()
        venue = Venue.objects.create(
            name_de="Bench",
            name_zh_hans="基准",
            city_de="Bench",
            city_zh_hans="基准",
            country="DE",
            time_zone="Europe/Berlin",
            label_language_1="de",
            label_language_2="zh-hans",
        )
        stop = TourStop.objects.create(
            exhibition=exhibition,
            venue=venue or source,
            slug=STOP,
            install_start=datetime.date(2031, 1, 1),
            opening=datetime.date(2031, 1, 5),
            closing=datetime.date(2031, 2, 1),
            deinstall_end=datetime.date(2031, 2, 5),
        )
        for position, work in enumerate(works[:WORKS]):
            ChecklistEntry.objects.create(
                tour_stop=stop, work=work, sort_order=position, label_number=position + 1
            )


def _stop():
    from exhibition.models import TourStop
    from printing.lookup import stop_entries

    stop = TourStop.objects.select_related("venue", "exhibition").get(slug=STOP)
    return stop, stop_entries(stop)


def measure(what):
    """One measurement in this process: seconds, PDF bytes, pages. `what` is
    `<measurement>:<profile>`, the profile `screen` (PDF/UA-1) or `print` (PDF/X-4)."""
    from printing.labels import LabelOptions, build_labels, labels_html, render_labels
    from printing.options import output_profile, parse_label_size
    from printing.pdf import render_document
    from printing.printed_catalogue import (
        PrintedCatalogueOptions,
        build_printed_catalogue,
        make_printed_catalogue,
        printed_catalogue_html,
    )

    what, _colon, profile_name = what.partition(":")
    profile = output_profile(profile_name or "screen")
    stop, entries = _stop()
    label_options = LabelOptions(size=parse_label_size("a6"), profile=profile)
    book_options = PrintedCatalogueOptions(languages=["de", "zh-hans"], profile=profile.name)
    start = time.perf_counter()
    worker_mb = None
    if what == "labels":
        result = render_labels(stop, entries, label_options)
        pdf, pages, worker_mb = result.pdf, result.pages, result.peak_rss_mb
    elif what == "labels-weasyprint-only":
        # The same final HTML, laid out and written by WeasyPrint in this one process with the
        # same PDF variant (no preflight, no worker processes, no QR codes drawn in, no join).
        html = labels_html(stop, build_labels(stop, entries, label_options), label_options)
        start = time.perf_counter()
        document = render_document(html, ["labels.css"], profile=profile)
        pdf = document.write_pdf(**profile.write_options())
        pages = None
    elif what == "catalogue":
        result = make_printed_catalogue(stop.exhibition, stop, book_options)
        pdf, pages = result.pdf, result.pages
    elif what == "catalogue-weasyprint-only":
        html = printed_catalogue_html(build_printed_catalogue(stop.exhibition, stop, book_options))
        start = time.perf_counter()
        document = render_document(html, ["catalogue.css"], profile=profile)
        pdf = document.write_pdf(**profile.write_options())
        pages = None
    else:
        raise SystemExit(f"unknown measurement {what}")
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "what": f"{what}:{profile.name}",
        "seconds": round(seconds, 2),
        "mb": round(len(pdf) / 1e6, 2),
        "pages": pages,
        "peak_rss_mb": round(peak_mb),
        # Labels are laid out in worker processes (printing/pdf.py): the largest one.
        "worker_peak_rss_mb": worker_mb,
    }


def run(what):
    out = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--measure", what], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        setup()
        print(json.dumps(measure(sys.argv[2])))
        return
    WORK.mkdir(parents=True, exist_ok=True)
    setup()
    started = time.perf_counter()
    build()
    print(f"setup: {time.perf_counter() - started:.1f} s (database, 100 works, images)")
    # Renditions first (the issue measures with renditions already made), for both profiles.
    run("labels:screen")
    run("catalogue:screen")
    run("catalogue:print")
    results = {}
    for profile in ("screen", "print"):
        for kind in ("labels", "labels-weasyprint-only", "catalogue", "catalogue-weasyprint-only"):
            what = f"{kind}:{profile}"
            results[what] = run(what)
            print(json.dumps(results[what]))
    for profile in ("screen", "print"):
        for kind in ("labels", "catalogue"):
            full = results[f"{kind}:{profile}"]["seconds"]
            alone = results[f"{kind}-weasyprint-only:{profile}"]["seconds"]
            print(
                f"{kind} ({profile}): full pipeline / WeasyPrint alone on the same HTML = "
                f"{full / alone:.2f}"
            )


if __name__ == "__main__":
    main()
