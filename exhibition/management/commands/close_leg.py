"""python manage.py close_leg <leg-reference> --user NAME [--allow-missing-check-in]"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from exhibition.actions import CloseLeg
from exhibition.models import TransitLeg

from ._tour_user import tour_user


class Command(BaseCommand):
    help = "Close a transit leg after unpacking (the same action as the admin's “Close leg”)."

    def add_arguments(self, parser):
        parser.add_argument("leg", help="the leg's reference, e.g. dus-ckg-2024")
        parser.add_argument("--user", required=True, help="who closes it (for the log)")
        parser.add_argument(
            "--allow-missing-check-in",
            action="store_true",
            help="close even though some works have no check-in report yet",
        )

    def handle(self, leg, user, allow_missing_check_in, **options):
        found = TransitLeg.objects.filter(reference=leg).first()
        if found is None:
            raise CommandError(f"No transit leg “{leg}”.")
        try:
            updated = CloseLeg(found, tour_user(user), allow_missing_check_in).execute()
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        self.stdout.write(f"{leg} closed; {updated} checklist entries now in storage at the venue.")
