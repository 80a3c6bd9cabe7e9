"""The catalogue PDF: structure, languages, images sized for the page, the gates, the job."""

import re

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import translation

from catalogue.models import CatalogueRendition, WorkPage
from exhibition import demo_data
from exhibition.models import ChecklistEntry, ExhibitionPage, TourStop
from printing.pdf import render_document
from printing.printed_catalogue import (
    PrintedCatalogueOptions,
    build_printed_catalogue,
    make_printed_catalogue,
    printed_catalogue_html,
)
from printing.texts import MissingTranslations
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.exhibition import LenderFactory, WorkLoanFactory
from tests.factories.printing import work_without_image
from tests.factories.trees import leave_out_english, rhine_and_yangtze_tour

from . import pdftools
from .commands import assert_refused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The twelve Rhine works (a bookmark each) and one Yangtze work sharing one picture, BL-R-05
    without English texts, loans from the demo's lenders; Chongqing hangs one work per river."""
    numbers = [f"BL-R-{i:02d}" for i in range(1, 13)] + ["BL-J-01"]
    tour = rhine_and_yangtze_tour(numbers, image=ImageFactory())
    leave_out_english(tour, ("BL-R-05",))
    ChecklistEntry.objects.filter(tour_stop=tour.chongqing).exclude(
        work__inventory_number__in=("BL-R-01", "BL-J-01")
    ).delete()
    for lender, work in zip(demo_data.LENDERS.values(), tour.works.values(), strict=False):
        WorkLoanFactory(work=work, lender=LenderFactory(name=lender))
    return tour


def exhibition():
    return ExhibitionPage.objects.get(slug="flusslandschaften")


def fill_missing_english():
    """BL-R-05 lacks its English texts (as in the demo); most tests want a complete set."""
    for work in WorkPage.objects.all():
        for field in ("medium", "credit_line", "caption", "place_name"):
            if not getattr(work, f"{field}_en"):
                setattr(work, f"{field}_en", getattr(work, f"{field}_de"))
        work.save()


def test_stop_edition_has_every_part_in_order_with_page_numbers(tmp_path):
    out = tmp_path / "c.pdf"
    call_command(
        "print_catalogue",
        "chongqing-2024",
        "--languages",
        "zh-hans,de",
        "--allow-low-resolution",  # the tests' images are small
        "-o",
        str(out),
    )
    pdf = out.read_bytes()
    stop = TourStop.objects.get(slug="chongqing-2024")
    plates = stop.checklist.count()
    # cover, title page, contents, introduction, 2 section openers, plates, checklist (2), colophon
    pages = pdftools.page_count(pdf)
    assert plates + 7 <= pages <= plates + 9
    title_page = pdftools.flat(pdftools.text(pdf, 2))
    assert title_page.index("莱茵河与长江的河流风景") < title_page.index("Flusslandschaften")
    assert "重庆" in title_page and "2024" in title_page  # the venue and dates
    # The contents give the page of each plate; that page shows the plate.
    contents = pdftools.flat(pdftools.text(pdf, 3))
    first = stop.checklist.order_by("sort_order").first().work
    page = int(re.search(re.escape(first.title_zh_hans) + r"[ .·…]*(\d+)", contents)[1])
    assert page > 3
    assert first.title_zh_hans in pdftools.flat(pdftools.text(pdf, page))
    assert "Leporello" not in pdftools.text(pdf, 1)  # no running header on the cover
    assert str(page) in pdftools.text(pdf, page).split()  # page number printed on it
    colophon = pdftools.flat(pdftools.text(pdf, pages))
    assert "印制日期" in colophon and "Gedruckt am" in colophon


