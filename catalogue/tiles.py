"""Deep-zoom tiles: a static IIIF Image API 3 level 0 layout, made in the background with Pillow.

Layout under the media storage (public, like renditions: config.storage.media_storage)::

    iiif/<image pk>/info.json
    iiif/<image pk>/<x>,<y>,<w>,<h>/<tw>,<th>/0/default.jpg   (or full/…, …/max/…)

`info_url(pk)` is the stable address of an image's info.json: IIIF manifests (a later issue) and
the visitor's zoom viewer (OpenSeadragon, `static/js/zoom.js`) read it. Tile addresses follow the
Image API's canonical form for the sizes listed, which is what OpenSeadragon and other level 0
clients request.

Tiles are public: they are made from the sRGB pixels alone (orientation applied, colour converted
with the embedded profile by LittleCMS) and saved without EXIF, XMP, ICC or comments.
"""

import contextlib
import io
import json
import logging
import math
import os
import posixpath

from django.conf import settings
from django.core.files.base import ContentFile
from django_tasks import task
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps

from config.storage import media_storage_instance as media_storage

from .tile_addresses import ROOT, folder, info_url  # noqa: F401 (this module's public names)

logger = logging.getLogger(__name__)

TILE_SIZE = 512
TILE_QUALITY = 80
CONTEXT = "http://iiif.io/api/image/3/context.json"


def service_id(image_pk):
    """The IIIF `id`: the absolute address of the tile folder.

    Uses LEPORELLO_PUBLIC_BASE_URL (else WAGTAILADMIN_BASE_URL) when the storage's URLs are
    relative; the viewer replaces it by the address it read info.json from, so a moved site keeps
    zooming before `make_tiles --info-only` rewrites the files.
    """
    url = media_storage.url(folder(image_pk))
    if url.startswith("/"):
        base = getattr(settings, "LEPORELLO_PUBLIC_BASE_URL", "") or getattr(
            settings, "WAGTAILADMIN_BASE_URL", ""
        )
        url = base.rstrip("/") + url
    return url


def scale_factors(width, height, tile_size=TILE_SIZE):
    """1, 2, 4, … down to the scale at which the whole image fits one tile."""
    factors = [1]
    while math.ceil(width / factors[-1]) > tile_size or math.ceil(height / factors[-1]) > tile_size:
        factors.append(factors[-1] * 2)
    return factors


def tile_layout(width, height, factor, tile_size=TILE_SIZE):
    """Yield (box in the level image, IIIF path) for every tile at one scale factor.

    Mirrors the canonical region/size forms a level 0 client asks for (OpenSeadragon's
    IIIFTileSource for version 3): `full` region when a tile covers the image, `max` size at full
    resolution, otherwise `w,h`.
    """
    level_w, level_h = math.ceil(width / factor), math.ceil(height / factor)
    if level_w < tile_size and level_h < tile_size:
        size = "max" if factor == 1 else f"{level_w},{level_h}"
        yield (0, 0, level_w, level_h), f"full/{size}/0/default.jpg"
        return
    step = tile_size * factor
    for j in range(math.ceil(level_h / tile_size)):
        for i in range(math.ceil(level_w / tile_size)):
            x, y = i * step, j * step
            w, h = min(step, width - x), min(step, height - y)
            region = "full" if (x, y, w, h) == (0, 0, width, height) else f"{x},{y},{w},{h}"
            tw, th = (
                min(tile_size, level_w - i * tile_size),
                min(tile_size, level_h - j * tile_size),
            )
            size = "max" if (tw, th) == (width, height) else f"{tw},{th}"
            box = (i * tile_size, j * tile_size, i * tile_size + tw, j * tile_size + th)
            yield box, f"{region}/{size}/0/default.jpg"


def info_json(image_pk, width, height, factors, tile_size=TILE_SIZE):
    return {
        "@context": CONTEXT,
        "id": service_id(image_pk),
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": width,
        "height": height,
        "tiles": [{"width": tile_size, "height": tile_size, "scaleFactors": factors}],
        "preferredFormats": ["jpg"],
    }


