"""Marking the words a visitor searched for in a text they read, whatever way they typed them.

A query is folded (`catalogue.search_keys.fold`) before it is matched, so the words to mark in the
displayed text are found on its folded form and mapped back to the original characters: "Koeln"
marks "Köln", 長江 marks 长江, "changjiang" marks 长江 through its Pinyin. The result is HTML in
which every piece of the text is escaped and only our own `<mark>` tags are markup, so a title
such as `<script>` stays text.
"""

import re
import unicodedata
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from catalogue.search_keys import HAN_RUN, fold, syllables

# Rough shape of a run of Pinyin syllables (initial + final, repeated): a cheap test before
# asking pypinyin for a text's readings. It lets through some non-words; that costs only time.
_INITIAL = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = "(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)"
PINYIN_WORD = re.compile(f"(?:{_INITIAL}{_FINAL})+")


def could_be_pinyin(term):
    """True if the folded query term `term` (e.g. 'changjiang') is shaped like joined Pinyin."""
    return term.isascii() and term.isalpha() and PINYIN_WORD.fullmatch(term) is not None


def _folded_with_positions(text):
    """(folded text, for each folded character the index of the character of `text` it comes
    from). `text` is folded character by character, which for NFC text gives `fold(text)`."""
    parts, owners = [], []
    for index, char in enumerate(text):
        folded = fold(char)
        parts.append(folded)
        owners.extend([index] * len(folded))
    return "".join(parts), owners


def _marked(text, terms):
    """[bool] per character of `text`: is it part of a searched word?"""
    marked = [False] * len(text)
    if not terms:
        return marked
    folded, owners = _folded_with_positions(text)
    for term in terms:
        # A Latin word or number is matched where a word starts, as the index matches words.
        start = "" if HAN_RUN.fullmatch(term) else r"(?<![^\W_])"
        for match in re.finditer(start + re.escape(term), folded):
            for position in range(match.start(), match.end()):
                marked[owners[position]] = True
    pinyin = [t for t in terms if could_be_pinyin(t)]
    if pinyin:
        _mark_pinyin(text, pinyin, marked)
    return marked


def _pinyin_spans(text):
    """{joined toneless Pinyin: [(start, end)]} of every run of 1-8 Han characters in `text`."""
    spans = {}
    for run in HAN_RUN.finditer(text):
        sounds = [fold(s) for s in syllables(fold(run.group(0)))]
        for start in range(len(sounds)):
            joined = ""
            for end in range(start, min(start + 8, len(sounds))):
                joined += sounds[end]
                spans.setdefault(joined, []).append((run.start() + start, run.start() + end + 1))
    return spans


def _mark_pinyin(text, pinyin, marked):
    """Mark the characters whose Pinyin the query spelled. Neighbouring query words are tried
    joined first ("chang jiang" marks 长江), and a word that was found as part of such a longer
    match is not marked alone elsewhere (the 昌 of 宜昌 stays unmarked)."""
    spans = _pinyin_spans(text)
    used = set()
    for length in range(len(pinyin), 0, -1):
        for first in range(len(pinyin) - length + 1):
            group = pinyin[first : first + length]
            if length == 1 and group[0] in used:
                continue
            for start, end in spans.get("".join(group), []):
                marked[start:end] = [True] * (end - start)
                used.update(group)


def _render(text, marked):
    html, start = [], 0
    for index in range(1, len(text) + 1):
        if index == len(text) or marked[index] != marked[start]:
            piece = escape(text[start:index])
            html.append(f"<mark>{piece}</mark>" if marked[start] else piece)
            start = index
    return mark_safe("".join(html))  # noqa: S308  (every piece of the text is escaped above)


def highlight(text, terms):
    """`text` (plain text) as safe HTML with the words of `terms` (from `query_terms`) in
    `<mark>`; the text itself escaped. Returns a SafeString; '' for an empty text."""
    text = unicodedata.normalize("NFC", text or "")
    return _render(text, _marked(text, terms))


def excerpt(text, terms, before=30, after=90):
    """The part of `text` (plain or HTML) around the first searched word, highlighted, with '…'
    where it was cut: at most `before` characters before the word and `after` from it. Returns
    a SafeString, or '' when no word of `terms` occurs in it."""
    # Rich text keeps "&" as "&amp;": decoded here, as _render escapes every piece again.
    text = " ".join(unicodedata.normalize("NFC", unescape(strip_tags(text or ""))).split())
    marked = _marked(text, terms)
    if True not in marked:
        return ""
    first = marked.index(True)
    start, end = max(0, first - before), min(len(text), first + after)
    html = _render(text[start:end], marked[start:end])
    return mark_safe(("…" if start else "") + html + ("…" if end < len(text) else ""))  # noqa: S308
