from django.conf import settings
from django.core.management.base import BaseCommand

from catalogue.models import WorkPage
from catalogue.search import reindex
from exhibition.demo import DemoBuilder, ensure_demo_users
from exhibition.demo_data import DEMO_PASSWORD
from exhibition.models import TourStop


class Command(BaseCommand):
    help = (
        "Build the demo exhibition 'Flusslandschaften an Rhein und Jangtse' (sample content). "
        "Safe to run again: existing objects are kept, missing ones are created."
    )

    def handle(self, *args, **options):
        created = DemoBuilder().build()
        for line in created:
            self.stdout.write(f"  created {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo exhibition ready: {WorkPage.objects.count()} works, "
                f"{TourStop.objects.count()} tour stops ({len(created)} objects created now)."
            )
        )
        # Works kept from an earlier run were indexed with the search keys of that day.
        count = reindex(WorkPage.objects.live())
        self.stdout.write(f"Search index written for {count} works.")
        users = ensure_demo_users()
        if users:
            self.stdout.write(
                f"Admin: {settings.WAGTAILADMIN_BASE_URL}/admin/  "
                f"logins {', '.join(users)} — password '{DEMO_PASSWORD}' (development only)"
            )
        else:
            self.stdout.write(
                "No demo logins outside development settings; create an administrator with "
                "'python manage.py createsuperuser'."
            )
