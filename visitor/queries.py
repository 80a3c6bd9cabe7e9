"""What visitors may see: published, public works on the checklists of active tour stops."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from catalogue.models import CatalogueRendition, WorkPage
from catalogue.renditions import SHARE_SPEC, SPECS, ZOOM_SPEC
from exhibition.models import ChecklistEntry, ExhibitionPage, TourStop


def public_works():
    return WorkPage.objects.live().public()


def public_stops():
    return (
        TourStop.objects.active()
        # Live and without a view restriction (password, sign-in), as the API and IIIF ask.
        .filter(exhibition__in=ExhibitionPage.objects.live().public())
        .select_related("venue", "exhibition")
        .order_by("opening")
    )


def with_renditions(queryset, kind, prefix=""):
    """Prefetch the pre-generated renditions of `kind` ('thumb' or 'main') for a loop; 'main'
    also brings the zoom JPEG and the link-preview JPEG (SHARE_SPEC) the work page's head uses."""
    return queryset.prefetch_related(
        Prefetch(
            f"{prefix}image__renditions",
            queryset=CatalogueRendition.objects.filter(
                filter_spec__in=[
                    *SPECS[kind],
                    *([ZOOM_SPEC, SHARE_SPEC] if kind == "main" else []),
                ]
            ),
        )
    )


def stop_entries(stop, thumbnails=True):
    """The stop's checklist in hanging order, public works only, withdrawn works left out."""
    entries = (
        ChecklistEntry.objects.filter(tour_stop=stop, work__in=public_works())
        .exclude(status=ChecklistEntry.Status.WITHDRAWN)
        .select_related("work", "work__image", "work__section")
        .order_by("sort_order", "label_number")
    )
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
        public_stops()
        .filter(checklist__work=work)
        .exclude(checklist__status=ChecklistEntry.Status.WITHDRAWN)
    )


@dataclass
class Visit:
    """A work seen at one tour stop: its label number and its neighbours on the wall."""

    stop: TourStop
    entry: ChecklistEntry
    previous: ChecklistEntry | None
    next: ChecklistEntry | None
    position: int
    total: int
    kiosk: bool = False
    by_work: dict | None = None

    def url_of_work(self, work):
        """The work's address inside this stop, or '' when it does not hang here."""
        entry = (self.by_work or {}).get(work.pk)
        return self.url_for(entry) if entry else ""

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
    name = "visitor:kiosk_work" if kiosk else "visitor:venue_work"
    return reverse(name, kwargs={"stop": entry.tour_stop.slug, "label": entry.label_number})


def visit_for(stop, work, kiosk=False):
    """The Visit of `work` at `stop`, or None when the work is not publicly on its checklist."""
    entries = list(stop_entries(stop, thumbnails=False))
    for i, entry in enumerate(entries):
        if entry.work_id == work.pk:
            entry.tour_stop = stop
            for other in entries:
                other.tour_stop = stop
            return Visit(
                stop=stop,
                entry=entry,
                previous=entries[i - 1] if i > 0 else None,
                next=entries[i + 1] if i + 1 < len(entries) else None,
                position=i + 1,
                total=len(entries),
                kiosk=kiosk,
                by_work={e.work_id: e for e in entries},
            )
    return None
