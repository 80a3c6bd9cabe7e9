"""Counterparts both ways: a pair set on one work is stored on both, and cleared on both.

A curator sets (or clears) the counterpart on either work; when that work is published, the other
work's live row and its latest draft get the same pairing, and a third work that pointed at either
of them lets go. `check_pairing` (from `WorkPage.clean`) refuses a counterpart that is already
paired with another work, so a pairing is never broken silently.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Revision


def check_pairing(work):
    """{field: message} for `work`'s counterpart choice, empty when it is fine."""
    other = work.counterpart if work.counterpart_id else None
    if other is None:
        return {}
    if work.pk and other.pk == work.pk:
        return {"counterpart": _("A work cannot be its own counterpart.")}
    # Read from the database: the chosen object may have been loaded before its pair changed.
    model = type(work)
    partner = model.objects.filter(pk=other.pk).values_list("counterpart_id", flat=True).first()
    if partner and partner != work.pk:
        taken = model.objects.filter(pk=partner).first()
    else:
        taken = model.objects.filter(counterpart=other).exclude(pk=work.pk).first()
    if taken is not None:
        return {
            "counterpart": _(
                "“%(other)s” is already the counterpart of “%(taken)s”: clear it there first."
            )
            % {"other": other, "taken": taken}
        }
    return {}


def _set(model, pk, counterpart_id):
    """Point work `pk` at `counterpart_id` (or None) in its live row and its latest revision."""
    model.objects.filter(pk=pk).update(counterpart_id=counterpart_id)
    page = model.objects.filter(pk=pk).only("latest_revision_id").first()
    revision = page and page.latest_revision_id and Revision.objects.get(pk=page.latest_revision_id)
    if revision and revision.content.get("counterpart") != counterpart_id:
        revision.content["counterpart"] = counterpart_id
        revision.save(update_fields=["content"])


def sync_counterpart(sender, instance, **kwargs):
    """`page_published` handler for WorkPage: make the other side agree with `instance`."""
    model = type(instance)
    partner = instance.counterpart_id
    with transaction.atomic():
        stale = model.objects.filter(counterpart_id=instance.pk).exclude(pk=partner)
        if partner:
            stale = stale | model.objects.filter(counterpart_id=partner).exclude(pk=instance.pk)
        for pk in set(stale.values_list("pk", flat=True)):
            _set(model, pk, None)
        if (
            partner
            and model.objects.filter(pk=partner).exclude(counterpart_id=instance.pk).exists()
        ):
            _set(model, partner, instance.pk)
