"""One checklist entry's own form (its texts at this venue, place, status) and "Add a work".

A Wagtail `ModelViewSet` reached from the checklist screen (`exhibition/checklist.py`), not from
the menu: after saving it goes back to that stop's checklist.
"""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ChecklistEntry, TourStop


class ChecklistEntryForm(WagtailAdminModelForm):
    """Checks the entry against the stop's other entries and other checklists (model rules).

    The two rules of one checklist (a work once, a label number once) get messages that name the
    other entry, instead of the database constraint's generic one.
    """

    def clean(self):
        data = super().clean()
        stop, work, number = data.get("tour_stop"), data.get("work"), data.get("label_number")
        if stop is None:
            return data
        others = stop.checklist.exclude(pk=self.instance.pk).select_related("work")
        if work is not None and (same := others.filter(work=work).first()):
            self.add_error(
                "work",
                _("“%(work)s” is already on this checklist as no. %(number)s.")
                % {"work": work, "number": same.label_number},
            )
        if number is not None and (taken := others.filter(label_number=number).first()):
            self.add_error(
                "label_number",
                _("Label number %(number)s is already used on this checklist (“%(work)s”).")
                % {"number": number, "work": taken.work},
            )
        return data

    def save(self, commit=True):
        entry = super().save(commit=False)
        if entry.sort_order is None and entry.tour_stop_id:
            top = entry.tour_stop.checklist.aggregate(top=Max("sort_order"))["top"]
            entry.sort_order = (top if top is not None else -1) + 1
        if commit:
            entry.save()
        return entry


class BackToChecklist:
    def get_success_url(self):
        return reverse("tour_checklist", args=(self.object.tour_stop_id,))


class CreateView(BackToChecklist, ModelViewSet.add_view_class):
    def get_initial(self):
        initial = super().get_initial()
        stop = self.request.GET.get("tour_stop", "")
        if stop.isascii() and stop.isdigit() and TourStop.objects.filter(pk=stop).exists():
            initial["tour_stop"] = int(stop)
            top = TourStop.objects.get(pk=stop).checklist.aggregate(top=Max("label_number"))
            initial["label_number"] = (top["top"] or 0) + 1
        return initial


class EditView(BackToChecklist, ModelViewSet.edit_view_class):
    def get_page_subtitle(self):
        return _("%(number)s · %(work)s") % {
            "number": self.object.label_number,
            "work": self.object.work,
        }


class DeleteView(BackToChecklist, ModelViewSet.delete_view_class):
    """Wagtail's delete view, returning to the stop's checklist screen afterwards."""


class ChecklistEntryViewSet(ModelViewSet):
    model = ChecklistEntry
    icon = "list-ol"
    add_to_admin_menu = False
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    list_display = ["label_number", "work", "tour_stop", "status"]
    list_filter = ["tour_stop", "status"]
    # The hanging order is arranged per stop on the checklist screen, not across all stops.
    sort_order_field = None
    menu_label = gettext_lazy("Checklist entries")

    def get_edit_handler(self):
        # Built on first use: wagtail-modeltranslation has then put the per-language fields of
        # the texts at this venue into `ChecklistEntry.panels`.
        return ObjectList(
            [FieldPanel("tour_stop"), *ChecklistEntry.panels], base_form_class=ChecklistEntryForm
        ).bind_to_model(ChecklistEntry)
