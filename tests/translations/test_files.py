"""Translation files as CAT tools return them: translate-toolkit (the library behind Pootle,
Weblate's XLIFF support and the CAT-tool converters) reads our XLIFF 1.2/2.0, resegments it and
writes targets back; rich text travels as inline codes."""

import io
import xml.etree.ElementTree as ET

import pytest
from defusedxml.ElementTree import fromstring as parse_xml
from django.core.management import call_command
from wagtail.models import PageLogEntry

from catalogue import translation_status as ts
from catalogue.models import Photographer, WorkPage
from catalogue.translation_status import status_of
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import rhine_and_yangtze_tour
from translations.actions import ImportTranslations
from translations.formats.xliff import language_code
from translations.roundtrip import BadFile, read_file

from .helpers import Q20, S, blank_chinese, draft, export_bytes, fill_xlsx, plan_for, work

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Three of the demo's works, sharing one picture, and the exhibition's photographer."""
    return rhine_and_yangtze_tour(("BL-R-01", "BL-R-03", "BL-J-01"), image=ImageFactory())


# ---------------------------------------------------------------- XLIFF with translate-toolkit


@pytest.mark.parametrize("fmt", ["xliff12", "xliff20"])
def test_translate_toolkit_reads_each_xliff_export_and_its_changed_target_imports(fmt, importer):
    from translate.storage import xliff, xliff2

    blank_chinese("BL-R-03")
    data = export_bytes(fmt, only_open=True)
    store = (xliff.xlifffile if fmt == "xliff12" else xliff2.Xliff2File).parsestring(data)
    units = list(store.unit_iter())
    assert units, "translate-toolkit found no units"
    assert store.gettargetlanguage() == "zh-Hans" and store.getsourcelanguage() == "de"
    german = WorkPage.objects.get(inventory_number="BL-R-03").caption_de
    unit = next(u for u in units if u.source == german)
    if fmt == "xliff12":
        assert "[work:BL-R-03]" in unit.getnotes()  # the object and field as context
    unit.target = "代理机构的新译文。"
    changed = bytes(store)
    action = ImportTranslations(changed, "from-the-agency.xlf", importer)
    plan = action.check()
    assert plan.ok, plan.problems
    assert plan.change_count == 1
    action.execute()
    assert draft("BL-R-03").caption_zh_hans == "代理机构的新译文。"
    assert PageLogEntry.objects.filter(
        page=work("BL-R-03"), action="leporello.translation_import", user=importer
    ).exists()


def test_xliff_exports_state_length_context_and_resegmenting():
    data = export_bytes("xliff20")
    root = parse_xml(data)
    file_el = root.find(Q20 + "file")
    assert file_el.get("canResegment") == "yes"
    limit = "{urn:oasis:names:tc:xliff:sizerestriction:2.0}sizeRestriction"
    unit = next(u for u in root.iter(Q20 + "unit") if u.get("name") == "medium")
    assert unit.get(limit) == "255"
    note = unit.find(f"{Q20}notes/{Q20}note").text
    assert "(medium)" in note and "[work:" in note and "255" in note
    text12 = export_bytes("xliff12").decode()
    assert 'maxwidth="' in text12 and 'size-unit="char"' in text12
    assert 'state="final"' in text12 and 'source-language="de"' in text12


def test_a_unit_a_cat_tool_split_into_two_segments_imports_joined(importer):
    blank_chinese("BL-R-03")
    root = parse_xml(export_bytes("xliff20", only_open=True))
    group = next(g for g in root.iter(Q20 + "group") if g.get("name") == "work:BL-R-03")
    unit = next(u for u in group.iter(Q20 + "unit") if u.get("name") == "caption")
    segment = unit.find(Q20 + "segment")
    german = segment.find(Q20 + "source").text
    cut = german.index(" ", len(german) // 2)
    first, second = german[:cut], german[cut + 1 :]
    unit.remove(segment)
    for index, (source, target) in enumerate([(first, "第一句。"), (second, "第二句。")], start=1):
        seg = ET.SubElement(unit, Q20 + "segment", {"id": f"s{index}", "state": "translated"})
        ET.SubElement(seg, Q20 + "source").text = source
        ET.SubElement(seg, Q20 + "target").text = target
        if index == 1:
            ignorable = ET.SubElement(unit, Q20 + "ignorable")
            ET.SubElement(ignorable, Q20 + "source").text = " "
    data = ET.tostring(root, encoding="utf-8")
    plan = ImportTranslations(data, "split.xlf", importer).check()
    assert plan.ok, plan.problems
    ImportTranslations(data, "split.xlf", importer).execute()
    assert draft("BL-R-03").caption_zh_hans == "第一句。 第二句。"
    assert status_of(work("BL-R-03"), "caption", "zh-hans") == S.DRAFT  # translated = draft


def test_rich_text_travels_as_inline_codes_and_comes_back_as_the_german_markup(importer):
    photographer = Photographer.objects.get()
    photographer.biography_de = (
        '<p>Ein <b>Bild</b> von <a href="https://example.org/">hier</a>.</p>'
    )
    photographer.save()
    ts.sync_status(photographer)
    data = export_bytes("xliff20")
    assert b"&lt;p&gt;" not in data.split(b"<originalData>")[0][-2000:]  # no escaped markup
    root = parse_xml(data)
    group = next(g for g in root.iter(Q20 + "group") if g.get("name").startswith("photographer:"))
    unit = next(u for u in group.iter(Q20 + "unit") if u.get("name") == "biography")
    source = unit.find(f"{Q20}segment/{Q20}source")
    assert [pc.get("id") for pc in source.iter(Q20 + "pc")] == ["1", "2", "3"]
    segment = unit.find(Q20 + "segment")
    for old in segment.findall(Q20 + "target"):
        segment.remove(old)
    target = ET.SubElement(segment, Q20 + "target")
    p = ET.SubElement(target, Q20 + "pc", {"id": "1"})
    p.text = "一张"
    bold = ET.SubElement(p, Q20 + "pc", {"id": "2"})
    bold.text = "照片"
    bold.tail = "<script>alert(1)</script>"
    data = ET.tostring(root, encoding="utf-8")
    action = ImportTranslations(data, "rich.xlf", importer)
    plan = action.check()
    assert plan.ok, plan.problems
    action.execute()
    html = Photographer.objects.get().biography_zh_hans
    assert "<b>照片</b>" in html and html.startswith("<p")
    assert "<script" not in html and "&lt;script&gt;" in html  # typed markup stays text
    # a code the German text does not have is refused with where and what to do
    bold.set("id", "9")
    plan = ImportTranslations(ET.tostring(root, encoding="utf-8"), "r.xlf", importer).check()
    assert any("inline code 9" in str(p) and "biography" in str(p) for p in plan.problems)


@pytest.mark.parametrize("tag", ["zh", "zh-CN", "zh-Hans", "zh_Hans", "zh-hans"])
def test_every_way_of_writing_simplified_chinese_is_accepted(tag):
    assert language_code(tag) == "zh-hans"
    data = export_bytes("xliff12").replace(
        b'target-language="zh-Hans"', f'target-language="{tag}"'.encode()
    )
    table = read_file(data, "x.xlf")
    assert "caption_zh_hans" in table.columns


def test_traditional_chinese_is_refused_with_what_to_use():
    data = export_bytes("xliff20").replace(b'trgLang="zh-Hans"', b'trgLang="zh-TW"')
    with pytest.raises(BadFile, match="zh-Hans"):
        read_file(data, "x.xlf")


def test_export_command_format_option_and_extension(tmp_path):
    out = io.StringIO()
    path = tmp_path / "agency.xliff"
    call_command("export_translations", "--languages", "zh-hans", "-o", str(path), stdout=out)
    assert b'version="1.2"' in path.read_bytes()[:300]
    path = tmp_path / "agency.xml"
    call_command(
        "export_translations",
        "--languages",
        "zh-hans",
        "--format",
        "xliff20",
        "-o",
        str(path),
        stdout=out,
    )
    assert b'version="2.0"' in path.read_bytes()[:300]


def test_rich_text_from_a_spreadsheet_keeps_only_the_fields_markup(importer):
    photographer = Photographer.objects.get()
    key = f"photographer:{photographer.pk}"
    attack = (
        '<p onclick="alert(1)">Text <a href="javascript:alert(1)">link</a></p><script>x</script>'
    )
    data = fill_xlsx(export_bytes("xlsx"), {key: {"biography_zh_hans": attack}})
    action = ImportTranslations(data, "x.xlsx", importer)
    plan = action.check()
    assert plan.ok, plan.problems
    action.execute()
    stored = Photographer.objects.get().biography_zh_hans
    assert "onclick" not in stored and "javascript:" not in stored and "<script" not in stored
    assert "Text" in stored and "link" in stored


@pytest.mark.parametrize("fmt", ["xliff12", "xliff20"])
def test_rich_text_saved_in_the_editor_comes_back_unchanged(fmt):
    """Wagtail's editor gives each paragraph its own data-block-key per language; an untouched
    XLIFF file must not turn those into changes."""
    photographer = Photographer.objects.get()
    photographer.biography_de = (
        '<p data-block-key="a1b2c">Ein <b>Bild</b> von&nbsp;hier &amp; dort.</p>'
    )
    photographer.biography_zh_hans = (
        '<p data-block-key="z9y8x">一张<b>照片</b>。</p><p data-block-key="q1">再</p>'
    )
    photographer.save()
    ts.sync_status(photographer)
    plan = plan_for(export_bytes(fmt))
    assert plan.ok, plan.problems
    assert plan.change_count == 0
