"""How long "where are the works" takes: python bench/tour_locations.py [DAYS]

Reads the development database (run `manage.py load_demo` first) and places every work of the
first exhibition on each of DAYS consecutive days, plus the inconsistency check.
"""

import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from exhibition.locations import Tour  # noqa: E402
from exhibition.models import ExhibitionPage  # noqa: E402


def main(days=365):
    exhibition = ExhibitionPage.objects.order_by("path").first()
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        tour = Tour(exhibition)
        loaded = time.perf_counter()
        first = datetime.date(2024, 5, 1)
        placed = sum(len(tour.where_all(first + datetime.timedelta(days=n))) for n in range(days))
        problems = tour.inconsistencies()
        done = time.perf_counter()
    print(
        f"load {1000 * (loaded - start):.1f} ms ({len(queries)} queries), "
        f"{placed} placements over {days} days in {1000 * (done - loaded):.1f} ms "
        f"({1e6 * (done - loaded) / max(placed, 1):.1f} µs each), {len(problems)} inconsistencies"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 365)
