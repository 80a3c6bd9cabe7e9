"""One decode-and-normalise step for every photograph that enters Leporello.

Every way in (the admin's image forms, the demo, commands, imports) ends in
`CatalogueImage.save()`, which calls `normalise()` on a new file; the admin form calls it first, so
a refusal is a form error and nothing is stored. What comes out:

- the **original**, byte for byte, kept for the registrar in private storage (never public);
- a **web master**: 8 bits per channel, sRGB (converted from the embedded ICC profile with
  LittleCMS through Pillow's ImageCms, never by dropping it), EXIF orientation applied, and no
  metadata but the sRGB profile. Every rendition, the zoom image and the PDFs derive from it.

Accepted: what cameras, raw converters, scanners and phones export: JPEG (baseline, progressive,
CMYK, MPO), PNG and TIFF in 8 or 16 bits per channel, greyscale, RGB, RGBA or CMYK, with or without
an ICC profile; HEIC/HEIF (pillow-heif), AVIF and WebP. Everything else is refused with a message
that names the format and what to export instead.

Memory: decoding holds width x height x 3 bytes (4 for CMYK/RGBA) plus a converted copy. Measured
on 96-megapixel (12,000 x 8,000) files: 0.5 GB peak for an RGB JPEG, 0.87 GB for CMYK or a 16-bit
Adobe RGB TIFF; at the 200-megapixel limit (`WAGTAILIMAGES_MAX_IMAGE_PIXELS`) 1 to 1.8 GB.
"""

import io
import logging
import os
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError
from pillow_heif import HeifImagePlugin  # noqa: F401 - importing it lets Pillow open HEIC/HEIF

logger = logging.getLogger(__name__)

# Pillow's format name -> what curators call it. Only these are decoded at all.
ACCEPTED_FORMATS = {
    "JPEG": "JPEG",
    "MPO": "JPEG",  # multi-picture JPEG from some cameras: the first picture is the photograph
    "PNG": "PNG",
    "TIFF": "TIFF",
    "HEIF": "HEIC",
    "AVIF": "AVIF",
    "WEBP": "WebP",
}
# File name endings and the format each must contain (Wagtail compares them; `.tif` is TIFF).
EXTENSIONS = {
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "png": "png",
    "tif": "tiff",
    "tiff": "tiff",
    "heic": "heic",
    "heif": "heic",
    "avif": "avif",
    "webp": "webp",
}
KNOWN_OTHER_FORMATS = {
    "GIF": _("a GIF graphic (256 colours at most)"),
    "BMP": _("a Windows bitmap (BMP)"),
    "PSD": _("a Photoshop document (PSD)"),
    "EPS": _("an EPS drawing"),
    "PDF": _("a PDF document"),
    "JPEG2000": _("a JPEG 2000 file"),
    "ICO": _("an icon file"),
    "SVG": _("an SVG drawing"),
    "PPM": _("a PPM bitmap"),
}
EXPORT_ADVICE = _(
    "Export the photograph from your raw converter or image editor as JPEG (quality 90 or more) "
    "or as TIFF (8 or 16 bits, RGB or greyscale), with its colour profile embedded."
)
WEB_MASTER_JPEG_QUALITY = 95
# Metadata a public file may keep: the colour profile. GPS, camera make/model/serials, maker
# notes, XMP (edit history), IPTC and comments are dropped.
PUBLIC_INFO_KEYS = ("icc_profile",)


class PhotoRefused(ValidationError):
    """The file is not a photograph Leporello can use; `messages` say why and what to do."""


def refused(message, code, **params):
    return PhotoRefused(message % params if params else message, code=code)


@cache
def srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@cache
def srgb_profile_bytes():
    return srgb_profile().tobytes()


def max_pixels():
    """The one pixel limit (width x height): `WAGTAILIMAGES_MAX_IMAGE_PIXELS`."""
    return settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def apply_pixel_limit():
    """Make Pillow's decompression-bomb check follow the setting (it warns above the limit and
    refuses above twice the limit; Leporello refuses above the limit itself)."""
    Image.MAX_IMAGE_PIXELS = max_pixels()


def pixel_limit_changed(setting, **kwargs):
    if setting == "WAGTAILIMAGES_MAX_IMAGE_PIXELS":
        apply_pixel_limit()


