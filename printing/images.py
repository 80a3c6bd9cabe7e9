"""Images for WeasyPrint: always a file on this machine, wherever the renditions are stored.

WeasyPrint reads images itself, by address. Renditions on local disk are handed over as
``file://`` paths; renditions in an object store are copied once into
``LEPORELLO_PRINT_IMAGE_CACHE`` (read through the storage API, never fetched over HTTP from a
public address) so the locked-down URL fetcher only ever reads local files. A rendition's name
changes with its content (Wagtail puts the filter spec and a hash into it), so a copy never goes
stale; copies unused for LEPORELLO_PRINT_IMAGE_CACHE_DAYS are removed by the next print run.

Photographs for the PDFs: renditions by file address, and a clear error naming each work whose
image cannot be rendered (instead of a traceback halfway through a print run).

Renditions are made from the sRGB web master (catalogue.photos) through
catalogue.models.PublicFilter, so what reaches WeasyPrint is 8-bit sRGB without private metadata.
WeasyPrint writes image pixels as /DeviceRGB (it does not copy an embedded ICC profile): sRGB
pixels are what the PDF's sRGB output intent expects, so colours print as they show on screen.
"""

import hashlib
import logging
import os
import tempfile
import time
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

from .texts import PrintError

logger = logging.getLogger(__name__)


def cache_root():
    return Path(settings.LEPORELLO_PRINT_IMAGE_CACHE)


def image_uri(rendition):
    """A ``file://`` URI of `rendition`'s bytes on this machine (copied from remote storage).

    Raises OSError (or the storage's error) when the file cannot be read.
    """
    try:
        return Path(rendition.file.path).as_uri()
    except NotImplementedError:  # an object store: no local path
        return local_copy(rendition.file).as_uri()


def local_copy(fieldfile):
    """Path of a local copy of `fieldfile` (a stored file), made on first use."""
    name = fieldfile.name
    digest = hashlib.sha256(name.encode()).hexdigest()[:16]
    # Only the last part of the stored name, behind a digest of the whole: no path can escape.
    target = cache_root() / digest[:2] / f"{digest}-{PurePosixPath(name).name}"
    if target.exists():
        os.utime(target)  # used: keep it past the next prune
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out, fieldfile.storage.open(name, "rb") as source:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                out.write(chunk)
        os.replace(temporary, target)  # atomic: a parallel print run never reads half a file
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def prune_cache(days=None, now=None):
    """Delete cached copies not used for `days` (LEPORELLO_PRINT_IMAGE_CACHE_DAYS); returns the
    number deleted."""
    days = settings.LEPORELLO_PRINT_IMAGE_CACHE_DAYS if days is None else days
    limit = (now or time.time()) - days * 86400
    root, deleted = cache_root(), 0
    if not root.exists():
        return 0
    for path in root.glob("*/*"):
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted


file_uri = image_uri  # the name printing.labels and printing.printed_catalogue use


class PrintImages:
    """Collects the works whose image cannot be rendered, to name them all in one error."""

    def __init__(self):
        self.problems = []

    def uri(self, image, spec, where):
        """file: URI of the image's rendition for `spec`, or None (noted) if it cannot be made."""
        try:
            return image_uri(image.get_rendition(spec))
        except (OSError, ValueError) as exc:  # SourceImageIOError/UnrenderableImage, bad file
            logger.warning("No print image for %s (image %s): %s", where, image.pk, exc)
            self.problems.append((where, image, exc))
            return None

    def check(self):
        """Raise PrintError naming every work whose image could not be rendered."""
        if not self.problems:
            return
        lines = [
            _("%(work)s: image “%(image)s” cannot be rendered (%(detail)s)")
            % {"work": where, "image": image.title, "detail": exc}
            for where, image, exc in self.problems
        ]
        raise PrintError(
            _(
                "Some photographs cannot be printed. Replace their image files in the admin "
                "(Images → the image → Change image file), then print again:\n%(lines)s"
            )
            % {"lines": "\n".join(lines)}
        )
