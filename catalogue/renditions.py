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

from .rendition_specs import (  # noqa: F401 (this module's public names since issue 9)
    FIRST_SPECS,
    FORMATS,
    MAIN_WIDTHS,
    SHARE_SPEC,
    SIZES,
    SPECS,
    THUMB_SIZES,
    ZOOM_SPEC,
    available_renditions,
)

logger = logging.getLogger(__name__)


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
