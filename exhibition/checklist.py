"""The checklist of one tour stop as its own admin screen (issue 17).

`/admin/tour/stops/<stop id>/checklist/`: the works in hanging order, named by label number and
title; filters (status, section, text); label number, room, wall and position edited in place;
the hanging order by drag and drop (Wagtail's `w-orderable` controller, the reorder address
below) or, without JavaScript, with the up/down buttons; bulk actions (move to the next stop,
withdraw, set status) for the ticked works. Every change goes through `exhibition/actions.py`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.widgets import HeaderButton

from catalogue.models import Section

from .actions import EditChecklist, MoveWorks, SetChecklistStatus
from .models import ChecklistEntry, TourStop, TransitLeg
from .permissions import (
    add_to_checklist,
    edit_checklist,
    move_works,
    registrar_chores,
    see_checklist,
)
from .tour_admin import RegistrarView

MAX_LABEL = 999999  # keeps typed numbers inside the database's integer range


class ChecklistFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), *ChecklistEntry.Status.choices],
    )
    section = forms.ModelChoiceField(
        Section.objects.all(),
        label=gettext_lazy("Section"),
        required=False,
        empty_label=gettext_lazy("All"),
    )

    def filter(self, entries):
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["status"]:
            entries = entries.filter(status=data["status"])
        if data["section"]:
            entries = entries.filter(work__section=data["section"])
        if data["q"]:
            text = data["q"].strip()
            match = Q(work__inventory_number__icontains=text)
            for column in ("title_de", "title_zh_hans", "title_en"):
                match |= Q(**{f"work__{column}__icontains": text})
            number = _int(text) if text.isascii() and text.isdigit() else None  # not "²"
            if number is not None and number <= MAX_LABEL:
                match |= Q(label_number=number)
            entries = entries.filter(match)
        return entries

    @property
    def active(self):
        return self.is_valid() and any(self.cleaned_data.values())


def _int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


class ChecklistView(RegistrarView):
    rule = see_checklist
    template_name = "exhibition/admin/checklist.html"
    header_icon = "list-ol"

    def dispatch(self, request, *args, **kwargs):
        self.stop = get_object_or_404(
            TourStop.objects.select_related("venue", "exhibition"), pk=kwargs["stop_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Checklist of %(stop)s") % {"stop": self.stop}

    def get_breadcrumbs_items(self):
        listing = reverse("wagtailsnippets_exhibition_tourstop:list")
        edit = reverse("wagtailsnippets_exhibition_tourstop:edit", args=(self.stop.pk,))
        return [
            *self.breadcrumbs_items,
            {"url": listing, "label": TourStop._meta.verbose_name_plural},
            {"url": edit, "label": str(self.stop)},
            {"url": "", "label": self.get_page_title()},
        ]

    @property
    def header_buttons(self):
        buttons = [
            HeaderButton(
                _("Checklist PDF"),
                url=reverse("tour_checklist_pdf", args=(self.stop.pk,)),
                icon_name="download",
            )
        ]
        if add_to_checklist(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Add a work"),
                    url=reverse("checklist_entries:add") + f"?tour_stop={self.stop.pk}",
                    icon_name="plus",
                )
            )
        return buttons

    def entries(self):
        return (
            ChecklistEntry.objects.filter(tour_stop=self.stop)
            .select_related("work", "work__section")
            .in_hanging_order()
        )

    def get_context_data(self, posted=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        filters = ChecklistFilterForm(self.request.GET)
        rows = list(filters.filter(self.entries()))
        for row in rows:
            row.typed = {
                field: (posted or {}).get(f"{field}-{row.pk}", getattr(row, field))
                for field in EditChecklist.FIELDS
            }
        can_edit = edit_checklist(user)
        legs = TransitLeg.objects.filter(origin=self.stop).exclude(status=TransitLeg.Status.CLOSED)
        next_stop = self.stop.next_stop()
        context.update(
            stop=self.stop,
            phase=self.stop.phase_label(),
            rows=rows,
            total=self.stop.checklist.count(),
            filters=filters,
            can_edit=can_edit,
            # Drag and drop only on the whole list: a position in a filtered list is ambiguous.
            can_reorder=can_edit and not filters.active,
            can_bulk=registrar_chores(user),
            can_move=move_works(user),
            statuses=ChecklistEntry.Status.choices,
            labels={
                "label_number": _("Label no."),
                "room": _("Room"),
                "wall": _("Wall"),
                "position": _("Position"),
            },
            legs=legs.select_related("destination__venue"),
            next_stop=next_stop,
            default_leg=next(
                (leg.pk for leg in legs if next_stop and leg.destination_id == next_stop.pk),
                None,
            ),
            reorder_url=reverse("tour_checklist_reorder", args=(self.stop.pk, 999999)),
            query=self.request.GET.urlencode(),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        try:
            message = self.run(action, request.POST)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
            return self.render_to_response(self.get_context_data(posted=request.POST))
        if message:
            messages.success(request, message)
        url = reverse("tour_checklist", args=(self.stop.pk,))
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)

    def shown(self):
        """Ids of the rows on screen: the POST keeps the filter of the page in its address."""
        rows = ChecklistFilterForm(self.request.GET).filter(self.stop.checklist.all())
        return list(rows.values_list("pk", flat=True))

    def selected(self, data):
        shown = self.shown()
        if data.get("all"):
            return shown
        return [pk for pk in map(_int, data.getlist("entry")) if pk in shown]

    def run(self, action, data):
        """Do what the pressed button asks; returns the success message or raises."""
        user = self.request.user
        if action == "save":
            changes = {}
            for pk in self.shown():
                values = {f: data[f"{f}-{pk}"] for f in EditChecklist.FIELDS if f"{f}-{pk}" in data}
                if "label_number" in values:
                    number = _int(values["label_number"])
                    if number is None or not 1 <= number <= MAX_LABEL:
                        raise ValidationError(
                            _(
                                "“%(value)s” is not a label number: use a whole number from 1 to 999999."
                            )
                            % {"value": values["label_number"]}
                        )
                    values["label_number"] = number
                values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
                if any(len(str(v)) > 100 for v in values.values()):
                    raise ValidationError(_("Room, wall and position take 100 characters at most."))
                if pk and values:
                    changes[pk] = values
            count = EditChecklist(self.stop, user, changes=changes).execute()
            return _("%(count)s entries changed.") % {"count": count}
        if action.startswith(("up-", "down-")):
            direction, _sep, pk = action.partition("-")
            order = list(
                ChecklistEntry.objects.filter(tour_stop=self.stop)
                .in_hanging_order()
                .values_list("pk", flat=True)
            )
            pk = _int(pk)
            if pk not in order:
                raise ValidationError(_("Some of the chosen entries are not on this checklist."))
            index = order.index(pk)
            other = index - 1 if direction == "up" else index + 1
            if 0 <= other < len(order):
                order[index], order[other] = order[other], order[index]
                EditChecklist(self.stop, user, order=order).execute()
            return None
        registrar_chores.require(user)
        chosen = self.selected(data)
        if action == "withdraw":
            count = SetChecklistStatus(
                self.stop, chosen, ChecklistEntry.Status.WITHDRAWN, user
            ).execute()
            return _("%(count)s works withdrawn.") % {"count": count}
        if action == "set_status":
            status = data.get("status", "")
            count = SetChecklistStatus(self.stop, chosen, status, user).execute()
            label = dict(ChecklistEntry.Status.choices).get(status, status)
            return _("%(count)s works set to “%(status)s”.") % {"count": count, "status": label}
        if action == "move":
            leg = TransitLeg.objects.filter(pk=_int(data.get("leg")), origin=self.stop).first()
            if leg is None:
                raise ValidationError(_("Choose a transit leg that starts at this stop."))
            works = [e.work for e in self.entries().filter(pk__in=chosen)]
            entries = MoveWorks(works, leg, user, crate_number=data.get("crate")).execute()
            return _("%(count)s works are on the checklist of %(stop)s.") % {
                "count": len(entries),
                "stop": leg.destination,
            }
        raise ValidationError(_("Unknown action."))


@require_POST
@edit_checklist.view
def reorder(request, stop_id, entry_id):
    """Drag and drop: POST …/reorder/<entry id>/?position=<new index in the whole list>."""
    stop = get_object_or_404(TourStop, pk=stop_id)
    order = list(
        ChecklistEntry.objects.filter(tour_stop=stop)
        .in_hanging_order()
        .values_list("pk", flat=True)
    )
    if entry_id not in order:
        # 400, not 404: the i18n middleware would answer a 404 with a redirect.
        message = _("Some of the chosen entries are not on this checklist.")
        return JsonResponse({"success": False, "errors": [message]}, status=400)
    position = _int(request.GET.get("position"))
    position = len(order) - 1 if position is None or not 0 <= position < len(order) else position
    order.remove(entry_id)
    order.insert(position, entry_id)
    try:
        EditChecklist(stop, request.user, order=order).execute()
    except ValidationError as error:
        return JsonResponse({"success": False, "errors": error.messages}, status=400)
    return JsonResponse({"success": True})


@see_checklist.view
def checklist_pdf(request, stop_id):
    """The checklist for the registrar's binder, in the user's admin language."""
    stop = get_object_or_404(TourStop.objects.select_related("venue"), pk=stop_id)
    from .checklist_pdf import checklist_pdf as render

    response = HttpResponse(render(stop), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="checklist-{stop.slug}.pdf"'
    return response


@see_checklist.view
def current_checklist(request):
    """The menu's "Checklists": the checklist of the stop on now or next, else the latest one."""
    stops = TourStop.objects.active()
    stop = (
        stops.current_or_next(timezone.localdate()).first()
        or stops.order_by("-install_start").first()
    )
    if stop is None:
        return redirect("wagtailsnippets_exhibition_tourstop:list")
    return redirect("tour_checklist", stop.pk)
