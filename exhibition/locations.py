"""Where each work is on a given day, derived from the checklists and the crates of the legs.

Nothing here is typed by a registrar: a work is at a venue between the stop's installation start
and de-installation end if it is on that stop's checklist, in transit between a leg's departure
and arrival if it is packed in one of the leg's crates, and otherwise where its last stop or leg
left it (before the tour: at its lender). Where the records contradict each other, the result
carries the contradiction instead of guessing, and `inconsistencies()` lists them all.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import WorkPage

from .models import ChecklistEntry, ConditionReport, Crate, TourStop, TransitLeg


@dataclass
class Whereabouts:
    """One work on one day."""

    work: WorkPage
    day: datetime.date
    kind: str  # "venue", "transit", "lender"
    detail: str
    stop: TourStop | None = None
    leg: TransitLeg | None = None
    crate: Crate | None = None
    check_out: ConditionReport | None = None
    check_in: ConditionReport | None = None
    conflicts: list = field(default_factory=list)

    @property
    def place(self):
        if self.kind == "transit":
            return _("in transit: %(leg)s") % {"leg": self.leg}
        if self.kind == "venue":
            return _("at %(venue)s (%(stop)s)") % {"venue": self.stop.venue, "stop": self.stop.slug}
        return _("at the lender")


@dataclass
class Inconsistency:
    kind: str
    message: str
    work: WorkPage | None = None
    stop: TourStop | None = None
    leg: TransitLeg | None = None

    @classmethod
    def of(cls, kind, values, **objects):
        """The contradiction `kind`, its message (MESSAGES) filled in with `values`."""
        return cls(kind, MESSAGES[kind] % values, **objects)


# What each kind of contradiction says, in the language of the request.
MESSAGES = {
    "two_stops": gettext_lazy("“%(work)s” is on two stops whose dates overlap: %(a)s and %(b)s."),
    "no_leg": gettext_lazy("“%(work)s” is at %(b)s, but no leg brings it there from %(a)s."),
    "two_legs": gettext_lazy("“%(work)s” is on two legs at once: %(a)s and %(b)s."),
    "not_on_checklist": gettext_lazy(
        "“%(work)s” travels on %(leg)s to %(stop)s but is not on its checklist."
    ),
    "late_arrival": gettext_lazy(
        "Leg %(leg)s arrives on %(arrival)s, after %(stop)s opens (%(opening)s)."
    ),
    "early_departure": gettext_lazy(
        "Leg %(leg)s departs on %(departure)s, before %(stop)s closes (%(closing)s)."
    ),
}


class Tour:
    """Everything needed to place the works of one exhibition, read once (a handful of queries)."""

    def __init__(self, exhibition):
        self.exhibition = exhibition
        self.works = list(
            WorkPage.objects.child_of(exhibition).order_by("inventory_number").specific()
        )
        work_ids = [w.pk for w in self.works]
        self.entries = defaultdict(list)  # work id -> [ChecklistEntry] of active stops, any show
        for entry in (
            ChecklistEntry.objects.filter(work_id__in=work_ids)
            .shown()
            .exclude(tour_stop__status=TourStop.Status.CANCELLED)
            .select_related("tour_stop__venue")
            .order_by("tour_stop__install_start")
        ):
            self.entries[entry.work_id].append(entry)
        self.stops = list(
            TourStop.objects.active().filter(exhibition=exhibition).select_related("venue")
        )
        self.legs = list(
            TransitLeg.objects.filter(exhibition=exhibition).select_related(
                "origin__venue", "destination__venue"
            )
        )
        legs_by_id = {leg.pk: leg for leg in self.legs}
        self.packed = defaultdict(list)  # work id -> [(leg, crate)] in departure order
        for crate in Crate.objects.filter(leg__in=self.legs).prefetch_related("works"):
            crate.leg = legs_by_id[crate.leg_id]
            for work in crate.works.all():
                self.packed[work.pk].append((crate.leg, crate))
        for trips in self.packed.values():
            trips.sort(key=lambda trip: trip[0].departure)
        self.reports = {}
        for report in ConditionReport.objects.filter(leg__in=self.legs):
            self.reports[(report.work_id, report.leg_id, report.kind)] = report

    def report(self, work, leg, kind):
        return self.reports.get((work.pk, leg.pk, kind)) if leg else None

    # -- one work on one day ---------------------------------------------------------------

    def where(self, work, day):
        entries = [
            e
            for e in self.entries[work.pk]
            if e.tour_stop.install_start <= day <= e.tour_stop.deinstall_end
        ]
        trips = [
            (leg, crate)
            for leg, crate in self.packed[work.pk]
            if leg.departure <= day < leg.arrival or leg.departure == leg.arrival == day
        ]
        conflicts = []
        if len(entries) > 1:
            conflicts.append(
                _("on the checklists of %(stops)s at once")
                % {"stops": ", ".join(e.tour_stop.slug for e in entries)}
            )
        if len(trips) > 1:
            conflicts.append(
                _("on legs %(legs)s at once")
                % {"legs": ", ".join(leg.reference for leg, _crate in trips)}
            )
        if trips and entries:
            conflicts.append(
                _("packed on leg %(leg)s while on the checklist of %(stop)s")
                % {"leg": trips[0][0].reference, "stop": entries[0].tour_stop.slug}
            )
        if trips:
            leg, crate = trips[0]
            return self._with_reports(
                Whereabouts(
                    work, day, "transit", _("in transit"), leg=leg, crate=crate, conflicts=conflicts
                )
            )
        if entries:
            entry = entries[0]
            incoming = self._trip_to(work, entry.tour_stop)
            return self._with_reports(
                Whereabouts(
                    work,
                    day,
                    "venue",
                    self._venue_detail(entry, day),
                    stop=entry.tour_stop,
                    leg=incoming[0] if incoming else None,
                    crate=incoming[1] if incoming else None,
                    conflicts=conflicts,
                )
            )
        return self._with_reports(self._between(work, day))

    def _with_reports(self, where):
        where.check_out = self.report(where.work, where.leg, ConditionReport.Kind.CHECK_OUT)
        where.check_in = self.report(where.work, where.leg, ConditionReport.Kind.CHECK_IN)
        return where

    def _trip_to(self, work, stop):
        for leg, crate in self.packed[work.pk]:
            if leg.destination_id == stop.pk:
                return leg, crate
        return None

    @staticmethod
    def _venue_detail(entry, day):
        stop = entry.tour_stop
        if entry.status == ChecklistEntry.Status.IN_STORAGE:
            return _("in storage at the venue")
        if day < stop.opening:
            return _("at the venue, being installed")
        if day > stop.closing:
            return _("at the venue, being de-installed")
        return _("on view")

    def _between(self, work, day):
        """Neither at a stop nor on the road: where the last stop or leg before `day` left it."""
        events = [
            (e.tour_stop.deinstall_end, "stop", e.tour_stop, None) for e in self.entries[work.pk]
        ]
        events += [(leg.arrival, "leg", leg, crate) for leg, crate in self.packed[work.pk]]
        past = sorted((e for e in events if e[0] < day), key=lambda e: (e[0], e[1] == "leg"))
        if not past:
            return Whereabouts(work, day, "lender", _("with the lender, before the tour"))
        _end, what, obj, crate = past[-1]
        if what == "leg":
            if obj.destination_id is None:
                return Whereabouts(
                    work, day, "lender", _("back with the lender"), leg=obj, crate=crate
                )
            return Whereabouts(
                work,
                day,
                "venue",
                _("arrived, waiting for installation"),
                stop=obj.destination,
                leg=obj,
                crate=crate,
            )
        onward = [(leg, c) for leg, c in self.packed[work.pk] if leg.origin_id == obj.pk]
        if onward:
            leg, crate = onward[0]
            return Whereabouts(
                work,
                day,
                "venue",
                _("de-installed and packed, waiting for departure on %(date)s")
                % {"date": date_format(leg.departure)},
                stop=obj,
                leg=leg,
                crate=crate,
            )
        return Whereabouts(
            work, day, "venue", _("de-installed, no onward leg recorded yet"), stop=obj
        )

    def where_all(self, day):
        return [self.where(work, day) for work in self.works]

    # -- contradictions in the records -----------------------------------------------------

    def inconsistencies(self):
        found = []
        for work in self.works:
            entries = self.entries[work.pk]
            for i, a in enumerate(entries):
                for b in entries[i + 1 :]:
                    sa, sb = a.tour_stop, b.tour_stop
                    if (
                        sa.install_start <= sb.deinstall_end
                        and sb.install_start <= sa.deinstall_end
                    ):
                        values = {"work": work, "a": sa.slug, "b": sb.slug}
                        found.append(Inconsistency.of("two_stops", values, work=work, stop=sb))
            mine = [e.tour_stop for e in entries if e.tour_stop.exhibition_id == self.exhibition.pk]
            for a, b in pairwise(mine):
                carried = any(
                    leg.origin_id == a.pk and leg.destination_id == b.pk
                    for leg, _crate in self.packed[work.pk]
                )
                if not carried:
                    values = {"work": work, "a": a.slug, "b": b.slug}
                    found.append(Inconsistency.of("no_leg", values, work=work, stop=b))
            trips = self.packed[work.pk]
            for i, (leg, _crate) in enumerate(trips):
                for other, _other_crate in trips[i + 1 :]:
                    if leg.departure <= other.arrival and other.departure <= leg.arrival:
                        values = {"work": work, "a": leg.reference, "b": other.reference}
                        found.append(Inconsistency.of("two_legs", values, work=work, leg=other))
                if leg.destination_id and not any(
                    e.tour_stop.pk == leg.destination_id for e in entries
                ):
                    values = {"work": work, "leg": leg.reference, "stop": leg.destination.slug}
                    found.append(Inconsistency.of("not_on_checklist", values, work=work, leg=leg))
        for leg in self.legs:
            if leg.destination_id and leg.arrival > leg.destination.opening:
                values = {
                    "leg": leg.reference,
                    "arrival": date_format(leg.arrival),
                    "stop": leg.destination.slug,
                    "opening": date_format(leg.destination.opening),
                }
                found.append(
                    Inconsistency.of("late_arrival", values, leg=leg, stop=leg.destination)
                )
            if leg.origin_id and leg.departure <= leg.origin.closing:
                values = {
                    "leg": leg.reference,
                    "departure": date_format(leg.departure),
                    "stop": leg.origin.slug,
                    "closing": date_format(leg.origin.closing),
                }
                found.append(Inconsistency.of("early_departure", values, leg=leg, stop=leg.origin))
        return found

    def missing_check_ins(self, day):
        """(work, leg, crate) for every work that arrived by `day` without a check-in report."""
        missing = []
        for leg in self.legs:
            if leg.arrival > day:
                continue
            for work in self.works:
                for trip_leg, crate in self.packed[work.pk]:
                    if trip_leg.pk == leg.pk and not self.report(
                        work, leg, ConditionReport.Kind.CHECK_IN
                    ):
                        missing.append((work, leg, crate))
        return missing

    def history(self, work):
        """The work's journey: stops and legs in date order, with its condition reports."""
        items = [
            (e.tour_stop.install_start, "stop", e.tour_stop, None) for e in self.entries[work.pk]
        ]
        items += [(leg.departure, "leg", leg, crate) for leg, crate in self.packed[work.pk]]
        return sorted(items, key=lambda item: item[0])
