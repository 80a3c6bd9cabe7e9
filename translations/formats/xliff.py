"""XLIFF 1.2 and 2.0 for translation tools (memoQ, Trados, Phrase, OmegaT, Weblate).

One file holds one target language. Each object is a group named by its key (1.2: `resname`,
2.0: `name`) with its version stamp and label as notes; each field is a unit with
- the German text as source, the translation as target, rich text as inline codes
  (`translations.formats.inline`),
- a note naming the object and the field, so each text has its context in the tool,
- the field's maximum length (1.2: `maxwidth` + `size-unit="char"`, 2.0: `slr:sizeRestriction`),
- the status as state (1.2: `needs-translation`, `translated`, `needs-review-translation`,
  `final`; 2.0: `initial`, `translated` + `subState="leporello:needs_review"`, `final`).
2.0 files say `canResegment="yes"`: a unit a tool split into several segments (or 1.2 `<mrk
mtype="seg">` markers) is joined back on import. `zh`, `zh-CN`, `zh-Hans` and `zh_Hans` all mean
Simplified Chinese. Parsing goes through defusedxml: no DTDs, entities or external references.
"""

import xml.etree.ElementTree as ET

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from catalogue import translation_status as ts
from catalogue.languages import LANGUAGE_CODES, bcp47, raw_value

from ..richtext import is_rich_text
from ..scope import UnknownKey, object_for_key
from ..table import KEY, VERSION, BadFile, Cell, Problem, Row, Table, column_name, limit_for
from ..table import parse_column as _parse_column
from .inline import extra_codes, fill_12, fill_20, normalised, plain_text, render_rich, tokenize

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
NS_SLR = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
Status = ts.Status

STATE_20 = {
    Status.MISSING: "initial",
    Status.DRAFT: "translated",
    Status.NEEDS_REVIEW: "translated",
    Status.APPROVED: "final",
}
STATUS_FOR_STATE_20 = {
    "initial": Status.MISSING,
    "translated": Status.DRAFT,
    "reviewed": Status.APPROVED,
    "final": Status.APPROVED,
}
SUBSTATE_PREFIX = "leporello:"
STATE_12 = {
    Status.MISSING: "needs-translation",
    Status.DRAFT: "translated",
    Status.NEEDS_REVIEW: "needs-review-translation",
    Status.APPROVED: "final",
}
STATUS_FOR_STATE_12 = {
    "new": Status.MISSING,
    "needs-translation": Status.MISSING,
    "needs-l10n": Status.MISSING,
    "needs-adaptation": Status.MISSING,
    "translated": Status.DRAFT,
    "needs-review-translation": Status.NEEDS_REVIEW,
    "needs-review-l10n": Status.NEEDS_REVIEW,
    "needs-review-adaptation": Status.NEEDS_REVIEW,
    "final": Status.APPROVED,
    "signed-off": Status.APPROVED,
}
# What a tool may write for Simplified Chinese.
SIMPLIFIED_CHINESE = {"zh", "zh-cn", "zh-sg", "zh-hans", "zh-hans-cn", "zh-hans-sg", "zh-chs"}
NOT_INDENTED = {"source", "target", "note", "data", "seg-source"}


def language_code(tag):
    """Our language code for a language tag a tool wrote ('zh_Hans' -> 'zh-hans'), or None."""
    tag = (tag or "").strip().lower().replace("_", "-")
    if tag in SIMPLIFIED_CHINESE:
        return "zh-hans" if "zh-hans" in LANGUAGE_CODES else None
    for code in LANGUAGE_CODES:
        if tag == code or (tag.split("-")[0] == code and not tag.startswith("zh")):
            return code
    return None


# ---------------------------------------------------------------- writing


def _units(export):
    """Per object: (key, label, version, obj, [unit dicts]) for the export's one language."""
    lang = export.languages[0]
    columns = export.columns
    for row, (key, label, version, _content, obj) in zip(export.rows, export.objects, strict=True):
        values = dict(zip(columns, row, strict=True))
        units = []
        for column in columns:
            try:
                field_name, code, kind = _parse_column(column)
            except ValueError:
                continue
            if code != ts.SOURCE_LANGUAGE or kind != "text" or not values.get(column):
                continue
            model = type(obj)
            units.append(
                {
                    "field": field_name,
                    "label": capfirst(model._meta.get_field(field_name).verbose_name),
                    "source": values[column],
                    "target": values.get(column_name(field_name, lang)) or "",
                    "status": values.get(column_name(field_name, lang, "status")) or Status.MISSING,
                    "limit": limit_for(field_name, lang, model),
                    "rich": is_rich_text(model, field_name),
                }
            )
        yield key, label, version, units


def _context(key, label, unit):
    text = _("%(object)s [%(key)s] — %(field)s (%(name)s)") % {
        "object": label,
        "key": key,
        "field": unit["label"],
        "name": unit["field"],
    }
    if unit["limit"]:
        text += " · " + _("at most %(limit)s characters") % {"limit": unit["limit"]}
    if unit["rich"]:
        text += " · " + _("rich text: keep the inline codes around the words they mark")
    return text


