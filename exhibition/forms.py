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
