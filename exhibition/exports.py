"""Checklist and packing-list exports (CSV, XLSX) for registrars: the admin and commands share them.

Registrar-only output: insurance values appear only when `private=True`, which the callers allow
only to users of the Registrar group (the admin) or to whoever runs `export_checklist --private`;
crate numbers (logistics) only when `crates=True`, which the admin allows only to users who may
view crates.
No cell that a spreadsheet would run as a formula is ever written.
"""

import csv
import io

from django.db.models import Prefetch
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from catalogue.models import WorkPage
from gates.cells import safe_cell

from .models import ChecklistEntry, Crate, TransitLeg
from .models.registrar import insurance_by_work

FORMATS = ("xlsx", "csv")


def checklist_rows(stop, private=False, crates=False):
    """Header and rows of a stop's checklist in hanging order.

    `private` adds the insurance value and currency, `crates` the incoming crate number.
    """
    entries = list(
        ChecklistEntry.objects.filter(tour_stop=stop)
        .shown()
        .select_related("work")
        .in_hanging_order()
    )
    incoming = {}
    incoming_crates = (
        Crate.objects.filter(leg__destination=stop) if crates else Crate.objects.none()
    )
    for crate in incoming_crates.prefetch_related(
        Prefetch("works", queryset=WorkPage.objects.only("pk"))
    ):
        for work in crate.works.all():
            incoming[work.pk] = crate.number
    header = [
        "label_number",
        "inventory_number",
        "title_de",
        "title_zh_hans",
        "title_en",
        "image_size",
        "frame_size",
        "edition",
        "room",
        "wall",
        "position",
        *(["crate"] if crates else []),
    ]
    loans = {}
    if private:
        header += ["insurance_value", "currency"]
        loans = insurance_by_work(e.work_id for e in entries)
    rows = []
    for entry in entries:
        work = entry.work
        row = [
            entry.label_number,
            work.inventory_number,
            work.title_de,
            work.title_zh_hans,
            work.title_en,
            work.image_size,
            work.frame_size,
            # The same text as labels, catalogue, API and LIDO: '3/7 + 2 AP', 'AP 1/2'.
            work.edition,
            entry.room,
            entry.wall,
            entry.position,
            *([incoming.get(work.pk, "")] if crates else []),
        ]
        if private:
            loan = loans.get(work.pk)
            row += [
                loan.insurance_value if loan and loan.insurance_value is not None else "",
                loan.currency if loan else "",
            ]
        rows.append(row)
    return header, rows


def packing_rows(leg):
    """Header and one row per work per crate of a leg (no values: carriers get this list)."""
    header = [
        "crate",
        "outer_size",
        "gross_weight_kg",
        "inventory_number",
        "title_de",
        "title_zh_hans",
        "title_en",
        "frame_size",
    ]
    rows = []
    for crate in crates_of(leg):
        works = list(crate.works.all()) or [None]
        for work in works:
            rows.append(
                [
                    crate.number,
                    crate.dimensions,
                    crate.weight_kg,
                    work.inventory_number if work else "",
                    work.title_de if work else "",
                    work.title_zh_hans if work else "",
                    work.title_en if work else "",
                    work.frame_size if work else "",
                ]
            )
    return header, rows


def crates_of(leg):
    return Crate.objects.filter(leg=leg).prefetch_related(
        Prefetch("works", queryset=WorkPage.objects.order_by("inventory_number"))
    )


def to_csv(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in [header, *rows]:
        writer.writerow([safe_cell(value) for value in row])
    # A byte-order mark so that spreadsheet programs read the Chinese titles as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(header, rows, title="Leporello"):
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for row in [header, *rows]:
        sheet.append([safe_cell(value) for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    for index, column in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(40, len(column) + 4))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_checklist(stop, fmt, private=False, crates=False):
    """(bytes, content type, file name) of the checklist of `stop`; ValueError for another fmt."""
    header, rows = checklist_rows(stop, private=private, crates=crates)
    suffix = "-private" if private else ""
    name = f"checklist-{stop.slug}{suffix}.{fmt}"
    if fmt == "csv":
        return to_csv(header, rows), "text/csv; charset=utf-8", name
    if fmt == "xlsx":
        return to_xlsx(header, rows, stop.slug), XLSX_TYPE, name
    raise ValueError(fmt)


def export_packing_list_xlsx(leg: TransitLeg):
    header, rows = packing_rows(leg)
    return to_xlsx(header, rows, leg.reference), XLSX_TYPE, f"packing-list-{leg.reference}.xlsx"


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
