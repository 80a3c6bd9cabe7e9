from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


class InlineCheckedForm(WagtailAdminModelForm):
    """A form whose inline entries are checked together, against the parent as entered.

    Subclasses name the inline (`inline`), the summary shown above the form (`summary`) and
    yield (field, message) for each problem of one entry in `entry_problems`; `seen` is a dict
    the checks of one submission share (numbers and works met so far).
    """

    inline = ""
    summary = ""

    def entry_problems(self, data, model, seen):
        raise NotImplementedError

    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets.get(self.inline)
        if not valid or formset is None:
            return valid
        seen, problems = {}, False
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            for field, message in self.entry_problems(data, formset.model, seen):
                form.add_error(field, message)
                problems = True
        if problems:
            self.add_error(None, self.summary)
        return not problems


class TourStopForm(WagtailAdminModelForm):
    """The tour stop's own fields (the checklist has its own screen, `exhibition/checklist.py`).

    New dates are checked against the works already on the checklist: a work may not end up on
    two checklists whose stops overlap (`ChecklistEntry.clash_message`).
    """

    def is_valid(self):
        valid = super().is_valid()
        if not valid or self.instance.pk is None:
            return valid
        stop = self.instance
        model = stop.checklist.model
        on_list = model.objects.filter(tour_stop=stop).shown().values("work_id")
        clashing = (
            model.objects.filter(work_id__in=on_list, tour_stop__exhibition__isnull=False)
            .shown()
            .exclude(tour_stop_id=stop.pk)
            .filter(
                tour_stop__install_start__lte=stop.deinstall_end,
                tour_stop__deinstall_end__gte=stop.install_start,
            )
            .select_related("work")
        )
        problems = []
        for work in {entry.work for entry in clashing}:
            message = model.clash_message(work, "planned", stop)
            if message:
                problems.append(message)
        for message in problems:
            self.add_error(None, message)
        return not problems


class TransitLegForm(InlineCheckedForm):
    """The leg with its crates inline: checks that need the leg's dates and every crate at once.

    A crate number may appear once on a leg and not on another leg at the same time; a work may
    be in one crate of the leg and not on another leg at the same time.
    """

    inline = "crates"

    @property
    def summary(self):
        return _("The crates have problems; they are marked at each crate below.")

    def entry_problems(self, data, model, seen):
        numbers, works = seen.setdefault("numbers", set()), seen.setdefault("works", {})
        leg, number = self.instance, data.get("number")
        if number in numbers:
            yield "number", _("Crate %(number)s is on this leg twice.") % {"number": number}
        numbers.add(number)
        message = model.clash_message(number, leg)
        if message:
            yield "number", message
        for work in data.get("works") or ():
            if work.pk in works:
                yield (
                    "works",
                    _("“%(work)s” is already in crate %(number)s.")
                    % {"work": work, "number": works[work.pk]},
                )
            works[work.pk] = number
            other = leg_clash(leg, work)
            if other:
                yield (
                    "works",
                    _("“%(work)s” is already on the leg “%(leg)s” (%(dates)s) at the same time.")
                    % {"work": work, "leg": other, "dates": other.date_range},
                )


def leg_clash(leg, work):
    """Another leg carrying `work` while `leg` is under way, or None."""
    return leg_clashes(leg, [work]).get(work.pk)


def leg_clashes(leg, works):
    """`leg_clash` for several works in one query: {work id: the first other leg} of those on one."""
    if not (leg.departure and leg.arrival):
        return {}
    others = (
        type(leg)
        .objects.exclude(pk=leg.pk)
        .overlapping(leg.departure, leg.arrival)
        .filter(crates__works__in=[work.pk for work in works])
        # After the filter, the annotation reads the same join: the work that matched.
        .annotate(carried=F("crates__works"))
    )
    found = {}
    for other in others:  # in the legs' default order, as `.first()` took them
        found.setdefault(other.carried, other)
    return found
