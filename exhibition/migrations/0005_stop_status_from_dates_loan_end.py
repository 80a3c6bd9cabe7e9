"""A tour stop's status follows its dates (planned, installing, open, closed); only a
cancellation is stored. Every stored status but "cancelled" becomes "scheduled", so a stop
typed as "open" long after its closing day (Chongqing) now shows as closed.

Loans get the last day of their agreement (`ends_on`), for the registrar's dashboard.
"""

from django.db import migrations, models

OLD = ("planned", "confirmed", "open", "closed")


def to_scheduled(apps, schema_editor):
    TourStop = apps.get_model("exhibition", "TourStop")
    TourStop.objects.filter(status__in=OLD).update(status="scheduled")


def to_typed(apps, schema_editor):
    # Going back, the old field had no "scheduled": the stops become "planned" (its default).
    TourStop = apps.get_model("exhibition", "TourStop")
    TourStop.objects.filter(status="scheduled").update(status="planned")


class Migration(migrations.Migration):
    dependencies = [
        ("exhibition", "0004_registrar_logistics_permissions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="tourstop",
            name="status",
            field=models.CharField(
                choices=[
                    ("scheduled", "as scheduled (status follows the dates)"),
                    ("cancelled", "cancelled"),
                ],
                default="scheduled",
                help_text=(
                    "Planned, installing, open and closed follow from the dates; set only a "
                    "cancellation."
                ),
                max_length=12,
                verbose_name="cancelled?",
            ),
        ),
        migrations.RunPython(to_scheduled, to_typed),
        migrations.AddField(
            model_name="workloan",
            name="ends_on",
            field=models.DateField(
                blank=True,
                help_text="Last day of the loan agreement; the registrar's dashboard warns 60 days ahead.",
                null=True,
                verbose_name="loan ends",
            ),
        ),
    ]
