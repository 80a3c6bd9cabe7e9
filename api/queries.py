"""What the public API may show: the rules of the visitor pages (visitor/queries.py), through the
named querysets of `exhibition.models` (output modules do not import each other,
tests/test_architecture.py), plus one of its own: a work counts only inside a public exhibition.

Published (live) pages without a view restriction, of published exhibitions; tour stops that are
not cancelled, of those exhibitions; checklist entries of public works that are not withdrawn.
A page's database row always holds its published text (drafts live in revisions), so nothing
here reads a draft, whoever asks.
"""

from functools import reduce
from operator import or_

from django.db.models import Prefetch

from catalogue.models import CatalogueRendition, WorkPage
from catalogue.renditions import SPECS, ZOOM_SPEC
from exhibition.models import ChecklistEntry, ExhibitionPage, TourStop


def public_exhibitions():
    return ExhibitionPage.objects.live().public().order_by("path")


def public_works(exhibitions=None):
    """Live, public works inside live, public exhibitions (a work under an unpublished
    exhibition is not part of the public catalogue)."""
    exhibitions = list(public_exhibitions() if exhibitions is None else exhibitions)
    if not exhibitions:
        return WorkPage.objects.none()
    inside = reduce(or_, (WorkPage.objects.descendant_of_q(e) for e in exhibitions))
    return WorkPage.objects.live().public().filter(inside)


def public_stops():
    return (
        TourStop.objects.public().select_related("venue", "exhibition").order_by("opening", "slug")
    )


def stop_entries(stop):
    """The stop's checklist in hanging order: public works inside public exhibitions only,
    withdrawn entries left out."""
    return ChecklistEntry.objects.public_at(stop, works=public_works())


def with_renditions(queryset, prefix=""):
    """Prefetch the pre-made renditions the API links (thumbnails, main sizes, zoom JPEG)."""
    specs = [*SPECS["thumb"], *SPECS["main"], ZOOM_SPEC]
    return queryset.prefetch_related(
        Prefetch(
            f"{prefix}image__renditions",
            queryset=CatalogueRendition.objects.filter(filter_spec__in=specs),
        )
    )


def public_entries_of(work):
    """Where `work` hangs publicly: its entries on public stops, not withdrawn, by opening."""
    return (
        ChecklistEntry.objects.filter(work=work, tour_stop__in=public_stops())
        .shown()
        .select_related("tour_stop")
        .order_by("tour_stop__opening")
    )
