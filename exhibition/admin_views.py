"""Admin listing of works with the filters curators and translators need.

It joins works with tour checklists, so it lives on the tour side (works know nothing of tours).
"""

import django_filters
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy

from catalogue.languages import NATIVE_NAMES
from catalogue.models import Section, WorkPage
from catalogue.translation_status import prefetch_statuses

from .models import TourStop

LANGUAGE_FILTER_CHOICES = [(code, NATIVE_NAMES[code]) for code in NATIVE_NAMES]


class WorkFilterSet(PageListingViewSet.filterset_class):
    section = django_filters.ModelChoiceFilter(
        label=_("Section"), queryset=Section.objects.all(), field_name="section"
    )
    tour_stop = django_filters.ModelChoiceFilter(
        label=_("Tour stop"),
        queryset=TourStop.objects.select_related("venue"),
        method="filter_tour_stop",
    )
    missing_language = django_filters.ChoiceFilter(
        label=_("Text missing in"), choices=LANGUAGE_FILTER_CHOICES, method="filter_missing"
    )

    class Meta:
        model = WorkPage
        fields = []

    def filter_tour_stop(self, queryset, name, value):
        return queryset.filter(checklist_entries__tour_stop=value).distinct()

    def filter_missing(self, queryset, name, value):
        return queryset.missing_translation(value)


class MissingLanguagesColumn(Column):
    def get_value(self, instance):
        missing = instance.missing_languages()
        return ", ".join(NATIVE_NAMES[code] for code in missing) if missing else "—"


class WorkIndexView(PageListingViewSet.index_view_class):
    def get_table(self, object_list):
        # One query each for the sections and the translation statuses ("Texts missing in") of
        # all rows, not one per row.
        works = list(object_list)
        prefetch_related_objects(works, "section")
        prefetch_statuses(works)
        return super().get_table(object_list)


class WorkListingMenuItem(MenuItem):
    """Shown only to users the listing lets in (a page permission such as change or publish):
    a registrar, who has none, would otherwise be sent to "Sorry, you do not have permission"."""

    def is_shown(self, request):
        policy = PagePermissionPolicy()
        return policy.user_has_any_permission(request.user, WorkIndexView.any_permission_required)


class WorkListingViewSet(PageListingViewSet):
    model = WorkPage
    index_view_class = WorkIndexView
    menu_item_class = WorkListingMenuItem
    icon = "image"
    menu_label = _("Works")
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = WorkFilterSet
    columns = [
        *(c for c in PageListingViewSet.columns if c.name in ("bulk_actions", "title", "status")),
        Column("inventory_number", label=_("Inventory no."), sort_key="inventory_number"),
        Column("catalogue_number", label=_("Cat. no."), sort_key="catalogue_number"),
        Column("section", label=_("Section")),
        MissingLanguagesColumn("missing", label=_("Texts missing in")),
    ]
