"""Which renditions visitors' pages use (specs, sizes) and which of them exist now.

Apart from `catalogue.renditions` (which makes them in the background) so that models and
pages can name and read renditions without importing the worker's module.
"""

from django.core.exceptions import ObjectDoesNotExist
from wagtail.images.models import Filter

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


def available_renditions(image, specs):
    """The renditions among `specs` that exist now, in the order of `specs`; never makes one.

    Reads prefetched renditions when the caller prefetched them, else Wagtail's rendition cache
    and one query. Returns {spec: rendition}, possibly empty.
    """
    filters = [Filter(spec=s) for s in specs]
    found = image.find_existing_renditions(*filters)
    return {f.spec: found[f] for f in filters if f in found}


def zoom_of(image):
    """What the zoom dialog opens: {'iiif': info.json URL or '', 'src': a large JPEG or ''}.

    Tiles when they exist (IIIF level 0), else the zoom JPEG, else the largest JPEG there is.
    """
    if not image:
        return {"iiif": "", "src": ""}
    try:
        iiif = image.deep_zoom.info_url
    except ObjectDoesNotExist:
        iiif = ""  # the zoom JPEG until the tiles are made (their DeepZoom row purges the cache)
    candidates = [ZOOM_SPEC, *reversed([s for s in SPECS["main"] if "jpeg" in s])]
    found = available_renditions(image, candidates)
    src = next((found[s].url for s in candidates if s in found), "")
    return {"iiif": iiif, "src": src}
