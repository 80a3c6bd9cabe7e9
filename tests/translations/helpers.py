import csv
import io

from django.core.management import call_command
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, PageLogEntry, Revision

from catalogue.models import TranslationStatus, WorkPage
from translations.formats.xliff import NS20
from translations.roundtrip import build_export, plan_import, read_file, write_export

S = TranslationStatus.Status
Q20 = f"{{{NS20}}}"  # the XLIFF 2.0 namespace, as ElementTree names tags in it


def export_bytes(fmt="xlsx", languages=("zh-hans",), **kwargs):
    stream = io.BytesIO()
    write_export(build_export(list(languages), **kwargs), stream, fmt)
    return stream.getvalue()


def export_command(path, *options):
    """`manage.py export_translations` with `options`, written to `path`; returns its text."""
    call_command("export_translations", *options, "-o", str(path), stdout=io.StringIO())
    return path.read_text()


def blank_chinese(*numbers, field="caption"):
    """Empty the Chinese text of some works, published, as a curator would."""
    for number in numbers:
        page = WorkPage.objects.get(inventory_number=number)
        setattr(page, f"{field}_zh_hans", "")
        page.save_revision().publish()


def fill_xlsx(data, values):
    """values: {key: {column: text}} -> the workbook with those cells filled."""
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        key = row[0].value
        for column, text in values.get(key, {}).items():
            row[header.index(column)].value = text
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def fill_csv(data, values):
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header = rows[0]
    for row in rows[1:]:
        for column, text in values.get(row[0], {}).items():
            row[header.index(column)] = text
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def csv_file(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def work(number):
    return WorkPage.objects.get(inventory_number=number)


def draft(number):
    return work(number).get_latest_revision_as_object()


def snapshot():
    """What an import may change: revisions, statuses, log entries, the works' texts."""
    return (
        Revision.objects.count(),
        sorted(TranslationStatus.objects.values_list("object_id", "field", "language", "status")),
        PageLogEntry.objects.count() + ModelLogEntry.objects.count(),
        sorted(WorkPage.objects.values_list("pk", "caption_zh_hans", "medium_en")),
    )


def plan_for(data, user=None):
    return plan_import(read_file(data, "upload"), user=user)
