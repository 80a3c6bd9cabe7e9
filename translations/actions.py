"""Changes to translations: one permission-checked, transactional, logged path for each.

The admin views, the commands and the dashboard call these classes and nothing else, so an import
from the admin, from `import_translations --user NAME` or an approval on the dashboard is judged
and recorded the same way (the shape of Wagtail's `wagtail/actions/` and `exhibition.actions`):
`check()` raises or collects what the user may not do, `execute()` writes in one transaction and
leaves an audit log entry naming the user.
"""

import functools

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.log_actions import log

from catalogue import translation_status as ts
from catalogue.languages import language_name
from catalogue.models import TranslationStatus

from .permissions import may_edit_object, use_translation_tools
from .roundtrip import IMPORT_ACTION, Problem, apply_plan, plan_import, read_file
from .scope import describe

APPROVE_ACTION = "leporello.translation_approve"
Status = ts.Status


@functools.cache
def _panel_permissions(model):
    """{field name: permission} for edit-form panels of `model` shown only with a permission."""
    found = {}
    get_handler = getattr(model, "get_edit_handler", None)
    if get_handler is None:
        return found

    def walk(panel):
        name = getattr(panel, "field_name", None)
        permission = getattr(panel, "permission", None)
        if name and permission:
            found[name] = permission
        for child in getattr(panel, "children", ()):
            walk(child)

    try:
        walk(get_handler())
    except Exception:  # a model without a usable edit handler has no field permissions
        return {}
    return found


def field_permission(model, field_name, language):
    """The permission the edit form asks for `field_name` in `language`, or None."""
    panels = _panel_permissions(model)
    return panels.get(build_localized_fieldname(field_name, language)) or panels.get(field_name)


def may_change_field(user, model, field_name, language):
    """The edit form's rule, for imports and approvals too: a field whose panel asks for a
    permission (dates, numbers, measurements) may be changed only by users who have it."""
    permission = field_permission(model, field_name, language)
    return not permission or user.has_perm(permission)


class ImportTranslations:
    """Import a translation file (XLSX, CSV, XLIFF 1.2/2.0, found from the content) as `user`.

    `check()` reads and checks the file and returns the `roundtrip.Plan`; problems (including a
    field or object the user may not edit) are in `plan.problems`, each naming where it is and
    what to do. Raises PermissionDenied when the user may not use the translation tools and
    `roundtrip.BadFile` when the file cannot be read at all. `execute()` applies a checked plan
    in one transaction (all or nothing) and logs each object changed with the user's name.
    """

    def __init__(self, data, name, user, skip_conflicts=False):
        self.data, self.name, self.user = data, name, user
        self.skip_conflicts = skip_conflicts
        self.plan = None

    def check(self):
        use_translation_tools.require(self.user)
        plan = plan_import(read_file(self.data, self.name), user=self.user)
        for row in plan.rows:
            for change in row.changes:
                if not may_change_field(self.user, type(row.obj), change.field, change.language):
                    plan.problems.append(
                        Problem(
                            change.where,
                            _(
                                "you may not change the field “%(field)s” of “%(object)s”; "
                                "leave it as exported or ask someone who may."
                            )
                            % {"field": change.field, "object": row.label},
                        )
                    )
        self.plan = plan
        return plan

    @property
    def ready(self):
        """Checked, no problems, and no conflicts unless they are skipped."""
        plan = self.plan
        return bool(plan and plan.ok and (self.skip_conflicts or not plan.conflicts))

    def execute(self):
        """Apply the checked file; returns `roundtrip.Result`. Raises ValueError when the file has
        problems and PermissionDenied when it has conflicts not skipped."""
        if self.plan is None:
            self.check()
        with transaction.atomic():
            return apply_plan(
                self.plan, user=self.user, skip_conflicts=self.skip_conflicts, source=self.name
            )


class ApproveTranslations:
    """Approve the draft and to-review texts of one object in one language (the dashboard)."""

    def __init__(self, obj, language, user):
        self.obj, self.language, self.user = obj, language, user

    def check(self):
        use_translation_tools.require(self.user)
        if self.language not in ts.TARGET_LANGUAGES:
            raise ValueError(_("Unknown language."))
        if not may_edit_object(self.user, self.obj):
            raise PermissionDenied(
                _("You may not edit “%(object)s”.") % {"object": describe(self.obj)}
            )
        self.rows = list(
            TranslationStatus.objects.for_object(self.obj).filter(
                language=self.language, status__in=[Status.DRAFT, Status.NEEDS_REVIEW]
            )
        )
        for row in self.rows:
            if not may_change_field(self.user, type(self.obj), row.field, self.language):
                raise PermissionDenied(
                    _("You may not change the field “%(field)s”.") % {"field": row.field}
                )

    @transaction.atomic
    def execute(self):
        """Approve and log; returns how many texts were approved (int)."""
        self.check()
        explicit = {(row.field, row.language): Status.APPROVED for row in self.rows}
        if explicit:
            ts.sync_status(self.obj, explicit=explicit, user=self.user)
            log(
                instance=ts.current_content(self.obj),
                action=APPROVE_ACTION,
                user=self.user,
                data={"language": self.language, "fields": sorted(f for f, _l in explicit)},
            )
        return len(explicit)

    @property
    def language_name(self):
        return language_name(self.language)


__all__ = ["APPROVE_ACTION", "IMPORT_ACTION", "ApproveTranslations", "ImportTranslations"]