def test_fonts_embedded_and_bookmarks_for_sections_and_plates():
    book = build_printed_catalogue(
        exhibition(),
        None,
        PrintedCatalogueOptions(languages=["de", "zh-hans"], allow_low_resolution=True),
    )
    tree = render_document(printed_catalogue_html(book), ["catalogue.css"]).make_bookmark_tree()
    labels = [label for label, _target, _children, _state in tree]
    assert any("Rhein" in label for label in labels) and any("Jangtse" in label for label in labels)
    assert any("Inhalt" in label for label in labels) and any(
        "Impressum" in label for label in labels
    )
    rhine = next(node for node in tree if node[0].startswith("Rhein ·"))
    assert len(rhine[2]) == 12  # one bookmark per plate
    result = make_printed_catalogue(
        exhibition(),
        None,
        PrintedCatalogueOptions(languages=["de", "zh-hans"], allow_low_resolution=True),
    )
    names = [name for name, _type, emb in pdftools.fonts(result.pdf) if emb]
    assert any("CJK-SC" in name for name in names)
    assert any(
        name.split("+")[-1].startswith(("Noto-Sans", "Noto-Serif")) and "CJK" not in name
        for name in names
    )


@pytest.mark.parametrize(("profile", "width"), [("screen", 1004), ("print", 2008)])
def test_images_come_from_renditions_sized_for_the_printed_plate(profile, width):
    cache.clear()  # renditions of earlier (rolled back) tests are cached
    fill_missing_english()
    before = set(CatalogueRendition.objects.values_list("pk", flat=True))
    make_printed_catalogue(
        exhibition(),
        None,
        PrintedCatalogueOptions(languages=["en"], profile=profile, allow_low_resolution=True),
    )
    made = CatalogueRendition.objects.exclude(pk__in=before)
    specs = set(made.values_list("filter_spec", flat=True))
    assert any(spec.startswith(f"max-{width}x") for spec in specs), specs
    # never the original: plates fit their box, the cover is cropped to its box with bleed
    assert all(spec.startswith(("max-", "fill-")) for spec in specs), specs
    assert sum(spec.startswith("fill-") for spec in specs) == 1


def test_a_work_without_image_gets_a_plate_saying_so():
    work_without_image()
    result = make_printed_catalogue(
        exhibition(),
        None,
        PrintedCatalogueOptions(languages=["de", "zh-hans"], allow_low_resolution=True),
    )
    text = pdftools.flat(pdftools.text(result.pdf))
    assert "Rhein ohne Bild" in text and "Keine Abbildung verfügbar" in text and "暂无图片" in text


def test_english_catalogue_is_refused_while_english_texts_are_missing(tmp_path):
    out = tmp_path / "c.pdf"
    with translation.override("en"), pytest.raises(CommandError, match="missing") as refused:
        call_command("print_catalogue", "flusslandschaften", "--languages", "en", "-o", str(out))
    assert "BL-R-05" in str(refused.value)
    assert not out.exists()
    call_command(
        "print_catalogue",
        "flusslandschaften",
        "--languages",
        "en",
        "--placeholders",
        "--language",
        "de",
        "--allow-low-resolution",
        "-o",
        str(out),
    )
    text = pdftools.flat(pdftools.text(out.read_bytes()))
    assert "fehlt auf Englisch]" in text, text[:3000]  # German UI, language named in German


def test_no_registrar_data_in_the_catalogue():
    result = make_printed_catalogue(
        exhibition(),
        None,
        PrintedCatalogueOptions(languages=["de", "zh-hans"], allow_low_resolution=True),
    )
    text = pdftools.text(result.pdf)
    for lender in demo_data.LENDERS.values():
        assert lender not in text
    assert "EUR" not in text


def test_missing_translation_lists_each_field():
    work = WorkPage.objects.get(inventory_number="BL-R-01")
    work.caption_zh_hans = ""
    work.save()
    with pytest.raises(MissingTranslations) as refused:
        build_printed_catalogue(
            exhibition(), None, PrintedCatalogueOptions(languages=["zh-hans", "de"]), images=False
        )
    [missing] = refused.value.missing
    assert missing.language == "zh-hans" and "BL-R-01" in missing.where


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere"], "Unknown exhibition or tour stop “nowhere”"),
        (["chongqing-2024", "--languages", "fr"], "Unknown language choice “fr”"),
        (["chongqing-2024", "--languages", "de,de"], "Unknown language choice"),
        (["chongqing-2024", "--profile", "poster"], "Unknown profile “poster”"),
    ],
)
def test_bad_input_is_a_clear_error_and_no_file(tmp_path, args, message):
    assert_refused("print_catalogue", args, message, tmp_path / "c.pdf")
