"""What visitors may see: published, public works on the checklists of active tour stops."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from catalogue.models import WorkPage
from catalogue.models.images import renditions_prefetch
from exhibition.models import ChecklistEntry, TourStop


def public_works():
    return WorkPage.objects.live().public()


def public_stops():
    return TourStop.objects.public().select_related("venue", "exhibition").order_by("opening")


def with_renditions(queryset, kind, prefix=""):
    """`queryset` with the pre-generated renditions of `kind` prefetched
    (`catalogue.models.images.renditions_prefetch`)."""
    return queryset.prefetch_related(renditions_prefetch(kind, prefix))


def stop_entries(stop, thumbnails=True):
    """The stop's checklist in hanging order, public works only, withdrawn works left out."""
    entries = ChecklistEntry.objects.public_at(stop)
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


def default_stop_for(work):
    """The stop a plain work page browses in: where the work is shown now or next, else last."""
    return current_or_next(
        public_stops().filter(checklist__in=ChecklistEntry.objects.filter(work=work).shown())
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

    def url_of_work(self, work):
        """The work's address inside this stop, or '' when it does not hang here (one query)."""
        entry = stop_entries(self.stop, thumbnails=False).filter(work_id=work.pk).first()
        if entry is None:
            return ""
        entry.tour_stop = self.stop
        return self.url_for(entry)

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


def visit_for(stop, work, kiosk=False, entry=None):
    """The Visit of `work` at `stop`, or None when the work is not publicly on its checklist.

    Reads the work's own entry (unless given) and its two neighbours in hanging order (sort
    order, then label number), and counts in the database: three or four queries, whatever the
    size of the checklist."""
    entries = stop_entries(stop, thumbnails=False)
    if entry is None:
        entry = entries.filter(work_id=work.pk).first()
        if entry is None:
            return None
    before = Q(sort_order__lt=entry.sort_order) | Q(
        sort_order=entry.sort_order, label_number__lt=entry.label_number
    )
    after = Q(sort_order__gt=entry.sort_order) | Q(
        sort_order=entry.sort_order, label_number__gt=entry.label_number
    )
    counts = entries.order_by().aggregate(total=Count("pk"), before=Count("pk", filter=before))
    neighbours = entries.select_related(None).only("pk", "tour_stop_id", "label_number")
    previous = neighbours.filter(before).order_by("-sort_order", "-label_number").first()
    following = neighbours.filter(after).first()
    for found in (entry, previous, following):
        if found is not None:
            found.tour_stop = stop
    return Visit(
        stop=stop,
        entry=entry,
        previous=previous,
        next=following,
        position=counts["before"] + 1,
        total=counts["total"],
        kiosk=kiosk,
    )
