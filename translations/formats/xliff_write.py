"""Writing an export as XLIFF 1.2 or 2.0 (`translations.formats.xliff` describes the files)."""

import xml.etree.ElementTree as ET

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from catalogue import translation_status as ts
from catalogue.languages import bcp47

from ..richtext import is_rich_text
from ..table import column_name, limit_for
from ..table import parse_column as _parse_column
from .inline import fill_12, fill_20, tokenize
from .xliff_terms import (
    NOT_INDENTED,
    NS12,
    NS20,
    NS_SLR,
    STATE_12,
    STATE_20,
    SUBSTATE_PREFIX,
    XML_NS,
    Status,
)


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
