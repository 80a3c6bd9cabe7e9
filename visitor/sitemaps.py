"""/sitemap.xml: every public page in each language, with its language alternates (hreflang)."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .queries import public_stops, stop_url


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


SITEMAPS = {"pages": PageSitemap, "stops": StopSitemap}
