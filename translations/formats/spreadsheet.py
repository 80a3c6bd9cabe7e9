"""Spreadsheets as people save them: XLSX, and CSV in whatever Excel or LibreOffice wrote.

Writing: XLSX cells are text cells with the number format "@" (Text), so `00042` or `2/5` stay
as typed, even when retyped; CSV is UTF-8 with a byte order mark, comma-separated. Identifiers
carry a letter prefix (`work:00042`, version `v3fa1…`), and a CSV text that a spreadsheet would
read as a number or a date (`00042`, `2/5`, `1.50`) or run as a formula (`=…`) gets a leading
apostrophe, which the import removes again.

Reading CSV: UTF-8 with or without byte order mark, UTF-16 (Excel's "Unicode text", tab
separated), GB18030/GBK (Excel in a Chinese locale) and Windows-1252 (Excel in a German locale)
are recognised; the separator (comma, semicolon, tab) is found from the header row or named in
Excel's `sep=;` first line. Characters GBK or Windows-1252 cannot hold (umlauts in GBK, Chinese
in Windows-1252) come back as `?`: such cells count as unchanged (`Cell.same_as`).
"""

import csv
import datetime
import io
import re
import zipfile

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from gates.cells import safe_cell, unescape_cell

from ..table import (
    KEY,
    KEY_ALIASES,
    MAX_ROWS,
    OBJECT,
    STATUS_SUFFIX,
    VERSION,
    BadFile,
    Cell,
    Problem,
    Row,
    Status,
    Table,
    parse_column,
)

TEXT_FORMAT = "@"
SEPARATORS = {",": gettext_lazy("comma"), ";": gettext_lazy("semicolon"), "\t": gettext_lazy("tab")}
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# GBK bytes read as Windows-1252 come in pairs of accented letters and signs (ÖÐÎÄ for 中文).
MOJIBAKE = re.compile(r"[\u00a0-\u00ff]{2}")


# ---------------------------------------------------------------- writing


def write_xlsx(export, stream):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "translations"
    sheet.append(export.columns)
    for row in export.rows:
        sheet.append([safe_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "D2"
    choices = DataValidation(
        type="list", formula1='"' + ",".join(Status.values) + '"', allow_blank=True
    )
    sheet.add_data_validation(choices)
    for index, name in enumerate(export.columns, start=1):
        letter = get_column_letter(index)
        is_status = name.endswith(STATUS_SUFFIX)
        sheet.column_dimensions[letter].width = 14 if is_status or name == VERSION else 40
        # Text format for the whole column: what a translator types in stays text too.
        sheet.column_dimensions[letter].number_format = TEXT_FORMAT
        if is_status and export.rows:
            choices.add(f"{letter}2:{letter}{len(export.rows) + 1}")
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
            cell.data_type = "s"
            cell.number_format = TEXT_FORMAT
    workbook.save(stream)


def write_csv(export, stream):
    """UTF-8 with a byte order mark, so that spreadsheet programs read Chinese correctly."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(export.columns)
    for row in export.rows:
        writer.writerow([safe_cell(v, protect_numbers=True) for v in row])
    stream.write(text.getvalue().encode("utf-8-sig"))


# ---------------------------------------------------------------- reading


def _column_label(index, name):
    return _("column %(letter)s (%(name)s)") % {"letter": get_column_letter(index), "name": name}


def _known_column(name):
    if name in (KEY, OBJECT, VERSION) or name in KEY_ALIASES:
        return True
    try:
        parse_column(name)
    except ValueError:
        return False
    return True


def _table_from_grid(grid, encoding="", no_key_hint=""):
    """Header row + data rows (lists of (value, formula, problem)) -> Table with the header's
    problems. `no_key_hint` is added to the message when the header has no key column."""
    if not grid:
        raise BadFile(_("The file is empty. Export a fresh file and fill that in."))
    header = [("" if v is None else str(v)).strip().lstrip("\ufeff") for v, _f, _p in grid[0]]
    problems, columns = [], []
    for index, name in enumerate(header, start=1):
        if not name:
            continue
        if name in (KEY, OBJECT, VERSION) or name in KEY_ALIASES:
            columns.append(name)
            continue
        try:
            parse_column(name)
        except ValueError as error:
            problems.append(
                Problem(_("row 1, %(column)s") % {"column": _column_label(index, name)}, str(error))
            )
            continue
        columns.append(name)
    if KEY not in header and not any(alias in header for alias in KEY_ALIASES):
        message = _(
            "There is no key column (“key”, as in the export). Keep the first row of the export."
        )
        problems.append(Problem(_("row 1"), f"{message} {no_key_hint}".strip()))
    rows = []
    if len(grid) - 1 > MAX_ROWS:
        raise BadFile(
            _("The file has more than %(max)s rows; split it into smaller files.")
            % {"max": MAX_ROWS}
        )
    # Translated once per file, not per cell (a 500-row file has 25 000 cells).
    cell_where = _("row %(number)s, %(column)s")
    labels = [_column_label(index, name) for index, name in enumerate(header, start=1)]
    row_where = _("row %(number)s")
    for number, values in enumerate(grid[1:], start=2):
        if all(v is None or str(v).strip() == "" for v, _f, _p in values):
            continue
        cells = {}
        for index, (value, formula, problem) in enumerate(values, start=1):
            if index > len(header) or header[index - 1] not in columns:
                continue
            name = header[index - 1]
            text = "" if value is None else str(value)
            cells[name] = Cell(
                value=text if name == VERSION else unescape_cell(text),
                where=cell_where % {"number": number, "column": labels[index - 1]},
                formula=formula,
                encoding=encoding,
                problem=problem,
            )
        rows.append(Row(where=row_where % {"number": number}, cells=cells))
    return Table(columns=columns, rows=rows, problems=problems, has_versions=VERSION in header)


def _xlsx_value(value):
    """A workbook cell as (text, problem): numbers as written, dates refused."""
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), ""
    if isinstance(value, int):
        return str(value), ""
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else repr(value)), ""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return str(value), _(
            "the spreadsheet turned this text into a date or time (%(value)s). Format the cell "
            "as Text and type the text again."
        ) % {"value": value}
    return value, ""


def read_xlsx(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise BadFile(
            _(
                "This file is not an Excel workbook (.xlsx) and cannot be read (%(detail)s). "
                "Export a fresh file, or save yours from Excel or LibreOffice as .xlsx or .csv."
            )
            % {"detail": error.__class__.__name__}
        ) from error
    sheet = workbook.worksheets[0]
    grid = []
    for row in sheet.iter_rows():
        cells = []
        for cell in row:
            formula = getattr(cell, "data_type", None) == "f" or (
                isinstance(cell.value, str) and cell.value.startswith("=")
            )
            text, problem = _xlsx_value(cell.value)
            cells.append((text, formula, problem))
        grid.append(cells)
        if len(grid) > MAX_ROWS + 1:
            break
    workbook.close()
    return _table_from_grid(grid)


ENCODING_ADVICE = gettext_lazy(
    "Save it again as “CSV UTF-8” (Excel: File › Save As › CSV UTF-8; LibreOffice: character set "
    "Unicode (UTF-8)), as Excel’s “Unicode Text”, or as .xlsx."
)


def decode_csv(data):
    """The text of a CSV file and the legacy encoding that lost characters ('' when none).

    Raises BadFile naming the first byte that fits no known encoding and what to do.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data, "utf-8-sig"), ""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16"), ""
    if len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0:1] != b"\x00":
        return _decode(data, "utf-16-le"), ""
    if len(data) >= 4 and data[0:4:2] == b"\x00\x00":
        return _decode(data, "utf-16-be"), ""
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as error:
        first_error = error
    for encoding, lossy, plausible in (
        ("gb18030", "gbk", _plausible_chinese),
        ("cp1252", "cp1252", _plausible_western),
    ):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if plausible(text):
            return text, lossy
    line = data[: first_error.start].count(b"\n") + 1
    raise BadFile(
        _(
            "This CSV file is neither UTF-8 nor UTF-16, GB18030/GBK or Windows-1252 text "
            "(row %(row)s, byte %(position)s). %(advice)s"
        )
        % {"row": line, "position": first_error.start, "advice": ENCODING_ADVICE}
    )


