"""The validators the open-standards tests use, offline: the IIIF Presentation Validator's JSON
Schema for version 3.0 (run with jsonschema's Draft 7 validator, as the validator does) and the
LIDO 1.1 XML Schema (lxml). Sources and licences: schemas/README.md."""

import functools
import json
from pathlib import Path

from jsonschema import Draft7Validator
from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"


@functools.cache
def _iiif_validator():
    schema = json.loads((SCHEMAS / "iiif_3_0.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def iiif_errors(document):
    """The validator's complaints about a Presentation 3 document (a dict): [] when valid."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in _iiif_validator().iter_errors(document)
    ]


@functools.cache
def _lido_schema():
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "lido" / "lido-v1.1.xsd"), parser))


def lido_errors(content):
    """The LIDO 1.1 XSD's complaints about an XML document (bytes): [] when valid."""
    schema = _lido_schema()
    document = etree.fromstring(content, etree.XMLParser(no_network=True, resolve_entities=False))
    if schema.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
