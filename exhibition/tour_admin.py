"""Registrar views in the admin: where the works are, a work's journey, the timeline, totals,
the tour actions and the exports. Registrar-only (permission-checked in every view).
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput

from catalogue.models import WorkPage

from . import exports
from .actions import CloseLeg, MoveWork
from .locations import Tour
from .models import ChecklistEntry, ConditionReport, ExhibitionPage, TourStop, TransitLeg
from .models.registrar import format_totals, totals_by_currency
from .permissions import change_legs, see_crates, see_logistics, see_private, see_tour
from .timeline import Timeline


class RegistrarView(WagtailAdminTemplateMixin, TemplateView):
    """A registrar screen; `rule` (from `permissions`) decides who may open it."""

    rule = see_logistics
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        self.rule.require(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def exhibition(self):
        wanted = self.request.GET.get("exhibition")
        queryset = ExhibitionPage.objects.order_by("path")
        if wanted and wanted.isascii() and wanted.isdigit():
            return get_object_or_404(queryset, pk=wanted)
        return queryset.first()


class DayForm(forms.Form):
    exhibition = forms.ModelChoiceField(
        ExhibitionPage.objects.order_by("path"), label=gettext_lazy("Exhibition"), required=False
    )
    date = forms.DateField(label=gettext_lazy("Date"), widget=AdminDateInput, required=False)
    work = forms.ModelChoiceField(
        WorkPage.objects.order_by("inventory_number"),
        label=gettext_lazy("Only this work"),
        required=False,
    )


class WhereView(RegistrarView):
    """Where are the works on <date>: place, crate, condition when they left; and the flags."""

    template_name = "exhibition/admin/where.html"
    page_title = gettext_lazy("Where are the works")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.request.GET.copy()
        default = self.exhibition()
        if not data.get("exhibition") and default:
            data["exhibition"] = str(default.pk)
        data.setdefault("date", timezone.localdate().isoformat())
        form = DayForm(data)
        day, work, exhibition = timezone.localdate(), None, default
        if form.is_valid():
            day = form.cleaned_data["date"] or day
            work = form.cleaned_data["work"]
            exhibition = form.cleaned_data["exhibition"] or default
        context.update(form=form, day=day, exhibition=exhibition)
        if exhibition is None:
            return context
        tour = Tour(exhibition)
        rows = tour.where_all(day)
        if work is not None:
            rows = [row for row in rows if row.work.pk == work.pk]
        context.update(rows=rows, inconsistencies=tour.inconsistencies())
        return context


class MissingCheckInView(RegistrarView):
    template_name = "exhibition/admin/missing_check_in.html"
    page_title = gettext_lazy("Arrived without a check-in report")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exhibition = self.exhibition()
        context["missing"] = (
            Tour(exhibition).missing_check_ins(timezone.localdate()) if exhibition else []
        )
        return context


class WorkJourneyView(RegistrarView):
    """One work: its stops and legs in order, crates, and its condition history."""

    template_name = "exhibition/admin/work_journey.html"

    def get_page_title(self):
        return _("Journey and condition of %(work)s") % {"work": self.work.inventory_number}

    def get_context_data(self, **kwargs):
        self.work = get_object_or_404(WorkPage, pk=self.kwargs["work_id"])
        context = super().get_context_data(**kwargs)
        exhibition = self.work.get_parent().specific
        tour = Tour(exhibition) if isinstance(exhibition, ExhibitionPage) else None
        context.update(
            work=self.work,
            journey=tour.history(self.work) if tour else [],
            reports=ConditionReport.objects.history(self.work).prefetch_related("photos__image"),
        )
        return context


class TimelineView(RegistrarView):
    template_name = "exhibition/admin/timeline.html"
    page_title = gettext_lazy("Tour timeline")
    header_icon = "calendar-alt"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exhibition = self.exhibition()
        context["exhibition"] = exhibition
        context["exhibitions"] = ExhibitionPage.objects.order_by("path")
        if exhibition:
            tour = Tour(exhibition)
            context["timeline"] = Timeline(tour, today=timezone.localdate())
            context["inconsistencies"] = tour.inconsistencies()
        return context


class TotalsView(RegistrarView):
    """Nail-to-nail insurance totals per stop and per leg (private: Registrar group only)."""

    rule = see_private
    template_name = "exhibition/admin/totals.html"
    page_title = gettext_lazy("Insurance totals, nail to nail")
    header_icon = "lock"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exhibition = self.exhibition()
        stops, legs = [], []
        if exhibition:
            for stop in (
                TourStop.objects.active().filter(exhibition=exhibition).select_related("venue")
            ):
                works = (
                    ChecklistEntry.objects.filter(tour_stop=stop)
                    .shown()
                    .values_list("work_id", flat=True)
                )
                stops.append((stop, len(works), format_totals(totals_by_currency(works))))
            for leg in TransitLeg.objects.filter(exhibition=exhibition).select_related(
                "origin__venue", "destination__venue"
            ):
                works = list(leg.works().values_list("pk", flat=True))
                legs.append((leg, len(set(works)), format_totals(totals_by_currency(works))))
        context.update(exhibition=exhibition, stops=stops, legs=legs)
        return context


class MoveWorkForm(forms.Form):
    work = forms.ModelChoiceField(
        WorkPage.objects.order_by("inventory_number"), label=gettext_lazy("Work")
    )
    leg = forms.ModelChoiceField(
        TransitLeg.objects.exclude(status=TransitLeg.Status.CLOSED).select_related(
            "origin__venue", "destination__venue"
        ),
        label=gettext_lazy("Transit leg"),
    )
    crate = forms.CharField(label=gettext_lazy("Crate number"), max_length=20)
    label_number = forms.IntegerField(
        label=gettext_lazy("Label number at the next stop"),
        min_value=1,
        required=False,
        help_text=gettext_lazy("Leave empty for the next free number."),
    )


class MoveWorkView(RegistrarView):
    rule = change_legs
    template_name = "exhibition/admin/move_work.html"
    page_title = gettext_lazy("Move a work to the next stop")
    header_icon = "arrow-right"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", MoveWorkForm())
        return context

    def post(self, request, *args, **kwargs):
        form = MoveWorkForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            action = MoveWork(
                data["work"], data["leg"], data["crate"], request.user, data["label_number"]
            )
            try:
                entry = action.execute()
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "“%(work)s” is in crate %(crate)s and on the checklist of %(stop)s as no. %(label)s."
                    )
                    % {
                        "work": data["work"],
                        "crate": data["crate"],
                        "stop": entry.tour_stop.slug,
                        "label": entry.label_number,
                    },
                )
                return redirect("tour_move_work")
        return self.render_to_response(self.get_context_data(form=form))


class CloseLegView(RegistrarView):
    rule = change_legs
    template_name = "exhibition/admin/close_leg.html"
    header_icon = "tick"

    def get_page_title(self):
        return _("Close leg %(leg)s") % {"leg": self.leg.reference}

    def dispatch(self, request, *args, **kwargs):
        self.leg = get_object_or_404(TransitLeg, pk=kwargs["leg_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            leg=self.leg, missing=CloseLeg(self.leg, self.request.user).missing_check_ins()
        )
        return context

    def post(self, request, *args, **kwargs):
        action = CloseLeg(self.leg, request.user, bool(request.POST.get("allow_missing_check_in")))
        try:
            updated = action.execute()
        except ValidationError as error:
            context = self.get_context_data()
            context["errors"] = error.messages
            return self.render_to_response(context)
        messages.success(
            request,
            _("Leg %(leg)s closed; %(count)s checklist entries are now in storage at the venue.")
            % {"leg": self.leg.reference, "count": updated},
        )
        return redirect("wagtailsnippets_exhibition_transitleg:list")


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_checklist(request, stop_id, fmt):
    if not see_tour(request.user) or fmt not in exports.FORMATS:
        raise PermissionDenied
    private = request.GET.get("private") == "1"
    if private:
        see_private.require(request.user)
    stop = get_object_or_404(TourStop, pk=stop_id)
    crates = see_crates(request.user)
    return _download(*exports.export_checklist(stop, fmt, private=private, crates=crates))


@see_logistics.view
def packing_list(request, leg_id, fmt):
    leg = get_object_or_404(TransitLeg, pk=leg_id)
    if fmt == "xlsx":
        return _download(*exports.export_packing_list_xlsx(leg))
    from .packing_pdf import packing_list_pdf

    return _download(packing_list_pdf(leg), "application/pdf", f"packing-list-{leg.reference}.pdf")
