"""What visitors may see: published, public works on the checklists of active tour stops."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from catalogue.models import WorkPage
from catalogue.models.images import renditions_prefetch
from exhibition.models import ChecklistEntry, ExhibitionPage, TourStop


def public_works():
    return WorkPage.objects.live().public()


def public_stops(exhibitions=None):
    """Public stops (`TourStop.objects.public`), of the public `exhibitions` when given."""
    stops = TourStop.objects.public(exhibitions)
    return stops.select_related("venue", "exhibition").order_by("opening")


def public_scope():
    """(public works, public exhibitions) from one read of the view restrictions: Wagtail's
    `.public()` reads every restriction each time it is called, and a work page asked three."""
    private = WorkPage.objects.private_q()
    return WorkPage.objects.live().exclude(private), ExhibitionPage.objects.live().exclude(private)


def with_renditions(queryset, kind, prefix=""):
    """`queryset` with the pre-generated renditions of `kind` prefetched
    (`catalogue.models.images.renditions_prefetch`)."""
    return queryset.prefetch_related(renditions_prefetch(kind, prefix))


def stop_entries(stop, thumbnails=True, works=None):
    """The stop's checklist in hanging order, public works only (`works`, default
    `public_works()`), withdrawn works left out."""
    entries = ChecklistEntry.objects.public_at(stop, works=works)
    return with_renditions(entries, "thumb", prefix="work__") if thumbnails else entries


def today_at(venue):
    return timezone.now().astimezone(venue.zoneinfo).date()


def current_or_next(stops):
    """The first stop that has not closed (in its venue's time zone), else the last one."""
    stops = list(stops)
    for stop in stops:
        if stop.closing >= today_at(stop.venue):
            return stop
    return stops[-1] if stops else None


def stop_status(stop):
    """'current', 'next' or 'past', seen from the venue's own calendar."""
    today = today_at(stop.venue)
    if stop.closing < today:
        return "past"
    return "current" if stop.opening <= today else "next"


def default_stop_for(work, exhibitions=None):
    """The stop a plain work page browses in: where the work is shown now or next, else last.
    Its venue is loaded with it, not its exhibition (the work page does not show it)."""
    stops = public_stops(exhibitions).select_related(None).select_related("venue")
    return current_or_next(
        stops.filter(checklist__in=ChecklistEntry.objects.filter(work=work).shown())
    )


@dataclass
class Visit:
    """A work seen at one tour stop: its label number and its neighbours on the wall.

    `previous` and `next` are checklist entries with their label number only (enough for their
    addresses)."""

    stop: TourStop
    entry: ChecklistEntry
    previous: ChecklistEntry | None
    next: ChecklistEntry | None
    position: int
    total: int
    kiosk: bool = False
    entries: object = None  # the stop's public checklist, as read (a queryset), for url_of_work

    def url_of_work(self, work):
        """The work's address inside this stop, or '' when it does not hang here (one query of
        its label number)."""
        entries = self.entries if self.entries is not None else stop_entries(self.stop, False)
        label = entries.filter(work_id=work.pk).values_list("label_number", flat=True).first()
        if label is None:
            return ""
        return self.url_for(ChecklistEntry(tour_stop=self.stop, label_number=label))

    def url_for(self, entry):
        return entry_url(entry, self.kiosk)

    @property
    def previous_url(self):
        return self.url_for(self.previous) if self.previous else ""

    @property
    def next_url(self):
        return self.url_for(self.next) if self.next else ""

    @property
    def catalogue_url(self):
        return stop_url(self.stop, self.kiosk)


def stop_url(stop, kiosk=False):
    name = "visitor:kiosk_catalogue" if kiosk else "visitor:venue_catalogue"
    return reverse(name, kwargs={"stop": stop.slug})


def entry_url(entry, kiosk=False):
    return label_url(entry.tour_stop, entry.label_number, kiosk)


def label_url(stop, label, kiosk=False):
    """The address of the work with wall label `label` at `stop` (kiosk or phone)."""
    name = "visitor:kiosk_work" if kiosk else "visitor:venue_work"
    return reverse(name, kwargs={"stop": stop.slug, "label": label})


def visit_for(stop, work=None, kiosk=False, label=None, works=None):
    """The Visit of `work` (or of the work labelled `label`) at `stop`, or None when it is not
    publicly on the stop's checklist.

    One query, whatever the size of the checklist: the work's own entry (its own columns only),
    with its position, the number of entries and the label numbers of its neighbours in hanging
    order (sort order, then label number) as subqueries. `works`: the public works, when the
    caller read the view restrictions already (`public_scope`)."""
    entries = ChecklistEntry.objects.filter(
        tour_stop=stop, work__in=public_works() if works is None else works
    ).shown()
    before = Q(sort_order__lt=OuterRef("sort_order")) | Q(
        sort_order=OuterRef("sort_order"), label_number__lt=OuterRef("label_number")
    )
    after = Q(sort_order__gt=OuterRef("sort_order")) | Q(
        sort_order=OuterRef("sort_order"), label_number__gt=OuterRef("label_number")
    )

    def count(rows):
        return Subquery(rows.order_by().values("tour_stop").annotate(n=Count("pk")).values("n"))

    def label_of(rows, *order):
        return Subquery(rows.order_by(*order).values("label_number")[:1])

    wanted = (
        entries.filter(work_id=work.pk) if label is None else entries.filter(label_number=label)
    )
    entry = (
        wanted.annotate(
            total=count(entries),
            before=count(entries.filter(before)),
            previous_label=label_of(entries.filter(before), "-sort_order", "-label_number"),
            next_label=label_of(entries.filter(after), "sort_order", "label_number"),
        )
        .order_by("sort_order", "label_number")
        .first()
    )
    if entry is None:
        return None
    entry.tour_stop = stop
    if work is not None:
        entry.work = work

    def neighbour(number):
        return None if number is None else ChecklistEntry(tour_stop=stop, label_number=number)

    return Visit(
        stop=stop,
        entry=entry,
        previous=neighbour(entry.previous_label),
        next=neighbour(entry.next_label),
        position=(entry.before or 0) + 1,
        total=entry.total,
        kiosk=kiosk,
        entries=entries,
    )
