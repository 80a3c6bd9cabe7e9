"""Photographs for the PDFs: renditions by file address, and a clear error naming each work whose
image cannot be rendered (instead of a traceback halfway through a print run).

Renditions are made from the sRGB web master (catalogue.photos) through
catalogue.models.PublicFilter, so what reaches WeasyPrint is 8-bit sRGB without private metadata.
WeasyPrint writes image pixels as /DeviceRGB (it does not copy an embedded ICC profile): sRGB
pixels are what the PDF's sRGB output intent expects, so colours print as they show on screen.
"""

import logging
from pathlib import Path

from django.utils.translation import gettext as _

from .texts import PrintError

logger = logging.getLogger(__name__)


def file_uri(rendition):
    try:
        return Path(rendition.file.path).as_uri()
    except NotImplementedError:  # remote storage
        return rendition.file.url


class PrintImages:
    """Collects the works whose image cannot be rendered, to name them all in one error."""

    def __init__(self):
        self.problems = []

    def uri(self, image, spec, where):
        """file: URI of the image's rendition for `spec`, or None (noted) if it cannot be made."""
        try:
            return file_uri(image.get_rendition(spec))
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
