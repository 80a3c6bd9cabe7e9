"""What a kiosk tablet stores to keep working offline (issue 16; docs/visitor-catalogue.md).

`precache_list(stop)` is the complete list the tablet's service worker (templates/visitor/
kiosk-sw.js) downloads into one cache per version: the stop's kiosk pages in every language its
venue offers (start, keypad, search page, each work, each section), each language's search index,
the static files those pages load, one tablet-size rendition of every picture (other renditions
of the same picture are `aliases` of it), then deep-zoom tiles image by image while they fit the
budget (`LEPORELLO_KIOSK_OFFLINE_BUDGET_MB`). Only public content: the same queries as the public
pages (published works, public stops, withdrawn entries left out), only public addresses.

The version is the page cache's generation (visitor/cache.py): every publish, checklist change or
translation approval bumps it through `catalogue.signals.public_content_changed`.
"""

import os

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import override

from catalogue.languages import LANGUAGE_CODES
from catalogue.models import Section, WorkPage
from catalogue.models.translation_state import localized
from catalogue.renditions import SPECS, ZOOM_SPEC, available_renditions
from catalogue.search import all_languages
from catalogue.search_keys import fold, fold_map_for, pinyin_terms
from catalogue.tiles import folder, tile_layout
from config.storage import media_storage_instance as media_storage

from .cache import generation
from .queries import stop_entries

MB = 1024 * 1024
# Static files the kiosk pages load (the viewer only when a visitor opens the zoom).
STATIC_FILES = (
    "css/site.css",
    "js/visitor.js",
    "js/zoom.js",
    "js/kiosk.js",
    "js/search-keys.js",
    "img/photo-pending.svg",
    "img/kiosk-icon-192.png",
    "img/kiosk-icon-512.png",
    "vendor/openseadragon/openseadragon.min.js",
)
# Address parts the service worker must never store or answer (also refused in the worker).
PRIVATE_PREFIXES = ("/admin/", "/documents/", "/django-admin/")


def version():
    """The current content version as a string (compared for equality only)."""
    return str(generation())


def venue_languages(stop):
    """The languages the stop's venue offers, in its label order, e.g. ['zh-hans', 'de', 'en']."""
    return [code for code in stop.venue.label_languages if code in LANGUAGE_CODES] or ["en"]


def search_index(stop, language):
    """The stop's offline search index in `language`: {"version", "map", "works": [{"n": label
    number, "u": kiosk address, "t": title in `language` (with fallback), "k": search key}]}.

    The key is the folded text (catalogue.search_keys.fold: simplified Chinese, German ae/oe/ue/ss)
    of title, caption, description and place in every language, inventory number and label, plus
    the Pinyin words of its Chinese; "map" is `fold_map_for` the keys (traditional → simplified
    for the characters that occur), so static/js/search-keys.js folds a query the same way."""
    entries = list(stop_entries(stop, thumbnails=False))
    works = []
    with override(language):
        for entry in entries:
            work = entry.work
            text = strip_tags(all_languages(work, WorkPage.VISITOR_SEARCH_FIELDS))
            key = fold(f"{text} {work.inventory_number or ''} {entry.label_number}")
            works.append(
                {
                    "n": entry.label_number,
                    "u": reverse(
                        "visitor:kiosk_work",
                        kwargs={"stop": stop.slug, "label": entry.label_number},
                    ),
                    "t": localized(work, "title", language).value,
                    "k": " ".join([" ".join(key.split()), *pinyin_terms(text)]),
                }
            )
    return {"version": version(), "map": fold_map_for(w["k"] for w in works), "works": works}


