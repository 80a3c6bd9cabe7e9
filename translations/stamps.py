"""Version stamps in files: what a spreadsheet cannot turn into a number, and old stamps it did.

A stamp is `catalogue.translation_status.version_stamp` (12 hex digits) behind the letter `v`
(`v3fa1c09e2b7d`), so no spreadsheet reads it as a number or a date. Files exported before the
prefix carry the bare 12 hex digits; some are all digits (`390969669530`), and Excel writes those
back as `3.90970E+11` (`3,9097E+11` in a German locale) or drops leading zeros.

What is safe: a bare stamp still matches exactly. A stamp a spreadsheet turned into a number
matches only when the object's current stamp is itself all digits and agrees with that number to
every significant digit the file kept (at least 5). A changed object whose new stamp happens to be
all digits (about 0.4 % of stamps) and shares those leading digits (1 in 10^5 or fewer) would
slip through: about 1 in 25 million, against a false conflict on every row otherwise.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from catalogue import translation_status as ts

PREFIX = "v"
# 3.90970E+11, 3,9097E+11, 390969669530, 390969669530.0, 3.9097e11
NUMBER = re.compile(r"^(?P<mantissa>\d+(?:[.,]\d+)?)(?:[eE](?P<exponent>[+-]?\d+))?$")
MIN_DIGITS = 5


def file_stamp(content, statuses=None):
    """The stamp written into export files: 'v' + 12 hex digits (str)."""
    return PREFIX + ts.version_stamp(content, statuses)


def matches(value, content, statuses=None):
    """Does the stamp `value` from a file name the object's current state (str -> bool)?"""
    current = ts.version_stamp(content, statuses)
    value = str(value or "").strip()
    if value in (PREFIX + current, current):
        return True
    return current.isdigit() and _mangled_match(value, current)


def _mangled_match(value, current):
    found = NUMBER.match(value.replace(" ", ""))
    if not found:
        return False
    mantissa = found["mantissa"].replace(",", ".")
    try:
        number = Decimal(mantissa) * (Decimal(10) ** int(found["exponent"] or 0))
    except (InvalidOperation, ValueError, OverflowError):
        return False
    if found["exponent"] is None:
        # Written out in full (leading zeros dropped, perhaps '.0' added): every digit is there.
        return number == Decimal(current)
    digits = len(mantissa.replace(".", "").lstrip("0").rstrip("0")) or 1
    digits = max(digits, len(mantissa.split(".")[0]))
    if digits < MIN_DIGITS:
        return False
    rounded = (
        Decimal(current)
        .scaleb(-(len(current.lstrip("0")) - digits))
        .quantize(Decimal(1), rounding=ROUND_HALF_UP)
    )
    return number == rounded.scaleb(len(current.lstrip("0")) - digits)
