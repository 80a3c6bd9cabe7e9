"""Chinese-capable full-text search: Han characters are indexed and queried as bigrams.

Both stock Wagtail backends (SQLite FTS5, PostgreSQL tsvector) split text on spaces and
punctuation, so a run of Han characters such as 河流风景 is one token and a search for 风景 finds
nothing. We write every Han run into the index as its single characters and overlapping bigrams
(河 流 风 景 河流 流风 风景) and turn a query's Han runs into bigrams (风景 -> 风景; 河流风景 -> 河流
流风 风景, all required). The same function runs at index and at query time, on both databases.
Why bigrams and not a dictionary segmenter: see docs/search.md.
"""

import re

from django.utils.html import strip_tags

from catalogue.languages import LANGUAGE_CODES, raw_value

# CJK Unified Ideographs, Extension A and Compatibility Ideographs.
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Anything that is not a letter or digit (in any script) separates words in a query.
NOT_A_WORD = re.compile(r"[\W_]+", re.UNICODE)
MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12


def _bigrams(run):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(text):
    """`text` with each Han run replaced by its characters and bigrams, for the index."""

    def expand(match):
        run = match.group(0)
        return " " + " ".join([*run, *_bigrams(run)]) + " "

    return HAN_RUN.sub(expand, strip_tags(text or ""))


def query_terms(query):
    """The words of a visitor's query: Han runs as bigrams, other words whole; at most 12."""
    query = NOT_A_WORD.sub(" ", (query or "")[:MAX_QUERY_LENGTH])
    terms = []
    for word in query.split():
        pieces = HAN_RUN.split(word)
        runs = HAN_RUN.findall(word)
        for i, piece in enumerate(pieces):
            if piece:
                terms.append(piece)
            if i < len(runs):
                run = runs[i]
                terms.extend(_bigrams(run) if len(run) > 1 else [run])
    return list(dict.fromkeys(terms))[:MAX_QUERY_TERMS]


def all_languages(obj, fields):
    """Every language's value of each translated field, joined for indexing."""
    values = []
    for field in fields:
        for code in LANGUAGE_CODES:
            value = raw_value(obj, field, code)
            if value:
                values.append(str(value))
    return "\n".join(values)