SRGB = ImageCms.createProfile("sRGB")


def public_pixels(file):
    """The image as 8-bit sRGB pixels with nothing else: orientation applied, colour converted
    from the embedded ICC profile (LittleCMS), 16-bit and greyscale scaled, CMYK converted.

    `file` is an open binary file. Returns a PIL image in mode RGB whose `info` is empty.
    Raises PIL's errors (OSError, ValueError) for files Pillow cannot read.
    """
    with PILImage.open(file) as source:
        source.load()
        icc = source.info.get("icc_profile")
        image = ImageOps.exif_transpose(source)
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits (Pillow's convert("L") clips at 255).
        image = image.point(lambda v: v / 256).convert("L")
    if icc and image.mode in ("RGB", "CMYK", "L"):
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(
                image, source_profile, SRGB, outputMode="RGB", renderingIntent=0
            )
        except (ImageCms.PyCMSError, OSError) as error:
            logger.warning("Unusable ICC profile, converting without it: %s", error)
    if image.mode != "RGB":
        image = image.convert("RGB")
    image.info = {}
    return image


def _delete_tree(storage, path):
    try:
        dirs, files = storage.listdir(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        storage.delete(posixpath.join(path, name))
    for name in dirs:
        _delete_tree(storage, posixpath.join(path, name))
    if hasattr(storage, "path"):  # FileSystemStorage leaves empty folders behind
        with contextlib.suppress(OSError, NotImplementedError):
            os.rmdir(storage.path(path))


def _save(storage, name, content):
    stored = storage.save(name, ContentFile(content))
    if stored != name:  # a storage that renames instead of replacing: keep the layout intact
        raise OSError(f"Tile storage renamed {name} to {stored}")


def delete_tiles(image_pk, storage=media_storage):
    _delete_tree(storage, folder(image_pk))


def make_tiles(image, storage=media_storage, tile_size=TILE_SIZE):
    """Write the tiles and info.json of `image` (a CatalogueImage) and record them (DeepZoom).

    Returns the DeepZoom row. Memory: the decoded image (3 bytes a pixel: 290 MB at 96 MP)
    plus its half-size level. Raises what `public_pixels` raises.
    """
    from catalogue.models import DeepZoom

    with image.open_file() as file:
        level = public_pixels(file)
    width, height = level.size
    factors = scale_factors(width, height, tile_size)
    delete_tiles(image.pk, storage)
    base = folder(image.pk)
    for factor in factors:
        if factor > 1:
            target = (math.ceil(width / factor), math.ceil(height / factor))
            level = level.resize(target, PILImage.Resampling.LANCZOS)
        for box, path in tile_layout(width, height, factor, tile_size):
            buffer = io.BytesIO()
            level.crop(box).save(buffer, "JPEG", quality=TILE_QUALITY, optimize=True)
            _save(storage, f"{base}/{path}", buffer.getvalue())
    info = info_json(image.pk, width, height, factors, tile_size)
    _save(storage, f"{base}/info.json", json.dumps(info, indent=1).encode())
    zoom, _created = DeepZoom.objects.update_or_create(
        image=image,
        defaults={
            "width": width,
            "height": height,
            "tile_size": tile_size,
            "scale_factors": factors,
            "source_hash": image.file_hash or "",
        },
    )
    return zoom


@task(backend="renditions")
def make_tiles_task(image_pk):
    """Background task: the tiles of one image (queued behind its renditions)."""
    from catalogue.models import CatalogueImage

    image = CatalogueImage.objects.filter(pk=image_pk).select_related("deep_zoom").first()
    if image is None:
        return 0
    zoom = getattr(image, "deep_zoom", None)
    if zoom is not None and zoom.source_hash == (image.file_hash or ""):
        return 0  # made from this very file already (a publish queues the tiles again)
    try:
        zoom = make_tiles(image)
    except (OSError, ValueError, PILImage.DecompressionBombError):
        logger.exception("Deep-zoom tiles of image %s (%s) failed", image.pk, image.title)
        return 0
    return len(zoom.scale_factors)
