"""Spreadsheet and XLIFF round trip: export what is missing, fill it in, import all or nothing."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, PageLogEntry, Revision

from catalogue.models import Section, TranslationStatus, WorkPage
from catalogue.translation_status import status_of
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import rhine_and_yangtze_tour
from translations.roundtrip import apply_plan, plan_import, read_file

from ..badinput import bad_input
from .helpers import blank_chinese, csv_file, export_bytes, export_command, fill_csv, fill_xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Six of the demo's works, translated into every language, sharing one picture."""
    numbers = ("BL-R-01", "BL-R-02", "BL-R-03", "BL-R-04", "BL-J-01", "BL-J-07")
    return rhine_and_yangtze_tour(numbers, image=ImageFactory())


S = TranslationStatus.Status
AS_IMPORTER = ("--user", "importer")


@pytest.fixture(autouse=True)
def importing_user(make_user):
    return make_user("importer", "Curator")


def work(number):
    return WorkPage.objects.get(inventory_number=number)


def draft(number):
    return work(number).get_latest_revision_as_object()


def plan_for(data, name):
    return plan_import(read_file(data, name))


def snapshot():
    return (
        Revision.objects.count(),
        sorted(TranslationStatus.objects.values_list("object_id", "field", "language", "status")),
        PageLogEntry.objects.count() + ModelLogEntry.objects.count(),
    )


@pytest.mark.parametrize("fmt,fill", [("xlsx", fill_xlsx), ("csv", fill_csv)])
def test_export_what_is_missing_in_chinese_fill_it_in_and_import(fmt, fill):
    blank_chinese("BL-R-03", "BL-J-07")
    data = export_bytes(fmt, only_open=True)
    name = f"zh.{fmt}"
    table = read_file(data, name)
    keys = [row.cells["key"].value for row in table.rows]
    assert keys == ["work:BL-R-03", "work:BL-J-07"]
    assert "caption_en" not in table.columns  # only the languages asked for
    filled = fill(
        data,
        {
            "work:BL-R-03": {"caption_zh_hans": "新译的说明文字。"},
            "work:BL-J-07": {"caption_zh_hans": "另一段说明。"},
        },
    )
    revisions = Revision.objects.count()
    plan = plan_for(filled, name)
    assert plan.ok and not plan.conflicts
    assert plan.change_count == 2
    result = apply_plan(plan, source=name)
    assert result.changes == 2
    assert draft("BL-R-03").caption_zh_hans == "新译的说明文字。"
    assert status_of(work("BL-R-03"), "caption", "zh-hans") == S.APPROVED
    # a new draft revision per page, and the audit log names the import
    assert Revision.objects.count() == revisions + 2
    assert work("BL-J-07").has_unpublished_changes
    assert PageLogEntry.objects.filter(
        page=work("BL-J-07"), action="leporello.translation_import"
    ).exists()
    # nothing left to do in Chinese
    assert not TranslationStatus.objects.filter(language="zh-hans").open().exists()


def test_an_empty_cell_never_blanks_out_a_translation():
    data = export_bytes("xlsx")
    filled = fill_xlsx(data, {"work:BL-R-01": {"caption_zh_hans": None}})
    plan = plan_for(filled, "x.xlsx")
    assert plan.ok and plan.change_count == 0
    assert work("BL-R-01").caption_zh_hans


def test_the_status_column_approves_or_marks_drafts():
    w = work("BL-R-01")
    w.caption_de = "Geänderter Text."
    w.save_revision().publish()
    data = export_bytes("xlsx")
    filled = fill_xlsx(
        data,
        {
            "work:BL-R-01": {"caption_zh_hans_status": "approved"},
            "work:BL-R-02": {"caption_zh_hans": "机器翻译", "caption_zh_hans_status": "draft"},
        },
    )
    apply_plan(plan_for(filled, "x.xlsx"))
    assert status_of(work("BL-R-01"), "caption", "zh-hans") == S.APPROVED
    assert status_of(work("BL-R-02"), "caption", "zh-hans") == S.DRAFT


def test_a_row_changed_in_the_cms_since_the_export_is_a_conflict(capsys, tmp_path):
    blank_chinese("BL-R-03", "BL-R-04")
    data = export_bytes("xlsx", only_open=True)
    # meanwhile, in the CMS
    page = work("BL-R-03")
    page.caption_zh_hans = "编辑在系统中写的。"
    page.save_revision().publish()
    filled = fill_xlsx(
        data,
        {
            "work:BL-R-03": {"caption_zh_hans": "译者在表格中写的。"},
            "work:BL-R-04": {"caption_zh_hans": "第四件作品。"},
        },
    )
    path = tmp_path / "zh.xlsx"
    path.write_bytes(filled)
    before = snapshot()
    with pytest.raises(CommandError, match="1 conflict"):
        call_command("import_translations", str(path), *AS_IMPORTER)
    err = capsys.readouterr().err
    assert "编辑在系统中写的。" in err and "译者在表格中写的。" in err  # side by side
    assert snapshot() == before
    # The translator may keep the CMS version of that row and import the rest.
    call_command("import_translations", str(path), *AS_IMPORTER, "--skip-conflicts")
    assert draft("BL-R-03").caption_zh_hans == "编辑在系统中写的。"
    assert draft("BL-R-04").caption_zh_hans == "第四件作品。"


