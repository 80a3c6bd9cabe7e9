"""Public views of the tour: the permanent short addresses printed as QR codes on wall labels."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language_from_request, override

from .models import ChecklistEntry, TourStop


def short_address(request, stop, label):
    """/w/<stop>/<label>/ -> the work on that stop's checklist, in the visitor's language.

    Resolved through the checklist, never through a page path, so the printed code survives
    renaming the work, changing its slug or moving it in the page tree. A number that is not (or
    no longer publicly) on the checklist goes to the stop's label page in the visitor's language,
    which says so in words; a 404 here would be turned into a redirect by LocaleMiddleware anyway.
    """
    language = get_language_from_request(request)
    entry = (
        ChecklistEntry.objects.filter(
            tour_stop__in=TourStop.objects.active(), tour_stop__slug=stop, label_number=label
        )
        .exclude(status=ChecklistEntry.Status.WITHDRAWN)
        .select_related("work")
        .first()
    )
    with override(language):
        if entry is None or not entry.work.live or entry.work.get_view_restrictions().exists():
            return redirect(reverse("visitor:venue_work", kwargs={"stop": stop, "label": label}))
        return redirect(entry.work.get_url(request=request))
