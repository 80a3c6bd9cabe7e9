"""Translation files as spreadsheets return them: CSV from Excel in German and Chinese
locales, and LibreOffice opening and saving exports."""

import codecs
import io
import os
import shutil
import subprocess

import pytest

from catalogue import translation_status as ts
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import rhine_and_yangtze_tour
from translations import stamps
from translations.roundtrip import BadFile, apply_plan, read_file

from ..badinput import bad_input
from .helpers import (
    draft,
    export_bytes,
    fill_csv,
    fill_xlsx,
    plan_for,
    snapshot,
    work,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Three of the demo's works, translated into every language, sharing one picture."""
    return rhine_and_yangtze_tour(("BL-R-01", "BL-R-02", "BL-J-01"), image=ImageFactory())


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


def _edited_in_libreoffice(tmp_path, fmt, fill, edit, locale, filter_name, **options):
    """An export (Chinese and English, with the tricky texts) with the cells of `edit` filled
    in, opened and saved by LibreOffice in `locale` as `filter_name` says: the bytes saved."""
    _tricky_texts()
    source = tmp_path / f"translations.{fmt}"
    source.write_bytes(fill(export_bytes(fmt, languages=("zh-hans", "en")), edit))
    return _libreoffice(tmp_path, source, locale, filter_name, **options)


def _changes(plan):
    """(key, field, language, new text) of each change the import `plan` would make."""
    assert plan.ok, plan.problems
    return [(r.key, c.field, c.language, c.new) for r in plan.rows for c in r.changes]


@pytest.mark.libreoffice
def test_libreoffice_in_a_german_locale_saves_the_csv_and_only_the_edited_cell_changes(tmp_path):
    # As a German user opens it (comma, UTF-8, German number formats) and saves it as Excel
    # would in Germany: semicolons, Windows-1252 (Chinese becomes ?).
    saved = _edited_in_libreoffice(
        tmp_path,
        "csv",
        fill_csv,
        {"work:BL-R-02": {"medium_en": "Pigment print on baryta paper"}},
        "de-DE",
        "csv:Text - txt - csv (StarCalc):59,34,1,1",
        infilter="CSV:44,34,76,1,,1031",
    )
    assert b";" in saved.splitlines()[0] and codecs.BOM_UTF8 not in saved[:3]
    changes = _changes(plan_for(saved))
    assert changes == [("work:BL-R-02", "medium", "en", "Pigment print on baryta paper")]


@pytest.mark.libreoffice
def test_libreoffice_in_a_chinese_locale_saves_the_workbook_and_only_the_edited_cell_changes(
    tmp_path,
):
    saved = _edited_in_libreoffice(
        tmp_path,
        "xlsx",
        fill_xlsx,
        {"work:BL-R-02": {"caption_zh_hans": "在中文环境中修改的说明。"}},
        "zh-CN",
        "xlsx:Calc MS Excel 2007 XML",
    )
    plan = plan_for(saved)
    changes = _changes(plan)
    assert changes == [("work:BL-R-02", "caption", "zh-hans", "在中文环境中修改的说明。")]
    apply_plan(plan, source="lo.xlsx")
    assert draft("BL-R-01").place_name_en == "00042" and draft("BL-R-01").credit_line_en == "2/5"
