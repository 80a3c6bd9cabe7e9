"""The shape every translation file is read into, and the names of its columns.

A file (spreadsheet, CSV or XLIFF) becomes a `Table`: columns named like the model fields
(`caption_zh_hans`, `caption_zh_hans_status`), one `Row` per object with a `Cell` per column, each
cell knowing where it sits in the file ("row 4, column F (caption_zh_hans)") for messages.
The readers and writers in `translations.formats` and the checks in `translations.roundtrip` both
import from here; this module imports neither, so there is no cycle.
"""

import functools
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from catalogue import translation_status as ts
from catalogue.languages import LANGUAGE_CODES

Status = ts.Status
KEY, OBJECT, VERSION = "key", "object", "version"
# A file made by hand may name works by inventory number instead of our key column.
KEY_ALIASES = {"inventory_number": "work:"}
STATUS_SUFFIX = "_status"
MAX_ROWS = 20000


class BadFile(Exception):
    """The file cannot be read at all (not a workbook, not UTF-8, broken XML)."""


@dataclass
class Problem:
    where: str
    message: str

    def __str__(self):
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class Cell:
    """One value of a file and where it sits ("row 4, column F (caption_zh_hans)").

    `encoding` names a legacy encoding the file came in (GB18030/GBK, Windows-1252) that cannot
    hold every character; such a cell that equals the CMS text after that loss is unchanged.
    """

    value: str
    where: str
    formula: bool = False
    encoding: str = ""
    problem: str = ""  # what the reader found wrong with the cell (a date where text belongs)

    def same_as(self, text):
        """Is this cell the CMS `text` as the file could carry it (str -> bool)?"""
        text = text or ""
        if self.value == text:
            return True
        if not self.encoding or len(self.value) != len(text):
            return False
        # Each character the encoding lacks became "?" or its best fit (LibreOffice writes the
        # full-width "：" as ":"); every other character must be the same.
        for got, had in zip(self.value, text, strict=True):
            if got == had:
                continue
            try:
                had.encode(self.encoding)
            except UnicodeEncodeError:
                if got == "?" or got == unicodedata.normalize("NFKC", had):
                    continue
            return False
        return True


@dataclass
class Row:
    where: str
    cells: dict  # column name -> Cell


@dataclass
class Table:
    columns: list
    rows: list
    problems: list = field(default_factory=list)
    has_versions: bool = True


def target_languages(languages=None):
    chosen = [code for code in (languages or ts.TARGET_LANGUAGES) if code in ts.TARGET_LANGUAGES]
    return chosen or list(ts.TARGET_LANGUAGES)


def _suffixes():
    return {build_localized_fieldname("", code)[1:]: code for code in LANGUAGE_CODES}


@functools.cache
def all_fields():
    names = []
    for model in ts.tracked_models():
        for name in ts.translatable_fields(model):
            if name not in names:
                names.append(name)
    return tuple(names)


@functools.lru_cache(maxsize=1024)
def parse_column(name):
    """'caption_zh_hans' -> ('caption', 'zh-hans', 'text'); '..._status' -> kind 'status'.

    Raises ValueError with a message for a column that is not a field and language.
    """
    kind = "text"
    base = name
    if base.endswith(STATUS_SUFFIX):
        kind, base = "status", base[: -len(STATUS_SUFFIX)]
    fields = all_fields()
    for suffix, code in sorted(_suffixes().items(), key=lambda s: -len(s[0])):
        if base.endswith("_" + suffix) and base[: -len(suffix) - 1] in fields:
            if kind == "status" and code == ts.SOURCE_LANGUAGE:
                break
            return base[: -len(suffix) - 1], code, kind
    for name_ in sorted(fields, key=len, reverse=True):
        if base.startswith(name_ + "_"):
            wrong = base[len(name_) + 1 :]
            raise ValueError(
                _("“%(column)s”: “%(lang)s” is not a language of this site (use %(codes)s).")
                % {"column": name, "lang": wrong, "codes": ", ".join(_suffixes())}
            )
    raise ValueError(
        _("“%(column)s” is not a translated field (e.g. caption_zh_hans).") % {"column": name}
    )


def column_name(field_name, code, kind="text"):
    name = build_localized_fieldname(field_name, code)
    return name + STATUS_SUFFIX if kind == "status" else name


@functools.lru_cache(maxsize=1024)
def limit_for(field_name, code, model=None):
    """The longest text a column may hold: the model's limit, else the most generous one."""
    models = (
        [model]
        if model
        else [m for m in ts.tracked_models() if field_name in ts.translatable_fields(m)]
    )
    limits = [ts.max_length(m, field_name, code) for m in models]
    if not limits or any(limit is None for limit in limits):
        return None
    return max(limits)


@dataclass
class Export:
    columns: list
    rows: list  # lists of cell values, in column order
    languages: list
    objects: list  # (key, label, version, content, object) per row
