"""Which characters the house fonts can print, read from the font files (fontTools).

The chain is the one printing/styles/house.css names: Noto Sans / Serif (fonts-noto-core),
Noto Sans / Serif CJK SC (fonts-noto-cjk), then HanaMin A and B (fonts-hanazono) for the rare
characters of Chinese place names (CJK Unified Ideographs Extensions A to F). A character
none of them has would print as an empty box, so the preflight refuses it.

No Django imports: fontconfig (`fc-match`) finds the files.
"""

import subprocess
from functools import cache

# The families of house.css, in the order Pango tries them.
CHAIN = (
    "Noto Sans",
    "Noto Serif",
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "HanaMinA",
    "HanaMinB",
)


def _font_file(family):
    """(path, collection index) of the file fontconfig gives for `family`, or None."""
    found = subprocess.run(  # noqa: S603
        ["fc-match", "--format=%{family}\t%{file}\t%{index}", f"{family}:style=Regular"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    names, _tab, rest = found.partition("\t")
    path, _tab, index = rest.partition("\t")
    if family.lower() not in names.lower() or not path:
        return None  # fontconfig substituted another family: this one is not installed
    return path, int(index or 0)


@cache
def _cmap(path, index):
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


@cache
def covered():
    """Every code point at least one font of the chain has a glyph for."""
    points = set()
    for family in CHAIN:
        found = _font_file(family)
        if found:
            points |= _cmap(*found)
    return frozenset(points)


def missing_characters(chars):
    """The characters of `chars` (an iterable of single characters) no house font has."""
    have = covered()
    return {char for char in chars if ord(char) not in have}
