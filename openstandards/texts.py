"""Texts for exchange formats: one value per language as the site publishes it, and rich text or
hostile input turned into clean plain text.

Languages are named with BCP 47 tags (`de`, `zh-Hans`, `en`), as IIIF language maps and LIDO's
`xml:lang` want them.
"""

import html
import re

import nh3
from django.utils import translation

from catalogue.languages import LANGUAGE_CODES, bcp47, raw_value
from catalogue.translation_status import is_publishable

# C0 and C1 control characters other than tab and newline, and the characters XML 1.0 forbids
# (lone surrogates, U+FFFE/U+FFFF): stripped from every text an export writes.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)


def plain_text(value):
    """`value` (plain or rich text HTML, possibly hostile) as plain text: tags removed, entities
    decoded, control characters stripped, blocks separated by a blank line, spaces tidied.
    Returns '' for None."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text:
        text = BLOCK_END.sub("\n\n", text)
        text = html.unescape(nh3.clean(text, tags=set(), strip_comments=True))
    else:
        text = html.unescape(text) if "&" in text else text
    text = CONTROL.sub("", text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def published_texts(obj, field):
    """{BCP 47 tag: plain text} of `field` in every language the site shows it in (German always
    when present; a translation only when its status allows the web, catalogue.translation_status).
    Languages without a publishable text are left out, never filled with another language."""
    texts = {}
    for code in LANGUAGE_CODES:
        if is_publishable(obj, field, code):
            text = plain_text(raw_value(obj, field, code))
            if text:
                texts[bcp47(code)] = text
    return texts


def interface_texts(message):
    """{BCP 47 tag: text} of an interface string (a gettext_lazy message) in every language."""
    texts = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            texts[bcp47(code)] = str(message)
    return texts
