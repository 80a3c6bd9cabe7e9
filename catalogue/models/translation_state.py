"""The one translation state machine: what every screen, the public site and print ask.

A translated field of an object has, per target language, one status (`TranslationStatus`):

    missing → draft → needs review → approved

judged on the text editors see (a page's latest revision, `catalogue.translation_status`).
Pages add a second, separate fact: **published**, whether the live page carries the text that
was judged (a translator's saved draft is approved but not published until a curator publishes).
Snippets and images have no drafts: they are always published.

Who uses which question (and nothing else computes a status):
- admin listings (Works list column and filter, dashboards): `object_state` per language, via
  `WorkPageQuerySet.with_translation_statuses()` / `.with_translation_state()`;
- the translation dashboard: `field_states`;
- the public site: `localized(obj, field)`, which asks `is_publishable(obj, field, lang)`;
  print: `print_state` / `is_publishable(…, for_print=True)`.

German is the source: it has no rows. A model may name `REQUIRED_TEXT_FIELDS`; a blank German
one of those makes the object "missing" in German (read from the live object).

This module imports only the status model and `catalogue.languages`, so models and querysets can
use it without an import cycle.
"""

import hashlib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalogue.languages import (
    DEFAULT_LANGUAGE,
    LocalizedText,
    current_language,
    fallback_chain,
    is_blank,
    raw_value,
)

from .translation_status import TranslationStatus

Status = TranslationStatus.Status
SOURCE_LANGUAGE = DEFAULT_LANGUAGE
# Worst first: an object's state in a language is the worst state of its fields.
ORDER = (Status.MISSING, Status.DRAFT, Status.NEEDS_REVIEW, Status.APPROVED)
RANK = {status: rank for rank, status in enumerate(ORDER)}
# Shown on the public site; print wants approved texts only.
PUBLIC_STATUSES = {Status.APPROVED, Status.NEEDS_REVIEW}
# The filter value for "translated, waiting to be published" (pages only).
UNPUBLISHED = "unpublished"
STATE_CHOICES = [
    *Status.choices,
    (UNPUBLISHED, pgettext_lazy("translation state", "not published yet")),
]


def text_hash(value):
    """16 hex digits of SHA-256 of a text; '' for a blank one."""
    if is_blank(value):
        return ""
    return hashlib.sha256(str(value).encode()).hexdigest()[:16]


def _content_type(obj_or_model):
    return ContentType.objects.get_for_model(obj_or_model, for_concrete_model=False)


def statuses_for(obj):
    """{(field, language): TranslationStatus} of one object, cached on it for templates."""
    cache = getattr(obj, "_translation_statuses", None)
    if cache is None:
        rows = TranslationStatus.objects.filter(content_type=_content_type(obj), object_id=obj.pk)
        cache = {(row.field, row.language): row for row in rows}
        obj._translation_statuses = cache
    return cache


STATUS_COLUMNS = ("content_type_id", "object_id", "field", "language", "status", "value_hash")


def prefetch_statuses(objects, *more):
    """Load the statuses of many objects in a single query (for listings).

    `objects` and each of `more` are lists of objects (works, their images, sections, … of one
    or more models; None is skipped): one query for all of them, however many lists and models.
    Returns `objects` without the Nones."""
    by_type = {}
    for group in (objects, *more):
        for o in group:
            if o is None:
                continue
            o._translation_statuses = {}
            by_pk = by_type.setdefault(_content_type(type(o)).pk, {})
            by_pk.setdefault(o.pk, []).append(o)
    if by_type:
        wanted = Q()
        for type_id, by_pk in by_type.items():
            wanted |= Q(content_type_id=type_id, object_id__in=list(by_pk))
        # What pages read of a row (state, published or not): a listing loads hundreds.
        rows = TranslationStatus.objects.filter(wanted).only(*STATUS_COLUMNS)
        for row in rows:
            for o in by_type[row.content_type_id][row.object_id]:
                o._translation_statuses[(row.field, row.language)] = row
    return [o for o in objects if o is not None]


def prefetch_statuses_along(objects, *paths, more=()):
    """`prefetch_statuses` of `objects` (a list), of what they reach along `paths` (such as
    'work__image', see `related_objects`) and of the lists in `more`: one query. For lists a
    queryset cannot give (a page of a list sliced in Python); querysets say
    `.with_translation_statuses(*paths)`. Returns `objects` without the Nones."""
    return prefetch_statuses(objects, *(related_objects(objects, p) for p in paths), *more)


def related_objects(objects, path):
    """The objects reached from each of `objects` along `path` ('work__image'), Nones left out.
    Follows attributes, so the path should be select_related to cost no query per object."""
    for name in path.split("__"):
        objects = [getattr(o, name, None) for o in objects]
        objects = [o for o in objects if o is not None]
    return objects


