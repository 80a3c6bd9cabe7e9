"""Public views of the tour: the permanent short addresses printed as QR codes on wall labels."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import override

from catalogue.languages import visitor_language


def short_address(request, stop, label):
    """/w/<stop>/<label>/ -> the work with that label at that stop, in the visitor's language.

    Always the stop's own work address (/<lang>/stops/<stop>/<label>/), resolved there through the
    checklist, never through a page path: the printed code survives renaming the work, changing
    its slug or moving it in the page tree, and a later stop at the same venue never takes over
    an earlier stop's label, whatever today's date (the plain work page shows the stop where the
    work hangs now; issue 16). A number that is not (or no longer publicly) on the checklist gets
    that page too, which says so in words; an unknown stop gets the 404 page.
    """
    with override(visitor_language(request)):
        return redirect(reverse("visitor:venue_work", kwargs={"stop": stop, "label": label}))
