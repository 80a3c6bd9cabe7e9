"""Make every visitor rendition of every image that lacks one (after changing the specs, or for
images stored before renditions were made on upload). Existing renditions are kept."""

from django.core.management.base import BaseCommand

from catalogue.models import CatalogueImage
from catalogue.renditions import all_specs


class Command(BaseCommand):
    help = "Make the renditions visitors' pages use for every image that lacks them."

    def handle(self, *args, **options):
        specs = set(all_specs())
        made = 0
        for image in CatalogueImage.objects.prefetch_related("renditions").order_by("pk"):
            have = {r.filter_spec for r in image.renditions.all()}
            missing = sorted(specs - have)
            if missing:
                image.get_renditions(*missing)
                made += len(missing)
                self.stdout.write(f"{image.title}: {len(missing)} renditions")
        self.stdout.write(self.style.SUCCESS(f"{made} renditions made."))
