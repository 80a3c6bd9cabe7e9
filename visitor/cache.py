"""Anonymous visitor pages come from a cache; any publish or tour change purges all of them.

A work appears on many pages (catalogues, search, counterparts, sitemap), so instead of tracking
which pages show it, every change bumps a generation number that is part of each cache key.
Visitors with a session cookie (editors) and non-GET requests always bypass the cache.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

GENERATION_KEY = "leporello:pages:generation"
# Headers set by middleware inside this one (X-Frame-Options) must be replayed on hits.
CACHED_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Frame-Options")
PENDING_PAGE_SECONDS = 30


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def purge(*args, **kwargs):
    """Make every cached page stale (old generations expire on their own)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def is_public_path(path):
    prefixes = [f"/{code}/" for code, _name in settings.LANGUAGES]
    return path == "/sitemap.xml" or any(path.startswith(p) for p in prefixes)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        address = f"{request.get_host()}{request.get_full_path()}".encode()
        key = f"leporello:page:{generation()}:{hashlib.sha256(address).hexdigest()}"
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            response["X-Leporello-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.cacheable_response(response):
            headers = {h: response[h] for h in CACHED_HEADERS if h in response}
            timeout = settings.LEPORELLO_PAGE_CACHE_SECONDS
            if getattr(request, "renditions_pending", False):
                # Stand-ins for renditions being made (visitor.pictures): the worker's purge
                # replaces the page when they are made; without a shared cache, this does.
                timeout = min(timeout, PENDING_PAGE_SECONDS)
            cache.set(key, (response.content, headers), timeout)
            response["X-Leporello-Cache"] = "miss"
        return response

    @staticmethod
    def cacheable_request(request):
        return (
            settings.LEPORELLO_PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and is_public_path(request.path)
        )

    @staticmethod
    def cacheable_response(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-cache" not in response.get("Cache-Control", "")
        )


def register_purge_signals():
    from wagtail.models import PageViewRestriction

    from catalogue.models import (
        CatalogueImage,
        DeepZoom,
        Photographer,
        Section,
        TranslationStatus,
        WorkPage,
    )
    from catalogue.renditions import renditions_made
    from exhibition.models import ChecklistEntry, ExhibitionPage, HomePage, TourStop, Venue

    # The background worker made renditions or tiles: pages may show them instead of stand-ins.
    renditions_made.connect(purge, dispatch_uid="leporello_purge_renditions")
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(purge, dispatch_uid=f"leporello_purge_{id(signal)}")
    for model in (
        CatalogueImage,
        DeepZoom,
        Photographer,
        Section,
        ChecklistEntry,
        TourStop,
        Venue,
        PageViewRestriction,
        WorkPage,
        ExhibitionPage,
        HomePage,
        # A translation marked draft or needs-review changes which language a visitor reads.
        TranslationStatus,
    ):
        post_save.connect(
            purge, sender=model, dispatch_uid=f"leporello_purge_save_{model.__name__}"
        )
        post_delete.connect(
            purge, sender=model, dispatch_uid=f"leporello_purge_delete_{model.__name__}"
        )