def test_dry_run_changes_nothing(tmp_path, capsys):
    blank_chinese("BL-R-03")
    path = tmp_path / "zh.csv"
    path.write_bytes(
        fill_csv(export_bytes("csv", only_open=True), {"work:BL-R-03": {"caption_zh_hans": "新"}})
    )
    before = snapshot()
    call_command("import_translations", str(path), *AS_IMPORTER, "--dry-run")
    out = capsys.readouterr().out
    assert "work:BL-R-03 caption [zh-hans]" in out and "nothing was changed" in out
    assert snapshot() == before


def test_the_bad_rows_spreadsheet_is_rejected_with_each_row_and_column(capsys):
    before = snapshot()
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command(
            "import_translations", str(bad_input("translations-bad-rows.xlsx")), *AS_IMPORTER
        )
    err = capsys.readouterr().err
    assert "row 2, column B (title_de): a formula" in err
    assert "row 2, column D (caption_zh_hans): a formula" in err
    assert "row 3, column A (inventory_number): the key is empty" in err
    assert "row 4, column A (inventory_number): the key “work:LR-2024-001” is also in row 2" in err
    assert re.search(r"row 5, column B \(title_de\): 5000 characters.*at most 255", err)
    assert re.search(r"row 5, column C \(title_zh_hans\): 6000 characters", err)
    assert snapshot() == before


def test_a_file_that_is_not_a_spreadsheet_is_rejected(tmp_path):
    with pytest.raises(CommandError, match=r"not an Excel workbook.*Nothing was changed"):
        call_command(
            "import_translations",
            str(bad_input("translations-not-a-spreadsheet.xlsx")),
            *AS_IMPORTER,
        )
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\xff\xd8\xff\xe0JFIF\x00\x01")
    with pytest.raises(CommandError, match=r"not a CSV text file\. Export a fresh file"):
        call_command("import_translations", str(binary), *AS_IMPORTER)


def header_problems(rows):
    plan = plan_for(csv_file(rows), "x.csv")
    assert not plan.ok
    return [str(p) for p in plan.problems]


def test_missing_key_wrong_language_and_unknown_columns_are_named():
    problems = header_problems([["version", "caption_zh_hans"], ["abc", "说明"]])
    assert any("There is no key column" in p for p in problems)
    problems = header_problems(
        [
            ["key", "version", "caption_fr", "caption_zh", "colour_de"],
            ["work:BL-R-01", "x", "a", "b", "c"],
        ]
    )
    assert any("column C (caption_fr)" in p and "“fr” is not a language" in p for p in problems)
    assert any("column D (caption_zh)" in p and "“zh” is not a language" in p for p in problems)
    assert any("column E (colour_de)" in p and "not a translated field" in p for p in problems)


def test_a_cell_over_the_fields_length_and_a_field_the_object_lacks_are_refused():
    version = read_file(export_bytes("csv"), "x.csv").rows
    stamp = {r.cells["key"].value: r.cells["version"].value for r in version}
    problems = header_problems(
        [
            ["key", "version", "place_name_zh_hans", "subtitle_zh_hans"],
            ["work:BL-R-01", stamp["work:BL-R-01"], "长" * 201, "副标题"],
        ]
    )
    assert any("row 2, column C (place_name_zh_hans): 201 characters" in p for p in problems)
    assert any("column D (subtitle_zh_hans)" in p and "no field “subtitle”" in p for p in problems)


def test_the_german_source_is_not_changed_by_an_import():
    data = fill_xlsx(export_bytes("xlsx"), {"work:BL-R-01": {"caption_de": "Vom Übersetzer."}})
    plan = plan_for(data, "x.xlsx")
    assert any("German is the source" in str(p) for p in plan.problems)


def test_exports_never_emit_a_formula_and_the_text_survives_the_round_trip():
    w = work("BL-R-01")
    w.caption_de = "=cmd|' /C calc'!A0"
    w.caption_zh_hans = "@SUM(1+1)*cmd|' /C calc'!A0"
    w.save_revision().publish()
    data = export_bytes("xlsx")
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert all(not str(c.value or "").startswith(("=", "@", "+", "-")) for c in cells)
    csv_data = export_bytes("csv").decode("utf-8-sig")
    assert "'=cmd" in csv_data and "\n=" not in csv_data and ",=" not in csv_data
    for fmt in ("xlsx", "csv"):
        plan = plan_for(export_bytes(fmt), f"x.{fmt}")
        assert plan.ok and plan.change_count == 0  # read back as the same text


def test_the_csv_injection_file_is_refused_and_changes_nothing():
    before = snapshot()
    data = bad_input("captions-csv-injection.csv").read_bytes()
    plan = plan_for(data, "captions.csv")
    assert not plan.ok
    assert any("formula" in str(p) for p in plan.problems)
    assert snapshot() == before


