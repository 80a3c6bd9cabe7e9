"""The best picture of an image that exists now, for pages; never makes a rendition.

Renditions are made by the background worker (`catalogue.renditions`). Until an image's own
renditions exist a page shows what there is: another existing rendition (the first JPEG the
worker makes, or the zoom JPEG), else a neutral stand-in at the image's proportions with its alt
text. Such a page is marked on the request (`renditions_pending`): the anonymous page cache keeps
it only briefly, and the worker's `renditions_made` signal purges it.
"""

import logging
import threading
from collections import OrderedDict

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail.images.models import Picture

from catalogue.renditions import FIRST_SPECS, SIZES, SPECS, ZOOM_SPEC, available_renditions

from .cache import generation_of

PENDING_IMAGE = "img/photo-pending.svg"
logger = logging.getLogger(__name__)


def readable(image):
    """Whether the image's stored file can be opened as a picture at all (header only: cheap).

    Asked only when an image has no rendition yet, to tell "being made" from "never will be"."""
    from PIL import Image as PILImage

    try:
        with image.open_file() as handle, PILImage.open(handle) as picture:
            picture.verify()
    except Exception as exc:  # any reason a file is not a picture: missing, damaged, unknown
        return exc
    return None


def missing_picture(image, kind, alt, css_class, reason):
    """What a visitor sees instead of a photograph that cannot be shown: a box with the image's
    alt text (hidden from screen readers where alt="" says the title beside it is enough)."""
    logger.warning(
        "Image %s (%r) shown as a placeholder (%s): %s", image.pk, image.title, kind, reason
    )
    text = image.default_alt_text if alt is None or alt == "" else alt
    classes = f"picture-missing picture-missing--{kind} {css_class}".strip()
    if alt == "":
        return format_html('<span class="{}" aria-hidden="true">{}</span>', classes, text)
    return format_html('<span class="{}" role="img" aria-label="{}">{}</span>', classes, text, text)


def _mark_pending(request):
    if request is not None:
        request.renditions_pending = True


def _format(spec):
    return spec.split("format-", 1)[-1].split("|")[0]


def distinct_widths(renditions):
    """{spec: rendition} keeping one rendition per format and width, the first in `renditions`.

    Wagtail never enlarges: an image narrower than 2048 px has several "width-…" renditions of
    its own width, and a srcset naming one width twice is invalid HTML (Nu HTML Checker).
    """
    seen, kept = set(), {}
    for spec, rendition in renditions.items():
        key = (_format(spec), rendition.width)
        if key not in seen:
            seen.add(key)
            kept[spec] = rendition
    return kept


class Fragments:
    """The <picture> markup of recently shown images, kept in this process (a listing draws the
    same thumbnails for every visitor). Keyed by the page-cache generation, the image (id and
    file), the kind of rendition (its specs) and the <img> attributes (alt text in the visitor's
    language, loading): every change that can alter a picture (renditions made, an image saved)
    purges the pages and so starts a new generation. At most MAX entries, least recently used
    first out (about 1.5 KB each)."""

    MAX = 5000

    def __init__(self):
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, key, value):
        with self.lock:
            self.entries[key] = value
            while len(self.entries) > self.MAX:
                self.entries.popitem(last=False)


FRAGMENTS = Fragments()


def picture_html(image, kind, attrs, request=None):
    """<picture> with the renditions of `kind` that exist; a fallback when there are none.

    `attrs` are the <img> attributes (alt, loading, …). Returns safe HTML, from FRAGMENTS when
    the same picture was drawn in this generation (requests only).
    """
    if request is None:
        return _picture_html(image, kind, attrs, request)
    key = (
        generation_of(request),
        image.pk,
        image.file.name,
        tuple(SPECS[kind]),
        tuple(sorted(attrs.items())),
    )
    found = FRAGMENTS.get(key)
    if found is None:
        marker = getattr(request, "renditions_pending", False)
        request.renditions_pending = False
        html = _picture_html(image, kind, attrs, request)
        found = (html, request.renditions_pending)
        request.renditions_pending = marker or found[1]
        FRAGMENTS.put(key, found)
    elif found[1]:
        _mark_pending(request)
    return found[0]


def _picture_html(image, kind, attrs, request=None):
    attrs = {"sizes": SIZES[kind], **attrs}
    renditions = available_renditions(image, SPECS[kind])
    if len(renditions) < len(SPECS[kind]):
        _mark_pending(request)
    if not renditions:
        fallback = available_renditions(image, [*FIRST_SPECS, ZOOM_SPEC])
        renditions = dict(list(fallback.items())[:1])
    if renditions:
        renditions = distinct_widths(renditions)
        if len(renditions) == len({_format(spec) for spec in renditions}):
            # One width per format: a plain srcset, and `sizes` without widths is invalid.
            attrs.pop("sizes", None)
        return Picture(renditions, attrs).__html__()
    problem = readable(image)
    if problem is not None:
        return missing_picture(image, kind, attrs.get("alt"), attrs.get("class", ""), problem)
    return format_html(
        '<picture><img src="{}" width="{}" height="{}" alt="{}" class="pending{}" '
        'data-pending="true"></picture>',
        static(PENDING_IMAGE),
        image.width,
        image.height,
        attrs.get("alt", ""),
        f" {attrs['class']}" if attrs.get("class") else "",
    )
