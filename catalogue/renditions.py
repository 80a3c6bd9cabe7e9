"""The renditions visitors' pages use, made in the background when an image is uploaded or a work
published, never inside a web request.

Templates ask for exactly these specs (`{% picture_of image "main" %}`); they show the renditions
that exist so far (`available_renditions`) and never make one. The worker (`manage.py db_worker
--backend renditions`) makes them in `ORDER`: first the one JPEG a page needs to show anything,
AVIF last; then the deep-zoom tiles (`catalogue.tiles`).
"""

import logging

from django.db import transaction
from django.dispatch import Signal
from django_tasks import task
from wagtail.images.models import Filter

logger = logging.getLogger(__name__)

# Main image: 768–1366 px wide tablets at 1x and 2x; the zoom rendition goes to 2732 px.
MAIN_WIDTHS = (1024, 1536, 2048)
# Thumbnails in the catalogue grids: a 4:3 crop, about 300 px wide on screen at 1x and 2x.
THUMB_SIZES = ((320, 240), (640, 480))
FORMATS = ("avif", "webp", "jpeg")
# Shown in the zoom dialog when an image has no deep-zoom tiles (yet).
ZOOM_SPEC = "width-2732|format-jpeg|jpegquality-85"
# Link previews (Open Graph, Twitter cards) and the schema.org image: a JPEG every crawler reads,
# the whole photograph within 1200 px (a work is not cropped to the 1.91:1 preview box).
SHARE_SPEC = "max-1200x1200|format-jpeg|jpegquality-85"

SPECS = {
    "main": [f"width-{w}|format-{fmt}" for fmt in FORMATS for w in MAIN_WIDTHS],
    "thumb": [f"fill-{w}x{h}|format-{fmt}" for fmt in FORMATS for w, h in THUMB_SIZES],
}
# Wagtail never enlarges: an image narrower than a width gets that rendition at its own size.
SIZES = {
    "main": "(min-width: 72rem) 69rem, calc(100vw - 3rem)",
    "thumb": "(min-width: 48rem) 15rem, 45vw",
}

# What a page can show soonest: the smallest JPEG of each kind (every browser reads JPEG).
FIRST_SPECS = ("width-1024|format-jpeg", "fill-320x240|format-jpeg")


def _format_rank(spec):
    fmt = spec.split("format-")[1].split("|")[0]
    return {"jpeg": 0, "webp": 1, "avif": 2}[fmt]


def all_specs():
    return [spec for specs in SPECS.values() for spec in specs] + [ZOOM_SPEC, SHARE_SPEC]


# The worker's order: the first JPEGs, the other JPEGs, WebP, the zoom JPEG, then AVIF (the slow
# encoder: about 1.5 s for a 2048 px rendition on one core).
ORDER = [
    *FIRST_SPECS,
    *sorted(
        (s for s in all_specs() if s not in FIRST_SPECS),
        key=lambda s: (_format_rank(s) if s != ZOOM_SPEC else 1.5, s),
    ),
]

# Sent (in the worker) after renditions of an image were made, so that caches of pages showing a
# stand-in can be dropped: sender is CatalogueImage, `image` the instance, `specs` those made.
renditions_made = Signal()

# Queued ahead of everything else; tiles behind all renditions of all images.
FIRST_PRIORITY, REST_PRIORITY, TILES_PRIORITY = 20, 0, -20


@task(backend="renditions")
def make_renditions_task(image_pk, specs=None):
    """Make the renditions `specs` (default: all of ORDER) of one image, one at a time.

    One at a time, not Wagtail's three threads: each decode of a 96 MP original holds about
    300 MB, and every finished rendition is shown by pages at once.
    """
    from catalogue.models import CatalogueImage

    image = CatalogueImage.objects.filter(pk=image_pk).first()
    if image is None:
        return 0
    wanted = [s for s in ORDER if s in (specs or ORDER)]
    have = available_renditions(image, wanted)
    missing = [s for s in wanted if s not in have]
    made = []
    for spec in missing:
        try:
            image.get_rendition(spec)
        except Exception:
            # A picture that cannot be rendered stays on its stand-in; the log names it.
            logger.exception("Rendition %s of image %s (%s) failed", spec, image.pk, image.title)
            break
        made.append(spec)
    if made:
        renditions_made.send(sender=CatalogueImage, image=image, specs=made)
    return len(made)


def schedule_renditions(image_pk, tiles=True):
    """Queue every visitor rendition of an image (and its zoom tiles) once the current transaction
    commits: the first JPEGs at high priority, the rest after all images' first ones."""

    def enqueue():
        make_renditions_task.using(priority=FIRST_PRIORITY).enqueue(image_pk, list(FIRST_SPECS))
        make_renditions_task.using(priority=REST_PRIORITY).enqueue(image_pk, None)
        if tiles:
            from catalogue.tiles import make_tiles_task

            make_tiles_task.using(priority=TILES_PRIORITY).enqueue(image_pk)

    transaction.on_commit(enqueue)


def available_renditions(image, specs):
    """The renditions among `specs` that exist now, in the order of `specs`; never makes one.

    Reads prefetched renditions when the caller prefetched them, else Wagtail's rendition cache
    and one query. Returns {spec: rendition}, possibly empty.
    """
    filters = [Filter(spec=s) for s in specs]
    found = image.find_existing_renditions(*filters)
    return {f.spec: found[f] for f in filters if f in found}