def _pages(count):
    """How many pages a listing of `count` works has (at least one)."""
    size = settings.LEPORELLO_PAGE_SIZE
    return max(1, -(-count // size))


def kiosk_pages(stop, entries, languages):
    """Addresses of every kiosk page of the stop in `languages`."""
    section_ids = {e.work.section_id for e in entries if e.work.section_id}
    sections = list(Section.objects.filter(pk__in=section_ids))
    urls = []
    for code in languages:
        with override(code):
            start = reverse("visitor:kiosk_catalogue", kwargs={"stop": stop.slug})
            urls += [
                start,
                reverse("visitor:kiosk_lookup", kwargs={"stop": stop.slug}),
                reverse("visitor:kiosk_search", kwargs={"stop": stop.slug}),
                reverse("visitor:kiosk_search_index", kwargs={"stop": stop.slug}),
                reverse("visitor:kiosk_staff", kwargs={"stop": stop.slug}),
            ]
            # Listings show LEPORELLO_PAGE_SIZE works a page ("More works", catalogue.paging):
            # every page of the stop and of each section, as the view's links name them.
            urls += [f"{start}?page={n}" for n in range(2, _pages(len(entries)) + 1)]
            if len(sections) > 1:
                for section in sections:
                    count = sum(1 for e in entries if e.work.section_id == section.pk)
                    address = f"{start}?section={section.slug}"
                    urls.append(address)
                    urls += [f"{address}&page={n}" for n in range(2, _pages(count) + 1)]
            urls += [
                reverse("visitor:kiosk_work", kwargs={"stop": stop.slug, "label": e.label_number})
                for e in entries
            ]
    return urls


def _static_size(name):
    """Bytes of a static file, or None when no storage or finder knows it."""
    try:
        return staticfiles_storage.size(name)
    except (OSError, NotImplementedError, ValueError):
        found = finders.find(name)  # no collected copy (DEBUG, tests): the source file
        if found:
            return os.path.getsize(found)
    return None


def _media_size(name):
    """Bytes of a stored media file, or None (not made yet, or the storage cannot tell)."""
    try:
        return media_storage.size(name)
    except (OSError, NotImplementedError):
        return None


def _choose(found, preferred):
    for spec in preferred:
        if spec in found:
            return spec
    return next(iter(found), None)


def _preference(kind):
    """Specs of `kind` in the order the kiosk prefers them: WebP (every tablet browser reads it,
    smaller than JPEG) at tablet size first, then JPEG, then other sizes."""
    width = settings.LEPORELLO_KIOSK_IMAGE_WIDTH
    specs = SPECS[kind]

    def rank(spec):
        fmt = spec.split("format-")[1]
        size = int(spec.split("-")[1].split("x")[0].split("|")[0])
        target = width if kind == "main" else 640
        return (size < target, abs(size - target), {"webp": 0, "jpeg": 1, "avif": 2}[fmt])

    return sorted(specs, key=rank)


def picture_files(image):
    """(files, aliases) of one image: the chosen thumbnail and main rendition as
    {"url", "bytes", "rev"}, and {other rendition's URL: chosen URL} for the rest."""
    files, aliases = [], {}
    for kind in ("thumb", "main"):
        found = available_renditions(
            image, [*SPECS[kind], *([ZOOM_SPEC] if kind == "main" else [])]
        )
        if not found:
            continue
        chosen = _choose({s: r for s, r in found.items() if s != ZOOM_SPEC}, _preference(kind))
        chosen = chosen or ZOOM_SPEC
        rendition = found[chosen]
        files.append(
            {
                "url": rendition.url,
                "bytes": _media_size(rendition.file.name),
                "rev": str(rendition.pk),
            }
        )
        for spec, other in found.items():
            if spec != chosen:
                aliases[other.url] = rendition.url
    return files, aliases


def tile_files(image):
    """The deep-zoom files of `image` (info.json and every tile), or [] without tiles."""
    try:
        zoom = image.deep_zoom
    except ObjectDoesNotExist:
        return []
    base = folder(image.pk)
    rev = str(int(zoom.made_at.timestamp()))
    names = [f"{base}/info.json"]
    for factor in zoom.scale_factors:
        names += [f"{base}/{path}" for _box, path in tile_layout(zoom.width, zoom.height, factor)]
    return [{"url": media_storage.url(n), "bytes": _media_size(n), "rev": rev} for n in names]


def _total(files):
    return sum(f["bytes"] or 0 for f in files)


def build_precache_list(stop):
    """See the module docstring. Returns {"stop", "version", "languages", "works", "budget",
    "bytes", "zoom": "all"|"some"|"none", "files": [{"url", "bytes" (None: not known before
    download), "rev"}], "aliases": {url: url}}; bytes in bytes."""
    made_in = version()
    entries = list(stop_entries(stop, thumbnails=False).select_related("work__image"))
    languages = venue_languages(stop)
    files = [
        {"url": url, "bytes": None, "rev": made_in} for url in kiosk_pages(stop, entries, languages)
    ]
    for name in STATIC_FILES:
        size = _static_size(name)
        files.append({"url": static(name), "bytes": size, "rev": f"{static(name)}:{size}"})
    aliases = {}
    images = [e.work.image for e in entries if e.work.image_id]
    for image in images:
        found, more = picture_files(image)
        files += found
        aliases.update(more)
    budget = settings.LEPORELLO_KIOSK_OFFLINE_BUDGET_MB * MB
    total, with_tiles = _total(files), 0
    for image in images:
        tiles = tile_files(image)
        if tiles and total + _total(tiles) <= budget:
            files += tiles
            total += _total(tiles)
            with_tiles += 1
    zoom = "none" if not with_tiles else "all" if with_tiles == len(images) else "some"
    seen, unique = set(), []
    for f in files:
        if f["url"] not in seen and not f["url"].startswith(PRIVATE_PREFIXES):
            seen.add(f["url"])
            unique.append(f)
    return {
        "stop": stop.slug,
        "version": made_in,
        "languages": languages,
        "works": len(entries),
        "budget": budget,
        "bytes": _total(unique),
        "zoom": zoom,
        "files": unique,
        "aliases": aliases,
    }


def precache_list(stop):
    """`build_precache_list`, kept in the cache for the current version (a stop of 100 works
    has thousands of tiles whose sizes are read from the storage)."""
    key = f"leporello:kiosk:precache:{stop.pk}:{version()}:{settings.LEPORELLO_KIOSK_OFFLINE_BUDGET_MB}"
    found = cache.get(key)
    if found is None:
        found = build_precache_list(stop)
        cache.set(key, found, settings.LEPORELLO_PAGE_CACHE_SECONDS or 60)
    return found
