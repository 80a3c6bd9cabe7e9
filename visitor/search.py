"""The visitors' search: which works a query finds, in which order, and what each result shows.

Three steps, so that a page of results can be cut between the second and the third:
1. `find_works(terms)`: the search backend (Wagtail's database backend on SQLite FTS5 or
   PostgreSQL) with the folded terms of `catalogue.search_keys.query_terms`, all required.
2. `rank(works, query, terms)`: exact title matches first, then works whose title holds every
   term, then the rest (a match in caption, description, place or inventory number); catalogue
   order within each group. Titles in any of the three languages count.
3. `hit(work, terms)`: the title in the visitor's language with the searched words in `<mark>`,
   and, when the title does not show them, an excerpt of the text that does (place, caption,
   description; the visitor's language first, then the others, marked with their `lang`).
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from catalogue.languages import LANGUAGE_CODES, LocalizedText, current_language
from catalogue.models.translation_state import localized
from catalogue.search_highlight import could_be_pinyin, excerpt, highlight
from catalogue.search_keys import NOT_A_WORD, fold, index_terms, joined_pinyin, pinyin_terms

from .queries import public_works

EXACT_TITLE, TITLE, OTHER_FIELDS = 0, 1, 2
SNIPPET_FIELDS = ("place_name", "caption", "description")


@dataclass
class SearchHit:
    """One result: the work, where it links to, its label number at a kiosk's stop (or None),
    the title as a LocalizedText and as highlighted HTML, and an excerpt where the words were
    found when the title does not show them (`snippet_html` '' and `snippet_lang` None then)."""

    work: object
    url: str
    label: int | None
    title: LocalizedText
    title_html: SafeString
    snippet_html: SafeString | str = ""
    snippet_lang: str | None = None


def find_works(terms):
    """Published, public works matching every folded term, in page-tree order.

    Not in the backend's relevance order: Wagtail's SQLite backend scores each row with its own
    correlated full-text subquery, 6x slower with 1,000 results (docs/search.md, measured), and
    the two backends would order ties differently; `rank` orders them the same everywhere."""
    if not terms:
        return []
    return list(public_works().search(" ".join(terms), operator="and", order_by_relevance=False))


def _titles(work):
    """The work's title in each language in which it may be shown (translation status allows)."""
    texts = (localized(work, "title", code) for code in LANGUAGE_CODES)
    return [t.value for t in texts if t and not t.is_fallback]


def _compact(folded):
    return NOT_A_WORD.sub("", folded)


def _holds_all(title, terms):
    """Is every term a word of `title` (or, for Pinyin-shaped terms, of its Pinyin)?"""
    words = set(NOT_A_WORD.sub(" ", index_terms(title)).split())
    missing = [t for t in terms if t not in words]
    if missing and any(could_be_pinyin(t) for t in missing):
        words.update(pinyin_terms(title))
        missing = [t for t in missing if t not in words]
    return not missing


def title_rank(work, query, terms):
    """EXACT_TITLE if the query is one of the work's titles (ignoring case, punctuation, spaces,
    umlaut spelling, traditional characters; or, typed as Pinyin, its Chinese title), TITLE if
    every term is a word of one title, else OTHER_FIELDS."""
    wanted = _compact(fold(query))
    pinyin_wanted = could_be_pinyin(wanted)
    best = OTHER_FIELDS
    for title in _titles(work):
        folded = fold(title)
        if wanted and _compact(folded) == wanted:
            return EXACT_TITLE
        if pinyin_wanted and joined_pinyin(folded) == wanted:
            return EXACT_TITLE
        if best == OTHER_FIELDS and _holds_all(title, terms):
            best = TITLE
    return best


def rank(works, query, terms):
    """`works` sorted by `title_rank`, then in catalogue order as `WorkPageQuerySet.in_catalogue_order`
    (section, catalogue number, page tree; missing values last). Reads `work.section`: select it."""

    def catalogue_order(work):
        section = work.section.sort_order if work.section_id else None
        number = work.catalogue_number
        return (section is None, section or 0, number is None, number or 0, work.path)

    ranks = {work.pk: title_rank(work, query, terms) for work in works}
    return sorted(works, key=lambda work: (ranks[work.pk], *catalogue_order(work)))


def hit(work, terms, url, label=None):
    """The SearchHit for one found work, texts in the active language (or their fallback)."""
    title = localized(work, "title")
    title_html = highlight(title.value, terms)
    result = SearchHit(work, url, label, title, title_html)
    if "<mark>" in title_html:
        return result
    here = current_language()
    candidates = [(here, field) for field in SNIPPET_FIELDS]
    for code in LANGUAGE_CODES:
        if code != here:
            candidates += [(code, field) for field in ("title", *SNIPPET_FIELDS)]
    for code, field in candidates:
        text = localized(work, field, code)
        if text and not text.is_fallback:
            html = excerpt(text.value, terms)
            if html:
                result.snippet_html, result.snippet_lang = html, code
                return result
    number = highlight(work.inventory_number or "", terms)
    if "<mark>" in number:
        result.snippet_html = number
    return result