@dataclass
class NormalisedPhoto:
    """What `normalise` makes of an upload.

    web_master: encoded bytes (JPEG, or PNG when the photograph has transparency);
    extension: "jpg" or "png"; size: (width, height) in pixels after orientation;
    source_format: the curator's name of the uploaded format ("TIFF");
    notes: what was changed, in words ("converted from Adobe RGB (1998) to sRGB").
    """

    web_master: bytes
    extension: str
    size: tuple
    source_format: str
    source_mode: str
    notes: list


def _describe_unknown(fileobj):
    """Name a file Pillow will not decode for us, from its first bytes."""
    fileobj.seek(0)
    head = fileobj.read(512)
    fileobj.seek(0)
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<svg", b"<?xml")) and b"<svg" in head.lower():
        return KNOWN_OTHER_FORMATS["SVG"]
    try:
        with Image.open(fileobj) as probe:
            return KNOWN_OTHER_FORMATS.get(probe.format, probe.format)
    except Exception:
        return None
    finally:
        fileobj.seek(0)


def check_format(fileobj):
    """Refuse anything but the accepted formats before decoding pixels; returns the opened image."""
    fileobj.seek(0)
    try:
        # MPO is no format of its own to open: Pillow's JPEG opener returns it.
        image = Image.open(fileobj, formats=[f for f in ACCEPTED_FORMATS if f != "MPO"])
    except UnidentifiedImageError:
        what = _describe_unknown(fileobj)
        if what:
            raise refused(
                _("This file is %(what)s, not a photograph Leporello can use. %(advice)s"),
                "unsupported_format",
                what=what,
                advice=EXPORT_ADVICE,
            ) from None
        raise refused(
            _("This file is not an image Leporello can read. %(advice)s"),
            "invalid_image",
            advice=EXPORT_ADVICE,
        ) from None
    return image


def _open_checked(fileobj):
    image = check_format(fileobj)
    width, height = image.size
    if width * height > max_pixels():
        raise refused(
            _(
                "This image has %(pixels)s pixels (%(width)s × %(height)s); the limit is "
                "%(limit)s. Export it at a smaller size."
            ),
            "file_too_many_pixels",
            pixels=f"{width * height:,}",
            width=width,
            height=height,
            limit=f"{max_pixels():,}",
        )
    return image


def _to_8_bit(image, notes):
    """16- and 32-bit greyscale to 8 bits, scaled (Pillow's convert('L') would clip)."""
    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N"):
        notes.append("16-bit greyscale reduced to 8 bits")
        return image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    if image.mode == "I":
        # 32-bit integer greyscale from PNG/TIFF: 16-bit data in practice.
        notes.append("16-bit greyscale reduced to 8 bits")
        return image.point(lambda value: value * (1 / 257)).convert("L")
    return image


def _profile_of(image):
    data = image.info.get("icc_profile")
    if not data:
        return None, None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
        description = ImageCms.getProfileDescription(profile).strip()
    except (OSError, ImageCms.PyCMSError) as exc:
        raise refused(
            _(
                "The colour profile embedded in this file cannot be read (%(detail)s). Export it "
                "again with an sRGB or Adobe RGB (1998) profile embedded."
            ),
            "broken_colour_profile",
            detail=exc,
        ) from None
    return profile, description


