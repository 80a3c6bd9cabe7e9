"""/sitemap.xml: every public page in each language, with its language alternates (hreflang)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from wagtail.models import ModelLogEntry, Page

from .queries import public_stops, public_works, stop_url


class _Multilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = [code for code, _name in settings.LANGUAGES]


class PageSitemap(_Multilingual):
    """Home, exhibitions and works: every live, public Wagtail page."""

    def items(self):
        return Page.objects.live().public().filter(depth__gt=1).order_by("path").specific()

    def location(self, item):
        return item.get_url()

    def lastmod(self, item):
        return item.last_published_at


class StopSitemap(_Multilingual):
    """Each tour stop's catalogue."""

    def items(self):
        return list(public_stops())

    def location(self, item):
        return stop_url(item)

    def lastmod(self, item):
        """The latest change a stop's catalogue shows: a work on its checklist or the exhibition
        published, or the stop or its venue edited (Wagtail's history of the snippets)."""
        published = public_works().filter(checklist_entries__tour_stop=item)
        times = [
            published.aggregate(latest=Max("last_published_at"))["latest"],
            item.exhibition.last_published_at,
        ]
        for obj in (item, item.venue):
            logged = ModelLogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
            ).aggregate(latest=Max("timestamp"))["latest"]
            times.append(logged)
        times = [t for t in times if t is not None]
        return max(times) if times else None


SITEMAPS = {"pages": PageSitemap, "stops": StopSitemap}
