"""Translation status as data: which translated fields exist, and keeping their status in step.

The list of translatable fields comes from the modeltranslation registry, so a new registration in
any app's `translation.py` is covered without touching this module. German is the source: its
text is what the other languages are checked against.

Rules (applied by `sync_status` after every save of a registered model, and by
`manage.py sync_translation_status` for data written around the ORM):
- German empty: nothing to translate, no status.
- translation empty: missing.
- translation changed (or first seen): approved, checked against the current German text.
- German changed, translation not: needs review (still pointing at the German it was checked
  against).
An explicit status (from an import or the dashboard) overrides these, e.g. draft for a
machine translation.
"""

import functools
import hashlib
import json

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from catalogue.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, is_blank, raw_value
from catalogue.models import TranslationStatus
from catalogue.signals import announce_public_change

Status = TranslationStatus.Status
SOURCE_LANGUAGE = DEFAULT_LANGUAGE
TARGET_LANGUAGES = tuple(code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE)
# Registered but not text for translators.
NOT_TRANSLATABLE = {"slug", "url_path"}
# Shown on the public site; print wants approved texts only.
PUBLIC_STATUSES = {Status.APPROVED, Status.NEEDS_REVIEW}


@functools.cache
def tracked_models():
    """Concrete models with translated fields (Wagtail's base Page only through its subclasses)."""
    return tuple(
        model
        for model in translator.get_registered_models(abstract=False)
        if model is not Page and not model._meta.proxy and translatable_fields(model)
    )


@functools.cache
def translatable_fields(model):
    """The translated text fields of `model`, in the order its form shows them."""
    try:
        options = translator.get_options_for_model(model)
    except Exception:
        return ()
    registered = set(options.all_fields) - NOT_TRANSLATABLE
    ordered = [f.name for f in model._meta.get_fields() if f.name in registered]
    return tuple(ordered)


def is_tracked(obj):
    return type(obj) in _tracked_set()


_TRACKED = None


def _tracked_set():
    global _TRACKED
    if _TRACKED is None:
        _TRACKED = set(tracked_models())
    return _TRACKED


def text_hash(value):
    if is_blank(value):
        return ""
    return hashlib.sha256(str(value).encode()).hexdigest()[:16]


def max_length(model, field, language):
    return model._meta.get_field(build_localized_fieldname(field, language)).max_length


def current_content(obj):
    """What editors see: for a page with unpublished changes, its latest revision."""
    if isinstance(obj, Page) and obj.has_unpublished_changes and obj.latest_revision_id:
        return obj.latest_revision.as_object()
    return obj


def version_stamp(content, statuses=None):
    """A short fingerprint of every language of every translated field of an object and, given
    `statuses_for(obj)`, of their statuses (an approval since an export is a change too)."""
    values = {
        build_localized_fieldname(field, lang): raw_value(content, field, lang) or ""
        for field in translatable_fields(type(content))
        for lang in LANGUAGE_CODES
    }
    for (field, lang), row in (statuses or {}).items():
        values[f"{build_localized_fieldname(field, lang)}:status"] = row.status
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:12]


def content_type_for(obj_or_model):
    return ContentType.objects.get_for_model(obj_or_model, for_concrete_model=False)


def statuses_for(obj):
    """{(field, language): TranslationStatus} of one object, cached on it for templates."""
    cache = getattr(obj, "_translation_statuses", None)
    if cache is None:
        cache = {
            (row.field, row.language): row for row in TranslationStatus.objects.for_object(obj)
        }
        obj._translation_statuses = cache
    return cache


def prefetch_statuses(objects, *more):
    """Load the statuses of many objects in a single query (for listings).

    `objects` and each of `more` are lists of objects of one model each (works, their images,
    sections, …): one query for all of them, however many lists. Returns `objects`."""
    by_type = {}
    for group in (objects, *more):
        group = [o for o in group if o is not None]
        if group:
            by_pk = by_type.setdefault(content_type_for(group[0]).pk, {})
            for o in group:
                o._translation_statuses = {}
                by_pk.setdefault(o.pk, []).append(o)
    if not by_type:
        return [o for o in objects if o is not None]
    wanted = Q()
    for type_id, by_pk in by_type.items():
        wanted |= Q(content_type_id=type_id, object_id__in=list(by_pk))
    for row in TranslationStatus.objects.filter(wanted):
        for o in by_type[row.content_type_id][row.object_id]:
            o._translation_statuses[(row.field, row.language)] = row
    return [o for o in objects if o is not None]


