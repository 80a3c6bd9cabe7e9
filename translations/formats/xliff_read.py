"""Reading a returned XLIFF 1.2 or 2.0 file into a `Table` (`translations.formats.xliff`
describes the files): segments joined back, inline codes turned back into the German markup,
states into statuses. Parsing goes through defusedxml: no DTDs, entities or external references.
"""

import xml.etree.ElementTree as ET

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

from catalogue import translation_status as ts
from catalogue.languages import raw_value

from ..richtext import is_rich_text
from ..scope import UnknownKey, object_for_key
from ..table import KEY, VERSION, BadFile, Cell, Problem, Row, Table, column_name
from ..table import parse_column as _parse_column
from .inline import extra_codes, normalised, plain_text, render_rich, tokenize
from .xliff_terms import (
    NS12,
    NS20,
    STATE_20,
    STATUS_FOR_STATE_12,
    STATUS_FOR_STATE_20,
    SUBSTATE_PREFIX,
    Status,
    language_code,
)


def parse(data):
    """The root element of an XLIFF file, parsed safely; BadFile for anything else."""
    try:
        root = SafeET.fromstring(data)
    except (ET.ParseError, DefusedXmlException, ValueError) as error:
        raise BadFile(
            _(
                "This is not a well-formed XLIFF file: %(detail)s. Export it again from your "
                "translation tool (XLIFF 1.2 or 2.0), or export a fresh file here."
            )
            % {"detail": error}
        ) from error
    return root


def version_of(root):
    """'1.2', '2.0' or None for a parsed root element."""
    if root.tag == f"{{{NS12}}}xliff" or (
        root.tag == "xliff" and root.get("version", "")[:1] == "1"
    ):
        return "1.2"
    if root.tag == f"{{{NS20}}}xliff":
        return "2.0"
    return None


class _Objects:
    """Objects by key, looked up once per file (None for a key that names nothing)."""

    def __init__(self):
        self.cache = {}

    def get(self, key):
        if key not in self.cache:
            try:
                self.cache[key] = object_for_key(key)
            except UnknownKey:
                self.cache[key] = None
        return self.cache[key]


def _languages(source_tag, target_tag):
    lang = language_code(target_tag)
    if lang is None or lang == ts.SOURCE_LANGUAGE:
        raise BadFile(
            _(
                "The target language “%(lang)s” is not a target language of this site; use "
                "zh-Hans (or zh, zh-CN) or en."
            )
            % {"lang": target_tag or ""}
        )
    if language_code(source_tag) != ts.SOURCE_LANGUAGE:
        raise BadFile(
            _("The source language must be German (de): German is the source of every text.")
        )
    return lang


def _text_of(parts, obj, field_name, problems, where, language=None):
    """Join the parts of a unit (segments, ignorables) into one text for the field.

    Rich text gets the German text's markup back; a translation that comes back as it is in the
    CMS (apart from Wagtail's `data-block-key`s) is the CMS text exactly, so it is no change.
    """
    if obj is not None and is_rich_text(type(obj), field_name):
        content = ts.current_content(obj)
        _events, codes = tokenize(raw_value(content, field_name, ts.SOURCE_LANGUAGE) or "")
        if language:
            codes |= extra_codes(raw_value(content, field_name, language) or "", codes)
        found = []
        text = "".join(render_rich(part, codes, found, where) for part in parts)
        problems += [Problem(w, m) for w, m in found]
        for code in (language, ts.SOURCE_LANGUAGE):
            current = raw_value(content, field_name, code) or "" if code else ""
            if current and normalised(current) == normalised(text):
                return current
        return text
    return "".join(plain_text(part) for part in parts)


def _add_unit(table_columns, cells, lang, field_name, where, source, target, status):
    text_column = column_name(field_name, lang)
    try:
        _parse_column(text_column)
    except ValueError as error:
        return str(error)
    source_column = column_name(field_name, ts.SOURCE_LANGUAGE)
    status_column = column_name(field_name, lang, "status")
    for column in (source_column, text_column, status_column):
        if column not in table_columns:
            table_columns.append(column)
    cells[source_column] = Cell(source, where)
    cells[text_column] = Cell(target, where)
    cells[status_column] = Cell(status, where)
    return None


def read_xliff(data):
    """A Table from XLIFF 1.2 or 2.0 bytes; BadFile when it is neither."""
    root = parse(data)
    version = version_of(root)
    if version == "1.2":
        return _read_12(root)
    if version == "2.0":
        return _read_20(root)
    raise BadFile(
        _(
            'This XML file is not XLIFF 1.2 or 2.0 (the root must be <xliff version="1.2"> or '
            '<xliff version="2.0">). Export XLIFF from your translation tool.'
        )
    )


