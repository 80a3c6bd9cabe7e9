"""Paper sizes and the options staff choose for labels and catalogues, parsed with clear errors."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from catalogue.languages import LANGUAGE_CODES

from .texts import PrintError

# Width x height in millimetres. A6 and A5 wall labels are landscape.
LABEL_SIZES = {"a6": (148, 105), "a5": (210, 148), "100x150": (100, 150)}
SHEETS = {"a4": (210, 297), "a3": (297, 420)}
LAYOUTS = ("object", "extended")
PROFILES = {"screen": 150, "print": 300}  # dots per inch at printed size
LANGUAGE_SETS = (
    "de,zh-hans",
    "zh-hans,de",
    "en",
    "zh-hans,en",
    "en,zh-hans",
    "de,en",
    "en,de",
    "de",
    "zh-hans",
)
MIN_LABEL_MM, MAX_LABEL_MM = 50, 500
BLEED_MM = 3
_CUSTOM = re.compile(r"^\s*(\d{1,4}(?:\.\d+)?)\s*[x×]\s*(\d{1,4}(?:\.\d+)?)\s*(?:mm)?\s*$", re.I)


@dataclass(frozen=True)
class PaperSize:
    name: str
    width_mm: float
    height_mm: float

    def __str__(self):
        return f"{self.width_mm:g} × {self.height_mm:g} mm"


def parse_label_size(value):
    """'a6', 'a5', '100x150' or a custom 'WxH' in millimetres."""
    key = (value or "").strip().lower()
    if key in LABEL_SIZES:
        return PaperSize(key, *LABEL_SIZES[key])
    match = _CUSTOM.match(key)
    if not match:
        raise PrintError(
            _(
                "Unknown label size “%(value)s”. Use a6, a5, 100x150 or a custom width x height "
                "in millimetres such as 120x80."
            )
            % {"value": value}
        )
    width, height = float(match[1]), float(match[2])
    for side in (width, height):
        if not MIN_LABEL_MM <= side <= MAX_LABEL_MM:
            raise PrintError(
                _("Label size “%(value)s”: each side must be between %(min)s and %(max)s mm.")
                % {"value": value, "min": MIN_LABEL_MM, "max": MAX_LABEL_MM}
            )
    return PaperSize(f"{width:g}x{height:g}", width, height)


def parse_choice(value, choices, what):
    key = (value or "").strip().lower()
    if key not in choices:
        raise PrintError(
            _("Unknown %(what)s “%(value)s”. Choose one of: %(choices)s.")
            % {"what": what, "value": value, "choices": ", ".join(choices)}
        )
    return key


def parse_languages(value):
    """'zh-hans,de' -> ['zh-hans', 'de']: one or two distinct known languages."""
    codes = [c.strip().lower().replace("_", "-") for c in (value or "").split(",") if c.strip()]
    unknown = [c for c in codes if c not in LANGUAGE_CODES]
    if not codes or unknown or len(codes) > 2 or len(set(codes)) != len(codes):
        raise PrintError(
            _(
                "Unknown language choice “%(value)s”. Give one or two of %(codes)s separated "
                "by a comma, e.g. de,zh-hans."
            )
            % {"value": value, "codes": ", ".join(LANGUAGE_CODES)}
        )
    return codes


def output_profile(name):
    """The printing.profiles.OutputProfile `screen` or `print`, the latter with the print shop's
    CMYK profile (setting LEPORELLO_PRINT_OUTPUT_ICC); PrintError when that file is missing."""
    from .profiles import make_profile

    key = parse_choice(name, tuple(PROFILES), _("profile"))
    try:
        return make_profile(key, settings.LEPORELLO_PRINT_OUTPUT_ICC)
    except FileNotFoundError as error:
        raise PrintError(
            _(
                "The print profile's ICC file %(path)s is missing. Set LEPORELLO_PRINT_OUTPUT_ICC "
                "to the print shop's CMYK profile, or install libgs-common for the default."
            )
            % {"path": error.args[0]}
        ) from None
