"""Spreadsheet cells that no spreadsheet program runs: the one rule for every export and import.

A cell whose text starts with a formula character is run as a formula by Excel, LibreOffice and
Numbers when the file is opened (OWASP "CSV injection"): `=`, `+`, `-`, `@`, a tab, a carriage
return or a line feed, and the full-width forms `＝＋－＠` that Chinese and Japanese input methods
type and some spreadsheet programs accept too. Such a text is written with a leading apostrophe,
which spreadsheets show as "text as typed" and the translation import removes again
(`unescape_cell`). Numbers (int, float, Decimal) stay numbers so that registrars can add them up.

Pure Python, no Django: every app may import it (gates/ sits below them all).
"""

import re
from decimal import Decimal

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# Texts a spreadsheet reads as a number, a date, a time or a fraction when it opens a CSV file:
# digits with separators (00042, 2/5, 1.50, 12:30, 3,5 %, 1e5). Whole numbers without a leading
# zero (1984) come back as typed and stay as they are.
LOOKS_NUMERIC = re.compile(r"[-+(]?[\d\s.,/:%'()-]*\d[\d\s.,/:%'()-]*|\d+([.,]\d+)?[eE][-+]?\d+")
PLAIN_WHOLE_NUMBER = re.compile(r"[1-9]\d{0,14}|0")


def is_formula(text):
    """Would a spreadsheet run `text` (a str) as a formula? (bool)"""
    return text.startswith(FORMULA_START)


def needs_apostrophe(text):
    """Would a spreadsheet run `text` as a formula or change it into a number or date? (bool)"""
    if is_formula(text):
        return True
    stripped = text.strip()
    return bool(LOOKS_NUMERIC.fullmatch(stripped)) and not PLAIN_WHOLE_NUMBER.fullmatch(stripped)


def safe_cell(value, protect_numbers=False):
    """The value to write into a cell: None becomes '', numbers stay numbers, any other value
    becomes text with a leading apostrophe where a spreadsheet would run it as a formula.

    `protect_numbers` (for CSV files, where every cell is text until a program guesses) also
    protects texts a spreadsheet would turn into a number or date, such as '00042' or '2/5'."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)):
        return value
    text = str(value)
    if is_formula(text) or (protect_numbers and needs_apostrophe(text)):
        return "'" + text
    return text


def unescape_cell(text):
    """A cell's text as typed: the apostrophe `safe_cell` added is removed, any other kept."""
    if text.startswith("'") and needs_apostrophe(text[1:]):
        return text[1:]
    return text
