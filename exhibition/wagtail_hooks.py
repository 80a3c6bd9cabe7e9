import django_filters
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from catalogue.menu import register_menu_items
from catalogue.permissions import curator
from catalogue.viewsets import SnippetViewSet

from . import checklist, tour_admin
from .actions import CHECKLIST_EDIT, CHECKLIST_STATUS, CLOSE_LEG, MOVE_WORK, MOVE_WORKS
from .admin_buttons import TOUR_STOP_HEADER_BUTTONS
from .admin_views import WorkListingViewSet
from .checklist_entries import ChecklistEntryViewSet
from .condition_admin import ConditionReportCreateView
from .dashboard import CuratorPanel
from .models import ConditionReport, TourStop, TransitLeg, Venue
from .models.registrar import Lender, WorkLoan, format_totals, totals_by_currency
from .permissions import (
    change_legs,
    see_checklist,
    see_logistics,
    see_private,
    see_tour,
)
from .privacy import PermissionCheckedSnippetViewSet
from .registrar_dashboard import add_registrar_panel

hooks.register("construct_homepage_panels", add_registrar_panel)


@hooks.register("register_admin_viewset")
def register_work_listing():
    return WorkListingViewSet("works")


@hooks.register("register_admin_viewset")
def register_checklist_entries():
    return ChecklistEntryViewSet("checklist_entries", url_prefix="tour/checklist-entries")


class VenueViewSet(PermissionCheckedSnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "city", "country", "time_zone"]
    search_fields = ["name_de", "name_zh_hans", "name_en", "city_de", "city_zh_hans", "city_en"]


class LinksColumn(Column):
    """Links to a tour view for each row, e.g. the exports of a stop."""

    def __init__(self, name, links, **kwargs):
        self.links = links  # [(label, function(instance, user) -> url or None)]
        super().__init__(name, **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        user = parent_context["request"].user
        links = [(url, label) for label, url_for in self.links if (url := url_for(instance, user))]
        context["value"] = format_html_join(" · ", '<a href="{}">{}</a>', links)
        return context


def _if(rule, url):
    return lambda obj, user: url(obj) if rule(user) else None


STOP_EXPORTS = [
    (
        _("Checklist"),
        _if(see_checklist, lambda s: reverse("tour_checklist", args=(s.pk,))),
    ),
    (
        _("PDF"),
        _if(see_checklist, lambda s: reverse("tour_checklist_pdf", args=(s.pk,))),
    ),
    (
        _("XLSX"),
        _if(see_tour, lambda s: reverse("tour_export", args=(s.pk, "xlsx"))),
    ),
    (
        _("CSV"),
        _if(see_tour, lambda s: reverse("tour_export", args=(s.pk, "csv"))),
    ),
    (
        _("XLSX with values"),
        _if(see_private, lambda s: reverse("tour_export", args=(s.pk, "xlsx")) + "?private=1"),
    ),
]


class TourStopEditView(SnippetViewSet.edit_view_class):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if see_checklist(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Checklist"),
                    url=reverse("tour_checklist", args=(self.object.pk,)),
                    icon_name="list-ol",
                    priority=5,
                )
            )
        for hook in hooks.get_hooks(TOUR_STOP_HEADER_BUTTONS):
            buttons.extend(hook(self.object, self.request.user))
        return buttons


class PhaseColumn(Column):
    """The stop's status on today's date (planned, installing, open, closed, cancelled)."""

    def get_value(self, instance):
        return instance.phase_label()


class TourStopFilterSet(WagtailFilterSet):
    phase = django_filters.ChoiceFilter(
        label=_("Status"), choices=TourStop.Phase.choices, method="filter_phase"
    )

    class Meta:
        model = TourStop
        fields = ["exhibition"]

    def filter_phase(self, queryset, name, value):
        return queryset.in_phase(value)


class TourStopViewSet(PermissionCheckedSnippetViewSet):
    model = TourStop
    icon = "date"
    edit_view_class = TourStopEditView
    list_display = [
        "__str__",
        "exhibition",
        "venue",
        "opening",
        "closing",
        PhaseColumn("phase", label=_("Status")),
        LinksColumn("exports", STOP_EXPORTS, label=_("Checklist")),
    ]
    filterset_class = TourStopFilterSet
    ordering = ["install_start"]


class InsuredColumn(Column):
    """Customs and insurance value of the works on board, per currency (private)."""

    def get_value(self, instance):
        return format_totals(totals_by_currency(instance.works().values_list("pk", flat=True)))

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if not see_private(parent_context["request"].user):
            context["value"] = "—"
        return context


LEG_LINKS = [
    (
        _("Packing list PDF"),
        _if(see_logistics, lambda g: reverse("tour_packing_list", args=(g.pk, "pdf"))),
    ),
    (
        _("XLSX"),
        _if(see_logistics, lambda g: reverse("tour_packing_list", args=(g.pk, "xlsx"))),
    ),
    (
        _("Close leg"),
        lambda g, user: (
            reverse("tour_close_leg", args=(g.pk,))
            if g.status != TransitLeg.Status.CLOSED and change_legs(user)
            else None
        ),
    ),
]


