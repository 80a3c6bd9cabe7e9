"""python manage.py export_checklist <tour-stop> --format xlsx|csv [--private] -o FILE"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exhibition.exports import FORMATS, export_checklist
from exhibition.models import TourStop


class Command(BaseCommand):
    help = (
        "Export a tour stop's checklist (label number, inventory number, titles in three languages, "
        "dimensions, edition, position, crate). Insurance values only with --private."
    )

    def add_arguments(self, parser):
        parser.add_argument("tour_stop", help="the stop's short name (e.g. chongqing-2024) or id")
        # Checked in handle(), not by argparse, so that every bad input exits with status 1.
        parser.add_argument("--format", dest="fmt", help="xlsx or csv")
        parser.add_argument("--private", action="store_true", help="add insurance values")
        parser.add_argument("-o", "--output", help="file to write")

    def handle(self, tour_stop, fmt, private, output, **options):
        if fmt not in FORMATS:
            raise CommandError(f"--format must be one of {', '.join(FORMATS)} (got “{fmt or ''}”).")
        if not output:
            raise CommandError("Name the file to write with -o FILE.")
        try:
            stop = TourStop.objects.by_name(tour_stop)
        except TourStop.DoesNotExist as error:
            raise CommandError(str(error)) from None
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        # Whoever runs commands on the server is trusted with logistics; values stay opt-in.
        content, _type, _name = export_checklist(stop, fmt, private=private, crates=True)
        target.write_bytes(content)
        self.stdout.write(
            f"Wrote {target} ({stop.slug}, {fmt}{', with values' if private else ''})."
        )
