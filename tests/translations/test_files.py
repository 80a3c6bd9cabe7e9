"""Translation files as real tools and spreadsheets return them: translate-toolkit (the library
behind Pootle, Weblate's XLIFF support and the CAT-tool converters), CSV from Excel in German and
Chinese locales, LibreOffice opening and saving exports, and XLIFF resegmented by a CAT tool."""

import codecs
import io
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from defusedxml.ElementTree import fromstring as parse_xml
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry, PageLogEntry, Revision

from catalogue import translation_status as ts
from catalogue.models import Photographer, TranslationStatus, WorkPage
from catalogue.translation_status import status_of
from translations import stamps
from translations.actions import ImportTranslations
from translations.formats.xliff import NS20, language_code
from translations.roundtrip import BadFile, apply_plan, plan_import, read_file

from ..badinput import bad_input
from .helpers import blank_chinese, export_bytes, fill_csv, fill_xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
S = TranslationStatus.Status
Q20 = f"{{{NS20}}}"


def work(number):
    return WorkPage.objects.get(inventory_number=number)


def draft(number):
    return work(number).get_latest_revision_as_object()


def snapshot():
    return (
        Revision.objects.count(),
        sorted(TranslationStatus.objects.values_list("object_id", "field", "language", "status")),
        PageLogEntry.objects.count() + ModelLogEntry.objects.count(),
        sorted(WorkPage.objects.values_list("pk", "caption_zh_hans", "medium_en")),
    )


@pytest.fixture
def importer(make_user):
    return make_user("importer", "Curator")


def plan_for(data, user=None):
    return plan_import(read_file(data, "upload"), user=user)


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


# ---------------------------------------------------------------- CSV as spreadsheets save it


def _edited_csv(separator=",", encoding="utf-8-sig"):
    data = export_bytes("csv", languages=("zh-hans", "en"))
    data = fill_csv(data, {"work:BL-R-02": {"medium_en": "Pigment print on baryta paper"}})
    text = data.decode("utf-8-sig")
    if separator != ",":
        import csv

        rows = list(csv.reader(io.StringIO(text)))
        out = io.StringIO()
        csv.writer(out, delimiter=separator).writerows(rows)
        text = out.getvalue()
    return text.encode(encoding, "replace")


@pytest.mark.parametrize(
    "separator,encoding",
    [
        (";", "cp1252"),  # Excel, German locale, "CSV (Trennzeichen-getrennt)"
        (";", "utf-8-sig"),  # Excel, German locale, "CSV UTF-8"
        (",", "gbk"),  # Excel, Chinese locale, "CSV (逗号分隔)"
        ("\t", "utf-16"),  # Excel's "Unicode text"
        (",", "utf-8"),  # without a byte order mark
    ],
)
def test_csv_as_excel_saves_it_imports_with_only_the_edited_cell_changed(separator, encoding):
    data = _edited_csv(separator, encoding)
    plan = plan_for(data)
    assert plan.ok, plan.problems
    changes = [(r.key, c.field, c.language, c.new) for r in plan.rows for c in r.changes]
    assert changes == [("work:BL-R-02", "medium", "en", "Pigment print on baryta paper")]


def test_excel_sep_line_names_the_separator():
    data = b"sep=;\r\n" + _edited_csv(";", "utf-8")
    plan = plan_for(data)
    assert plan.ok and plan.change_count == 1


def test_an_unknown_separator_or_encoding_is_named_with_what_to_do():
    data = _edited_csv(",").decode("utf-8-sig").replace(",", "|").encode()
    problems = [str(p) for p in plan_for(data).problems]
    assert any("row 1" in p and "semicolon" in p and "comma" in p for p in problems)
    with pytest.raises(BadFile, match=r"row 1, byte 0.*CSV UTF-8"):
        read_file(b"\x81\x8d\x8f\x90\x9d" * 3 + b"key\n", "x.csv")


