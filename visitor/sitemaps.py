"""/sitemap.xml: a sitemap index with one sitemap per language and kind of page (issue 19).

`/sitemap.xml` stays the address search engines know; it now lists `/sitemap-pages-de.xml`,
`/sitemap-stops-zh-hans.xml`, … (pages of LIMIT addresses each, `?p=2`), so no answer grows with
the number of works. Each address still names its language alternates (hreflang) and x-default.
Only the page asked for is read from the database (a count and one slice), never every work.
"""

from collections.abc import Sequence

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from wagtail.models import ModelLogEntry, Page

from .queries import public_stops, public_works, stop_url

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# About 500 bytes an address with its three alternates: well under 150 KB a sitemap page.
LIMIT = 200


class _InLanguage(Sequence):
    """(item, language) pairs of a QuerySet for Django's i18n sitemap, read a slice at a time."""

    def __init__(self, queryset, language):
        self.queryset, self.language = queryset, language
        self._count = None

    def __len__(self):
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [(item, self.language) for item in self.queryset[index]]
        return (self.queryset[index], self.language)


class _LanguageSitemap(Sitemap):
    """The addresses of one language, each with the alternates of every language."""

    i18n = True
    alternates = True
    x_default = True
    languages = LANGUAGE_CODES
    limit = LIMIT

    def __init__(self, language):
        self.language = language

    @property
    def paginator(self):
        return Paginator(_InLanguage(self.items(), self.language), self.limit)


class PageSitemap(_LanguageSitemap):
    """Home, exhibitions and works: every live, public Wagtail page."""

    def items(self):
        return Page.objects.live().public().filter(depth__gt=1).order_by("path")

    def location(self, item):
        return item.get_url()

    def lastmod(self, item):
        return item.last_published_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]


class StopSitemap(_LanguageSitemap):
    """Each tour stop's catalogue."""

    def items(self):
        return public_stops()

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


SITEMAPS = {
    f"{kind}-{code}": sitemap(code)
    for code in LANGUAGE_CODES
    for kind, sitemap in (("pages", PageSitemap), ("stops", StopSitemap))
}
