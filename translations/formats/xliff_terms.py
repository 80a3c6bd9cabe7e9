"""What XLIFF 1.2 and 2.0 files say, for reading and writing them (`translations.formats.xliff`):
namespaces, states for our statuses and back, and the language tags tools write."""

from catalogue import translation_status as ts
from catalogue.languages import LANGUAGE_CODES

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