def _status_20(segments):
    """The least advanced state of a unit's segments, as our status."""
    order = [Status.MISSING, Status.DRAFT, Status.NEEDS_REVIEW, Status.APPROVED]
    found = []
    for segment in segments:
        state = segment.get("state", "initial")
        sub = segment.get("subState", "")
        status = STATUS_FOR_STATE_20.get(state, "")
        if sub.startswith(SUBSTATE_PREFIX):
            wanted = sub[len(SUBSTATE_PREFIX) :]
            if wanted in Status.values and STATE_20[wanted] == state:
                status = wanted
        found.append(status)
    if not found or "" in found:
        return ""
    return min(found, key=order.index)


def _read_20(root):
    q = f"{{{NS20}}}"
    lang = _languages(root.get("srcLang"), root.get("trgLang"))
    objects = _Objects()
    columns, rows, problems = [KEY, VERSION], [], []
    for group in root.iter(q + "group"):
        key = group.get("name", "")
        where = _("group %(id)s (%(key)s)") % {"id": group.get("id", "?"), "key": key}
        version = ""
        notes = group.find(q + "notes")
        for note in notes.iter(q + "note") if notes is not None else []:
            if note.get("category") == "version":
                version = (note.text or "").strip()
        cells = {KEY: Cell(key, where), VERSION: Cell(version, where)}
        obj = objects.get(key)
        for unit in group.findall(q + "unit"):
            field_name = unit.get("name", "")
            unit_where = _("unit %(id)s (%(key)s, %(field)s)") % {
                "id": unit.get("id", "?"),
                "key": key,
                "field": field_name,
            }
            parts = [p for p in unit if p.tag in (q + "segment", q + "ignorable")]
            segments = [p for p in parts if p.tag == q + "segment"]
            if not segments:
                problems.append(
                    Problem(unit_where, _("the unit has no segment; export a fresh file."))
                )
                continue
            sources = [p.find(q + "source") for p in parts]
            # An ignorable without a target keeps its source (the space between two segments).
            targets = [
                p.find(q + "target")
                if p.find(q + "target") is not None or p.tag == q + "segment"
                else p.find(q + "source")
                for p in parts
            ]
            if all(p.find(q + "target") is None for p in segments):
                targets = []
            source = _text_of(sources, obj, field_name, problems, unit_where)
            target = _text_of(targets, obj, field_name, problems, unit_where, lang)
            error = _add_unit(
                columns, cells, lang, field_name, unit_where, source, target, _status_20(segments)
            )
            if error:
                problems.append(Problem(unit_where, error))
        rows.append(Row(where=where, cells=cells))
    return Table(columns=columns, rows=rows, problems=problems, has_versions=True)


def _status_12(trans_unit, target):
    if trans_unit.get("approved") == "yes" and target is not None:
        return Status.APPROVED
    if target is None:
        return ""
    return STATUS_FOR_STATE_12.get(target.get("state", ""), "")


def _read_12(root):
    q = f"{{{NS12}}}" if root.tag.startswith("{") else ""
    file_el = root.find(q + "file")
    if file_el is None:
        raise BadFile(_("This XLIFF file has no <file> element; export a fresh file."))
    lang = _languages(file_el.get("source-language"), file_el.get("target-language"))
    objects = _Objects()
    columns, rows, problems = [KEY, VERSION], [], []
    for group in root.iter(q + "group"):
        units = group.findall(q + "trans-unit")
        if not units:
            continue
        key = group.get("resname", "")
        where = _("group %(id)s (%(key)s)") % {"id": group.get("id", "?"), "key": key}
        version = ""
        for note in group.findall(q + "note"):
            if note.get("from") == "leporello-version":
                version = (note.text or "").strip()
        cells = {KEY: Cell(key, where), VERSION: Cell(version, where)}
        obj = objects.get(key)
        for unit in units:
            field_name = unit.get("resname", "")
            unit_where = _("unit %(id)s (%(key)s, %(field)s)") % {
                "id": unit.get("id", "?"),
                "key": key,
                "field": field_name,
            }
            target_el = unit.find(q + "target")
            source = _text_of([unit.find(q + "source")], obj, field_name, problems, unit_where)
            target = _text_of(
                [target_el] if target_el is not None else [],
                obj,
                field_name,
                problems,
                unit_where,
                lang,
            )
            error = _add_unit(
                columns,
                cells,
                lang,
                field_name,
                unit_where,
                source,
                target,
                _status_12(unit, target_el),
            )
            if error:
                problems.append(Problem(unit_where, error))
        rows.append(Row(where=where, cells=cells))
    return Table(columns=columns, rows=rows, problems=problems, has_versions=True)