@transaction.atomic
def sync_status(obj, content=None, explicit=None, user=None):
    """Bring the status rows of `obj` in line with its texts (see the module docstring).

    `content` is the object whose values count (a page's draft revision), `explicit` maps
    (field, language) to a status chosen by a person or an import.
    """
    content = content if content is not None else current_content(obj)
    explicit = explicit or {}
    model = type(obj)
    existing = {(row.field, row.language): row for row in TranslationStatus.objects.for_object(obj)}
    content_type = content_type_for(obj)
    to_create, to_update, to_delete = [], [], []
    for field in translatable_fields(model):
        source = raw_value(content, field, SOURCE_LANGUAGE)
        if is_blank(source):
            to_delete += [existing[k].pk for k in existing if k[0] == field]
            continue
        source_hash = text_hash(source)
        for lang in TARGET_LANGUAGES:
            value_hash = text_hash(raw_value(content, field, lang))
            row = existing.get((field, lang))
            if (field, lang) in explicit:
                new = (explicit[(field, lang)], source_hash, value_hash)
            elif not value_hash:
                new = (Status.MISSING, source_hash, "")
            elif row is None or row.value_hash != value_hash or row.status == Status.MISSING:
                new = (Status.APPROVED, source_hash, value_hash)
            elif row.source_hash != source_hash:
                new = (Status.NEEDS_REVIEW, row.source_hash, value_hash)
            else:
                continue
            if row is None:
                to_create.append(
                    TranslationStatus(
                        content_type=content_type,
                        object_id=obj.pk,
                        field=field,
                        language=lang,
                        status=new[0],
                        source_hash=new[1],
                        value_hash=new[2],
                        updated_by=user,
                    )
                )
            elif (row.status, row.source_hash, row.value_hash) != new:
                row.status, row.source_hash, row.value_hash = new
                row.updated_by = user
                to_update.append(row)
    if to_delete:
        TranslationStatus.objects.filter(pk__in=to_delete).delete()
    TranslationStatus.objects.bulk_create(to_create)
    if to_delete or to_create:
        # Bulk writes send no post_save: the language a visitor reads may have changed.
        announce_public_change(sender=TranslationStatus)
    for row in to_update:
        row.save(update_fields=["status", "source_hash", "value_hash", "updated_by", "updated_at"])
    if hasattr(obj, "_translation_statuses"):
        del obj._translation_statuses


def sync_all(stdout=None):
    """Status rows for every object of every tracked model (the backfill; safe to repeat)."""
    count = 0
    for model in tracked_models():
        for obj in model._default_manager.all().iterator(chunk_size=200):
            sync_status(obj)
            count += 1
    return count


def status_of(obj, field, language):
    """The status of one field in one language, or None where there is nothing to translate."""
    if language == SOURCE_LANGUAGE:
        return None
    row = statuses_for(obj).get((field, language))
    return row.status if row else None


def is_publishable(obj, field, language, for_print=False):
    """May the text of `field` in `language` be shown (or, `for_print`, printed)?

    The German source always may; a translation needs its status to allow it: approved for
    print, approved or needs review (an older translation checked by a person) on the web.
    Drafts (e.g. machine-made) and missing texts are replaced by the fallback language.
    """
    if is_blank(raw_value(obj, field, language)):
        return False
    if language == SOURCE_LANGUAGE or not is_tracked(obj):
        return True
    row = statuses_for(obj).get((field, language))
    if row is None:  # no German text: nothing to check the translation against
        return True
    if row.value_hash != text_hash(raw_value(obj, field, language)):
        # The status judges a newer draft; this (live) text was published before it. The web
        # keeps showing it, print waits for the draft to be approved and published.
        return not for_print
    status = row.status
    if for_print:
        return status == Status.APPROVED
    return status in PUBLIC_STATUSES
