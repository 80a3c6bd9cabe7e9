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


def _require(user, *perms):
    if user is None or not user.has_perms([f"exhibition.{p}" for p in perms]):
        raise PermissionDenied(_("You may not change transit legs and checklists."))


class MoveWork:
    """Take a work from its stop to the next: into a crate of the leg and onto the next checklist.

    The work must be on the checklist of the leg's origin. It is put into crate `crate_number` of
    the leg and onto the destination's checklist (status "planned", the label number given or the
    next free one), all or nothing.
    """

    def __init__(self, work, leg, crate_number, user, label_number=None):
        self.work, self.leg, self.crate_number = work, leg, str(crate_number)
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
