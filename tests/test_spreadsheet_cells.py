"""Every spreadsheet Leporello writes escapes a hostile cell the same way (gates/cells.py).

The registrar's checklist export and the translators' export used to escape different
characters; one cell typed by a curator must come out the same in both files."""

import csv
import io

import pytest
from openpyxl import load_workbook

from catalogue.models import WorkPage
from exhibition.exports import export_checklist
from exhibition.models import TourStop
from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour
from translations.roundtrip import build_export, write_export

from .badinput import bad_input

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """BL-J-01 at Chongqing 2024 (and Düsseldorf)."""
    return rhine_and_yangtze_tour(("BL-J-01",))


# The first two are read from the shared corpus's captions-csv-injection.csv when the test runs.
HOSTILE = [
    "corpus:caption_de",  # =cmd|' /C calc'!A0
    "corpus:caption_zh_hans",  # @SUM(1+1)*cmd|…
    "+1+1",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "＝1+1",  # full-width equals sign, as a Chinese input method types it
]


def checklist_cell(stop, fmt):
    """The title_de cell of BL-J-01 in the stop's checklist export."""
    content, _type, _name = export_checklist(stop, fmt)
    return cell_of(content, fmt, "label_number", "title_de", lambda row: row[1] == "BL-J-01")


def translation_cell(stop, fmt):
    """The title_de cell of BL-J-01 in the stop's translation export."""
    stream = io.BytesIO()
    write_export(build_export(["zh-hans"], tour_stop=stop), stream, fmt)
    return cell_of(stream.getvalue(), fmt, "key", "title_de", lambda row: row[0] == "work:BL-J-01")


def cell_of(content, fmt, first_column, column, is_row):
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
        rows = [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    assert rows[0][0] == first_column
    index = rows[0].index(column)
    [row] = [row for row in rows[1:] if is_row(row)]
    return row[index]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("text", HOSTILE)
def test_both_exports_escape_a_hostile_title_the_same_way(text, fmt):
    if text.startswith("corpus:"):
        corpus = bad_input("captions-csv-injection.csv").open(encoding="utf-8")
        text = next(csv.DictReader(corpus))[text.removeprefix("corpus:")]
    work = WorkPage.objects.get(inventory_number="BL-J-01")
    work.title_de = text
    work.save_revision().publish()
    stop = TourStop.objects.get(slug="chongqing-2024")
    assert checklist_cell(stop, fmt) == translation_cell(stop, fmt) == "'" + text