def test_numbers_and_dates_in_texts_survive_and_identifiers_carry_a_letter():
    page = work("BL-R-01")
    page.place_name_en, page.credit_line_en = "00042", "2/5"
    page.save_revision().publish()
    data = export_bytes("csv", languages=("en",)).decode("utf-8-sig")
    assert ",'00042," in data and ",'2/5" in data  # the apostrophe keeps them text
    import csv

    rows = list(csv.reader(io.StringIO(data)))
    assert all(row[2].startswith("v") for row in rows[1:])  # version stamps start with a letter
    plan = plan_for(data.encode())
    assert plan.ok and plan.change_count == 0


def test_old_all_digit_stamps_mangled_by_a_spreadsheet_are_no_false_conflict(monkeypatch):
    monkeypatch.setattr(ts, "version_stamp", lambda content, statuses=None: "390969669530")
    for written in ("390969669530", "3.90970E+11", "3,9097E+11", "390969669530.0"):
        assert stamps.matches(written, None), written
    for written in ("3.90971E+11", "3.9E+11", "v390969669531", "390969669531"):
        assert not stamps.matches(written, None), written
    monkeypatch.setattr(ts, "version_stamp", lambda content, statuses=None: "3a0969669530")
    assert not stamps.matches("3.90970E+11", None)  # a stamp with letters is never a number


def test_the_injection_csv_and_rich_text_attacks_are_refused_naming_row_column_and_what_to_do():
    before = snapshot()
    injection = plan_for(bad_input("captions-csv-injection.csv").read_bytes())
    messages = [str(p) for p in injection.problems]
    assert any(
        m.startswith("row 2, column B (caption_de)") and "enter the text itself" in m
        for m in messages
    )
    attacks = plan_for(bad_input("rich-text-attacks.txt").read_bytes())
    assert any(
        "row 1" in str(p) and "Keep the first row of the export" in str(p) for p in attacks.problems
    )
    assert snapshot() == before


# ---------------------------------------------------------------- one import action


def test_the_command_needs_a_user_outside_debug_and_checks_their_permissions(
    tmp_path, make_user, settings
):
    path = tmp_path / "zh.xlsx"
    path.write_bytes(
        fill_xlsx(export_bytes("xlsx"), {"work:BL-R-02": {"caption_zh_hans": "新的说明。"}})
    )
    with pytest.raises(CommandError, match="--user NAME"):
        call_command("import_translations", str(path))
    with pytest.raises(CommandError, match="No active user"):
        call_command("import_translations", str(path), "--user", "nobody")
    make_user("visitor")  # staff, but no translation tools
    with pytest.raises(CommandError, match="may not use the translation tools"):
        call_command("import_translations", str(path), "--user", "visitor")
    registrar = make_user("regi", "Registrar")
    before = snapshot()
    if not registrar.has_perm("catalogue.use_translation_tools"):
        with pytest.raises(CommandError):
            call_command("import_translations", str(path), "--user", "regi", stderr=io.StringIO())
    assert snapshot() == before
    curator = make_user("cura", "Curator")
    call_command("import_translations", str(path), "--user", "cura", stdout=io.StringIO())
    entry = PageLogEntry.objects.filter(action="leporello.translation_import").latest("pk")
    assert entry.user == curator and entry.page.specific.inventory_number == "BL-R-02"


def test_a_field_behind_a_panel_permission_is_refused_per_field(importer, monkeypatch):
    from translations import actions

    monkeypatch.setattr(
        actions, "_panel_permissions", lambda model: {"caption_zh_hans": "catalogue.edit_facts"}
    )
    data = fill_xlsx(
        export_bytes("xlsx"),
        {"work:BL-R-02": {"caption_zh_hans": "新的说明。", "medium_zh_hans": "新的材料。"}},
    )
    plan = ImportTranslations(data, "x.xlsx", importer).check()
    problems = [str(p) for p in plan.problems]
    assert len(problems) == 1 and "caption" in problems[0] and "column" in problems[0]


