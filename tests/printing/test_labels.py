"""Wall labels as staff print them: sizes, languages in the venue's order, QR codes, the gates."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from exhibition.models import ChecklistEntry, TourStop
from printing.labels import LabelOptions, LabelsOverflow, render_labels
from printing.lookup import stop_entries
from printing.options import parse_label_size
from printing.texts import MissingTranslations, PrintError
from tests.factories.printing import empty_stop, stop_with, work_without_image

from . import pdftools
from .commands import assert_refused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def labels(slug, count=3, placeholders=True, **options):
    """Labels of the first works of a stop (the demo lacks some English texts: placeholders)."""
    stop = TourStop.objects.select_related("venue").get(slug=slug)
    entries = stop_entries(stop)[:count] if count else stop_entries(stop)
    size = parse_label_size(options.pop("size", "a6"))
    return (
        stop,
        entries,
        render_labels(stop, entries, LabelOptions(size=size, placeholders=placeholders, **options)),
    )


def test_fonts_are_embedded_noto_cjk_and_a_latin_face():
    _stop, _entries, result = labels("chongqing-2024", count=2)
    fonts = pdftools.fonts(result.pdf)
    assert all(embedded for _name, _type, embedded in fonts)
    names = [name for name, _type, _emb in fonts]
    assert any("Noto-Sans-CJK-SC" in n or "Noto-Serif-CJK-SC" in n for n in names), names
    assert any(
        n.split("+")[-1] in ("Noto-Sans", "Noto-Serif", "Noto-Sans-Bold", "Noto-Serif-Bold")
        for n in names
    ), names


@pytest.mark.parametrize("slug", ["duesseldorf-2024", "chongqing-2024"])
def test_every_qr_code_decodes_to_the_short_address_of_its_label(slug):
    _stop, entries, result = labels(slug, count=4)
    assert pdftools.qr_codes(result.pdf) == [[entry.short_url] for entry in entries]
    assert entries[0].short_url.endswith(f"/w/{slug}/{entries[0].label_number}/")


def test_qr_code_is_vector_not_an_image():
    _stop, _entries, result = labels("duesseldorf-2024", count=1)
    # The one image on the page is the thumbnail; the QR code is drawn as paths.
    images = pdftools._run(["pdfimages", "-list"], result.pdf).splitlines()[2:]
    assert len(images) == 1


@pytest.mark.parametrize(
    ("slug", "first", "second"),
    [
        ("duesseldorf-2024", "Rhein bei Düsseldorf", "杜塞尔多夫的莱茵河"),
        ("chongqing-2024", "重庆朝天门的长江", "Jangtse bei"),
    ],
)
def test_languages_follow_the_venue_order(slug, first, second):
    _stop, _entries, result = labels(slug, count=1)
    text = pdftools.flat(pdftools.text(result.pdf, raw=False))
    assert first in text and second in text
    assert text.index(first) < text.index(second)
    assert text.index(str(_entries[0].label_number)) < text.index(first)  # the number comes first


@pytest.mark.parametrize(
    ("size", "expected"),
    [("a6", (148, 105)), ("a5", (210, 148)), ("100x150", (100, 150)), ("120x80", (120, 80))],
)
def test_page_size_matches_the_option(size, expected):
    _stop, _entries, result = labels("duesseldorf-2024", count=1, size=size)
    assert pdftools.page_size_mm(result.pdf) == expected


def test_bleed_adds_3_mm_each_side_and_keeps_the_trim_box():
    _stop, _entries, result = labels("duesseldorf-2024", count=1, bleed=True)
    assert pdftools.page_size_mm(result.pdf) == (154, 111)
    boxes = pdftools.info(result.pdf, "-box")
    assert "TrimBox:             0.00     0.00   419.53   297.64" in boxes


def test_one_page_per_work_on_the_checklist_in_hanging_order():
    stop = TourStop.objects.get(slug="chongqing-2024")
    withdrawn = stop.checklist.order_by("sort_order")[2]
    withdrawn.status = ChecklistEntry.Status.WITHDRAWN
    withdrawn.save()
    _stop, entries, result = labels("chongqing-2024", count=None, placeholders=True)
    assert len(entries) == stop.checklist.count() - 1
    assert pdftools.page_count(result.pdf) == len(entries)
    numbers = [int(pdftools.text(result.pdf, page, raw=False).split()[0]) for page in (1, 2, 3)]
    assert numbers == [e.label_number for e in entries[:3]]
    assert withdrawn.label_number not in numbers


def test_n_up_sheets_have_cut_marks_and_several_labels_per_page():
    _stop, entries, result = labels("duesseldorf-2024", count=4, sheet="a4")
    assert pdftools.page_size_mm(result.pdf) == (210, 297)
    assert pdftools.page_count(result.pdf) == 2  # two A6 labels per A4 sheet
    assert sorted(code for page in pdftools.qr_codes(result.pdf) for code in page) == sorted(
        e.short_url for e in entries
    )


def test_a_caption_override_replaces_the_work_caption_at_that_venue():
    stop = TourStop.objects.get(slug="duesseldorf-2024")
    entry = stop_entries(stop)[0]
    entry.caption_override_de = "Nur in Düsseldorf: Blick vom Rheinturm."
    entry.save()
    _stop, _entries, result = labels("duesseldorf-2024", count=1, layout="extended", size="a5")
    text = pdftools.flat(pdftools.text(result.pdf))
    assert "Blick vom Rheinturm" in text
    assert entry.work.caption_de[:20] not in text
    assert entry.work.caption_zh_hans[:8] in text  # the other languages inherit


def test_missing_translation_is_refused_with_work_and_field_named():
    stop = TourStop.objects.get(slug="duesseldorf-2024")
    entry = stop_entries(stop)[0]
    entry.work.medium_zh_hans = ""
    entry.work.save()
    with pytest.raises(MissingTranslations) as refused:
        labels("duesseldorf-2024", count=2, placeholders=False)
    message = str(refused.value)
    # the language named in the message's language (the test runs in German)
    assert entry.work.title in message and "auf Chinesisch (vereinfacht)" in message
    assert len(refused.value.missing) == 1


def test_translation_not_reviewed_since_the_german_changed_is_refused():
    """The print gate follows the translation status: only approved translations are printed."""
    stop = TourStop.objects.get(slug="duesseldorf-2024")
    work = stop_entries(stop)[0].work
    work.medium_de = "Neuer Text für die Technik"  # its Chinese now needs review
    work.save()
    with translation.override("en"), pytest.raises(MissingTranslations) as refused:
        labels("duesseldorf-2024", count=1, placeholders=False)
    assert "not approved yet" in str(refused.value)
    assert {(m.language, m.unapproved) for m in refused.value.missing} >= {("zh-hans", True)}


def test_placeholders_print_the_gap_visibly_when_chosen():
    stop = TourStop.objects.get(slug="duesseldorf-2024")
    entry = stop_entries(stop)[0]
    entry.work.medium_zh_hans = ""
    entry.work.save()
    _stop, _entries, result = labels("duesseldorf-2024", count=1, placeholders=True)
    text = pdftools.flat(pdftools.text(result.pdf))
    assert "[Material / Technik fehlt auf" in text  # the German UI marks the gap


def test_a_caption_too_long_for_the_size_is_reported_with_the_work_named():
    stop = TourStop.objects.get(slug="duesseldorf-2024")
    entry = stop_entries(stop)[1]
    entry.caption_override_de = "Sehr lange Beschriftung. " * 60
    entry.save()
    with pytest.raises(LabelsOverflow) as refused:
        labels("duesseldorf-2024", count=3, layout="extended", size="297x210")
    assert [label.entry.pk for label in refused.value.labels] == [entry.pk]
    assert entry.work.inventory_number in str(refused.value)


def test_a_work_without_image_still_gets_its_label():
    stop = stop_with([work_without_image()])
    result = render_labels(stop, stop_entries(stop), LabelOptions(size=parse_label_size("a6")))
    text = pdftools.text(result.pdf)
    assert "Rhein ohne Bild" in text and "No image available" in text
    assert pdftools.qr_codes(result.pdf) == [[stop_entries(stop)[0].short_url]]


def test_command_writes_the_pdf(tmp_path):
    out = tmp_path / "labels.pdf"
    call_command("print_labels", "chongqing-2024", "--work", "101", "--size", "a5", "-o", str(out))
    assert pdftools.page_count(out.read_bytes()) == 1
    assert pdftools.page_size_mm(out.read_bytes()) == (210, 148)


def test_command_accepts_the_id_shown_in_the_admin(tmp_path):
    stop = TourStop.objects.get(slug="chongqing-2024")
    out = tmp_path / "labels.pdf"
    call_command("print_labels", str(stop.pk), "--work", "BL-J-01", "-o", str(out))
    assert "重庆朝天门" in pdftools.text(out.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere-2099"], "Unknown tour stop “nowhere-2099”"),
        (["chongqing-2024", "--size", "a7"], "Unknown label size “a7”"),
        (["chongqing-2024", "--size", "120x"], "Unknown label size “120x”"),
        (["chongqing-2024", "--size", "5x5000"], "between 50 and 500 mm"),
        (["chongqing-2024", "--layout", "poster"], "Unknown layout “poster”"),
        (["chongqing-2024", "--sheet", "a0"], "Unknown sheet “a0”"),
        (["chongqing-2024", "--work", "999"], "No work with label number"),
    ],
)
def test_bad_input_is_a_clear_error_and_no_file(tmp_path, args, message):
    assert_refused("print_labels", args, message, tmp_path / "labels.pdf")


def test_empty_checklist_is_a_clear_message_and_no_pdf(tmp_path):
    empty_stop()
    out = tmp_path / "labels.pdf"
    with translation.override("en"), pytest.raises(CommandError, match="has no works"):
        call_command("print_labels", "empty-2030", "-o", str(out))
    assert not out.exists()


def test_print_error_is_the_base_of_every_refusal():
    assert issubclass(LabelsOverflow, PrintError) and issubclass(MissingTranslations, PrintError)


def test_reading_the_labels_takes_the_same_queries_for_3_works_as_for_all():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from printing.labels import build_labels

    stop = TourStop.objects.select_related("venue").get(slug="chongqing-2024")
    options = LabelOptions(size=parse_label_size("a6"), placeholders=True)
    entries = stop_entries(stop)
    build_labels(stop, entries, options)  # renditions made, content types cached
    counts = []
    for chosen in (entries[:3], entries):
        chosen = stop_entries(stop)[: len(chosen)]  # fresh objects, nothing cached on them
        with CaptureQueriesContext(connection) as queries:
            build_labels(stop, chosen, options)
        counts.append(len(queries))
    assert len(entries) > 20 and counts[0] == counts[1]