def to_srgb(image, notes=None):
    """An 8-bit 'RGB', 'RGBA' or 'L' image in sRGB, converted with the embedded profile.

    Raises PhotoRefused for pixel formats a photograph does not come in (floating point, LAB).
    The result's info holds nothing but, for colour images, the sRGB profile.
    """
    notes = [] if notes is None else notes
    image = _to_8_bit(image, notes)
    if image.mode in ("F", "LAB", "HSV", "I;16S", "I;32", "I;32B", "I;32L"):
        raise refused(
            _(
                "This file stores its pixels as “%(mode)s”, which no browser or printer shows. "
                "%(advice)s"
            ),
            "unsupported_pixel_format",
            mode=image.mode,
            advice=EXPORT_ADVICE,
        )
    profile, description = _profile_of(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )
    if image.mode in ("1", "P", "PA", "YCbCr", "RGBX", "RGBa", "La", "LA"):
        image = image.convert("RGBA" if has_alpha else "RGB")
    if profile is not None and image.mode == "L" and profile.profile.xcolor_space.strip() != "GRAY":
        profile = None  # an RGB profile on grey pixels: nothing to convert with
    if profile is not None and image.info.get("icc_profile") != srgb_profile_bytes():
        out_mode = "RGBA" if has_alpha else "RGB"
        if image.mode == "L" and not has_alpha:
            out_mode = "RGB"
        try:
            image = ImageCms.profileToProfile(
                image,
                profile,
                srgb_profile(),
                renderingIntent=ImageCms.Intent.PERCEPTUAL,
                outputMode=out_mode,
            )
        except ImageCms.PyCMSError as exc:
            raise refused(
                _(
                    "The colour profile “%(profile)s” does not fit this file's pixels "
                    "(%(detail)s). Export it again with an sRGB or Adobe RGB (1998) profile."
                ),
                "broken_colour_profile",
                profile=description,
                detail=exc,
            ) from None
        notes.append(f"converted from {description} to sRGB")
    elif image.mode == "CMYK":
        # No profile: what browsers show for such a file (and what Pillow does).
        image = image.convert("RGB")
        notes.append("CMYK without a profile converted to RGB")
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA" if has_alpha else "RGB")
    image.info = {"icc_profile": srgb_profile_bytes()} if image.mode != "L" else {}
    return image


def orient(image, notes=None):
    """Pixels turned as the EXIF orientation says (the tag itself goes with the metadata)."""
    orientation = image.getexif().get(0x0112, 1)
    if orientation in (2, 3, 4, 5, 6, 7, 8):
        if notes is not None:
            notes.append(f"EXIF orientation {orientation} applied")
        return ImageOps.exif_transpose(image)
    return image


@contextmanager
def _truncated_files_fail():
    """Decode with Pillow's default: a truncated file raises OSError instead of being padded.

    WeasyPrint sets the process-wide `PIL.ImageFile.LOAD_TRUNCATED_IMAGES = True` when it is
    imported (weasyprint/images.py), so any process that has printed a PDF would otherwise accept
    a JPEG cut in half and store its grey lower part as a photograph.
    """
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def normalise(fileobj):
    """Decode a whole upload and derive its web master.

    fileobj: a seekable binary file (an upload, an open stored file, BytesIO).
    Returns a NormalisedPhoto; raises PhotoRefused (a ValidationError with a code) when the file
    is no accepted photograph, is damaged or has more pixels than the limit.
    """
    notes = []
    try:
        with warnings.catch_warnings(), _truncated_files_fail():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with _open_checked(fileobj) as source:
                source_format = ACCEPTED_FORMATS[source.format]
                source_mode = source.mode
                source.seek(0)  # the first picture of a multi-page TIFF or an MPO
                source.load()
                image = orient(source, notes)
                image = to_srgb(image, notes)
    except PhotoRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise refused(
            _("This image has too many pixels to process safely (%(detail)s)."),
            "file_too_many_pixels",
            detail=exc,
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise refused(
            _("This image file is damaged or incomplete and cannot be used (%(detail)s)."),
            "corrupt_image",
            detail=exc,
        ) from None
    finally:
        fileobj.seek(0)
    buffer = io.BytesIO()
    if image.mode == "RGBA":
        image.save(buffer, "PNG", icc_profile=image.info["icc_profile"], compress_level=6)
        extension = "png"
    else:
        options = {"quality": WEB_MASTER_JPEG_QUALITY, "subsampling": 0}
        if image.mode == "RGB":
            options["icc_profile"] = image.info["icc_profile"]
        image.save(buffer, "JPEG", **options)
        extension = "jpg"
    return NormalisedPhoto(
        web_master=buffer.getvalue(),
        extension=extension,
        size=image.size,
        source_format=source_format,
        source_mode=source_mode,
        notes=notes,
    )


def web_master_name(original_name, extension):
    stem = os.path.splitext(os.path.basename(original_name or "photograph"))[0] or "photograph"
    return f"{stem}.{extension}"


def strip_private_metadata(image):
    """Drop every metadata entry but the colour profile from a Pillow image, in place."""
    image.info = {key: image.info[key] for key in PUBLIC_INFO_KEYS if key in image.info}
    return image
