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

The files are read in `xliff_read`, written in `xliff_write`; both use `xliff_terms`.
"""

from .xliff_read import parse, read_xliff, version_of
from .xliff_terms import NS12, NS20, NS_SLR, SUBSTATE_PREFIX, language_code
from .xliff_write import write_xliff12, write_xliff20

__all__ = [
    "NS12",
    "NS20",
    "NS_SLR",
    "SUBSTATE_PREFIX",
    "language_code",
    "parse",
    "read_xliff",
    "version_of",
    "write_xliff12",
    "write_xliff20",
]
