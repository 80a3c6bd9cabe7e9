"""Create the Curator, Translator and Registrar groups with their permissions.

Permissions are normally created after all migrations; this migration creates them first so
that the groups are complete on a fresh database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Curator": {
        "pages": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        "collection": [
            ("wagtailimages", "add_image"),
            ("wagtailimages", "change_image"),
            ("wagtailimages", "choose_image"),
            ("wagtaildocs", "add_document"),
            ("wagtaildocs", "change_document"),
            ("wagtaildocs", "choose_document"),
        ],
        "model": [
            ("wagtailadmin", "access_admin"),
            ("catalogue", "edit_work_facts"),
            *[
                ("catalogue", f"{action}_{model}")
                for model in ("photographer", "section")
                for action in ("add", "change", "delete", "view")
            ],
            *[
                ("exhibition", f"{action}_{model}")
                for model in ("venue", "tourstop", "checklistentry")
                for action in ("add", "change", "delete", "view")
            ],
            ("exhibition", "edit_venue_facts"),
        ],
    },
    "Translator": {
        # Edit and save drafts of pages; the form hides dates, numbers and measurements.
        "pages": ["change_page"],
        "collection": [("wagtailimages", "choose_image")],
        "model": [
            ("wagtailadmin", "access_admin"),
            ("catalogue", "change_photographer"),
            ("catalogue", "view_photographer"),
            ("catalogue", "change_section"),
            ("catalogue", "view_section"),
            ("exhibition", "change_venue"),
            ("exhibition", "view_venue"),
        ],
    },
    "Registrar": {
        "pages": [],
        "collection": [
            ("wagtailimages", "choose_image"),
            ("wagtaildocs", "add_document"),
            ("wagtaildocs", "change_document"),
            ("wagtaildocs", "choose_document"),
        ],
        "model": [
            ("wagtailadmin", "access_admin"),
            ("exhibition", "edit_venue_facts"),
            *[
                ("exhibition", f"{action}_{model}")
                for model in ("venue", "tourstop", "checklistentry", "lender", "workloan")
                for action in ("add", "change", "delete", "view")
            ],
        ],
    },
}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    for name, spec in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*[permission(app, code) for app, code in spec["model"]])
        for codename in spec["pages"]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission("wagtailcore", codename)
            )
        for app, codename in spec["collection"]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(app, codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("exhibition", "0001_initial"),
        ("catalogue", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
