from django.core.management.base import BaseCommand

from catalogue.translation_status import sync_all


class Command(BaseCommand):
    help = (
        "Recompute the translation status of every translated field (the backfill for existing "
        "data, and after texts were changed around the CMS). Safe to run again."
    )

    def handle(self, *args, **options):
        count = sync_all()
        self.stdout.write(f"Translation status checked for {count} objects.")
