"""Search keys: how indexed text and a visitor's query are folded so that they meet.

Visitors type the same word in several ways; each way must end up as the same key, and the index
and the query must be folded by the same function (docs/search.md):

- **Traditional and simplified Chinese are one.** Every character goes through OpenCC's `t2s`
  character table (the `opencc` package, the project's own conversion tables): 長江 → 长江.
  Conversion is character by character, not by phrase, so that the kiosk's JavaScript can repeat it
  exactly with a small table (`fold_map_for`).
- **German umlauts fold to their two-letter spelling:** ä → ae, ö → oe, ü → ue, ß → ss, so
  "Köln", "Koeln" and "KOELN" are one key (the spelling German keyboards without umlauts use, as in
  DIN 5007-2 name sorting). Other accents and Pinyin tone marks are dropped: "Cháng" → "chang".
- **NFKC and lower case:** full-width Ｋｏｅｌｎ is koeln, compatibility ideographs are the usual
  ones.
- **Chinese is split into characters and bigrams** (the stock backends would see a whole run of
  Han characters as one word): 河流风景 → 河 流 风 景 河流 流风 风景 in the index; a query's run
  becomes its bigrams, all required.
- **Hanyu Pinyin** (`pypinyin`, toneless) of titles and places is indexed as single syllables and
  as every run of 2 to 8 joined syllables, so "changjiang", "chang jiang" and "Cháng Jiāng" all
  find 长江 without splitting the query into syllables.

Everything here is pure text in, text out: no database, no Django models; the offline kiosk index
uses the same functions.
"""

import functools
import re
import unicodedata

import opencc
from django.utils.html import strip_tags

# CJK Unified Ideographs, Extension A, Compatibility Ideographs and Extensions B-F (rare place
# names).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{HAN}]+")
# Anything that is not a letter or digit (in any script) separates words in a query.
NOT_A_WORD = re.compile(r"[\W_]+", re.UNICODE)
MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12
# Longest run of joined Pinyin syllables indexed as one word ("chongqingchaotianmen" is 5).
MAX_PINYIN_SYLLABLES = 8
# German letters and their spelling without umlauts, applied after decomposition (NFD), so that
# "u" followed by a combining diaeresis (U+0308) and perhaps a tone mark (Pinyin lǜ) is caught too.
_UMLAUTS = re.compile("([aou])\u0308")
_PLANES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x31350))