def _decode(data, encoding):
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise BadFile(
            _("This CSV file is not valid %(encoding)s text (byte %(position)s). %(advice)s")
            % {"encoding": encoding.upper(), "position": error.start, "advice": ENCODING_ADVICE}
        ) from error


def _columns_by_language(text):
    """{'zh': [cells], 'latin': [cells]} from a decoded CSV, to judge a guessed encoding."""
    rows = _parse(text, _sniff(text)[0])
    if not rows:
        return {"zh": [], "latin": []}
    header = rows[0]
    result = {"zh": [], "latin": []}
    for row in rows[1:]:
        for name, value in zip(header, row, strict=False):
            name = name.strip()
            if "_zh" in name:
                result["zh"].append(value)
            elif name.endswith(("_de", "_en")) or name in (KEY, VERSION):
                result["latin"].append(value)
    return result


def _plausible_chinese(text):
    """GB18030 read right: Chinese only in Chinese columns (German ä read as GBK makes 漢字)."""
    cells = _columns_by_language(text)
    return not any(CJK.search(v) for v in cells["latin"]) and any(
        CJK.search(v) for v in cells["zh"]
    )


def _plausible_western(text):
    """Windows-1252 read right: no accented-Latin jumble in the Chinese columns."""
    cells = _columns_by_language(text)
    return not any(MOJIBAKE.search(v) for v in cells["zh"])


def _sniff(text):
    """(separator, name) for a CSV text: Excel's `sep=` line, else the one that splits the first
    row into the most known column names."""
    first = text.split("\n", 1)[0].strip("\r\ufeff")
    if first.lower().startswith("sep=") and len(first) == 5:
        return first[4], True
    best, best_score = ",", (-1, -1)
    for separator in SEPARATORS:
        names = next(csv.reader([first], delimiter=separator), [])
        score = (sum(_known_column(n.strip()) for n in names), first.count(separator))
        if score > best_score:
            best, best_score = separator, score
    return best, False


def _parse(text, separator):
    lines = io.StringIO(text)
    if text.lower().startswith(("sep=", "\ufeffsep=")):
        lines.readline()
    return list(csv.reader(lines, delimiter=separator))


def read_csv(data):
    text, lossy = decode_csv(data)
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise BadFile(_("This file is not a CSV text file. Export a fresh file and fill that in."))
    separator, named = _sniff(text)
    try:
        rows = _parse(text, separator)
    except csv.Error as error:
        raise BadFile(
            _("This CSV file cannot be read: %(detail)s. %(advice)s")
            % {"detail": error, "advice": ENCODING_ADVICE}
        ) from error
    grid = [[(value, value.startswith("="), "") for value in row] for row in rows]
    hint = _(
        "Read with %(separator)s as the separator, the first row has none of the export’s column "
        "names (key, version, caption_zh_hans …); comma, semicolon and tab were tried. Save the "
        "file as CSV separated by commas, semicolons or tabs, with the first row of the export."
    ) % {"separator": SEPARATORS.get(separator, repr(separator)) if not named else repr(separator)}
    return _table_from_grid(grid, encoding=lossy, no_key_hint=hint)
