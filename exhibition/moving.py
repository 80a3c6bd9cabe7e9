"""Moving works from one tour stop to the next along a transit leg (one or many at a time).

Part of the tour actions (`exhibition/actions.py` re-exports it): checked first, written in one
transaction, in the audit log. The bulk version checks and writes every work with a fixed number
of queries (issue 17: 24 works took 5-8 s one by one).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from catalogue.signals import announce_public_change

from .forms import leg_clashes
from .models import ChecklistEntry, Crate, TourStop, TransitLeg
from .permissions import move_works

MOVE_WORK = "leporello.move_work"
MOVE_WORKS = "leporello.move_works"


class MoveWorks:
    """Take works from the leg's origin to its destination: into a crate of the leg and onto the
    destination's checklist, all or nothing (the checklist screen's bulk action).

    Each work must be on the origin's checklist (not withdrawn). It goes into crate
    `crate_number` of the leg (None or "": the crate of this leg it is already packed in) and
    onto the destination's checklist with status "planned"; new entries get label numbers from
    `label_number` on (None: the next free number) in the order the works are given (hanging
    order), after the destination's last entry. Every work is checked before anything is
    written; the problems of all works are raised together as one ValidationError. The checks
    and writes take a fixed number of queries, however many works move.
    """

    action = MOVE_WORKS

    def __init__(self, works, leg, user, crate_number=None, label_number=None):
        self.works, self.leg, self.user = list(works), leg, user
        self.crate_number = str(crate_number or "").strip()
        self.label_number = label_number

    def check(self):
        move_works.require(self.user)
        if not self.works:
            raise ValidationError(_("Choose at least one work."))
        leg = self.leg
        if leg.status == TransitLeg.Status.CLOSED:
            raise ValidationError(_("The leg %(leg)s is closed.") % {"leg": leg.reference})
        if leg.origin_id is None or leg.destination_id is None:
            raise ValidationError(_("Moving works needs a leg from one tour stop to another."))
        ids = [work.pk for work in self.works]
        destination = leg.destination
        on_origin = set(
            ChecklistEntry.objects.filter(tour_stop_id=leg.origin_id, work_id__in=ids)
            .shown()
            .values_list("work_id", flat=True)
        )
        crates = list(Crate.objects.filter(leg=leg))  # in crate order, as `.first()` takes them
        packed = {}  # work id: the crates of this leg it is in, in crate order
        rows = Crate.works.through.objects.filter(crate__leg=leg, workpage_id__in=ids)
        self.in_crates = in_crates = set(rows.values_list("crate_id", "workpage_id"))
        for crate in crates:
            for work_id in ids:
                if (crate.pk, work_id) in in_crates:
                    packed.setdefault(work_id, []).append(crate)
        by_number = {crate.number: crate for crate in crates}
        other_legs = leg_clashes(leg, self.works)
        self.entries = {e.work_id: e for e in destination.checklist.filter(work_id__in=ids)}
        new = [work for work in self.works if work.pk not in self.entries]
        clashes = ChecklistEntry.clash_messages(new, ChecklistEntry.Status.PLANNED, destination)
        self.moves, problems = [], []
        for work in self.works:
            crate, message = self._crate(work, packed.get(work.pk, []), by_number)
            message = (
                _("“%(work)s” is not on the checklist of %(stop)s, where the leg starts.")
                % {"work": work, "stop": leg.origin.slug}
                if work.pk not in on_origin
                else message
                or self._leg_problem(work, other_legs.get(work.pk))
                or clashes.get(work.pk)
            )
            if message:
                problems.append(message)
            else:
                self.moves.append((work, crate, self.entries.get(work.pk)))
        if problems:
            raise ValidationError(list(dict.fromkeys(problems)))  # a leg's problem once
        self._number_new_entries(destination)

    def _crate(self, work, packed, by_number):
        """(crate the work goes into, None) or (None, why it cannot)."""
        leg = self.leg
        if not self.crate_number and not packed:
            return None, _(
                "“%(work)s” is in no crate of the leg %(leg)s yet: give a crate number."
            ) % {"work": work, "leg": leg.reference}
        crate = by_number.get(self.crate_number) if self.crate_number else packed[0]
        if crate is None:
            return None, _("The leg %(leg)s has no crate %(number)s.") % {
                "leg": leg.reference,
                "number": self.crate_number,
            }
        elsewhere = [other for other in packed if other.pk != crate.pk]
        if elsewhere:
            return None, _("“%(work)s” is already in crate %(number)s of this leg.") % {
                "work": work,
                "number": elsewhere[0].number,
            }
        return crate, None

    def _leg_problem(self, work, other):
        return other and _(
            "“%(work)s” is already on the leg “%(leg)s” (%(dates)s) at the same time."
        ) % {
            "work": work,
            "leg": other,
            "dates": other.date_range,
        }

    def _number_new_entries(self, destination):
        count = sum(1 for _work, _crate, entry in self.moves if entry is None)
        if not count:
            return
        if self.label_number is None:
            top = destination.checklist.aggregate(top=Max("label_number"))["top"] or 0
            self.label_number = top + 1
            return
        numbers = range(self.label_number, self.label_number + count)
        used = destination.checklist.filter(label_number__in=numbers).order_by("label_number")
        taken = used.values_list("label_number", flat=True).first()
        if taken is not None:
            raise ValidationError(
                _("Label number %(number)s is already used at %(stop)s.")
                % {"number": taken, "stop": destination.slug}
            )

    def execute(self):
        """Check and write; returns the destination's entries of the works, in the given order."""
        with transaction.atomic():
            # Two moves to one stop at once would pick the same label numbers: one waits.
            TourStop.objects.select_for_update().filter(pk=self.leg.destination_id).exists()
            self.check()
            return self.apply()

    def apply(self):
        """The writes, after `check()`: crate contents and new entries in bulk, then the log."""
        leg, destination, through = self.leg, self.leg.destination, Crate.works.through
        with transaction.atomic():
            through.objects.bulk_create(
                through(crate_id=crate.pk, workpage_id=work.pk)
                for work, crate, _entry in self.moves
                if (crate.pk, work.pk) not in self.in_crates
            )
            top = destination.checklist.aggregate(top=Max("sort_order"))["top"] or 0
            created = [
                ChecklistEntry(
                    tour_stop=destination,
                    work=work,
                    label_number=self.label_number + index,
                    status=ChecklistEntry.Status.PLANNED,
                    sort_order=top + 1 + index,
                )
                for index, work in enumerate(w for w, _c, entry in self.moves if entry is None)
            ]
            # Blank overrides: no translation status to keep in step (post_save would find none).
            ChecklistEntry.objects.bulk_create(created)
            entries = {**self.entries, **{entry.work_id: entry for entry in created}}
            moved = [
                {
                    "work": work.inventory_number,
                    "crate": crate.number,
                    "label_number": entries[work.pk].label_number,
                    "checklist_entry_created": entry is None,
                }
                for work, crate, entry in self.moves
            ]
            # In the history of both: the leg (its crates changed) and the stop (its checklist).
            for data in self.log_data(moved):
                log(leg, self.action, user=self.user, data=data)
                log(destination, self.action, user=self.user, data=data)
            if created:
                announce_public_change(sender=ChecklistEntry)
        return [entries[work.pk] for work, _crate, _entry in self.moves]

    def log_data(self, moved):
        """One history entry (per object) for the whole move."""
        return [{"from": self.leg.origin.slug, "to": self.leg.destination.slug, "works": moved}]


class MoveWork(MoveWorks):
    """`MoveWorks` for one work (Tour → Move a work, `manage.py move_work`), logged per work;
    `label_number` (None: the next free one) is its number at the destination if it is new."""

    action = MOVE_WORK

    def __init__(self, work, leg, crate_number, user, label_number=None):
        super().__init__([work], leg, user, crate_number=crate_number, label_number=label_number)
        self.work = work

    def execute(self):
        return super().execute()[0]

    def log_data(self, moved):
        origin, destination = self.leg.origin.slug, self.leg.destination.slug
        return [{**move, "from": origin, "to": destination} for move in moved]
