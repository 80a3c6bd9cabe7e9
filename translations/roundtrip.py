"""The translation round trip: what an export holds, reading a returned file, checking it, applying it.

One code path for the admin and the commands (through `translations.actions`). A file becomes a
`Table` (`translations.table`; read and written by `translations.formats`); `plan_import` checks
every cell against the database without writing (one row at a time: `translations.row_check`);
`apply_plan` writes a checked plan in one transaction, or nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.log_actions import log
from wagtail.models import Page

from catalogue import translation_status as ts
from catalogue.languages import is_blank, language_name, raw_value

from . import stamps
from .formats import FORMATS, format_for, read_file, write_export
from .row_check import Change, RowPlan, check_lengths, may_edit, plan_row
from .scope import UnknownKey, describe, key_for, object_for_key, objects_in_scope
from .table import (
    KEY,
    KEY_ALIASES,
    OBJECT,
    VERSION,
    BadFile,
    Cell,
    Export,
    Problem,
    Row,
    Table,
    all_fields,
    column_name,
    target_languages,
)

__all__ = [
    "FORMATS",
    "BadFile",
    "Cell",
    "Change",
    "Problem",
    "Row",
    "RowPlan",
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
            check_lengths(row, None, problems)
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
            check_lengths(row, None, problems)
            continue
        seen[key] = row.where
        try:
            obj = object_for_key(key)
        except UnknownKey as error:
            problems.append(Problem(key_cell.where, str(error)))
            check_lengths(row, None, problems)
            continue
        plan = plan_row(row, key, obj, user, problems)
        if plan is not None:
            plans.append(plan)
    return Plan(problems=problems, rows=plans)


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
        if user is not None and not may_edit(user, obj):
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
