"""Multi-step changes to the tour: one transaction each, permission-checked, in the audit log.

The admin views and the management commands call these functions and nothing else, so a change
made from either is judged and recorded the same way (the shape of Wagtail's `wagtail/actions/`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from catalogue.signals import announce_public_change

from .models import ChecklistEntry, ConditionReport, Crate, TransitLeg

MOVE_WORK = "leporello.move_work"
CLOSE_LEG = "leporello.close_leg"
CHECKLIST_STATUS = "leporello.checklist_status"
CHECKLIST_EDIT = "leporello.checklist_edit"


def _require(user, *perms):
    if user is None or not user.has_perms([f"exhibition.{p}" for p in perms]):
        raise PermissionDenied(_("You may not change transit legs and checklists."))


class MoveWork:
    """Take a work from its stop to the next: into a crate of the leg and onto the next checklist.

    The work must be on the checklist of the leg's origin. It is put into crate `crate_number` of
    the leg (None or "": the crate of this leg it is already packed in) and onto the
    destination's checklist (status "planned", the label number given or the next free one), all
    or nothing.
    """

    def __init__(self, work, leg, crate_number, user, label_number=None):
        self.work, self.leg = work, leg
        self.crate_number = str(crate_number or "").strip()
        self.user, self.label_number = user, label_number

    def check(self):
        _require(self.user, "change_transitleg", "change_tourstop", "add_checklistentry")
        leg, work = self.leg, self.work
        if leg.status == TransitLeg.Status.CLOSED:
            raise ValidationError(_("The leg %(leg)s is closed.") % {"leg": leg.reference})
        if leg.origin_id is None or leg.destination_id is None:
            raise ValidationError(_("Moving works needs a leg from one tour stop to another."))
        if (
            not leg.origin.checklist.filter(work=work)
            .exclude(status=ChecklistEntry.Status.WITHDRAWN)
            .exists()
        ):
            raise ValidationError(
                _("“%(work)s” is not on the checklist of %(stop)s, where the leg starts.")
                % {"work": work, "stop": leg.origin.slug}
            )
        if not self.crate_number:
            self.crate = Crate.objects.filter(leg=leg, works=work).first()
            if self.crate is None:
                raise ValidationError(
                    _("“%(work)s” is in no crate of the leg %(leg)s yet: give a crate number.")
                    % {"work": work, "leg": leg.reference}
                )
            self.crate_number = self.crate.number
        self.crate = Crate.objects.filter(leg=leg, number=self.crate_number).first()
        if self.crate is None:
            raise ValidationError(
                _("The leg %(leg)s has no crate %(number)s.")
                % {"leg": leg.reference, "number": self.crate_number}
            )
        packed = Crate.objects.filter(leg=leg, works=work).exclude(pk=self.crate.pk).first()
        if packed:
            raise ValidationError(
                _("“%(work)s” is already in crate %(number)s of this leg.")
                % {"work": work, "number": packed.number}
            )
        from .forms import leg_clash

        other = leg_clash(leg, work)
        if other:
            raise ValidationError(
                _("“%(work)s” is already on the leg “%(leg)s” (%(dates)s) at the same time.")
                % {"work": work, "leg": other, "dates": other.date_range}
            )
        destination = leg.destination
        self.entry = destination.checklist.filter(work=work).first()
        if self.entry is None:
            message = ChecklistEntry.clash_message(work, ChecklistEntry.Status.PLANNED, destination)
            if message:
                raise ValidationError(message)
            if self.label_number is None:
                highest = destination.checklist.aggregate(top=Max("label_number"))["top"] or 0
                self.label_number = highest + 1
            elif destination.checklist.filter(label_number=self.label_number).exists():
                raise ValidationError(
                    _("Label number %(number)s is already used at %(stop)s.")
                    % {"number": self.label_number, "stop": destination.slug}
                )

    def execute(self):
        self.check()
        return self.apply()

    def apply(self):
        """The write itself, after `check()`; callers that check several moves first use it."""
        with transaction.atomic():
            self.crate.works.add(self.work)
            self.crate.save()
            created = self.entry is None
            if created:
                top = self.leg.destination.checklist.aggregate(top=Max("sort_order"))["top"]
                self.entry = ChecklistEntry.objects.create(
                    tour_stop=self.leg.destination,
                    work=self.work,
                    label_number=self.label_number,
                    status=ChecklistEntry.Status.PLANNED,
                    sort_order=(top or 0) + 1,
                )
            data = {
                "work": self.work.inventory_number,
                "crate": self.crate.number,
                "from": self.leg.origin.slug,
                "to": self.leg.destination.slug,
                "label_number": self.entry.label_number,
                "checklist_entry_created": created,
            }
            # In the history of both: the leg (its crate changed) and the stop (its checklist).
            log(self.leg, MOVE_WORK, user=self.user, data=data)
            log(self.leg.destination, MOVE_WORK, user=self.user, data=data)
        return self.entry


class MoveWorks:
    """`MoveWork` for several works at once (the checklist screen's bulk action), all or nothing.

    Every move is checked before any is made; the problems of all works are raised together as
    one ValidationError. New label numbers at the destination follow the next free number in the
    order the works are given (hanging order).
    """

    def __init__(self, works, leg, user, crate_number=None):
        self.works, self.leg, self.user, self.crate_number = list(works), leg, user, crate_number

    def check(self):
        _require(self.user, "change_transitleg", "change_tourstop", "add_checklistentry")
        if not self.works:
            raise ValidationError(_("Choose at least one work."))
        self.moves, problems = [], []
        next_label = None
        for work in self.works:
            move = MoveWork(work, self.leg, self.crate_number, self.user)
            try:
                move.check()
            except ValidationError as error:
                problems.extend(error.messages)
                continue
            if move.entry is None:
                next_label = move.label_number if next_label is None else next_label + 1
                move.label_number = next_label
            self.moves.append(move)
        if problems:
            raise ValidationError(problems)

    def execute(self):
        self.check()
        with transaction.atomic():
            return [move.apply() for move in self.moves]


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
        _require(self.user, "change_checklistentry", "change_transitleg")
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
        _require(self.user, "change_checklistentry")
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
        _require(self.user, "change_transitleg", "change_checklistentry")
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