def _indent(element, level=0):
    """Pretty-print the structure, never the inside of texts (whitespace there is content)."""
    name = element.tag.rsplit("}", 1)[-1]
    if name in NOT_INDENTED or not len(element):
        return
    pad = "\n" + "  " * (level + 1)
    if not (element.text or "").strip():
        element.text = pad
    for child in element:
        _indent(child, level + 1)
        if not (child.tail or "").strip():
            child.tail = pad
    if not (element[-1].tail or "").strip():
        element[-1].tail = "\n" + "  " * level


def _one_language(export):
    if len(export.languages) != 1:
        raise ValueError(
            _("An XLIFF file holds one target language: choose one (e.g. --languages zh-hans).")
        )
    return export.languages[0]


def write_xliff12(export, stream):
    lang = _one_language(export)
    q = f"{{{NS12}}}"
    ET.register_namespace("", NS12)
    root = ET.Element(q + "xliff", {"version": "1.2"})
    file_el = ET.SubElement(
        root,
        q + "file",
        {
            "original": "leporello",
            "datatype": "x-leporello",
            "source-language": bcp47(ts.SOURCE_LANGUAGE),
            "target-language": bcp47(lang),
        },
    )
    body = ET.SubElement(file_el, q + "body")

    def make(parent, tag, attrs):
        return ET.SubElement(parent, q + tag, attrs)

    for number, (key, label, version, units) in enumerate(_units(export), start=1):
        group = ET.SubElement(body, q + "group", {"id": f"g{number}", "resname": key})
        ET.SubElement(group, q + "note", {"from": "leporello-version"}).text = version
        ET.SubElement(group, q + "note", {"from": "leporello-object"}).text = label
        for unit in units:
            attrs = {
                "id": f"g{number}-{unit['field']}",
                "resname": unit["field"],
                "approved": "yes" if unit["status"] == Status.APPROVED else "no",
                f"{{{XML_NS}}}space": "preserve",
            }
            if unit["limit"]:
                attrs |= {"maxwidth": str(unit["limit"]), "size-unit": "char"}
            trans = ET.SubElement(group, q + "trans-unit", attrs)
            source = ET.SubElement(trans, q + "source")
            target = None
            if unit["target"] or unit["status"] != Status.MISSING:
                target = ET.SubElement(trans, q + "target", {"state": STATE_12[unit["status"]]})
            if unit["rich"]:
                fill_12(source, unit["source"], make)
                if target is not None:
                    fill_12(target, unit["target"], make, tokenize(unit["source"])[1])
            else:
                source.text = unit["source"]
                if target is not None:
                    target.text = unit["target"]
            ET.SubElement(trans, q + "note", {"from": "leporello"}).text = _context(
                key, label, unit
            )
    _indent(root)
    stream.write(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def write_xliff20(export, stream):
    lang = _one_language(export)
    q = f"{{{NS20}}}"
    ET.register_namespace("", NS20)
    ET.register_namespace("slr", NS_SLR)
    root = ET.Element(
        q + "xliff",
        {"version": "2.0", "srcLang": bcp47(ts.SOURCE_LANGUAGE), "trgLang": bcp47(lang)},
    )
    file_el = ET.SubElement(
        root, q + "file", {"id": "leporello", "original": "leporello", "canResegment": "yes"}
    )

    def make(parent, tag, attrs):
        return ET.SubElement(parent, q + tag, attrs)

    for number, (key, label, version, units) in enumerate(_units(export), start=1):
        group = ET.SubElement(file_el, q + "group", {"id": f"g{number}", "name": key})
        notes = ET.SubElement(group, q + "notes")
        ET.SubElement(notes, q + "note", {"category": "version"}).text = version
        ET.SubElement(notes, q + "note", {"category": "object"}).text = label
        for unit in units:
            attrs = {"id": f"g{number}-{unit['field']}", "name": unit["field"]}
            if unit["limit"]:
                attrs[f"{{{NS_SLR}}}sizeRestriction"] = str(unit["limit"])
            unit_el = ET.SubElement(group, q + "unit", attrs)
            unit_notes = ET.SubElement(unit_el, q + "notes")
            ET.SubElement(unit_notes, q + "note", {"category": "context"}).text = _context(
                key, label, unit
            )
            status = unit["status"]
            original = ET.SubElement(unit_el, q + "originalData") if unit["rich"] else None
            segment = ET.SubElement(
                unit_el,
                q + "segment",
                {"state": STATE_20[status], "subState": SUBSTATE_PREFIX + status},
            )
            source = ET.SubElement(segment, q + "source")
            target = ET.SubElement(segment, q + "target") if unit["target"] else None
            if unit["rich"]:
                data = fill_20(source, unit["source"], make)
                if target is not None:
                    data |= fill_20(target, unit["target"], make, tokenize(unit["source"])[1])
                for ident, markup in data.items():
                    ET.SubElement(original, q + "data", {"id": ident}).text = markup
                if not len(original):
                    unit_el.remove(original)
            else:
                source.text = unit["source"]
                if target is not None:
                    target.text = unit["target"]
    _indent(root)
    stream.write(ET.tostring(root, encoding="utf-8", xml_declaration=True))


# ---------------------------------------------------------------- reading


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
