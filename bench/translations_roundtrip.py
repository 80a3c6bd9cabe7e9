"""Time the translation round trip for 500 works: export and import in xlsx, csv, XLIFF 1.2, 2.0.

    .venv/bin/python bench/translations_roundtrip.py [--works 500] [--database-url URL]

Builds a throw-away database (SQLite in a temporary folder unless --database-url is given) with
the demo and enough extra works, then times each step per format. Each import (as a superuser,
through `translations.actions.ImportTranslations`) changes the Chinese caption of every work, so
every page gets a new revision: the worst case.
"""

import argparse
import atexit
import csv
import io
import os
import shutil
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from defusedxml.ElementTree import fromstring as parse_xml
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--works", type=int, default=500)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="leporello-bench-")
    atexit.register(shutil.rmtree, folder, True)  # the throw-away database goes with the run
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from catalogue.models import WorkPage
    from exhibition.demo import DemoBuilder
    from exhibition.demo_scale import publish_copy
    from exhibition.models import ExhibitionPage
    from translations.roundtrip import build_export, plan_import, read_file, write_export

    call_command("migrate", "--noinput", verbosity=0)
    DemoBuilder(image_size=(120, 80)).build()
    exhibition = ExhibitionPage.objects.get()
    template = WorkPage.objects.get(inventory_number="BL-R-01")
    start = time.perf_counter()
    for number in range(WorkPage.objects.count() + 1, args.works + 1):
        publish_copy(exhibition, template, number, caption_zh_hans="")
    print(f"setup: {WorkPage.objects.count()} works in {time.perf_counter() - start:.1f} s")

    def timed(label, function):
        start = time.perf_counter()
        result = function()
        print(f"{label}: {time.perf_counter() - start:.2f} s")
        return result

    from translations.actions import ImportTranslations

    user = get_user_model().objects.create_superuser("bench", password=None)
    for fmt in ("xlsx", "csv", "xliff12", "xliff20"):
        print(f"-- {fmt}")
        export = timed("  build export (zh-hans, all objects)", lambda: build_export(["zh-hans"]))
        stream = io.BytesIO()
        timed(
            f"  write {fmt}",
            lambda fmt=fmt, stream=stream, export=export: write_export(export, stream, fmt),
        )
        data = stream.getvalue()
        print(f"  {len(data) // 1024} KiB, {len(export.rows)} objects")
        filled = FILL[fmt](data, f"基准测试说明（{fmt}）")
        action = ImportTranslations(filled, f"zh.{fmt}", user)
        plan = timed("  read and check (plan) import", action.check)
        assert plan.ok and not plan.conflicts, plan.problems[:5]
        print(f"  {plan.change_count} changes in {len(plan.applicable)} objects")
        timed("  apply import (a revision per page, audit log)", action.execute)
        if fmt == "xlsx":
            stale = timed(
                "  check the same file again (every work changed since: conflicts)",
                lambda data=data: plan_import(read_file(data, "zh.xlsx")),
            )
            print(f"  {len(stale.conflicts)} conflicts")


def fill_xlsx(data, text):
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    column = header.index("caption_zh_hans")
    for row in sheet.iter_rows(min_row=2):
        if str(row[0].value).startswith("work:"):
            row[column].value = f"{text} {row[0].value}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def fill_csv(data, text):
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    column = rows[0].index("caption_zh_hans")
    for row in rows[1:]:
        if row[0].startswith("work:"):
            row[column] = f"{text} {row[0]}"
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)  # as Excel saves it in a German locale
    return out.getvalue().encode("utf-8-sig")


def fill_xliff(data, text):
    root = parse_xml(data)
    ns = root.tag[: root.tag.index("}") + 1]
    for group in root.iter(ns + "group"):
        key = group.get("resname") or group.get("name") or ""
        if not key.startswith("work:"):
            continue
        for unit in list(group.iter(ns + "trans-unit")) + list(group.iter(ns + "unit")):
            if (unit.get("resname") or unit.get("name")) != "caption":
                continue
            holder = unit.find(ns + "segment") if ns.endswith("2.0}") else unit
            target = holder.find(ns + "target")
            if target is None:
                target = ET.SubElement(holder, ns + "target")
            target.text = f"{text} {key}"
    return ET.tostring(root, encoding="utf-8")


FILL = {"xlsx": fill_xlsx, "csv": fill_csv, "xliff12": fill_xliff, "xliff20": fill_xliff}

if __name__ == "__main__":
    main()
