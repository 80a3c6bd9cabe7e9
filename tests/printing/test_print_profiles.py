"""The two output profiles as a print shop and a screen reader receive them: PDF/X-4 and
PDF/UA-1 checked with pikepdf and qpdf, QR codes read from a 100 dpi scan."""

import io
import re
from pathlib import Path

import pikepdf
import pytest
from django.core.management import call_command
from PIL import Image

from exhibition.models import TourStop
from printing.labels import LabelOptions, render_labels
from printing.lookup import stop_entries
from printing.options import output_profile, parse_label_size
from printing.printed_catalogue import PrintedCatalogueOptions, make_printed_catalogue
from printing.qr import min_size_mm
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import rhine_and_yangtze_tour

from . import pdfcheck, pdftools

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Three Rhine works and one Yangtze work sharing one picture (480 × 320 px, as the demo's,
    enough for a label's thumbnail): four labels at either stop, two Rhine works first in
    Düsseldorf, Chongqing's labels from 101."""
    return rhine_and_yangtze_tour(
        ("BL-R-01", "BL-R-02", "BL-R-03", "BL-J-01"), image=ImageFactory(size=(480, 320))
    )


CHECKS = {"print": pdfcheck.pdf_x4_problems, "screen": pdfcheck.pdf_ua1_problems}


def labels(slug="duesseldorf-2024", count=2, profile="screen", size="a6", **options):
    stop = TourStop.objects.select_related("venue").get(slug=slug)
    entries = stop_entries(stop)[:count]
    options = LabelOptions(
        size=parse_label_size(size),
        placeholders=True,
        profile=output_profile(profile),
        **options,
    )
    return entries, render_labels(stop, entries, options)


@pytest.mark.parametrize("profile", ["print", "screen"])
@pytest.mark.parametrize(
    ("size", "extra"),
    [
        ("a6", {}),
        ("a5", {}),
        ("100x150", {}),
        ("120x80", {"bleed": True}),
        ("a6", {"sheet": "a4"}),
    ],
)
def test_labels_pass_the_profile_checks_and_every_qr_code_reads_at_100_dpi(profile, size, extra):
    entries, result = labels(profile=profile, size=size, count=2, **extra)
    assert CHECKS[profile](result.pdf) == []
    codes = pdftools.qr_codes(result.pdf, dpi=100)
    assert sorted(code for page in codes for code in page) == sorted(e.short_url for e in entries)


def test_print_labels_have_bleed_and_crop_marks_outside_the_trim():
    _entries, result = labels(profile="print", count=1)
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        page = pdf.pages[0].obj
        trim = [float(v) for v in page.TrimBox]
        media = [float(v) for v in page.MediaBox]
    assert round((trim[2] - trim[0]) / 72 * 25.4) == 148  # the trim is the label
    assert media[0] < trim[0] and media[2] > trim[2]  # room for bleed and marks
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "Artifex CMYK SWOP Profile"
        assert pdf.pdf_version == "1.6"


def test_the_output_intent_is_the_print_shops_profile_from_the_setting(settings, tmp_path):
    icc = tmp_path / "shop.icc"
    icc.write_bytes(Path("/usr/share/color/icc/ghostscript/ps_cmyk.icc").read_bytes())
    settings.LEPORELLO_PRINT_OUTPUT_ICC = str(icc)
    _entries, result = labels(profile="print", count=1)
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        profile = pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes()
    assert profile == icc.read_bytes()


def test_labels_joined_from_two_processes_keep_variant_metadata_and_structure(settings):
    settings.LEPORELLO_PRINT_PROCESSES = 2
    settings.LEPORELLO_PRINT_MIN_LABELS_PER_PROCESS = 2
    _entries, result = labels(count=4, profile="screen")
    assert pdfcheck.pdf_ua1_problems(result.pdf) == []
    alts = pdfcheck.figures_alt(result.pdf)
    assert len(alts) == 4 and all(alts)  # one thumbnail per label, each with its alt text
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        assert pdf.pdf_version == "1.7"
        assert int(pdf.Root.StructTreeRoot.ParentTreeNextKey) >= 4
    _entries, printed = labels(count=4, profile="print")
    assert pdfcheck.pdf_x4_problems(printed.pdf) == []


@pytest.mark.parametrize("size", ["a6", "a5", "100x150"])
def test_qr_code_is_drawn_large_enough_to_scan_at_40_cm(size):
    entries, result = labels(count=1, size=size)
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        content = b"".join(
            stream.read_bytes() for stream in pdf.pages[0].obj.Contents.as_list()
        ).decode("latin-1")
    # printing.qr draws a white square the size of the code with its quiet zone first.
    side_pt = float(re.search(r"1 g\n[\d.]+ [\d.]+ ([\d.]+) [\d.]+ re f", content)[1])
    side_mm = side_pt / 72 * 25.4
    assert side_mm >= min_size_mm(entries[0].short_url) - 0.1
    assert side_mm >= 25


def _catalogue(profile, languages, stop_slug="duesseldorf-2024", count=2):
    stop = TourStop.objects.select_related("venue", "exhibition").get(slug=stop_slug)
    for entry in stop_entries(stop)[count:]:
        entry.delete()
    options = PrintedCatalogueOptions(
        languages=languages, profile=profile, placeholders=True, allow_low_resolution=True
    )
    return stop, make_printed_catalogue(stop.exhibition, stop, options)


@pytest.mark.parametrize("profile", ["print", "screen"])
@pytest.mark.parametrize("languages", [["de", "zh-hans"], ["zh-hans", "de"]])
def test_catalogue_passes_the_profile_checks_in_both_language_orders(profile, languages):
    _stop, result = _catalogue(profile, languages)
    assert CHECKS[profile](result.pdf) == []


def test_screen_catalogue_images_carry_alt_text_in_the_first_language():
    stop = TourStop.objects.get(slug="duesseldorf-2024")
    image = stop_entries(stop)[0].work.image
    image.alt_text_de = "Ein breiter Fluss im Mittagslicht"
    image.alt_text_zh_hans = "正午阳光下宽阔的河流"
    image.save()
    _stop, german = _catalogue("screen", ["de", "zh-hans"])
    assert "Ein breiter Fluss im Mittagslicht" in pdfcheck.figures_alt(german.pdf)
    _stop, chinese = _catalogue("screen", ["zh-hans", "de"])
    assert "正午阳光下宽阔的河流" in pdfcheck.figures_alt(chinese.pdf)
    with pikepdf.open(io.BytesIO(chinese.pdf)) as pdf:
        assert str(pdf.Root.Lang) == "zh-Hans"
        assert set(pdf.open_metadata()["dc:language"]) == {"zh-Hans"}


def test_print_catalogue_cover_photograph_runs_into_the_bleed(tmp_path):
    _stop, result = _catalogue("print", ["de", "zh-hans"])
    path = tmp_path / "c.pdf"
    path.write_bytes(result.pdf)
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        page = pdf.pages[0].obj
        media = [float(v) for v in page.MediaBox]
        trim = [float(v) for v in page.TrimBox]
    import subprocess

    subprocess.run(  # noqa: S603
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],  # noqa: S607
        check=True,
    )
    png = Image.open(next(tmp_path.glob("p-*.png"))).convert("L")
    scale = png.width / (media[2] - media[0])
    # 1.5 mm outside the trim, above the photograph's top left corner: not paper white.
    x = int((trim[0] - media[0] - 1.5 * 72 / 25.4) * scale)
    y = int((media[3] - trim[3] + 1.5 * 72 / 25.4) * scale)
    assert png.getpixel((x + 20, y)) < 240


