"""python manage.py move_work <inventory-number> <leg-reference> <crate> --user NAME [--label N]"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from catalogue.models import WorkPage
from exhibition.actions import MoveWork
from exhibition.models import TransitLeg

from ._tour_user import tour_user


class Command(BaseCommand):
    help = (
        "Put a work into a crate of a leg and onto the checklist of the leg's destination, in one "
        "transaction recorded in the history (the same action as Tour → Move a work)."
    )

    def add_arguments(self, parser):
        parser.add_argument("work", help="inventory number, e.g. BL-J-01")
        parser.add_argument("leg", help="the leg's reference, e.g. ckg-bonn-2025")
        parser.add_argument("crate", help="crate number on that leg")
        parser.add_argument("--user", required=True, help="who makes the change (for the log)")
        parser.add_argument("--label", type=int, help="label number at the destination")

    def handle(self, work, leg, crate, user, label, **options):
        found_work = WorkPage.objects.filter(inventory_number=work).first()
        if found_work is None:
            raise CommandError(f"No work with inventory number “{work}”.")
        found_leg = TransitLeg.objects.filter(reference=leg).first()
        if found_leg is None:
            raise CommandError(f"No transit leg “{leg}”.")
        try:
            entry = MoveWork(found_work, found_leg, crate, tour_user(user), label).execute()
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        self.stdout.write(
            f"{work} is in crate {crate} of {leg} and no. {entry.label_number} at {entry.tour_stop.slug}."
        )
