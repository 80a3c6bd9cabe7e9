"""python manage.py export_lido <exhibition-or-stop> -o FILE"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from openstandards import lido
from openstandards.public import base_url
from openstandards.targets import UnknownTarget, find_target


class Command(BaseCommand):
    help = (
        "LIDO 1.1 XML of the published works of an exhibition or a tour stop (in hanging order), "
        "every text in de, zh-Hans and en. Public data only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "target", help="slug or id of an exhibition or tour stop, e.g. chongqing-2024"
        )
        parser.add_argument("-o", "--output", help="file to write, e.g. chongqing-2024.xml")

    def handle(self, target, output, **options):
        if not output:
            raise CommandError(_("Name the file to write with -o FILE."))
        destination = Path(output)
        if not destination.parent.is_dir():
            raise CommandError(
                _("The folder %(folder)s does not exist.") % {"folder": destination.parent}
            )
        try:
            found = find_target(target)
        except UnknownTarget as error:
            raise CommandError(str(error)) from error
        content = lido.export(found, base_url())
        destination.write_bytes(content)
        self.stdout.write(
            _("Wrote %(file)s: %(records)s works of %(target)s (LIDO 1.1).")
            % {"file": destination, "records": content.count(b"<lido:lido>"), "target": found.slug}
        )
