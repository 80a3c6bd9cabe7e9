"""XLIFF 2.0 for translation tools: the same content and checks as the spreadsheet.

One file holds one target language (XLIFF's trgLang). Each object is a <group> named by its key,
with its version stamp in a <note category="version">; each field is a <unit> named by the field,
its German text in <source>, the translation in <target>. The status travels as the segment's
state (initial, translated, final) plus a subState `leporello:<status>` that keeps "needs review"
apart from "draft". Parsing goes through defusedxml: no DTDs, entities or external references.
"""

import xml.etree.ElementTree as ET

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

from catalogue import translation_status as ts
from catalogue.languages import LANGUAGE_CODES, bcp47

from .roundtrip import (
    KEY,
    VERSION,
    BadFile,
    Cell,
    Problem,
    Row,
    Table,
    column_name,
    parse_column,
)

NS = "urn:oasis:names:tc:xliff:document:2.0"
Q = f"{{{NS}}}"
Status = ts.Status
STATE_FOR = {
    Status.MISSING: "initial",
    Status.DRAFT: "translated",
    Status.NEEDS_REVIEW: "translated",
    Status.APPROVED: "final",
}
STATUS_FOR_STATE = {
    "initial": Status.MISSING,
    "translated": Status.DRAFT,
    "reviewed": Status.APPROVED,
    "final": Status.APPROVED,
}
SUBSTATE_PREFIX = "leporello:"


def write_xliff(export, stream):
    if len(export.languages) != 1:
        raise ValueError(
            _("An XLIFF file holds one target language: choose one (e.g. --languages zh-hans).")
        )
    lang = export.languages[0]
    ET.register_namespace("", NS)
    root = ET.Element(
        Q + "xliff",
        {"version": "2.0", "srcLang": bcp47(ts.SOURCE_LANGUAGE), "trgLang": bcp47(lang)},
    )
    file_el = ET.SubElement(root, Q + "file", {"id": "leporello"})
    columns = export.columns
    for number, (row, (key, label, version, _content, _obj)) in enumerate(
        zip(export.rows, export.objects, strict=True), start=1
    ):
        values = dict(zip(columns, row, strict=True))
        group = ET.SubElement(file_el, Q + "group", {"id": f"g{number}", "name": key})
        notes = ET.SubElement(group, Q + "notes")
        ET.SubElement(notes, Q + "note", {"category": "version"}).text = version
        ET.SubElement(notes, Q + "note", {"category": "object"}).text = label
        for column in columns:
            try:
                field_name, code, kind = parse_column(column)
            except ValueError:
                continue
            if code != ts.SOURCE_LANGUAGE or kind != "text" or not values.get(column):
                continue
            status = values.get(column_name(field_name, lang, "status")) or Status.MISSING
            unit = ET.SubElement(
                group, Q + "unit", {"id": f"g{number}-{field_name}", "name": field_name}
            )
            segment = ET.SubElement(
                unit,
                Q + "segment",
                {"state": STATE_FOR[status], "subState": SUBSTATE_PREFIX + status},
            )
            ET.SubElement(segment, Q + "source").text = values[column]
            target = values.get(column_name(field_name, lang)) or ""
            if target:
                ET.SubElement(segment, Q + "target").text = target
    ET.indent(root)
    stream.write(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def _language_code(tag):
    for code in LANGUAGE_CODES:
        if bcp47(code).lower() == (tag or "").lower():
            return code
    return None


def _status(segment):
    state = segment.get("state", "initial")
    sub = segment.get("subState", "")
    if sub.startswith(SUBSTATE_PREFIX):
        wanted = sub[len(SUBSTATE_PREFIX) :]
        if wanted in Status.values and STATE_FOR[wanted] == state:
            return wanted
    return STATUS_FOR_STATE.get(state, "")


def _text(element):
    """The text of <source>/<target>, inline codes flattened to their text."""
    return "".join(element.itertext()) if element is not None else ""


def read_xliff(data):
    try:
        root = SafeET.fromstring(data)
    except (ET.ParseError, DefusedXmlException, ValueError) as error:
        raise BadFile(
            _("This is not a well-formed XLIFF file: %(detail)s") % {"detail": error}
        ) from error
    if root.tag != Q + "xliff" or not root.get("version", "").startswith("2."):
        raise BadFile(_('This XML file is not XLIFF 2 (the root must be <xliff version="2.0">).'))
    lang = _language_code(root.get("trgLang"))
    if lang is None or lang == ts.SOURCE_LANGUAGE:
        raise BadFile(
            _("trgLang “%(lang)s” is not a target language of this site (zh-Hans or en).")
            % {"lang": root.get("trgLang", "")}
        )
    if _language_code(root.get("srcLang")) != ts.SOURCE_LANGUAGE:
        raise BadFile(_("srcLang must be “de”: German is the source of every text."))
    columns, rows, problems = [KEY, VERSION], [], []
    for group in root.iter(Q + "group"):
        key = group.get("name", "")
        where = _("group %(id)s (%(key)s)") % {"id": group.get("id", "?"), "key": key}
        version = ""
        for note in group.iter(Q + "note"):
            if note.get("category") == "version":
                version = (note.text or "").strip()
        cells = {KEY: Cell(key, where), VERSION: Cell(version, where)}
        for unit in group.iter(Q + "unit"):
            field_name = unit.get("name", "")
            unit_where = _("unit %(id)s (%(key)s, %(field)s)") % {
                "id": unit.get("id", "?"),
                "key": key,
                "field": field_name,
            }
            segments = list(unit.iter(Q + "segment"))
            if len(segments) != 1:
                problems.append(Problem(unit_where, _("a unit must have exactly one segment.")))
                continue
            segment = segments[0]
            text_column = column_name(field_name, lang)
            try:
                parse_column(text_column)
            except ValueError as error:
                problems.append(Problem(unit_where, str(error)))
                continue
            source_column = column_name(field_name, ts.SOURCE_LANGUAGE)
            status_column = column_name(field_name, lang, "status")
            for column in (source_column, text_column, status_column):
                if column not in columns:
                    columns.append(column)
            cells[source_column] = Cell(_text(segment.find(Q + "source")), unit_where)
            cells[text_column] = Cell(_text(segment.find(Q + "target")), unit_where)
            cells[status_column] = Cell(_status(segment), unit_where)
        rows.append(Row(where=where, cells=cells))
    return Table(columns=columns, rows=rows, problems=problems, has_versions=True)
