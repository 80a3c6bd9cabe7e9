"""Visitor search with 24 and 2,000 works on SQLite and PostgreSQL: latency and database queries.

    .venv/bin/python bench/search_bench.py [--works 2000] [--backend sqlite|postgres|both]
        [--postgres postgres://postgres@127.0.0.1:5432]     (BENCH_RUNS=7: requests per query)

For each database: a throw-away database (SQLite in a temporary folder; on PostgreSQL a new
database that is dropped afterwards) with the demo (24 works); the queries below are timed, then
the catalogue grows to --works works (titles and captions varied from the demo's places and times
of day, published without revisions) and they are timed again, and `update_index` once. Each
query: the number of results, the database queries of one request, and the median of BENCH_RUNS (7) requests
(after one warm-up) through Django's test client, the full view and template, no page cache;
then, separately, the median ms of the backend search alone and of ranking and highlighting
every result (visitor/search.py).
"""

import argparse
import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("de", "长江", "simplified"),
    ("de", "長江", "traditional"),
    ("zh-hans", "長江", "traditional"),
    ("zh-hans", "changjiang", "Pinyin"),
    ("de", "Cháng Jiāng", "Pinyin, tones"),
    ("de", "Koeln", "German, no umlaut"),
    ("de", "Rhein bei Köln, Nebel", "a title"),
    ("en", "river landscape", "caption words"),
    ("de", "xyzzy", "no result"),
]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def measure(label):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from catalogue.models import WorkPage

    client = Client()
    works = WorkPage.objects.live().count()
    for lang, query, kind in QUERIES:
        url = f"/{lang}/search/"
        client.get(url, {"q": query})  # warm-up: first pypinyin/OpenCC use, template loading
        times = []
        for _run in range(RUNS):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, {"q": query})
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
        body = response.content.decode()
        found = body.partition("search-results")[2].count("<li>")
        ms = statistics.median(times)
        backend, ours = breakdown(lang, query)
        print(
            f"| {label} | {works} | {lang} | {query} ({kind}) | {found} | {len(queries)} "
            f"| {ms:.0f} | {backend:.0f} | {ours:.0f} |",
            flush=True,
        )


def breakdown(lang, query):
    """Median ms of the backend search alone, and of ranking and highlighting every result."""
    from django.utils import translation

    from catalogue.models import WorkPage
    from catalogue.search_keys import query_terms
    from catalogue.translation_status import prefetch_statuses
    from visitor.search import candidates, find_work_ids, hit, rank

    terms = query_terms(query)
    backend, ours = [], []
    for _run in range(RUNS):
        start = time.perf_counter()
        ids = find_work_ids(terms)
        backend.append((time.perf_counter() - start) * 1000)
        # Every result highlighted (the view highlights one page), sections and statuses read once.
        works = {w.pk: w for w in WorkPage.objects.filter(pk__in=ids).select_related("section")}
        prefetch_statuses(list(works.values()))
        start = time.perf_counter()
        with translation.override(lang):
            [hit(works[c.pk], terms, "") for c in rank(candidates(ids), query, terms)]
        ours.append((time.perf_counter() - start) * 1000)
    return statistics.median(backend), statistics.median(ours)


def grow(total):
    """Add published works (no revisions, as an import would) up to `total`."""
    from catalogue.models import WorkPage
    from exhibition import demo_data
    from exhibition.models import ExhibitionPage

    exhibition = ExhibitionPage.objects.get()
    template = WorkPage.objects.get(inventory_number="BL-R-01")
    data = demo_data.works()
    times = demo_data.TIMES_OF_DAY
    start = time.perf_counter()
    for number in range(WorkPage.objects.count() + 1, total + 1):
        base = data[number % len(data)]
        time_de, time_zh, time_en = times[(number // len(data)) % len(times)]
        place = base["place_name"]
        river = base["title"]
        work = WorkPage(
            slug=f"bench-{number}",
            inventory_number=f"BENCH-{number:04d}",
            section=template.section,
            live=True,
            title_de=f"{river['de'].split(' bei ')[0]} bei {place['de']}, {time_de} {number}",
            title_zh_hans=f"{river['zh-hans'].split('，')[0]}，{time_zh} {number}",
            title_en=f"{river['en'].split(',')[0]}, {time_en} {number}",
            caption_de=base["caption"]["de"],
            caption_zh_hans=base["caption"]["zh-hans"],
            caption_en=base["caption"]["en"],
            place_name_de=place["de"],
            place_name_zh_hans=place["zh-hans"],
            place_name_en=place["en"],
        )
        work.title = work.title_de
        exhibition.add_child(instance=work)
    print(f"(grew to {total} works in {time.perf_counter() - start:.0f} s)", file=sys.stderr)


def run(database_url, works):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    from exhibition.demo import DemoBuilder

    label = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    call_command("migrate", "--noinput", verbosity=0)
    DemoBuilder(image_size=(120, 80)).build()
    measure(label)
    grow(works)
    measure(label)
    start = time.perf_counter()
    call_command("update_index", verbosity=0)
    print(f"| {label} | update_index, {works} works: {time.perf_counter() - start:.0f} s |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--works", type=int, default=2000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--run", help=argparse.SUPPRESS)  # one database, in a child process
    args = parser.parse_args()
    if args.run:
        run(args.run, args.works)
        return
    print(
        "| database | works | page | query | results | DB queries | median ms "
        "| of which backend | of which rank + highlight |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |", flush=True)
    status = 0
    if args.backend in ("sqlite", "both"):
        folder = tempfile.mkdtemp(prefix="leporello-search-bench-")
        atexit.register(shutil.rmtree, folder, True)
        status |= child(f"sqlite:///{folder}/bench.sqlite3", args.works)
    if args.backend in ("postgres", "both"):
        import psycopg

        name = f"leporello_search_bench_{os.getpid()}"
        with psycopg.connect(f"{args.postgres}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            status |= child(f"{args.postgres}/{name}", args.works)
        finally:
            with psycopg.connect(f"{args.postgres}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    sys.exit(status)


def child(database_url, works):
    command = [sys.executable, __file__, "--works", str(works), "--run", database_url]
    return subprocess.run(command, check=False).returncode  # noqa: S603  (this script, fixed arguments)


if __name__ == "__main__":
    main()
