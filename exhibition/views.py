"""Public views of the tour: the permanent short addresses printed as QR codes on wall labels."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language_from_request, override

from .models import ChecklistEntry, TourStop


def short_address(request, stop, label):
    """/w/<stop>/<label>/ -> the work on that stop's checklist, in the visitor's language.

    Resolved through the checklist, never through a page path, so the printed code survives
    renaming the work, changing its slug or moving it in the page tree.
    """
    tour_stop = get_object_or_404(TourStop.objects.active(), slug=stop)
    entry = (
        ChecklistEntry.objects.filter(tour_stop=tour_stop, label_number=label)
        .exclude(status=ChecklistEntry.Status.WITHDRAWN)
        .select_related("work")
        .first()
    )
    if entry is None or not entry.work.live or entry.work.get_view_restrictions().exists():
        raise Http404("No published work with this label number at this venue.")
    with override(get_language_from_request(request)):
        url = entry.work.get_url(request=request)
    return redirect(url)
