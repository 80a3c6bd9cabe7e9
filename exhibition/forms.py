from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


class TourStopForm(WagtailAdminModelForm):
    """The tour stop with its checklist inline: checks that need the stop and all entries at once.

    Each entry is checked against the stop's dates as entered in this form, so changing the dates
    and the checklist together is judged as one change.
    """

    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets.get("checklist")
        if not valid or formset is None:
            return valid
        stop = self.instance
        entry_model = formset.model
        works, labels = {}, {}
        problems = False
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("work"):
                continue
            work, label = data["work"], data.get("label_number")
            if work.pk in works:
                form.add_error("work", _("“%(work)s” is on this checklist twice.") % {"work": work})
                problems = True
            works[work.pk] = form
            if label is not None and label in labels:
                form.add_error(
                    "label_number",
                    _("Label number %(number)s is already used on this checklist.")
                    % {"number": label},
                )
                problems = True
            labels[label] = form
            message = entry_model.clash_message(work, data.get("status"), stop)
            if message:
                form.add_error("work", message)
                problems = True
        if problems:
            self.add_error(
                None, _("The checklist has problems; they are marked at each entry below.")
            )
        return not problems


class TransitLegForm(WagtailAdminModelForm):
    """The leg with its crates inline: checks that need the leg's dates and every crate at once.

    A crate number may appear once on a leg and not on another leg at the same time; a work may
    be in one crate of the leg and not on another leg at the same time.
    """

    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets.get("crates")
        if not valid or formset is None:
            return valid
        leg = self.instance
        crate_model = formset.model
        numbers, works = {}, {}
        problems = False
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            number = data.get("number")
            if number in numbers:
                form.add_error(
                    "number", _("Crate %(number)s is on this leg twice.") % {"number": number}
                )
                problems = True
            numbers[number] = form
            message = crate_model.clash_message(number, leg)
            if message:
                form.add_error("number", message)
                problems = True
            for work in data.get("works") or ():
                if work.pk in works:
                    form.add_error(
                        "works",
                        _("“%(work)s” is already in crate %(number)s.")
                        % {"work": work, "number": works[work.pk]},
                    )
                    problems = True
                works[work.pk] = number
                other = leg_clash(leg, work)
                if other:
                    form.add_error(
                        "works",
                        _(
                            "“%(work)s” is already on the leg “%(leg)s” (%(dates)s) at the same time."
                        )
                        % {"work": work, "leg": other, "dates": other.date_range},
                    )
                    problems = True
        if problems:
            self.add_error(
                None, _("The crates have problems; they are marked at each crate below.")
            )
        return not problems


def leg_clash(leg, work):
    """Another leg carrying `work` while `leg` is under way, or None."""
    if not (leg.departure and leg.arrival):
        return None
    return (
        type(leg)
        .objects.exclude(pk=leg.pk)
        .overlapping(leg.departure, leg.arrival)
        .carrying(work)
        .first()
    )
