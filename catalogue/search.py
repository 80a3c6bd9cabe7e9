"""What the visitors' search indexes for a work: every language of its texts as search keys.

The folding itself (traditional → simplified Chinese, German umlauts, Pinyin, Han bigrams) is in
`catalogue/search_keys.py`; this module decides which texts of a page go through it. Both run at
index time (`WorkPage.visitor_search_text`, a Wagtail `SearchField`) and the same `query_terms`
at query time, on SQLite and PostgreSQL alike (docs/search.md).
"""

import functools

from wagtail.search.index import insert_or_update_object

from catalogue.languages import LANGUAGE_CODES, raw_value
from catalogue.search_keys import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_TERMS,
    fold,
    index_terms,
    pinyin_terms,
    query_terms,
)

__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_QUERY_TERMS",
    "all_languages",
    "fold",
    "index_terms",
    "pinyin_terms",
    "query_terms",
    "reindex",
    "search_text",
]


def all_languages(obj, fields):
    """Every language's value of each translated field, joined for indexing."""
    values = []
    for field in fields:
        for code in LANGUAGE_CODES:
            value = raw_value(obj, field, code)
            if value:
                values.append(str(value))
    return "\n".join(values)


def search_text(obj, fields, pinyin_fields=(), extra=""):
    """The text the index holds for `obj`: `index_terms` of every language of `fields` plus
    `extra` (e.g. an inventory number), then the Pinyin words (`pinyin_terms`) of
    `pinyin_fields` (short texts such as titles and places: each yields up to 8 words per
    syllable). Returns one string."""
    pinyin_text = all_languages(obj, pinyin_fields) if pinyin_fields else None
    return _search_text(f"{all_languages(obj, fields)}\n{extra or ''}", pinyin_text)


# Wagtail's database backends read each search field of a page once per index column they fill
# (title, body, autocomplete): three times per page indexed. The folding is made once.
@functools.lru_cache(maxsize=256)
def _search_text(text, pinyin_text):
    pinyin = pinyin_terms(pinyin_text) if pinyin_text is not None else []
    return f"{index_terms(text)}\n{' '.join(pinyin)}"


def reindex(pages):
    """Write the search index entries of `pages` (an iterable of indexed pages) anew, e.g. the
    demo's works after `catalogue/search_keys.py` changed. Returns how many were written.
    (`manage.py update_index` does the same for every indexed model.)"""
    count = 0
    for page in pages:
        insert_or_update_object(page)
        count += 1
    return count
