"""Reading and writing translation files: XLSX, CSV, XLIFF 1.2, XLIFF 2.0.

`write_export(export, stream, fmt)` writes an `Export` (from `roundtrip.build_export`);
`read_file(data, filename)` turns the bytes of a returned file into a `table.Table`, the format
found from the content (a workbook is a ZIP, XLIFF is XML, anything else is read as CSV text).
"""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..table import BadFile
from . import spreadsheet, xliff

# fmt -> (label, file extension, content type)
FORMATS = {
    "xlsx": (
        gettext_lazy("Excel workbook (.xlsx), recommended"),
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "csv": (gettext_lazy("CSV, UTF-8 (.csv)"), "csv", "text/csv; charset=utf-8"),
    "xliff12": (
        gettext_lazy("XLIFF 1.2 for translation tools (.xlf), one language"),
        "xlf",
        "application/xliff+xml",
    ),
    "xliff20": (
        gettext_lazy("XLIFF 2.0 for translation tools (.xlf), one language"),
        "xlf",
        "application/xliff+xml",
    ),
}
XLIFF_FORMATS = ("xliff12", "xliff20")
EXTENSIONS = {".xlsx": "xlsx", ".csv": "csv", ".xlf": "xliff12", ".xliff": "xliff12"}
# What an upload may be called (Excel's "Unicode text" is a .txt, Trados's XLIFF .sdlxliff).
UPLOAD_SUFFIXES = (".xlsx", ".csv", ".txt", ".tsv", ".xlf", ".xliff", ".sdlxliff", ".mqxliff")
ZIP_MAGIC = b"PK\x03\x04"


def format_for(filename, fmt=None):
    """The export format: `fmt` when given, else from the file name's extension (.xlf/.xliff
    mean XLIFF 1.2). Raises BadFile for an unknown format or extension."""
    if fmt:
        if fmt == "xliff":
            return "xliff12"
        if fmt not in FORMATS:
            raise BadFile(
                _("“%(format)s” is not a format; use %(formats)s.")
                % {"format": fmt, "formats": ", ".join(FORMATS)}
            )
        return fmt
    found = EXTENSIONS.get(Path(filename).suffix.lower())
    if found is None:
        raise BadFile(
            _("“%(name)s”: use a file ending in .xlsx, .csv, .xlf or .xliff, or name a --format.")
            % {"name": filename}
        )
    return found


def write_export(export, stream, fmt):
    writers = {
        "xlsx": spreadsheet.write_xlsx,
        "csv": spreadsheet.write_csv,
        "xliff": xliff.write_xliff12,
        "xliff12": xliff.write_xliff12,
        "xliff20": xliff.write_xliff20,
    }
    if fmt not in writers:
        raise ValueError(fmt)
    writers[fmt](export, stream)


def detect(data, filename=""):
    """'xlsx', 'xliff' or 'csv' from the first bytes of a file."""
    if data.startswith(ZIP_MAGIC) or Path(filename).suffix.lower() == ".xlsx":
        return "xlsx"
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "xliff"
    return "csv"


def read_file(data, filename=""):
    """A Table from the bytes of a returned file; BadFile (a message for people) when the file
    cannot be read at all."""
    if not data:
        raise BadFile(_("The file is empty. Export a fresh file and fill that in."))
    kind = detect(data, filename)
    if kind == "xlsx":
        return spreadsheet.read_xlsx(data)
    if kind == "xliff":
        return xliff.read_xliff(data)
    return spreadsheet.read_csv(data)