@functools.cache
def _t2s_table():
    """{code point: simplified character} for every Han character OpenCC's t2s changes.

    Made once per process (about 0.1 s) by converting all Han code points one per line, so that no
    phrase rule applies: the result is a plain character table, the same for index, query and the
    kiosk's JavaScript.
    """
    chars = [chr(c) for start, end in _PLANES for c in range(start, end)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    return {ord(a): b for a, b in zip(chars, converted, strict=True) if a != b}


def to_simplified(text):
    """`text` with every traditional Han character replaced by its simplified form (OpenCC t2s,
    character by character); everything else unchanged, same length for BMP and Ext. B-F."""
    return (text or "").translate(_t2s_table())


def fold(text):
    """The search key of `text`: NFKC, simplified Chinese, lower case, German umlauts and ß spelled
    out (ä → ae, ß → ss), other accents and tone marks (every mark, category M) dropped, then NFC.

    >>> fold("Köln"), fold("KOELN"), fold("長江"), fold("Cháng Jiāng"), fold("Straße")
    ('koeln', 'koeln', '长江', 'chang jiang', 'strasse')
    """
    text = text or ""
    if text.isascii():
        return text.lower()  # the common case, and NFKC and the rest leave ASCII alone
    text = to_simplified(unicodedata.normalize("NFKC", text)).lower()
    text = _UMLAUTS.sub(r"\1e", unicodedata.normalize("NFD", text)).replace("ß", "ss")
    text = "".join(c for c in text if not unicodedata.category(c).startswith("M"))
    return unicodedata.normalize("NFC", text)


def bigrams(run):
    """Overlapping pairs of a Han run: 河流风景 → ['河流', '流风', '风景']; [] for one character."""
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(text):
    """`text` (plain or HTML) folded for the index, each Han run replaced by its characters and
    bigrams: "Rhein bei Köln, 長江" → "rhein bei koeln,  长 江 长江 ". Returns one string."""

    def expand(match):
        run = match.group(0)
        return " " + " ".join([*run, *bigrams(run)]) + " "

    return HAN_RUN.sub(expand, fold(strip_tags(text or "")))


def query_terms(query):
    """The words of a visitor's query, folded: Han runs as bigrams (one character stays as it is),
    other words whole; punctuation, quotes and operators dropped; at most 200 characters read and
    12 terms returned, first occurrence order, no repeats. All terms are meant to be required.

    >>> query_terms("Koeln 長江, BL-R-05")
    ['koeln', '长江', 'bl', 'r', '05']
    """
    query = NOT_A_WORD.sub(" ", fold((query or "")[:MAX_QUERY_LENGTH]))
    terms = []
    for word in query.split():
        pieces = HAN_RUN.split(word)
        runs = HAN_RUN.findall(word)
        for i, piece in enumerate(pieces):
            if piece:
                terms.append(piece)
            if i < len(runs):
                run = runs[i]
                terms.extend(bigrams(run) if len(run) > 1 else [run])
    return list(dict.fromkeys(terms))[:MAX_QUERY_TERMS]


@functools.cache
def _pinyin_function():
    # pypinyin loads its dictionary (about 0.5 s) when imported: only processes that index do it.
    from pypinyin import Style, lazy_pinyin

    def unknown(chars):
        return ["" for _char in chars]  # one (empty) syllable per character keeps positions

    return functools.partial(lazy_pinyin, style=Style.NORMAL, v_to_u=True, errors=unknown)


def syllables(run):
    """Toneless Pinyin of each character of a (simplified) Han run, one string per character, in
    the reading pypinyin's phrase dictionary gives in context, ü kept: 长江 → ['chang', 'jiang'],
    绿 → ['lü']; '' for a character pypinyin does not know. Same length as `run`."""
    return list(_syllables(run))


# Ranking a search reads the Pinyin of every title found (visitor/search.py): kept per run, so
# a catalogue's titles are read by pypinyin once per process, not once per search.
@functools.lru_cache(maxsize=20_000)
def _syllables(run):
    sounds = _pinyin_function()(run)
    return tuple(sounds if len(sounds) == len(run) else [*sounds, *[""] * len(run)][: len(run)])


def joined_pinyin(text):
    """All Han characters of `text` (after t2s) as one string of toneless syllables, ü as ue:
    "涪陵的長江，傍晚" → 'fulingdechangjiangbangwan'; '' when there are none."""
    han = "".join(HAN_RUN.findall(fold(text or "")))
    return fold("".join(syllables(han))) if han else ""


def pinyin_terms(text):
    """Pinyin words that find `text`'s Chinese: for each Han run (after t2s), every syllable and
    every run of 2-8 joined syllables, folded (ü → ue, with a 'v' spelling too: lü → lue, lv).

    >>> pinyin_terms("涪陵的長江")[:6]
    ['fu', 'fuling', 'fulingde', 'fulingdechang', 'fulingdechangjiang', 'ling']

    Returns a list without repeats; [] when `text` has no Han characters.
    """
    terms = []
    for run in HAN_RUN.findall(fold(strip_tags(text or ""))):
        sounds = syllables(run)
        for start in range(len(sounds)):
            for end in range(start + 1, min(start + MAX_PINYIN_SYLLABLES, len(sounds)) + 1):
                word = "".join(sounds[start:end])
                terms.append(fold(word))
                if "ü" in word:
                    terms.append(word.replace("ü", "v"))
    return list(dict.fromkeys(t for t in terms if t))


def fold_map_for(texts):
    """{traditional character: simplified character} for the simplified characters that occur in
    `texts` (an iterable of indexed strings), so a client can fold a query the way `fold` does
    without shipping OpenCC's whole table (about 4,600 entries).

    A JavaScript client folds a query with it as `fold` does: `s.normalize("NFKC")`, replace each
    character `c` by `map[c] ?? c`, `toLowerCase()`, `normalize("NFD")`, `([aou])\\u0308` → `$1e`,
    `ß` → `ss`, remove `\\p{M}`, `normalize("NFC")`; then split on non-letters and make Han bigrams
    as `query_terms` does. Characters outside the map cannot occur in the index, so a query
    containing them finds nothing either way.

    >>> fold_map_for(["长江"])
    {'長': '长'}
    """
    wanted = set()
    for text in texts:
        wanted.update(fold(text or ""))
    return {
        chr(code): simplified
        for code, simplified in sorted(_t2s_table().items())
        if simplified in wanted
    }
