import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import printing.models


def move_files_out_of_media(apps, schema_editor):
    """Catalogue PDFs made before this migration lie under MEDIA_ROOT: move them."""
    CatalogueJob = apps.get_model("printing", "CatalogueJob")
    media, private = Path(settings.MEDIA_ROOT), Path(settings.LEPORELLO_PRIVATE_ROOT)
    for name in CatalogueJob.objects.exclude(file="").values_list("file", flat=True):
        source, target = media / name, private / name
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)


class Migration(migrations.Migration):
    dependencies = [
        ("printing", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="cataloguejob",
            name="file",
            field=models.FileField(
                blank=True,
                storage=printing.models.private_storage,
                upload_to="printing/catalogues/",
                verbose_name="PDF",
            ),
        ),
        migrations.RunPython(move_files_out_of_media, migrations.RunPython.noop),
    ]
