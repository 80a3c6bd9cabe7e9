"""The print preflight: refused before anything is written, with the work and field named,
and the first line of a command's refusal saying how to go on."""

import pytest
from django.core.management import CommandError, call_command

from exhibition.demo import LARGE_DEMO_PHOTOS
from exhibition.models import TourStop
from printing.cli import operator_language
from printing.labels import LabelOptions, render_labels
from printing.lookup import stop_entries
from printing.options import parse_label_size
from printing.preflight import Preflight, PreflightRefused
from printing.printed_catalogue import PrintedCatalogueOptions, make_printed_catalogue
from printing.typography import chinese_words
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import leave_out_english, rhine_and_yangtze_tour

from . import pdftools

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Three works sharing one picture of 480 × 320 px, as most of the demo's: enough for a
    label, 96 dpi on a catalogue plate; BL-J-03 lacks its English texts, as in the demo."""
    numbers = ("BL-R-03", "BL-R-04", "BL-J-03")
    tour = rhine_and_yangtze_tour(numbers, image=ImageFactory(size=(480, 320)))
    leave_out_english(tour, ("BL-J-03",))
    return tour


# CJK Unified Ideographs Extension G: in none of the house fonts (Noto CJK, HanaMin A/B).
OUTSIDE_EVERY_FONT = "\U0003134a"
# Extension B: Noto CJK SC lacks it, HanaMin B (fonts-hanazono) has it.
EXTENSION_B = "\U00020001"


def stop_and_entries(slug="duesseldorf-2024", count=2):
    stop = TourStop.objects.select_related("venue").get(slug=slug)
    return stop, stop_entries(stop)[:count]


def test_a_character_outside_every_font_is_refused_with_work_and_character_named(tmp_path):
    stop, entries = stop_and_entries()
    work = entries[1].work
    work.place_name_zh_hans = f"杜塞尔多夫{OUTSIDE_EVERY_FONT}村"
    work.save()
    out = tmp_path / "labels.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("print_labels", stop.slug, "--placeholders", "-o", str(out))
    message = str(refused.value)
    assert refused.value.returncode == 1
    assert work.inventory_number in message and "U+3134A" in message
    assert OUTSIDE_EVERY_FONT in message
    assert not out.exists()


def test_a_rare_place_name_character_prints_from_the_fallback_font():
    stop, entries = stop_and_entries(count=1)
    work = entries[0].work
    work.place_name_zh_hans = f"{EXTENSION_B}家村"
    work.save()
    options = LabelOptions(size=parse_label_size("a6"), placeholders=True)
    result = render_labels(stop, entries, options)
    fonts = [name for name, _type, _emb in pdftools.fonts(result.pdf)]
    assert any("HanaMinB" in name for name in fonts), fonts
    assert EXTENSION_B in pdftools.text(result.pdf)


def test_the_catalogue_refuses_the_character_too():
    stop, entries = stop_and_entries()
    work = entries[0].work
    work.title_de = f"Rhein {OUTSIDE_EVERY_FONT}"
    work.save()
    options = PrintedCatalogueOptions(
        languages=["de"], placeholders=True, allow_low_resolution=True
    )
    with pytest.raises(PreflightRefused) as refused:
        make_printed_catalogue(stop.exhibition, stop, options)
    assert "U+3134A" in str(refused.value) and work.title_de in str(refused.value)


def test_a_local_public_address_is_refused_unless_asked(settings, tmp_path):
    settings.LEPORELLO_PUBLIC_BASE_URL = "http://192.168.1.20:8000"
    stop, _entries = stop_and_entries()
    out = tmp_path / "l.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("print_labels", stop.slug, "--work", "1", "-o", str(out))
    first_line = str(refused.value).splitlines()[0]
    assert "--allow-local-address" in first_line
    assert not out.exists()
    call_command("print_labels", stop.slug, "--work", "1", "--allow-local-address", "-o", str(out))
    assert pdftools.qr_codes(out.read_bytes()) == [
        ["http://192.168.1.20:8000/w/duesseldorf-2024/1/"]
    ]


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost", True),
        ("http://10.0.0.5", True),
        ("http://[::1]:8000", True),
        ("http://169.254.1.1", True),
        ("https://leporello.example.org", False),
        ("https://93.184.215.14", False),
    ],
)
def test_public_address_check(url, local):
    preflight = Preflight()
    preflight.check_public_address(url)
    assert bool(preflight.findings) == local


def test_images_below_150_dpi_are_refused_and_below_200_warned_in_print():
    preflight = Preflight(print_profile=True)
    preflight.check_image("BL-1", 140)
    preflight.check_image("BL-2", 180)
    preflight.check_image("BL-3", 300)
    assert [f.refusal for f in preflight.findings] == [True, False]
    with pytest.raises(PreflightRefused) as refused:
        preflight.refuse_or_warn()
    assert "--allow-low-resolution" in str(refused.value).splitlines()[0]
    allowed = Preflight(print_profile=True, allow_low_resolution=True)
    allowed.check_image("BL-1", 140)
    assert [f.refusal for f in allowed.refuse_or_warn()] == [False]  # still a warning


def test_small_catalogue_images_are_refused_with_the_work_named(tmp_path):
    # The tests' images are 480 × 320 px (the demo's few large ones 2.5 times that): 96 dpi.
    out = tmp_path / "c.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("print_catalogue", "duesseldorf-2024", "--placeholders", "-o", str(out))
    message = str(refused.value)
    assert "--allow-low-resolution" in message.splitlines()[0]
    stop = TourStop.objects.get(slug="duesseldorf-2024")
    small = [
        e.work.inventory_number
        for e in stop_entries(stop)
        if e.work.inventory_number not in LARGE_DEMO_PHOTOS  # 2.5 times larger in the demo
    ]
    assert "96 dpi" in message and small[0] in message
    assert not out.exists()


def test_missing_texts_refusal_names_placeholders_in_its_first_line(tmp_path):
    out = tmp_path / "l.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("print_labels", "chongqing-2024", "--language", "en", "-o", str(out))
    first = str(refused.value).splitlines()[0]
    assert "--placeholders" in first and first.startswith("Run again with")


def test_messages_follow_the_operators_locale_or_the_language_option(tmp_path, monkeypatch):
    out = tmp_path / "l.pdf"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    with pytest.raises(CommandError) as chinese:
        call_command("print_labels", "chongqing-2024", "-o", str(out))
    assert "--placeholders" in str(chinese.value).splitlines()[0]
    assert "英语" in str(chinese.value) or "English" in str(chinese.value)
    with pytest.raises(CommandError) as german:
        call_command("print_labels", "chongqing-2024", "--language", "de", "-o", str(out))
    assert "fehlen" in str(german.value)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh-hans"),
        ({"LANG": "de_DE.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "de_AT.UTF-8", "LANG": "en_US.UTF-8"}, "de"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "de"),
    ],
)
def test_operator_language_from_the_locale(environ, expected):
    assert operator_language(None, environ) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [("重庆朝天门的长江，傍晚", "傍晚"), ("杜塞尔多夫的莱茵河，正午", "正午")],
)
def test_chinese_titles_break_between_words_without_a_lone_last_character(text, word):
    words = chinese_words(text)
    assert "".join(words) == text
    assert any(w.startswith(word) or w.endswith(word) or word in w for w in words)
    assert not any(w in ("傍", "晚", "正", "午") for w in words)
    assert len(words[-1].strip("，。")) > 1
