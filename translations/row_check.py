"""Checking one row of a returned translation file against the database, without writing.

`plan_row` (called by `translations.roundtrip.plan_import` for each row with a known key)
compares every cell with the text editors see, checks lengths, statuses, the version stamp,
permissions and locks, and returns a `RowPlan` of `Change`s (or None when the row changes
nothing); what is wrong goes into `problems`.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from catalogue import translation_status as ts
from catalogue.languages import is_blank, raw_value
from catalogue.rich_text import rich_text_fields
from gates.richtext import sanitise_rich_text

from . import stamps
from .permissions import may_edit_object, use_translation_tools
from .richtext import clean_imported_text
from .scope import describe
from .table import (
    KEY,
    KEY_ALIASES,
    OBJECT,
    STATUS_SUFFIX,
    VERSION,
    Problem,
    Row,
    limit_for,
    parse_column,
)

Status = ts.Status


@dataclass
class Change:
    field: str
    language: str
    old: str
    new: str
    old_status: str | None
    new_status: str | None
    where: str
    # Markup the sanitiser took out of a rich-text cell (gates.richtext), shown in the preview.
    removed: list = field(default_factory=list)

    @property
    def text_changed(self):
        return self.old != self.new

    @property
    def old_status_label(self):
        return Status(self.old_status).label if self.old_status else "—"

    @property
    def new_status_label(self):
        return Status(self.new_status).label if self.new_status else "—"


@dataclass
class RowPlan:
    key: str
    obj: object
    label: str
    where: str
    changes: list
    conflict: bool = False
    source_changes: list = field(default_factory=list)


def parse_status(text):
    text = text.strip().lower().replace(" ", "_")
    return text if text in Status.values else None


def check_lengths(row, model, problems):
    for name, cell in row.cells.items():
        if name in (KEY, OBJECT, VERSION) or name in KEY_ALIASES or name.endswith(STATUS_SUFFIX):
            continue
        field_name, code, _kind = parse_column(name)
        limit = limit_for(field_name, code, model)
        if limit is not None and len(cell.value) > limit:
            problems.append(
                Problem(
                    cell.where,
                    _(
                        "%(length)s characters, but this field holds at most %(limit)s; shorten the text."
                    )
                    % {"length": len(cell.value), "limit": limit},
                )
            )


def lock_message(obj, user):
    """Why `obj` may not be edited by `user` now (a Wagtail page lock, a workflow), or None.

    A command runs without a user: any lock stops it.
    """
    lock = obj.get_lock() if hasattr(obj, "get_lock") else None
    if lock is None:
        return None
    user = user if user is not None else AnonymousUser()
    if not lock.for_user(user):
        return None
    if getattr(obj, "locked", False) and obj.locked_by_id:
        return _("it is locked by %(user)s.") % {"user": obj.locked_by.get_username()}
    return strip_tags(str(lock.get_message(user) or _("it is locked against editing.")))


def plan_row(row, key, obj, user, problems):
    model = type(obj)
    content = ts.current_content(obj)
    fields = ts.translatable_fields(model)
    statuses = ts.statuses_for(obj)
    before = len(problems)
    check_lengths(
        Row(row.where, {n: c for n, c in row.cells.items() if field_of(n) in fields}),
        model,
        problems,
    )
    texts, wanted_status = {}, {}
    for name, cell in row.cells.items():
        if name in (KEY, OBJECT, VERSION) or name in KEY_ALIASES:
            continue
        field_name, code, kind = parse_column(name)
        if field_name not in fields:
            if cell.value.strip():
                problems.append(
                    Problem(
                        cell.where,
                        _("a %(model)s has no field “%(field)s”; leave this cell empty.")
                        % {"model": model._meta.verbose_name, "field": field_name},
                    )
                )
            continue
        if kind == "status":
            if cell.value.strip():
                status = parse_status(cell.value)
                if status is None:
                    problems.append(
                        Problem(
                            cell.where,
                            _("“%(value)s” is not a status (use %(choices)s).")
                            % {"value": cell.value, "choices": ", ".join(Status.values)},
                        )
                    )
                else:
                    wanted_status[(field_name, code)] = (status, cell.where)
        else:
            texts[(field_name, code)] = cell
    changes, source_changes = [], []
    rich = dict(rich_text_fields(model))
    for (field_name, code), cell in texts.items():
        old = raw_value(content, field_name, code) or ""
        # A cell a legacy encoding could not hold whole (GBK, Windows-1252) counts as unchanged.
        new = old if cell.same_as(old) else cell.value
        removed = []
        column = build_localized_fieldname(field_name, code)
        if column in rich and new and code != ts.SOURCE_LANGUAGE:
            # Rich text enters here as the editor would store it; what goes is shown.
            sanitised = sanitise_rich_text(new, rich[column])
            new, removed = sanitised.html, sanitised.removed
            if new == sanitise_rich_text(old, rich[column]).html:
                new = old
            if removed and is_blank(strip_tags(new)):
                problems.append(
                    Problem(
                        cell.where,
                        _(
                            "holds only markup this field does not allow (%(removed)s). Write "
                            "the text without it, or leave the cell empty."
                        )
                        % {"removed": ", ".join(removed)},
                    )
                )
                continue
            if removed and new == old:
                # Nothing new but the markup that was taken out: the translator still sees it.
                changes.append(Change(field_name, code, old, old, None, None, cell.where, removed))
                continue
        if code == ts.SOURCE_LANGUAGE:
            if new.strip() and new != old:
                source_changes.append(Change(field_name, code, old, new, None, None, cell.where))
            continue
        row_status = statuses.get((field_name, code))
        old_status = row_status.status if row_status else None
        asked = wanted_status.pop((field_name, code), (None, None))[0]
        if is_blank(new) or new == old:
            # An empty cell never blanks out a translation; an unchanged one may change status.
            if asked and old_status and asked != old_status:
                if asked == Status.MISSING and not is_blank(old):
                    problems.append(
                        Problem(cell.where, _("has text, so its status cannot be “missing”."))
                    )
                    continue
                changes.append(Change(field_name, code, old, old, old_status, asked, cell.where))
            continue
        # Imported text meets the field's allowed markup here, and only here.
        new = clean_imported_text(model, field_name, new)
        new_status = asked if asked and asked != old_status and asked != Status.MISSING else None
        changes.append(
            Change(
                field_name,
                code,
                old,
                new,
                old_status,
                new_status or Status.APPROVED,
                cell.where,
                removed,
            )
        )
    for (field_name, code), (asked, where) in wanted_status.items():
        row_status = statuses.get((field_name, code))
        if row_status and asked != row_status.status:
            old = raw_value(content, field_name, code) or ""
            if asked == Status.MISSING and not is_blank(old):
                problems.append(Problem(where, _("has text, so its status cannot be “missing”.")))
                continue
            changes.append(Change(field_name, code, old, old, row_status.status, asked, where))
    version_cell = row.cells.get(VERSION)
    conflict = bool(
        (changes or source_changes)
        and version_cell is not None
        and not stamps.matches(version_cell.value, content, statuses)
    )
    if source_changes and not conflict:
        for change in source_changes:
            problems.append(
                Problem(
                    change.where,
                    _(
                        "German is the source text and is changed in the CMS, not by an import "
                        "(the file has “%(new)s”)."
                    )
                    % {"new": change.new[:60]},
                )
            )
    if user is not None and (changes or source_changes) and not may_edit(user, obj):
        problems.append(
            Problem(row.where, _("you may not edit “%(object)s”.") % {"object": describe(obj)})
        )
    if changes and not conflict:
        locked = lock_message(obj, user)
        if locked:
            problems.append(
                Problem(
                    row.where,
                    _("“%(object)s” cannot be changed now: %(lock)s Unlock it in the admin first.")
                    % {"object": describe(obj), "lock": locked},
                )
            )
    if len(problems) > before and not conflict:
        return None
    return RowPlan(
        key=key,
        obj=obj,
        label=describe(content),
        where=row.where,
        changes=changes,
        conflict=conflict,
        source_changes=source_changes,
    )


def field_of(name):
    if name in (KEY, OBJECT, VERSION) or name in KEY_ALIASES:
        return None
    return parse_column(name)[0]


def may_edit(user, obj):
    return use_translation_tools(user) and may_edit_object(user, obj)


# ---------------------------------------------------------------- applying
