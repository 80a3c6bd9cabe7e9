"""The registrar's panel on the admin dashboard (Wagtail `construct_homepage_panels`, issue 17).

Shown to users who may see the logistics (`exhibition.view_transitleg`): the next transit legs,
works that arrived without a check-in report, and, for users who may see private registrar data
(`exhibition.view_workloan`) only, loans ending within 60 days and the insurance totals per stop.
Other roles' panels live in their own modules.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .locations import Tour
from .models import ChecklistEntry, ExhibitionPage, TourStop, TransitLeg
from .models.registrar import format_totals, loans_ending, totals_by_currency
from .permissions import see_logistics, see_private

LOAN_WARNING_DAYS = 60


class RegistrarPanel(Component):
    """`today` (a date) can be given, so the panel can be judged on any day (tests, demo)."""

    name = "registrar"
    order = 60
    template_name = "exhibition/admin/dashboard_registrar.html"

    def __init__(self, user, today=None):
        self.user, self.today = user, today or timezone.localdate()

    def get_context_data(self, parent_context=None):
        today, private = self.today, see_private(self.user)
        legs = (
            TransitLeg.objects.exclude(status=TransitLeg.Status.CLOSED)
            .filter(arrival__gte=today)
            .select_related("origin__venue", "destination__venue")
            .order_by("departure")[:5]
        )
        missing = []
        for exhibition in ExhibitionPage.objects.order_by("path"):
            missing += Tour(exhibition).missing_check_ins(today)
        context = {
            "today": today,
            "legs": legs,
            "missing": missing,
            "private": private,
            "days": LOAN_WARNING_DAYS,
            "headings": {
                "legs": _("Next transit legs"),
                "missing": _("Arrived without a check-in report"),
                "ending": _("Loans ending within %(days)s days") % {"days": LOAN_WARNING_DAYS},
                "totals": _("Insurance totals per tour stop"),
            },
        }
        if private:
            stops = []
            for stop in TourStop.objects.active().select_related("venue").order_by("install_start"):
                works = (
                    ChecklistEntry.objects.filter(tour_stop=stop)
                    .shown()
                    .values_list("work_id", flat=True)
                )
                stops.append(
                    (stop, stop.phase_label(today), format_totals(totals_by_currency(works)))
                )
            ending = [
                (
                    reverse("wagtailsnippets_exhibition_workloan:edit", args=(agreement.pk,)),
                    agreement.work,
                    agreement.lender,
                    agreement.ends_on,
                )
                for agreement in loans_ending(today, LOAN_WARNING_DAYS)
            ]
            context.update(ending=ending, stops=stops)
        return context


def add_registrar_panel(request, panels, today=None):
    """The `construct_homepage_panels` hook: the registrar's panel first, for those who may."""
    if see_logistics(request.user):
        panels.append(RegistrarPanel(request.user, today=today))