class TransitLegViewSet(PermissionCheckedSnippetViewSet):
    model = TransitLeg
    icon = "arrow-right-full"
    list_display = [
        "__str__",
        "departure",
        "arrival",
        "mode",
        "status",
        InsuredColumn("insured", label=_("Insured in transit")),
        LinksColumn("links", LEG_LINKS, label=_("Packing list")),
    ]
    list_filter = ["status", "mode", "exhibition"]
    ordering = ["departure"]


class ConditionReportViewSet(PermissionCheckedSnippetViewSet):
    model = ConditionReport
    add_view_class = ConditionReportCreateView
    icon = "clipboard-list"
    list_display = ["work", "kind", "grade", "leg", "examined_on", "examiner"]
    list_filter = ["kind", "grade", "leg"]
    search_fields = ["notes", "examiner", "work__inventory_number"]


class TourGroup(SnippetViewSetGroup):
    menu_label = _("Tour")
    menu_icon = "globe"
    menu_order = 210
    submenu_hook = "register_tour_menu_item"
    items = (TourStopViewSet, VenueViewSet, TransitLegViewSet, ConditionReportViewSet)


register_menu_items(
    "register_tour_menu_item",
    [
        (_("Checklists"), "tour_current_checklist", "list-ol", 5, see_checklist),
        (_("Where are the works"), "tour_where", "site", 10, see_logistics),
        (_("Arrived without check-in"), "tour_missing_check_in", "warning", 11, see_logistics),
        (_("Timeline"), "tour_timeline", "calendar-alt", 12, see_logistics),
        (_("Move a work to the next stop"), "tour_move_work", "arrow-right", 13, change_legs),
    ],
)


@hooks.register("register_admin_urls")
def tour_urls():
    return [
        path("tour/where/", tour_admin.WhereView.as_view(), name="tour_where"),
        path(
            "tour/missing-check-in/",
            tour_admin.MissingCheckInView.as_view(),
            name="tour_missing_check_in",
        ),
        path("tour/timeline/", tour_admin.TimelineView.as_view(), name="tour_timeline"),
        path("tour/work/<int:work_id>/", tour_admin.WorkJourneyView.as_view(), name="tour_work"),
        path("tour/move-work/", tour_admin.MoveWorkView.as_view(), name="tour_move_work"),
        path(
            "tour/legs/<int:leg_id>/close/",
            tour_admin.CloseLegView.as_view(),
            name="tour_close_leg",
        ),
        path(
            "tour/legs/<int:leg_id>/packing-list.<str:fmt>",
            tour_admin.packing_list,
            name="tour_packing_list",
        ),
        path(
            "tour/stops/<int:stop_id>/checklist.<str:fmt>",
            tour_admin.export_checklist,
            name="tour_export",
        ),
        path("registrar/totals/", tour_admin.TotalsView.as_view(), name="tour_totals"),
        path("tour/checklist/", checklist.current_checklist, name="tour_current_checklist"),
        path(
            "tour/stops/<int:stop_id>/checklist/",
            checklist.ChecklistView.as_view(),
            name="tour_checklist",
        ),
        path(
            "tour/stops/<int:stop_id>/checklist/reorder/<int:entry_id>/",
            checklist.reorder,
            name="tour_checklist_reorder",
        ),
        path(
            "tour/stops/<int:stop_id>/checklist/checklist.pdf",
            checklist.checklist_pdf,
            name="tour_checklist_pdf",
        ),
    ]


@hooks.register("register_log_actions")
def tour_log_actions(actions):
    actions.register_action(
        MOVE_WORK, _("Move work to the next stop"), _("Moved a work to the next stop")
    )
    actions.register_action(
        MOVE_WORKS, _("Move works to the next stop"), _("Moved works to the next stop")
    )
    actions.register_action(CLOSE_LEG, _("Close transit leg"), _("Closed the transit leg"))
    actions.register_action(
        CHECKLIST_STATUS, _("Set checklist status"), _("Set the status of checklist entries")
    )
    actions.register_action(CHECKLIST_EDIT, _("Edit checklist"), _("Edited the checklist"))


class LenderViewSet(PermissionCheckedSnippetViewSet):
    model = Lender
    icon = "group"
    list_display = ["name"]
    search_fields = ["name"]


class WorkLoanViewSet(PermissionCheckedSnippetViewSet):
    model = WorkLoan
    icon = "lock"
    list_display = ["work", "lender", "insurance_value", "currency"]
    list_filter = ["lender", "currency"]


class RegistrarGroup(SnippetViewSetGroup):
    """Private data: the menu only appears for users with registrar permissions."""

    menu_label = _("Registrar")
    menu_icon = "lock"
    menu_order = 220
    submenu_hook = "register_registrar_menu_item"
    items = (WorkLoanViewSet, LenderViewSet)


register_menu_items(
    "register_registrar_menu_item",
    [(_("Insurance totals"), "tour_totals", "lock", 10, see_private)],
)

register_snippet(TourGroup)
register_snippet(RegistrarGroup)


@hooks.register("construct_homepage_panels")
def add_curator_panel(request, panels):
    if curator(request.user):
        panels.append(CuratorPanel(request))
