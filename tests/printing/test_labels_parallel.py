"""Long label runs are laid out in several worker processes and joined into one PDF.

The joined PDF must be indistinguishable, for staff and print shops, from one laid out in a
single process: page order, QR codes, fonts, bookmarks, the overflow report.
"""

import io
import logging
import shutil
import subprocess
import sys

import pikepdf
import pytest

from exhibition.models import TourStop
from printing.labels import LabelOptions, LabelsOverflow, render_labels
from printing.lookup import stop_entries
from printing.options import parse_label_size
from printing.pdf import RenderPool
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import rhine_and_yangtze_tour

from . import pdftools

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Six works sharing one picture (480 × 320 px, enough for a label's thumbnail), hung at
    both stops: six labels, three per process."""
    numbers = ("BL-R-01", "BL-R-02", "BL-R-03", "BL-J-01", "BL-J-02", "BL-J-03")
    return rhine_and_yangtze_tour(numbers, image=ImageFactory(size=(480, 320)))


@pytest.fixture
def two_workers(settings):
    """Two processes from six labels on (the default waits for 40, too many for a test)."""
    settings.LEPORELLO_PRINT_PROCESSES = 2
    settings.LEPORELLO_PRINT_MIN_LABELS_PER_PROCESS = 3


def render(slug, count, **options):
    stop = TourStop.objects.select_related("venue").get(slug=slug)
    entries = stop_entries(stop)[:count]
    size = parse_label_size(options.pop("size", "a6"))
    options = LabelOptions(size=size, placeholders=True, **options)
    return entries, render_labels(stop, entries, options)


def test_labels_from_two_processes_keep_the_hanging_order_and_their_qr_codes(two_workers, caplog):
    caplog.set_level(logging.WARNING, logger="printing.pdf")
    entries, result = render("chongqing-2024", 6)
    assert not [r for r in caplog.records if r.name == "printing.pdf"]  # no fallback
    assert pdftools.page_count(result.pdf) == result.pages == 6
    assert pdftools.qr_codes(result.pdf) == [[entry.short_url] for entry in entries]
    numbers = [int(pdftools.text(result.pdf, page, raw=False).split()[0]) for page in range(1, 7)]
    assert numbers == [entry.label_number for entry in entries]


def test_joined_pdf_keeps_title_language_bookmarks_and_distinct_font_subsets(two_workers):
    entries, result = render("duesseldorf-2024", 6)
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        assert str(pdf.Root.Lang) == "de"
        assert "duesseldorf-2024" in str(pdf.docinfo.Title)
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
    # One bookmark per language block of every label, in order, from both halves.
    assert titles[0].startswith(entries[0].work.title_de)
    assert any(title.startswith(entries[5].work.title_de) for title in titles)
    # Each half embeds its own subsets; equal names would let a RIP mix up their glyphs.
    names = [name for name, _type, _embedded in pdftools.fonts(result.pdf)]
    assert len(names) == len(set(names))
    faces = {name.split("+")[-1] for name in names if "Noto-Sans-CJK-SC" in name}
    # each of the two parts embeds its own subset of each CJK face, under its own name
    assert sum("Noto-Sans-CJK-SC" in name for name in names) == 2 * len(faces)


def test_n_up_sheets_are_split_between_processes_at_sheet_boundaries(two_workers):
    entries, result = render("duesseldorf-2024", 6, sheet="a4")
    assert pdftools.page_count(result.pdf) == 3  # two A6 labels per A4 sheet, none left empty
    codes = [code for page in pdftools.qr_codes(result.pdf) for code in page]
    assert sorted(codes) == sorted(entry.short_url for entry in entries)


def test_overflow_found_by_a_worker_names_the_work(two_workers):
    stop = TourStop.objects.get(slug="duesseldorf-2024")
    entry = stop_entries(stop)[4]  # laid out by the second process
    entry.caption_override_de = "Sehr lange Beschriftung. " * 60
    entry.save()
    with pytest.raises(LabelsOverflow) as refused:
        render("duesseldorf-2024", 6, layout="extended", size="297x210")
    assert [label.entry.pk for label in refused.value.labels] == [entry.pk]


def test_labels_still_print_when_no_worker_process_can_start(two_workers, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise OSError("no more processes")

    caplog.set_level(logging.WARNING, logger="printing.pdf")
    with monkeypatch.context() as patched:
        patched.setattr(subprocess, "Popen", refuse)
        entries, result = render("chongqing-2024", 6)
    assert "rendering in this process" in caplog.text
    assert pdftools.qr_codes(result.pdf) == [[entry.short_url] for entry in entries]


def test_a_worker_that_dies_is_replaced_by_this_process(two_workers, monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger="printing.pdf")
    with monkeypatch.context() as patched:
        patched.setattr(sys, "executable", shutil.which("false"))  # exits at once, says nothing
        entries, result = render("duesseldorf-2024", 6)
    assert pdftools.qr_codes(result.pdf) == [[entry.short_url] for entry in entries]
    assert "rendering in this process" in caplog.text


def test_a_worker_that_takes_too_long_is_killed_and_replaced(two_workers, monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger="printing.pdf")
    monkeypatch.setattr(RenderPool, "timeout", 0.01)  # a worker needs about 1 s to start
    entries, result = render("duesseldorf-2024", 6)
    assert pdftools.qr_codes(result.pdf) == [[entry.short_url] for entry in entries]
    assert "no answer in 0.01 s" in caplog.text