def test_stop_catalogue_numbers_plates_by_the_label_numbers_like_checklist_and_labels():
    stop, result = _catalogue("screen", ["zh-hans", "de"], stop_slug="chongqing-2024", count=3)
    numbers = [str(e.label_number) for e in stop_entries(stop)]
    text = pdftools.flat(pdftools.text(result.pdf))
    for number in numbers:
        assert f"{number} " in text
    assert not any(f" {n}. " in text for n in ("1", "2", "13"))


def test_running_head_of_the_last_section_ends_with_it():
    _stop, result = _catalogue("screen", ["de", "zh-hans"], count=2)
    pages = pdftools.page_count(result.pdf)
    colophon = pdftools.text(result.pdf, pages)
    assert "Rhein · 莱茵河" not in colophon


def test_any_pair_of_the_three_languages(tmp_path):
    out = tmp_path / "c.pdf"
    stop = TourStop.objects.get(slug="duesseldorf-2024")
    for entry in stop_entries(stop)[2:]:
        entry.delete()
    call_command(
        "print_catalogue",
        "duesseldorf-2024",
        "--languages",
        "zh-hans,en",
        "--placeholders",
        "--allow-low-resolution",
        "-o",
        str(out),
    )
    with pikepdf.open(out) as pdf:
        assert str(pdf.Root.Lang) == "zh-Hans"
    text = pdftools.flat(pdftools.text(out.read_bytes(), 2))
    assert "莱茵河" in text and "Rhine" in text