class TranslationStatusesMixin:
    """For a model's QuerySet: `.with_translation_statuses("image", "section")` loads, when the
    queryset is evaluated, the translation statuses of its rows and of the related objects on
    those paths, all in one query (`prefetch_statuses`), so a loop that asks
    `object_state`/`is_publishable` of each row costs no query per row."""

    _status_paths = None  # None: no statuses wanted; a tuple: the rows and these relations

    def _clone(self):
        clone = super()._clone()
        clone._status_paths = self._status_paths
        return clone

    def _fetch_all(self):
        fetching = self._result_cache is None
        super()._fetch_all()
        if fetching and self._status_paths is not None:
            rows = [o for o in self._result_cache if isinstance(o, self.model)]
            prefetch_statuses_along(rows, *self._status_paths)

    def with_translation_statuses(self, *related):
        """This queryset, loading the statuses of its rows and of `related` (paths such as
        'work__image') with them; calls add up."""
        clone = self._chain()
        clone._status_paths = (*(self._status_paths or ()), *related)
        return clone


@dataclass(frozen=True)
class TranslationState:
    """Where one field (or a whole object) stands in one language.

    `status`: a `TranslationStatus.Status` value, or None when there is nothing to translate
    (no German text). `published`: the live object carries the judged text (always True for
    objects without drafts; meaningless for missing texts).
    """

    status: str | None
    published: bool = True

    @property
    def waiting_to_be_published(self):
        return self.status not in (None, Status.MISSING) and not self.published

    def matches(self, wanted):
        """Does this state answer the filter value `wanted` (a status or UNPUBLISHED)?"""
        if wanted == UNPUBLISHED:
            return self.waiting_to_be_published
        return self.status == wanted

    @property
    def label(self):
        if self.status is None:
            return ""
        label = Status(self.status).label
        if self.waiting_to_be_published:
            return _("%(state)s, not published yet") % {"state": label}
        return label


def _is_published(obj, field, language, row):
    return row.value_hash == text_hash(raw_value(obj, field, language))


def field_state(obj, field, language):
    """The state of `field` of `obj` (a live object) in `language`."""
    if language == SOURCE_LANGUAGE:
        if is_blank(raw_value(obj, field, language)):
            required = field in getattr(type(obj), "REQUIRED_TEXT_FIELDS", ())
            return TranslationState(Status.MISSING if required else None)
        return TranslationState(Status.APPROVED)
    row = statuses_for(obj).get((field, language))
    if row is None:
        return TranslationState(None)
    return TranslationState(row.status, _is_published(obj, field, language, row))


def object_state(obj, language):
    """The worst field state of `obj` in `language`; published only if every field is."""
    if language == SOURCE_LANGUAGE:
        fields = getattr(type(obj), "REQUIRED_TEXT_FIELDS", ())
        states = [field_state(obj, f, language) for f in fields]
    else:
        states = [
            TranslationState(row.status, _is_published(obj, f, lang, row))
            for (f, lang), row in statuses_for(obj).items()
            if lang == language
        ]
    states = [s for s in states if s.status is not None]
    if not states:
        return TranslationState(None)
    worst = min(states, key=lambda s: RANK[s.status])
    published = all(s.published for s in states if s.status != Status.MISSING)
    return TranslationState(worst.status, published)


def field_states(obj, languages):
    """[(field, language, TranslationState)] of every status row of `obj` in `languages`."""
    return [
        (f, lang, TranslationState(row.status, _is_published(obj, f, lang, row)))
        for (f, lang), row in sorted(statuses_for(obj).items())
        if lang in languages
    ]


def is_publishable(obj, field, language, for_print=False):
    """May the live text of `field` in `language` be shown (or, `for_print`, printed)?

    The German source always may. A translation on the web: approved or needs review (an older
    translation checked by a person); a live text older than the judged draft stays on the web
    until the draft is published. Print: approved and published. Drafts (e.g. machine-made) and
    missing texts are replaced by the fallback language (web) or refused (print).
    """
    if is_blank(raw_value(obj, field, language)):
        return False
    if language == SOURCE_LANGUAGE:
        return True
    row = statuses_for(obj).get((field, language))
    if row is None:  # no German text (or no translated fields): nothing to check against
        return True
    state = TranslationState(row.status, _is_published(obj, field, language, row))
    if for_print:
        return state.status == Status.APPROVED and state.published
    return state.status in PUBLIC_STATUSES or not state.published


def print_state(obj, field, language):
    """Why a text cannot be printed: None (it can), "missing", "unapproved" or "unpublished"."""
    if is_blank(raw_value(obj, field, language)):
        row = statuses_for(obj).get((field, language))
        if row is not None and row.status != Status.MISSING:
            return "unpublished"  # a translation exists in a draft, the live page lacks it
        return "missing"
    if is_publishable(obj, field, language, for_print=True):
        return None
    state = field_state(obj, field, language)
    if state.status == Status.APPROVED and not state.published:
        return "unpublished"
    return "unapproved"


def localized(obj, field, code=None, for_print=False):
    """Read `field` of `obj` in `code` (default: the active language), falling back as configured.

    A translation counts only when its status allows it (`translation_status.is_publishable`):
    a machine draft is skipped on the web, and print wants approved texts.
    """
    code = code or current_language()
    for lang in fallback_chain(code):
        value = raw_value(obj, field, lang)
        if not is_blank(value) and is_publishable(obj, field, lang, for_print=for_print):
            return LocalizedText(value=value, language=lang, requested=code)
    return LocalizedText(value="", language=code, requested=code)