def test_xliff_round_trip_with_the_same_checks(tmp_path):
    blank_chinese("BL-R-03")
    path = tmp_path / "zh.xlf"
    text = export_command(path, "--languages", "zh-hans", "--todo", "--format", "xliff20")
    assert 'trgLang="zh-Hans"' in text and 'name="work:BL-R-03"' in text
    text = text.replace(
        '<segment state="initial" subState="leporello:missing">',
        '<segment state="final">',
    ).replace(
        "</source>\n        </segment>",
        "</source>\n          <target>新的中文说明。</target>\n        </segment>",
    )
    path.write_text(text)
    call_command("import_translations", str(path), *AS_IMPORTER, stdout=io.StringIO())
    assert draft("BL-R-03").caption_zh_hans == "新的中文说明。"
    assert status_of(work("BL-R-03"), "caption", "zh-hans") == S.APPROVED


def test_xliff_conflicts_and_broken_xml(tmp_path):
    path = tmp_path / "zh.xlf"
    export_command(path, "--languages", "zh-hans", "--format", "xliff20")
    section = Section.objects.get(slug="rhein")
    section.title_zh_hans = "莱茵"
    section.save()
    text = path.read_text().replace("<target>莱茵河</target>", "<target>莱茵河段</target>", 1)
    path.write_text(text)
    with pytest.raises(CommandError, match="conflict"):
        call_command(
            "import_translations",
            str(path),
            *AS_IMPORTER,
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    broken = tmp_path / "broken.xlf"
    broken.write_text(text[: len(text) // 2])
    with pytest.raises(CommandError, match="not a well-formed XLIFF"):
        call_command("import_translations", str(broken), *AS_IMPORTER)
    entities = tmp_path / "bomb.xlf"
    entities.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    with pytest.raises(CommandError, match="not a well-formed XLIFF"):
        call_command("import_translations", str(entities), *AS_IMPORTER)
    assert Section.objects.get(slug="rhein").title_zh_hans == "莱茵"


def test_export_command_scopes_and_refuses_bad_options(tmp_path):
    out = io.StringIO()
    path = tmp_path / "stop.csv"
    call_command(
        "export_translations", "--tour-stop", "chongqing-2024", "-o", str(path), stdout=out
    )
    keys = [r.cells["key"].value for r in read_file(path.read_bytes(), "x.csv").rows]
    assert "checklist:chongqing-2024/101" not in keys  # no override text: nothing to translate
    assert "work:BL-J-01" in keys and any(k.startswith("venue:") for k in keys)
    with pytest.raises(CommandError, match="one target language"):
        call_command("export_translations", "-o", str(tmp_path / "all.xlf"))
    with pytest.raises(CommandError, match="Unknown target language fr"):
        call_command("export_translations", "--languages", "fr", "-o", str(tmp_path / "a.csv"))
    with pytest.raises(CommandError, match="No exhibition"):
        call_command("export_translations", "--exhibition", "nope", "-o", str(tmp_path / "a.csv"))


def test_an_approval_since_the_export_is_a_conflict_too():
    w = work("BL-R-01")
    w.caption_de = "Geänderter Text."
    w.save_revision().publish()
    data = export_bytes("xlsx")  # caption_zh_hans_status: needs_review
    from catalogue.translation_status import sync_status

    sync_status(work("BL-R-01"), explicit={("caption", "zh-hans"): S.APPROVED})
    filled = fill_xlsx(data, {"work:BL-R-01": {"medium_zh_hans": "新的材料说明"}})
    plan = plan_for(filled, "x.xlsx")
    assert [r.key for r in plan.conflicts] == ["work:BL-R-01"]
    assert status_of(work("BL-R-01"), "caption", "zh-hans") == S.APPROVED


@pytest.mark.parametrize("importer", ["command", "curator"])
def test_a_locked_page_is_not_changed_by_an_import(importer, make_user):
    locker = make_user("locker", "Curator")
    page = work("BL-R-02")
    page.locked, page.locked_by = True, locker
    page.save()
    filled = fill_xlsx(export_bytes("xlsx"), {"work:BL-R-02": {"caption_zh_hans": "新的说明。"}})
    user = make_user("importer2", "Curator") if importer == "curator" else None
    before = snapshot()
    plan = plan_import(read_file(filled, "x.xlsx"), user=user)
    assert not plan.ok
    assert len(plan.problems) == 1
    assert "locker" in str(plan.problems[0])  # who to ask
    with pytest.raises(ValueError, match="cannot be applied"):
        apply_plan(plan)
    assert snapshot() == before


def test_the_person_who_locked_a_page_may_import_into_it(make_user):
    curator = make_user("locker", "Curator")
    page = work("BL-R-02")
    page.locked, page.locked_by = True, curator
    page.save()
    filled = fill_xlsx(export_bytes("xlsx"), {"work:BL-R-02": {"caption_zh_hans": "新的说明。"}})
    plan = plan_import(read_file(filled, "x.xlsx"), user=curator)
    assert plan.ok and plan.change_count == 1
