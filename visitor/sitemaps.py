"""/sitemap.xml: a sitemap index with one sitemap per language and kind of page (issue 19).

`/sitemap.xml` stays the address search engines know; it now lists `/sitemap-pages-de.xml`,
`/sitemap-stops-zh-hans.xml`, … (pages of LIMIT addresses each, `?p=2`), so no answer grows with
the number of works. Each address still names its language alternates (hreflang) and x-default.
Only the page asked for is read from the database (one slice of the fields it prints), never
every work; the index reads each sitemap's size and latest change in one aggregate. A sitemap
object lives for one request (SITEMAPS holds classes), so what it read is never stale.
"""

from collections.abc import Sequence
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import CharField, Count, F, Max, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils.translation import get_language
from wagtail.models import ModelLogEntry, Page, Site

from exhibition.models import TourStop, Venue

from .queries import public_stops, public_works, stop_url

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# About 500 bytes an address with its three alternates: well under 150 KB a sitemap page.
LIMIT = 200


class _InLanguage(Sequence):
    """(item, language) pairs of a QuerySet for Django's i18n sitemap, read a slice at a time.

    `count` (when the sitemap knows it already) saves the count query; `prepare` is applied to
    each slice read."""

    def __init__(self, queryset, language, count=None, prepare=None):
        self.queryset, self.language = queryset, language
        self._count, self.prepare = count, prepare

    def __len__(self):
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            items = list(self.queryset[index])
            if self.prepare:
                self.prepare(items)
            return [(item, self.language) for item in items]
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
        self._items = None
        self._count = None

    def items(self):
        if self._items is None:
            self._items = self.read_items()
        return self._items

    def read_items(self):
        """The sitemap's entries, read once per request (PageSitemap, StopSitemap say which);
        an abstract hook, so this base class alone is never served."""
        raise NotImplementedError

    def prepare(self, items):
        """Called with each slice of items read for a sitemap page."""

    @property
    def paginator(self):
        return Paginator(
            _InLanguage(self.items(), self.language, self._count, self.prepare), self.limit
        )


class PageSitemap(_LanguageSitemap):
    """Home, exhibitions and works: every live, public Wagtail page."""

    def read_items(self):
        pages = Page.objects.live().public().filter(depth__gt=1).order_by("path")
        # What `location` and `lastmod` read, nothing else (no titles in three languages).
        return pages.only("id", "path", "url_path", "last_published_at")

    def prepare(self, items):
        # The site root paths, which Wagtail's `get_url` would otherwise look up (in the cache)
        # for each page and language, read once for the slice.
        root_paths = Site.get_site_root_paths()
        for item in items:
            item._wagtail_cached_site_root_paths = root_paths

    def location(self, item):
        """The page's address in the active language. Django's i18n sitemap asks it five times
        per page (its own language, three alternates, x-default): made once per language."""
        urls = item.__dict__.setdefault("_sitemap_urls", {})
        language = get_language()
        if language not in urls:
            urls[language] = item.get_url()
        return urls[language]

    def lastmod(self, item):
        return item.last_published_at

    def get_latest_lastmod(self):
        """The latest publication; the number of pages comes with it (the index asks both)."""
        found = self.items().aggregate(latest=Max("last_published_at"), count=Count("pk"))
        self._count = found["count"]
        return found["latest"]


def _latest_logged(model, outer):
    """The time of the latest entry of Wagtail's history for the `model` object whose key is
    the outer query's `outer` field, as a subquery."""
    return Subquery(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=Cast(OuterRef(outer), output_field=CharField()),
        )
        .order_by("-timestamp")
        .values("timestamp")[:1]
    )


class StopSitemap(_LanguageSitemap):
    """Each tour stop's catalogue."""

    def read_items(self):
        """The public stops with the times their `lastmod` is made of, in one query."""
        published = (
            public_works()
            .filter(checklist_entries__tour_stop=OuterRef("pk"))
            .order_by(F("last_published_at").desc(nulls_last=True))
            .values("last_published_at")[:1]
        )
        stops = public_stops().annotate(
            works_published=Subquery(published),
            stop_logged=_latest_logged(TourStop, "pk"),
            venue_logged=_latest_logged(Venue, "venue_id"),
        )
        stops = list(stops)
        self._count = len(stops)
        return stops

    def location(self, item):
        return stop_url(item)

    def lastmod(self, item):
        """The latest change a stop's catalogue shows: a work on its checklist or the exhibition
        published, or the stop or its venue edited (Wagtail's history of the snippets)."""
        times = [
            item.works_published,
            item.exhibition.last_published_at,
            item.stop_logged,
            item.venue_logged,
        ]
        times = [t for t in times if t is not None]
        return max(times) if times else None

    def get_latest_lastmod(self):
        times = [t for t in map(self.lastmod, self.items()) if t is not None]
        return max(times) if times else None


SITEMAPS = {
    f"{kind}-{code}": partial(sitemap, code)
    for code in LANGUAGE_CODES
    for kind, sitemap in (("pages", PageSitemap), ("stops", StopSitemap))
}
