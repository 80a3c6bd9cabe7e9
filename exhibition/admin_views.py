"""Admin listing of works with the filters curators and translators need.

It joins works with tour checklists, so it lives on the tour side (works know nothing of tours).
"""

import functools

import django_filters
from django.db.models import prefetch_related_objects
from django.utils.functional import lazy
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from catalogue.languages import LANGUAGE_CODES, LANGUAGE_NAMES, language_name
from catalogue.menu import PermissionMenuItem
from catalogue.models import Section, WorkPage
from catalogue.models.translation_state import SOURCE_LANGUAGE, STATE_CHOICES
from catalogue.permissions import list_works

from .models import TourStop

LANGUAGE_FILTER_CHOICES = [(code, LANGUAGE_NAMES[code]) for code in LANGUAGE_CODES]


def _state_choice_label(code, label):
    return _("%(language)s: %(state)s") % {"language": language_name(code), "state": label}


# "English: draft", … for each target language and state of the one state machine.
TRANSLATION_STATE_CHOICES = [
    (f"{code}:{value}", lazy(_state_choice_label, str)(code, label))
    for code in LANGUAGE_CODES
    if code != SOURCE_LANGUAGE
    for value, label in STATE_CHOICES
]


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
    translation_state = django_filters.ChoiceFilter(
        label=_("Translation"), choices=TRANSLATION_STATE_CHOICES, method="filter_state"
    )

    class Meta:
        model = WorkPage
        fields = []

    def filter_tour_stop(self, queryset, name, value):
        return queryset.filter(checklist_entries__tour_stop=value).distinct()

    def filter_missing(self, queryset, name, value):
        return queryset.missing_translation(value)

    def filter_state(self, queryset, name, value):
        language, _sep, state = value.partition(":")
        return queryset.with_translation_state(language, state)


class TranslationStatesColumn(Column):
    """Each language that is not approved and published: "English: missing", …"""

    def get_value(self, instance):
        states = [
            (language_name(code), state.label)
            for code, state in instance.translation_states().items()
            if state.status is not None
            and (state.status != "approved" or state.waiting_to_be_published)
        ]
        if not states:
            return "—"
        return format_html_join("", "<div>{}: {}</div>", states)


class WorkIndexView(PageListingViewSet.index_view_class):
    def get_base_queryset(self):
        return super().get_base_queryset().with_translation_statuses()

    def get_table(self, object_list):
        # One query each for the sections and the translation statuses of all rows, not one
        # per row.
        works = list(object_list)
        prefetch_related_objects(works, "section")
        return super().get_table(object_list)


class WorkListingViewSet(PageListingViewSet):
    # Shown only to users who may open the Works list (a page permission), not the Registrar.
    menu_item_class = functools.partial(PermissionMenuItem, rule=list_works)
    model = WorkPage
    index_view_class = WorkIndexView
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
        TranslationStatesColumn("translation", label=_("Translation")),
    ]
