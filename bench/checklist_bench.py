"""The tour stop edit page and the checklist screen with 24 and 100 works (issue 17).

    .venv/bin/python bench/checklist_bench.py [--database-url URL] [--runs 5]

Builds a throw-away database (SQLite in a temporary folder unless --database-url is given) with
the demo, then for 24 works (the demo) and 100 works on the Chongqing checklist prints, as the
registrar: HTML bytes, median server time of `--runs` requests (the whole Django stack through the
test client) and database queries of the tour stop edit page and of the checklist screen, and of
the bulk move of all works of the checklist to a next stop (one POST, undone after each run; the
clicks it takes). Goal: the checklist screen <= 150 KB at 100 works.
"""

import argparse
import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(client, url, runs, method="get", data=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, response, queries = [], None, 0
    for _ in range(runs):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        times.append(time.perf_counter() - start)
        queries = len(captured.captured_queries)
    assert response.status_code in (200, 302), (url, response.status_code)
    return len(response.content), statistics.median(times) * 1000, queries


def add_works(exhibition, stop, total):
    """Grow the checklist of `stop` to `total` works, copies of the demo's BL-R-01."""
    from catalogue.models import WorkPage
    from exhibition.demo_scale import publish_copy

    template = WorkPage.objects.get(inventory_number="BL-R-01")
    for number in range(stop.checklist.count() + 1, total + 1):
        publish_copy(exhibition, template, number, stop)


def bulk_move(client, url, stop, leg, destination, runs):
    """POST "move all shown works" of `stop` along `leg`, `runs` times (undone after each);
    prints the works moved, the median server time and the queries of one POST."""
    from django.db import connection
    from django.utils.http import urlencode

    from exhibition.models import Crate

    shown = [("shown", pk) for pk in stop.checklist.values_list("pk", flat=True)]
    body = urlencode(
        [("action", "move"), ("leg", leg.pk), ("crate", "A"), ("all", "1"), *shown], doseq=True
    )
    times, counted = [], []

    def count(execute, sql, params, many, context):
        counted.append(sql)
        return execute(sql, params, many, context)

    for _ in range(runs):
        counted.clear()  # a wrapper, not the query log: that keeps only the last 9000 queries
        start = time.perf_counter()
        with connection.execute_wrapper(count):
            response = client.post(url, body, content_type="application/x-www-form-urlencoded")
        times.append(time.perf_counter() - start)
        assert response.status_code == 302, response.status_code
        moved = destination.checklist.count()
        destination.checklist.all().delete()
        Crate.objects.get(leg=leg).works.clear()
    ms = statistics.median(times) * 1000
    print(f"{'bulk move':<20} {moved:>5} {ms:>8.0f} {len(counted):>8}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="leporello-bench-")
    atexit.register(shutil.rmtree, folder, True)
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from exhibition.demo import DemoBuilder
    from exhibition.demo_scale import next_stop_with_leg
    from exhibition.models import ExhibitionPage, TourStop

    call_command("migrate", "--noinput", verbosity=0)
    DemoBuilder(image_size=(120, 80)).build()
    user = get_user_model().objects.create_user("bench", password=None, is_staff=True)
    user.groups.add(Group.objects.get(name="Registrar"))
    client = Client()
    client.force_login(user)
    exhibition = ExhibitionPage.objects.get()
    stop = TourStop.objects.get(slug="chongqing-2024")
    edit = reverse("wagtailsnippets_exhibition_tourstop:edit", args=(stop.pk,))
    checklist = reverse("tour_checklist", args=(stop.pk,))

    # The bulk move of the demo's 24 works, before the checklist grows.
    bonn, leg = next_stop_with_leg(stop, TourStop.objects.get(slug="duesseldorf-2024").venue)
    print("bulk move            works       ms  queries")
    bulk_move(client, checklist, stop, leg, bonn, min(args.runs, 3))

    print("page                 works    bytes      ms  queries")
    for total in (24, 100):
        add_works(exhibition, stop, total)
        for name, url in (("tour stop edit", edit), ("checklist screen", checklist)):
            measure(client, url, 1)  # warm caches
            size, ms, queries = measure(client, url, args.runs)
            print(f"{name:<20} {total:>5} {size:>8} {ms:>7.0f} {queries:>8}")
    print("bulk move            works       ms  queries")
    bulk_move(client, checklist, stop, leg, bonn, min(args.runs, 3))
    print(
        "clicks for the bulk move: Tour > Checklists (2), 'all works shown' (1), "
        "crate number (1 + typing), 'Move to the next stop' (1) = 5"
    )


if __name__ == "__main__":
    main()
