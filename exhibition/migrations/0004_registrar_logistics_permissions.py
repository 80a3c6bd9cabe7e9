"""Give the Registrar group the transit legs, crates and condition reports (and nobody else).

Superusers aside, only registrars see logistics: a leg shows what its crates are insured for.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("transitleg", "crate", "conditionreport", "conditionphoto")


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Registrar")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="exhibition",
            codename__in=[f"{action}_{m}" for m in MODELS for action in ("add", "change", "delete", "view")],
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Registrar").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="exhibition", content_type__model__in=MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("exhibition", "0003_logistics_condition_agreements"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
