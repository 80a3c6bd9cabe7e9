"""Time the translation round trip for 500 works: export (xlsx, csv, XLIFF) and import.

    .venv/bin/python bench/translations_roundtrip.py [--works 500] [--database-url URL]

Builds a throw-away database (SQLite in a temporary folder unless --database-url is given) with
the demo and enough extra works, then times each step. The import changes the Chinese caption of
every work, so every page gets a new revision: the worst case.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--works", type=int, default=500)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="leporello-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from openpyxl import load_workbook

    from catalogue.models import WorkPage
    from exhibition.demo import DemoBuilder
    from exhibition.models import ExhibitionPage
    from translations.roundtrip import (
        apply_plan,
        build_export,
        plan_import,
        read_file,
        write_export,
    )

    call_command("migrate", "--noinput", verbosity=0)
    DemoBuilder(image_size=(120, 80)).build()
    exhibition = ExhibitionPage.objects.get()
    template = WorkPage.objects.get(inventory_number="BL-R-01")
    start = time.perf_counter()
    for number in range(WorkPage.objects.count() + 1, args.works + 1):
        work = WorkPage(
            slug=f"bench-{number}",
            inventory_number=f"BENCH-{number:04d}",
            section=template.section,
            **{
                f"{field}_{lang}": getattr(template, f"{field}_{lang}")
                for field in ("title", "caption", "place_name", "medium", "credit_line")
                for lang in ("de", "zh_hans", "en")
            },
        )
        work.caption_zh_hans = ""
        exhibition.add_child(instance=work)
        work.save_revision().publish()
    print(f"setup: {WorkPage.objects.count()} works in {time.perf_counter() - start:.1f} s")

    def timed(label, function):
        start = time.perf_counter()
        result = function()
        print(f"{label}: {time.perf_counter() - start:.2f} s")
        return result

    export = timed("build export (zh-hans, all objects)", lambda: build_export(["zh-hans"]))
    files = {}
    for fmt, name in (("xlsx", "zh.xlsx"), ("csv", "zh.csv"), ("xliff", "zh.xlf")):
        stream = io.BytesIO()
        timed(f"write {fmt}", lambda fmt=fmt, stream=stream: write_export(export, stream, fmt))
        files[name] = stream.getvalue()
        print(f"  {name}: {len(files[name]) // 1024} KiB, {len(export.rows)} rows")

    workbook = load_workbook(io.BytesIO(files["zh.xlsx"]))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    column = header.index("caption_zh_hans")
    for row in sheet.iter_rows(min_row=2):
        if str(row[0].value).startswith("work:"):
            row[column].value = f"基准测试说明 {row[0].value}"
    filled = io.BytesIO()
    workbook.save(filled)
    table = timed("read filled xlsx", lambda: read_file(filled.getvalue(), "zh.xlsx"))
    plan = timed("check (plan) import", lambda: plan_import(table))
    assert plan.ok and not plan.conflicts, plan.problems[:5]
    print(f"  {plan.change_count} changes in {len(plan.applicable)} objects")
    timed("apply import (a revision per page, audit log)", lambda: apply_plan(plan, source="bench"))
    stale = timed(
        "check the csv exported before the import (every work changed since: conflicts)",
        lambda: plan_import(read_file(files["zh.csv"], "zh.csv")),
    )
    print(f"  {len(stale.conflicts)} conflicts")


if __name__ == "__main__":
    main()
