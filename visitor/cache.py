"""Anonymous visitor pages come from a cache shared by every process; any change purges all of them.

A work appears on many pages (catalogues, search, counterparts, sitemap), so instead of tracking
which pages show it, every change bumps a generation number stored with each page: a page made in
an older generation is made again (its entry is replaced). A hit costs one round trip (MGET of the
number and the page). The number lives in the default cache (Redis in production, required there), so a purge from any
process (a publish in the admin, `publish_scheduled` from cron, `import_translations`, tour
commands, the worker) reaches every app server at once. Changes announce themselves through
`catalogue.signals.public_content_changed` (model and Wagtail signals are connected to it below);
the bump happens when the transaction commits, so no request can cache the old content under the
new generation.

Keys: host, path and the query parameters a page reads (QUERY_PARAMETERS). Other parameters
(`?x=1`, tracking tags) are removed from the request before the page is made, so they neither
create cache entries nor appear in the page. Requests whose parameter values are free text
(search, keypad, kiosk idle time) are answered but not stored.

Responses carry `Cache-Control: public, max-age=LEPORELLO_PAGE_MAX_AGE`, an `ETag` (a hash of the
bytes) and `Last-Modified` (when the page was made); `If-None-Match`/`If-Modified-Since` get 304.
Only a valid signed-in session (an editor, who may be previewing) and non-GET requests bypass the
cache: a `sessionid` cookie of a session that does not exist, or of one without a signed-in user,
gets the cached page (checking costs one session read, far less than making the page). Editors'
pages are marked `Cache-Control: private` so no shared cache (CDN) keeps them.

After a purge, a page is made again by one request only: while it is being made (at most
LEPORELLO_PAGE_REFRESH_SECONDS), other requests for it get the page of the previous generation
(`X-Leporello-Cache: stale`), so the tablets of a venue do not all miss at once after a publish.
A page whose new answer is not a page any more (unpublished: 404, moved: redirect) has its stale
copy deleted, so it is not shown again.
Why this middleware and not a maintained one: docs/deployment.md ("Page cache").
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from catalogue.signals import announce_public_change, public_content_changed

GENERATION_KEY = "leporello:pages:generation"
REFRESH_LOCK = "leporello:pages:refresh:{key}:{generation}"
# Headers set by middleware inside this one (X-Frame-Options) must be replayed on hits.
CACHED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Link",
    "X-Frame-Options",
    "Access-Control-Allow-Origin",  # IIIF documents are read by viewers on other sites
)
# Query parameters that select what a cached page shows (the views validate their values):
# a stop catalogue's section, a listing's page (catalogue.paging), a sitemap's page.
QUERY_PARAMETERS = ("section", "page", "p")
# Parameters whose values are free text: such requests are answered by the view, never stored.
UNCACHED_PARAMETERS = ("q", "n", "idle")
PENDING_PAGE_SECONDS = 30


def first_generation():
    """A starting number that differs after the cache was emptied (a Redis restart, a test's
    `cache.clear()`), so nothing keyed by an old generation (visitor.pictures) is taken as new."""
    return time.time_ns() // 1000


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        start = first_generation()
        cache.add(GENERATION_KEY, start, timeout=None)
        value = cache.get(GENERATION_KEY, start)
    return value


def generation_of(request):
    """The current generation, read once per request (the page cache already read it)."""
    value = getattr(request, "page_generation", None)
    if value is None:
        value = request.page_generation = generation()
    return value


def bump_generation(**kwargs):
    """Make every cached page stale at once (old generations expire on their own)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, first_generation(), timeout=None)


def purge(*args, **kwargs):
    """Purge all public pages once the current transaction commits. Connected to model and
    Wagtail signals; call it (or `catalogue.signals.announce_public_change`) after bulk writes."""
    announce_public_change(sender=kwargs.get("sender"))


def is_public_path(path):
    prefixes = [f"/{code}/" for code, _name in settings.LANGUAGES]
    prefixes.append("/iiif/")  # IIIF manifests and collections (openstandards)
    if path == "/sitemap.xml" or (path.startswith("/sitemap-") and path.endswith(".xml")):
        return True
    return any(path.startswith(p) for p in prefixes)


