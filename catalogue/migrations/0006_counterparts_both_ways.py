"""Counterparts both ways: a pair stored on one work only is stored on the other work too (its
live row and its latest draft), as catalogue/counterparts.py keeps pairs set from now on."""

from django.db import migrations


def both_ways(apps, schema_editor):
    WorkPage = apps.get_model("catalogue", "WorkPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    pointed_at = {}
    for pk, partner in WorkPage.objects.exclude(counterpart=None).values_list("pk", "counterpart"):
        pointed_at.setdefault(partner, []).append(pk)
    for work in WorkPage.objects.filter(pk__in=list(pointed_at)):
        sources = pointed_at[work.pk]
        # Only an unambiguous one-sided pair is completed; anything else is left for a curator.
        if work.counterpart_id is not None or len(sources) != 1:
            continue
        WorkPage.objects.filter(pk=work.pk).update(counterpart_id=sources[0])
        if work.latest_revision_id:
            revision = Revision.objects.filter(pk=work.latest_revision_id).first()
            if revision and revision.content.get("counterpart") is None:
                revision.content["counterpart"] = sources[0]
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0005_deep_zoom"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(both_ways, migrations.RunPython.noop)]