def test_dashboard_approve_goes_through_the_action_and_logs_the_user(client_for, curator):
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    page = work("BL-R-01")
    ts.sync_status(page, explicit={("caption", "zh-hans"): S.DRAFT})
    client = client_for(curator)
    response = client.post(
        reverse("translations:approve"),
        {
            "content_type": ContentType.objects.get_for_model(WorkPage).pk,
            "object_id": page.pk,
            "language": "zh-hans",
        },
    )
    assert response.status_code == 302
    assert status_of(work("BL-R-01"), "caption", "zh-hans") == S.APPROVED
    assert PageLogEntry.objects.filter(
        page=page, action="leporello.translation_approve", user=curator
    ).exists()


# ---------------------------------------------------------------- LibreOffice


def _soffice():
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-calc)")
    return path


def _libreoffice(tmp_path, source, locale, convert_to, infilter=None):
    """Open `source` in LibreOffice with its interface locale set to `locale` and save it."""
    profile = tmp_path / f"profile-{locale}"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><oor:items '
        'xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" '
        f'oor:op="fuse"><value>{locale}</value></prop></item></oor:items>'
    )
    out = tmp_path / f"out-{locale}"
    command = [_soffice(), f"-env:UserInstallation=file://{profile}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", convert_to, "--outdir", str(out), str(source)]
    env = {**os.environ, "LANG": f"{locale.replace('-', '_')}.UTF-8"}
    subprocess.run(command, check=True, capture_output=True, timeout=120, env=env)  # noqa: S603
    return next(out.iterdir()).read_bytes()


def _tricky_texts():
    page = work("BL-R-01")
    page.place_name_en, page.credit_line_en = "00042", "2/5"
    page.save_revision().publish()


@pytest.mark.libreoffice
def test_libreoffice_in_a_german_locale_saves_the_csv_and_only_the_edited_cell_changes(tmp_path):
    _tricky_texts()
    data = fill_csv(
        export_bytes("csv", languages=("zh-hans", "en")),
        {"work:BL-R-02": {"medium_en": "Pigment print on baryta paper"}},
    )
    source = tmp_path / "translations.csv"
    source.write_bytes(data)
    # As a German user opens it (comma, UTF-8, German number formats) and saves it as Excel
    # would in Germany: semicolons, Windows-1252 (Chinese becomes ?).
    saved = _libreoffice(
        tmp_path,
        source,
        "de-DE",
        "csv:Text - txt - csv (StarCalc):59,34,1,1",
        infilter="CSV:44,34,76,1,,1031",
    )
    assert b";" in saved.splitlines()[0] and codecs.BOM_UTF8 not in saved[:3]
    plan = plan_for(saved)
    assert plan.ok, plan.problems
    changes = [(r.key, c.field, c.language, c.new) for r in plan.rows for c in r.changes]
    assert changes == [("work:BL-R-02", "medium", "en", "Pigment print on baryta paper")]


@pytest.mark.libreoffice
def test_libreoffice_in_a_chinese_locale_saves_the_workbook_and_only_the_edited_cell_changes(
    tmp_path,
):
    _tricky_texts()
    data = fill_xlsx(
        export_bytes("xlsx", languages=("zh-hans", "en")),
        {"work:BL-R-02": {"caption_zh_hans": "在中文环境中修改的说明。"}},
    )
    source = tmp_path / "translations.xlsx"
    source.write_bytes(data)
    saved = _libreoffice(tmp_path, source, "zh-CN", "xlsx:Calc MS Excel 2007 XML")
    plan = plan_for(saved)
    assert plan.ok, plan.problems
    changes = [(r.key, c.field, c.language, c.new) for r in plan.rows for c in r.changes]
    assert changes == [("work:BL-R-02", "caption", "zh-hans", "在中文环境中修改的说明。")]
    apply_plan(plan, source="lo.xlsx")
    assert draft("BL-R-01").place_name_en == "00042" and draft("BL-R-01").credit_line_en == "2/5"


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
