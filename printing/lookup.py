"""Finding what to print from what staff type: a slug or the id shown in the admin."""

from contextlib import suppress

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from catalogue.models.translation_state import prefetch_statuses
from exhibition.models import ChecklistEntry, ExhibitionPage, TourStop

from .texts import PrintError


def find_tour_stop(value):
    """The tour stop named by slug or id; PrintError listing the known ones otherwise."""
    try:
        return TourStop.objects.select_related("venue", "exhibition").by_name(value)
    except TourStop.DoesNotExist as error:
        raise PrintError(str(error)) from None


def find_exhibition_or_stop(value):
    """An exhibition (slug or page id) or a tour stop (slug or id): (exhibition, stop or None)."""
    value = str(value).strip()
    with suppress(ExhibitionPage.DoesNotExist):  # not an exhibition: try the tour stops
        return ExhibitionPage.objects.by_name(value), None
    try:
        stop = find_tour_stop(value)
    except PrintError:
        exhibitions = ", ".join(ExhibitionPage.objects.values_list("slug", flat=True))
        stops = ", ".join(TourStop.objects.values_list("slug", flat=True))
        raise PrintError(
            _(
                "Unknown exhibition or tour stop “%(value)s”. Exhibitions: %(exhibitions)s; "
                "tour stops: %(stops)s."
            )
            % {"value": value, "exhibitions": exhibitions or "—", "stops": stops or "—"}
        ) from None
    return stop.exhibition, stop


def stop_entries(stop):
    """The works shown at `stop`, in hanging order (withdrawn entries are not printed).

    Each entry keeps `stop` as its tour stop, so its short address costs no query per label."""
    entries = list(
        ChecklistEntry.objects.filter(tour_stop=stop)
        .shown()
        .select_related("work", "work__image", "work__section")
        .in_hanging_order()
    )
    for entry in entries:
        entry.tour_stop = stop
    return entries


def find_entry(stop, value):
    """One entry of the stop's checklist by label number or inventory number."""
    value = str(value).strip()
    for entry in stop_entries(stop):
        if str(entry.label_number) == value or (entry.work.inventory_number or "") == value:
            return entry
    raise PrintError(
        _("No work with label number or inventory number “%(value)s” at %(stop)s.")
        % {"value": value, "stop": stop.slug}
    )


def prefetch_for_print(works, entries=(), images=True):
    """Load what a printout reads of many works at once: the translation statuses of the works
    and of their checklist entries, and every rendition of their images (one query each, not
    one per work)."""
    works = list(works)
    prefetch_statuses(works)
    prefetch_statuses([entry for entry in entries if entry is not None])
    if images:
        prefetch_related_objects(works, "image__renditions")