def page_query(request):
    """(kept parameters as a QueryDict, whether the request may be stored)."""
    kept = QueryDict(mutable=True)
    storable = True
    for name in request.GET:
        if name in QUERY_PARAMETERS:
            kept.setlist(name, request.GET.getlist(name)[:1])
        elif name in UNCACHED_PARAMETERS:
            kept.setlist(name, request.GET.getlist(name))
            storable = False
    return kept, storable


def cache_key(request, kept):
    query = urlencode(sorted((k, v) for k in kept for v in kept.getlist(k)))
    address = f"{request.get_host()}{request.path}?{query}".encode()
    return f"leporello:page:{hashlib.sha256(address).hexdigest()}"


def lookup(key):
    """(current generation, the stored page if it was made in that generation, else None,
    the stored page of an older generation, else None): one round trip to the cache (Redis
    MGET) for both values."""
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        current = generation()
    entry = found.get(key)
    if entry is not None and entry[0] == current:
        return current, entry[1:], None
    return current, None, (entry[1:] if entry is not None else None)


def refresh_taken_by_another(key, current):
    """Whether another request is already making this page again for the current generation.

    The first request to ask takes the refresh (an atomic `add`, shared by every process through
    the cache) for LEPORELLO_PAGE_REFRESH_SECONDS; if it dies, the next request after that does."""
    seconds = settings.LEPORELLO_PAGE_REFRESH_SECONDS
    if seconds <= 0:
        return False
    return not cache.add(REFRESH_LOCK.format(key=key, generation=current), 1, seconds)


def signed_in(request):
    """Whether the request carries a valid session of a signed-in user (an editor).

    Reads the session (and the user) only when there is a session cookie; the user found is
    kept on the request for Django's AuthenticationMiddleware, so it is not read twice."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    from django.contrib.auth import get_user

    user = get_user(request)
    request._cached_user = user
    return user.is_authenticated


def replay(request, stored, state):
    content, headers, etag, last_modified = stored
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    add_validators(response, etag, last_modified)
    response["X-Leporello-Cache"] = state
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


def add_validators(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=settings.LEPORELLO_PAGE_MAX_AGE)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        if signed_in(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response
        kept, storable = page_query(request)
        if len(kept) != len(request.GET) or any(
            len(request.GET.getlist(k)) != len(kept.getlist(k)) for k in kept
        ):
            # Unused parameters never reach the page: it is made (and cached) as without them.
            kept._mutable = False
            request.GET = kept
            request.META["QUERY_STRING"] = kept.urlencode()
        if not storable:
            return self.get_response(request)
        key = cache_key(request, kept)
        made_in, hit, stale = lookup(key)
        request.page_generation = made_in
        if hit is not None:
            return replay(request, hit, "hit")
        if stale is not None and refresh_taken_by_another(key, made_in):
            return replay(request, stale, "stale")
        response = self.get_response(request)
        if self.cacheable_response(response):
            headers = {h: response[h] for h in CACHED_HEADERS if h in response}
            etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
            last_modified = int(time.time())
            timeout = settings.LEPORELLO_PAGE_CACHE_SECONDS
            if getattr(request, "renditions_pending", False):
                # Stand-ins for renditions being made (visitor.pictures): the worker's purge
                # replaces the page when they are made; without a shared cache, this does.
                timeout = min(timeout, PENDING_PAGE_SECONDS)
            cache.set(key, (made_in, response.content, headers, etag, last_modified), timeout)
            add_validators(response, etag, last_modified)
            response["X-Leporello-Cache"] = "miss"
            return get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
        if stale is not None:
            cache.delete(key)  # gone or moved: its old copy must not be served again
        return response

    @staticmethod
    def cacheable_request(request):
        return (
            settings.LEPORELLO_PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
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
            and "no-store" not in response.get("Cache-Control", "")
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

    public_content_changed.connect(bump_generation, dispatch_uid="leporello_purge_pages")
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
