from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from printing.models import CatalogueJob


class Command(BaseCommand):
    help = (
        "Delete catalogue jobs requested more than --days ago, with their PDFs. The worker does "
        "this after every catalogue it makes; run it from cron where catalogues are rare."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.LEPORELLO_CATALOGUE_JOB_DAYS,
            help="keep jobs of the last DAYS days (default LEPORELLO_CATALOGUE_JOB_DAYS, %(default)s)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="only say how many jobs would be deleted"
        )

    def handle(self, *args, days, dry_run, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        if dry_run:
            count = CatalogueJob.objects.expired(days).count()
            self.stdout.write(f"{count} catalogue jobs older than {days} days would be deleted.")
            return
        count = CatalogueJob.objects.prune(days)
        self.stdout.write(f"Deleted {count} catalogue jobs older than {days} days.")
