"""The visitors' search: which works a query finds, in which order, and what each result shows.

Three steps, so that a page of results can be cut between the second and the third:
1. `find_work_ids(terms)`: the search backend (Wagtail's database backend on SQLite FTS5 or
   PostgreSQL) with the folded terms of `catalogue.search_keys.query_terms`, all required.
2. `rank(candidates(ids), query, terms)`: exact title matches first, then works whose title
   holds every term, then the rest (a match in caption, description, place or inventory
   number); catalogue order within each group. Titles in any of the three languages count.
3. `hit(work, terms)`: the title in the visitor's language with the searched words in `<mark>`,
   and, when the title does not show them, an excerpt of the text that does (place, caption,
   description; the visitor's language first, then the others, marked with their `lang`).

Steps 1 and 2 read every match, so they read only what they need (ids; titles, statuses of
titles and the catalogue order as plain rows, not pages): with 1,000 matches a page of results
costs about what it costs with 24 (issue 19). Step 3 reads and draws the page shown.
"""

import functools
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.safestring import SafeString
from modeltranslation.utils import build_localized_fieldname

from catalogue.languages import LANGUAGE_CODES, LocalizedText, current_language, is_blank
from catalogue.models import TranslationStatus, WorkPage
from catalogue.models.translation_state import is_publishable, localized
from catalogue.search_highlight import could_be_pinyin, excerpt, highlight
from catalogue.search_keys import (
    HAN_RUN,
    NOT_A_WORD,
    fold,
    index_terms,
    joined_pinyin,
    pinyin_terms,
    syllables,
)

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


def find_work_ids(terms):
    """The ids of published, public works matching every folded term, in page-tree order.

    Not in the backend's relevance order: Wagtail's SQLite backend scores each row with its own
    correlated full-text subquery, 6x slower with 1,000 results (docs/search.md, measured), and
    the two backends would order ties differently; `rank` orders them the same everywhere.
    Only ids: making 1,000 page objects cost ten times the search itself (and modeltranslation's
    rewriting of values, `rewrite(False)`, is not needed for ids)."""
    if not terms:
        return []
    works = public_works().rewrite(False).values_list("pk", flat=True)
    return list(works.search(" ".join(terms), operator="and", order_by_relevance=False))


class Candidate:
    """A found work as ranking reads it: `pk`, `path`, `catalogue_number`, `section_order`,
    its titles (`title_de`, …) and their translation statuses, which `localized` reads as it
    reads them on a page."""

    def __init__(self, pk, path, catalogue_number, section_order, titles):
        self.pk, self.path = pk, path
        self.catalogue_number, self.section_order = catalogue_number, section_order
        for name, value in titles.items():
            setattr(self, name, value)
        self._translation_statuses = {}


TITLE_FIELDS = [build_localized_fieldname("title", code) for code in LANGUAGE_CODES]


def candidates(ids):
    """The works `ids` as Candidates, with the statuses of their titles: two queries."""
    rows = (
        WorkPage.objects.rewrite(False)
        .filter(pk__in=ids)
        .values_list("pk", "path", "catalogue_number", "section__sort_order", *TITLE_FIELDS)
    )
    found = {
        pk: Candidate(pk, path, number, order, dict(zip(TITLE_FIELDS, titles, strict=True)))
        for pk, path, number, order, *titles in rows
    }
    statuses = TranslationStatus.objects.filter(
        content_type=ContentType.objects.get_for_model(WorkPage, for_concrete_model=False),
        object_id__in=list(found),
        field="title",
    )
    for row in statuses:
        found[row.object_id]._translation_statuses[(row.field, row.language)] = row
    return list(found.values())


def _titles(work):
    """The work's title in each language in which it may be shown (translation status allows):
    those `localized(work, "title", code)` gives without falling back."""
    titles = (getattr(work, name) for name in TITLE_FIELDS)
    return [
        title
        for code, title in zip(LANGUAGE_CODES, titles, strict=True)
        if not is_blank(title) and is_publishable(work, "title", code)
    ]


