"""Multi-step changes to the tour: one transaction each, permission-checked, in the audit log.

The admin views and the management commands call these functions and nothing else, so a change
made from either is judged and recorded the same way (the shape of Wagtail's `wagtail/actions/`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from catalogue.signals import announce_public_change

from .models import ChecklistEntry, ConditionReport, TransitLeg
from .moving import MOVE_WORK, MOVE_WORKS, MoveWork, MoveWorks  # noqa: F401 (re-exported)
from .permissions import edit_checklist, registrar_chores

CLOSE_LEG = "leporello.close_leg"
CHECKLIST_STATUS = "leporello.checklist_status"
CHECKLIST_EDIT = "leporello.checklist_edit"


def _stop_entries(stop, entries):
    """The entries (objects or ids) as rows of `stop`'s checklist; refuses ids of other stops."""
    ids = {getattr(e, "pk", e) for e in entries}
    rows = list(ChecklistEntry.objects.filter(tour_stop=stop, pk__in=ids).select_related("work"))
    if len(rows) != len(ids):
        raise ValidationError(_("Some of the chosen entries are not on this checklist."))
    return rows


class SetChecklistStatus:
    """Set the status of several checklist entries of one stop ("withdraw" is status withdrawn).

    Registrar work: needs the checklist and transit leg change permissions. An entry put back
    from withdrawn must not clash with another checklist (`ChecklistEntry.clash_message`).
    """

    def __init__(self, stop, entries, status, user):
        self.stop, self.entries, self.status, self.user = stop, entries, status, user

    def check(self):
        registrar_chores.require(self.user)
        if self.status not in ChecklistEntry.Status.values:
            raise ValidationError(_("Choose a status."))
        self.rows = _stop_entries(self.stop, self.entries)
        if not self.rows:
            raise ValidationError(_("Choose at least one work."))
        problems = [
            message
            for row in self.rows
            if (message := ChecklistEntry.clash_message(row.work, self.status, self.stop))
        ]
        if problems:
            raise ValidationError(problems)

    def execute(self):
        self.check()
        with transaction.atomic():
            ids = [row.pk for row in self.rows]
            updated = ChecklistEntry.objects.filter(pk__in=ids).update(status=self.status)
            log(
                self.stop,
                CHECKLIST_STATUS,
                user=self.user,
                data={
                    "status": self.status,
                    "works": [row.work.inventory_number for row in self.rows],
                },
            )
        announce_public_change(sender=ChecklistEntry)
        return updated


class EditChecklist:
    """Label numbers, places (room, wall, position) and hanging order of one stop's entries.

    `changes` is {entry id: {"label_number": int, "room": str, "wall": str, "position": str}}
    (any subset of keys); `order` a list of all entry ids in the new hanging order, or None.
    Label numbers must stay unique on the stop; numbers may be swapped in one edit.
    """

    FIELDS = ("label_number", "room", "wall", "position")

    def __init__(self, stop, user, changes=None, order=None):
        self.stop, self.user, self.changes, self.order = stop, user, changes or {}, order

    def check(self):
        edit_checklist.require(self.user)
        self.rows = {row.pk: row for row in _stop_entries(self.stop, self.stop.checklist.all())}
        if set(self.changes) - set(self.rows):
            raise ValidationError(_("Some of the chosen entries are not on this checklist."))
        if self.order is not None and sorted(self.order) != sorted(self.rows):
            raise ValidationError(
                _("The checklist changed meanwhile; reload the page and try again.")
            )
        numbers = {}
        for pk, row in self.rows.items():
            number = self.changes.get(pk, {}).get("label_number", row.label_number)
            numbers.setdefault(number, []).append(row)
        problems = [
            _("Label number %(number)s is used twice: %(works)s.")
            % {"number": number, "works": ", ".join(r.work.inventory_number for r in rows)}
            for number, rows in sorted(numbers.items())
            if len(rows) > 1
        ]
        if problems:
            raise ValidationError(problems)

    def execute(self):
        self.check()
        changed = []
        with transaction.atomic():
            renumbered = [
                pk
                for pk, values in self.changes.items()
                if values.get("label_number", self.rows[pk].label_number)
                != self.rows[pk].label_number
            ]
            # Out of the way first, so that two entries can swap numbers (unique per stop).
            top = max(row.label_number for row in self.rows.values()) + 1
            for offset, pk in enumerate(renumbered):
                ChecklistEntry.objects.filter(pk=pk).update(label_number=top + offset)
            for pk, values in self.changes.items():
                row = self.rows[pk]
                fields = [f for f in self.FIELDS if f in values and values[f] != getattr(row, f)]
                if pk in renumbered and "label_number" not in fields:
                    fields.append("label_number")
                for field in fields:
                    setattr(row, field, values.get(field, getattr(row, field)))
                if fields:
                    row.save(update_fields=fields)
                    changed.append(row.work.inventory_number)
            if self.order is not None:
                for index, pk in enumerate(self.order):
                    if self.rows[pk].sort_order != index:
                        ChecklistEntry.objects.filter(pk=pk).update(sort_order=index)
                        changed.append(self.rows[pk].work.inventory_number)
            if changed:
                log(self.stop, CHECKLIST_EDIT, user=self.user, data={"works": sorted(set(changed))})
        if changed:
            announce_public_change(sender=ChecklistEntry)
        return len(set(changed))


class CloseLeg:
    """The leg has arrived and been unpacked: mark it closed and the works as at the destination.

    Refused while any work on board lacks its check-in report, unless `allow_missing_check_in`
    (the registrar then knowingly closes it; the missing works are named in the audit log).
    """

    def __init__(self, leg, user, allow_missing_check_in=False):
        self.leg, self.user, self.allow_missing = leg, user, allow_missing_check_in

    def missing_check_ins(self):
        done = set(
            ConditionReport.objects.filter(
                leg=self.leg, kind=ConditionReport.Kind.CHECK_IN
            ).values_list("work_id", flat=True)
        )
        return [w for w in self.leg.works() if w.pk not in done]

    def check(self):
        registrar_chores.require(self.user)
        if self.leg.status == TransitLeg.Status.CLOSED:
            raise ValidationError(
                _("The leg %(leg)s is already closed.") % {"leg": self.leg.reference}
            )
        self.missing = self.missing_check_ins()
        if self.missing and not self.allow_missing:
            raise ValidationError(
                _("No check-in report yet for: %(works)s.")
                % {"works": ", ".join(w.inventory_number for w in self.missing)}
            )

    def execute(self):
        self.check()
        with transaction.atomic():
            leg = TransitLeg.objects.select_for_update().get(pk=self.leg.pk)
            leg.status = TransitLeg.Status.CLOSED
            leg.save(update_fields=["status"])
            updated = 0
            if leg.destination_id:
                updated = ChecklistEntry.objects.filter(
                    tour_stop_id=leg.destination_id,
                    work__in=leg.works(),
                    status=ChecklistEntry.Status.PLANNED,
                ).update(status=ChecklistEntry.Status.IN_STORAGE)
                if updated:
                    announce_public_change(sender=ChecklistEntry)
            log(
                leg,
                CLOSE_LEG,
                user=self.user,
                data={
                    "arrival": date_format(leg.arrival, "Y-m-d"),
                    "checklist_entries_now_in_storage": updated,
                    "closed_without_check_in": [w.inventory_number for w in self.missing],
                },
            )
        self.leg.status = leg.status
        return updated
