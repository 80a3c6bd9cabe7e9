"""The translation round trip: what an export holds, reading a returned file, checking it, applying it.

One code path for the admin and the commands (through `translations.actions`). A file becomes a
`Table` (`translations.table`; read and written by `translations.formats`); `plan_import` checks every cell against the database without writing; `apply_plan`
writes a checked plan in one transaction, or nothing.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.log_actions import log
from wagtail.models import Page

from catalogue import translation_status as ts
from catalogue.languages import is_blank, language_name, raw_value
from catalogue.rich_text import rich_text_fields
from gates.richtext import sanitise_rich_text

from . import stamps
from .formats import FORMATS, format_for, read_file, write_export
from .permissions import may_edit_object, use_translation_tools
from .richtext import clean_imported_text
from .scope import UnknownKey, describe, key_for, object_for_key
from .table import (
    KEY,
    KEY_ALIASES,
    OBJECT,
    STATUS_SUFFIX,
    VERSION,
    BadFile,
    Cell,
    Export,
    Problem,
    Row,
    Table,
    all_fields,
    column_name,
    limit_for,
    parse_column,
    target_languages,
)

__all__ = [
    "FORMATS",
    "BadFile",
    "Cell",
    "Problem",
    "Row",
    "Table",
    "all_fields",
    "apply_plan",
    "build_export",
    "format_for",
    "plan_import",
    "read_file",
    "write_export",
]

Status = ts.Status
IMPORT_ACTION = "leporello.translation_import"


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


@dataclass
class Plan:
    problems: list
    rows: list

    @property
    def ok(self):
        return not self.problems

    @property
    def conflicts(self):
        return [r for r in self.rows if r.conflict]

    @property
    def applicable(self):
        return [r for r in self.rows if not r.conflict and r.changes]

    @property
    def change_count(self):
        return sum(len(r.changes) for r in self.applicable)


# ---------------------------------------------------------------- export


def build_export(languages=None, exhibition=None, tour_stop=None, only_open=False):
    """One row per object; a column per field and language, the status, a version stamp."""
    from .scope import objects_in_scope

    languages = target_languages(languages)
    selected = []
    for obj in objects_in_scope(exhibition=exhibition, tour_stop=tour_stop):
        content = ts.current_content(obj)
        statuses = ts.statuses_for(obj)
        fields = [
            f
            for f in ts.translatable_fields(type(obj))
            if not is_blank(raw_value(content, f, ts.SOURCE_LANGUAGE))
        ]
        if not fields:
            continue
        if only_open and not any(
            (row := statuses.get((f, lang))) is None or row.status != Status.APPROVED
            for f in fields
            for lang in languages
        ):
            continue
        selected.append((obj, content, fields, statuses))
    used = [f for f in all_fields() if any(f in fields for _o, _c, fields, _s in selected)]
    columns = [KEY, OBJECT, VERSION]
    for f in used:
        columns.append(column_name(f, ts.SOURCE_LANGUAGE))
        for lang in languages:
            columns += [column_name(f, lang), column_name(f, lang, "status")]
    rows, objects = [], []
    for obj, content, fields, statuses in selected:
        version = stamps.file_stamp(content, statuses)
        key, label = key_for(obj), describe(content)
        values = {KEY: key, OBJECT: label, VERSION: version}
        for f in fields:
            values[column_name(f, ts.SOURCE_LANGUAGE)] = raw_value(content, f, ts.SOURCE_LANGUAGE)
            for lang in languages:
                values[column_name(f, lang)] = raw_value(content, f, lang) or ""
                row = statuses.get((f, lang))
                values[column_name(f, lang, "status")] = row.status if row else Status.MISSING
        rows.append([values.get(c, "") for c in columns])
        objects.append((key, label, version, content, obj))
    return Export(columns=columns, rows=rows, languages=languages, objects=objects)


# ---------------------------------------------------------------- checking


def _parse_status(text):
    text = text.strip().lower().replace(" ", "_")
    return text if text in Status.values else None


def plan_import(table, user=None):
    """Check every row and cell; return what would change, the conflicts and every problem."""
    problems = list(table.problems)
    if not table.has_versions:
        problems.append(
            Problem(
                _("row 1"),
                _(
                    "There is no version column, so changes made in the CMS since the export "
                    "cannot be detected. Export a fresh file and fill that in."
                ),
            )
        )
    plans, seen = [], {}
    for row in table.rows:
        for cell in row.cells.values():
            if cell.formula:
                problems.append(
                    Problem(cell.where, _("a formula; enter the text itself, not a formula."))
                )
            elif cell.problem:
                problems.append(Problem(cell.where, cell.problem))
        key_cell = row.cells.get(KEY)
        if key_cell is None:
            for alias, prefix in KEY_ALIASES.items():
                if alias in row.cells:
                    alias_cell = row.cells[alias]
                    value = alias_cell.value.strip()
                    key_cell = Cell(prefix + value if value else "", alias_cell.where)
        if key_cell is None or not key_cell.value.strip():
            if key_cell is not None or any(a in table.columns for a in (KEY, *KEY_ALIASES)):
                where = key_cell.where if key_cell else row.where
                problems.append(
                    Problem(
                        where, _("the key is empty; copy it from the export (e.g. work:BL-R-01).")
                    )
                )
            _check_lengths(row, None, problems)
            continue
        key = key_cell.value.strip()
        if key in seen:
            problems.append(
                Problem(
                    key_cell.where,
                    _("the key “%(key)s” is also in %(other)s; keep one of the two rows.")
                    % {"key": key, "other": seen[key]},
                )
            )
            _check_lengths(row, None, problems)
            continue
        seen[key] = row.where
        try:
            obj = object_for_key(key)
        except UnknownKey as error:
            problems.append(Problem(key_cell.where, str(error)))
            _check_lengths(row, None, problems)
            continue
        plan = _plan_row(row, key, obj, user, problems)
        if plan is not None:
            plans.append(plan)
    return Plan(problems=problems, rows=plans)


def _check_lengths(row, model, problems):
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


def _lock_message(obj, user):
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


def _plan_row(row, key, obj, user, problems):
    model = type(obj)
    content = ts.current_content(obj)
    fields = ts.translatable_fields(model)
    statuses = ts.statuses_for(obj)
    before = len(problems)
    _check_lengths(
        Row(row.where, {n: c for n, c in row.cells.items() if _field_of(n) in fields}),
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
                status = _parse_status(cell.value)
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
    if user is not None and (changes or source_changes) and not _may_edit(user, obj):
        problems.append(
            Problem(row.where, _("you may not edit “%(object)s”.") % {"object": describe(obj)})
        )
    if changes and not conflict:
        locked = _lock_message(obj, user)
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


def _field_of(name):
    if name in (KEY, OBJECT, VERSION) or name in KEY_ALIASES:
        return None
    return parse_column(name)[0]


def _may_edit(user, obj):
    return use_translation_tools(user) and may_edit_object(user, obj)


# ---------------------------------------------------------------- applying


@dataclass
class Result:
    objects: int
    changes: int
    skipped_conflicts: int


@transaction.atomic
def apply_plan(plan, user=None, skip_conflicts=False, source=""):
    """Write a checked plan: all of it or, on any error, nothing.

    Pages get a new draft revision (a curator publishes it, as with edits in the CMS); snippets,
    images and checklist entries are saved directly. Every object changed is in the audit log.
    """
    if not plan.ok:
        raise ValueError("a plan with problems cannot be applied")
    if plan.conflicts and not skip_conflicts:
        raise PermissionDenied(_("The file has conflicts; nothing was changed."))
    changed = 0
    for row in plan.applicable:
        obj = row.obj
        if user is not None and not _may_edit(user, obj):
            raise PermissionDenied(describe(obj))
        text_changes = [c for c in row.changes if c.text_changed]
        # A changed text becomes approved by the save itself; only other statuses need saying.
        explicit = {
            (c.field, c.language): c.new_status
            for c in row.changes
            if c.new_status and not (c.text_changed and c.new_status == Status.APPROVED)
        }
        data = {
            "source": source,
            "fields": [build_localized_fieldname(c.field, c.language) for c in row.changes],
        }
        if isinstance(obj, Page):
            content = obj.get_latest_revision_as_object() if obj.latest_revision_id else obj
            for c in text_changes:
                setattr(content, build_localized_fieldname(c.field, c.language), c.new)
            if text_changes:
                content.full_clean()
                content.save_revision(user=user, log_action=True)
            log(instance=content, action=IMPORT_ACTION, user=user, data=data)
            if explicit or not text_changes:
                ts.sync_status(obj, content=content, explicit=explicit, user=user)
        else:
            for c in text_changes:
                setattr(obj, build_localized_fieldname(c.field, c.language), c.new)
            if text_changes:
                obj.full_clean()
                obj.save()
            log(instance=obj, action=IMPORT_ACTION, user=user, data=data)
            if explicit or not text_changes:
                ts.sync_status(obj, explicit=explicit, user=user)
        changed += len(row.changes)
    return Result(
        objects=len(plan.applicable),
        changes=changed,
        skipped_conflicts=len(plan.conflicts) if skip_conflicts else 0,
    )


def language_names(codes):
    return ", ".join(language_name(code) for code in codes)
