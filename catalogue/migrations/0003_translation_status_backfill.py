"""Status rows for the texts that exist already, and the translation tools for Translators and
Curators.

The backfill uses the live models on purpose: the list of translated fields comes from the
modeltranslation registry, which historical models do not carry. Existing translations count as
approved (they were entered by the team before the workflow existed); empty ones as missing.
`manage.py sync_translation_status` does the same at any later time.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def backfill(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        columns = {
            c.name for c in connection.introspection.get_table_description(cursor, "wagtailcore_page")
        }
    if "title_de" not in columns:
        # A fresh database: wagtail-modeltranslation adds the page columns after the
        # migrations, and there is no content to backfill yet.
        return
    from catalogue.translation_status import sync_all

    sync_all()


def grant(apps, schema_editor):
    app_config = apps.get_app_config("catalogue")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="catalogue", codename="use_translation_tools"
    )
    for group in Group.objects.filter(name__in=["Translator", "Curator"]):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0002_translation_status"),
        ("exhibition", "0002_groups"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
