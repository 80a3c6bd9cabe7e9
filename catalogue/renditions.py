"""The renditions visitors' pages use, made when an image is uploaded or a work published.

Templates ask for exactly these specs (`{% picture_of image "main" %}`), so a published work's page
finds every rendition already in the database and never encodes an image inside a request.
"""

from django.db import transaction
from django_tasks import task

# Main image: 768–1366 px wide tablets at 1x and 2x; the zoom rendition goes to 2732 px.
MAIN_WIDTHS = (1024, 1536, 2048)
# Thumbnails in the catalogue grids: a 4:3 crop, about 300 px wide on screen at 1x and 2x.
THUMB_SIZES = ((320, 240), (640, 480))
FORMATS = ("avif", "webp", "jpeg")
ZOOM_SPEC = "width-2732|format-jpeg|jpegquality-85"

SPECS = {
    "main": [f"width-{w}|format-{fmt}" for fmt in FORMATS for w in MAIN_WIDTHS],
    "thumb": [f"fill-{w}x{h}|format-{fmt}" for fmt in FORMATS for w, h in THUMB_SIZES],
}
# Wagtail never enlarges: an image narrower than a width gets that rendition at its own size.
SIZES = {
    "main": "(min-width: 72rem) 69rem, calc(100vw - 3rem)",
    "thumb": "(min-width: 48rem) 15rem, 45vw",
}


def all_specs():
    return [spec for specs in SPECS.values() for spec in specs] + [ZOOM_SPEC]


@task()
def make_renditions_task(image_pk):
    from catalogue.models import CatalogueImage

    image = CatalogueImage.objects.filter(pk=image_pk).first()
    if image is not None:
        image.get_renditions(*all_specs())


def schedule_renditions(image_pk):
    """Make every visitor rendition of an image once the current transaction commits."""
    transaction.on_commit(lambda: make_renditions_task.enqueue(image_pk))
