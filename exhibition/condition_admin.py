"""The condition report form, prefilled when opened from a list (issue 17).

`…/conditionreport/add/?work=<id>&leg=<id>&kind=check_in` (the links of "Arrived without a
check-in report") fills in the work, the leg, the kind and today's date; anything else in the
address is ignored. The registrar still checks and saves the form, so the model's rules apply.
"""

from django.utils import timezone
from wagtail.snippets.views.snippets import SnippetViewSet

from catalogue.models import WorkPage

from .models import ConditionReport, TransitLeg


def _pk(value):
    return int(value) if value and value.isascii() and value.isdigit() else None


class ConditionReportCreateView(SnippetViewSet.add_view_class):
    def get_initial(self):
        initial = super().get_initial()
        query = self.request.GET
        work, leg = _pk(query.get("work")), _pk(query.get("leg"))
        if work and WorkPage.objects.filter(pk=work).exists():
            initial["work"] = work
        if leg and TransitLeg.objects.filter(pk=leg).exists():
            initial["leg"] = leg
        if query.get("kind") in ConditionReport.Kind.values:
            initial["kind"] = query["kind"]
        if initial.get("work") or initial.get("leg"):
            initial.setdefault("examined_on", timezone.localdate())
        return initial