def _compact(folded):
    return NOT_A_WORD.sub("", folded)


def _holds_all(title, terms):
    """Is every term a word of `title` (or, for Pinyin-shaped terms, of its Pinyin)?"""
    words = _words(title)
    missing = [t for t in terms if t not in words]
    if missing and any(could_be_pinyin(t) for t in missing):
        words = _pinyin_words(title)
        missing = [t for t in missing if t not in words]
    return not missing


@functools.lru_cache(maxsize=20_000)
def _words(title):
    return frozenset(NOT_A_WORD.sub(" ", index_terms(title)).split())


@functools.lru_cache(maxsize=20_000)
def _pinyin_words(title):
    return frozenset(pinyin_terms(title))


def _may_hold_all(title, folded, terms):
    """A quick test before `_holds_all`: False when some term is a piece neither of the folded
    title (the words of `index_terms` are pieces of it) nor of the joined Pinyin of one of its
    Chinese runs (the words of `pinyin_terms` are). Titles with markup go to `_holds_all`, which
    strips it first."""
    if "<" in title:
        return True
    readings = None
    for term in terms:
        if term in folded:
            continue
        if not could_be_pinyin(term):
            return False
        if readings is None:
            readings = _readings(folded)
        if not any(term in reading for reading in readings):
            return False
    return True


def _readings(folded):
    """The joined Pinyin of each Chinese run of `folded`, spelled as `pinyin_terms` spells it
    (ü as ue, and as v)."""
    readings = []
    for run in HAN_RUN.findall(folded):
        joined = "".join(syllables(run))
        readings += [fold(joined), joined.replace("ü", "v")]
    return readings


def title_ranker(query, terms):
    """`title_rank(work)` for one query: EXACT_TITLE if the query is one of the work's titles
    (ignoring case, punctuation, spaces, umlaut spelling, traditional characters; or, typed as
    Pinyin, its Chinese title), TITLE if every term is a word of one title, else OTHER_FIELDS.
    The query is folded once, not once per work."""
    wanted = _compact(fold(query))
    pinyin_wanted = could_be_pinyin(wanted)

    def title_rank(work):
        best = OTHER_FIELDS
        for title in _titles(work):
            folded, compact = _title_keys(title)
            if wanted and compact == wanted:
                return EXACT_TITLE
            if pinyin_wanted and _could_read_as(folded, wanted) and joined_pinyin(folded) == wanted:
                return EXACT_TITLE
            if (
                best == OTHER_FIELDS
                and _may_hold_all(title, folded, terms)
                and _holds_all(title, terms)
            ):
                best = TITLE
        return best

    return title_rank


# Every search ranks every title it finds: the folding of a catalogue's titles and their words
# are kept per process (as their Pinyin is, catalogue.search_keys), not made for each search.
@functools.lru_cache(maxsize=20_000)
def _title_keys(title):
    """(the folded title, the same without spaces and punctuation)."""
    folded = fold(title)
    return folded, _compact(folded)


def _could_read_as(folded, pinyin):
    """Whether `pinyin` is short enough to be the reading of the Chinese characters of `folded`
    (a syllable has at most six letters): a quick test before asking pypinyin."""
    han = sum(len(run) for run in HAN_RUN.findall(folded))
    return han > 0 and len(pinyin) <= 6 * han


def rank(works, query, terms):
    """`works` sorted by `title_rank`, then in catalogue order as `WorkPageQuerySet.in_catalogue_order`
    (section, catalogue number, page tree; missing values last). `works` are Candidates."""

    def catalogue_order(work):
        section, number = work.section_order, work.catalogue_number
        return (section is None, section or 0, number is None, number or 0, work.path)

    ranked = title_ranker(query, terms)
    ranks = {work.pk: ranked(work) for work in works}
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
