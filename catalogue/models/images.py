import io
import logging
import os
from contextlib import contextmanager

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.db import models, transaction
from django.db.models import Prefetch
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Filter,
    Image,
    SourceImageIOError,
)
from wagtail.utils.file import hash_filelike
from willow.plugins.pillow import PillowImage

from catalogue import photos
from catalogue.rendition_specs import SHARE_SPEC, SPECS, ZOOM_SPEC

from .translation_state import localized

logger = logging.getLogger(__name__)


def original_storage():
    """Where uploaded originals are kept for the registrar: the "private" storage when one is
    configured (object storage), else LEPORELLO_PRIVATE_ROOT. Never served under MEDIA_URL."""
    if "private" in settings.STORAGES:
        from config.storage import AliasStorage

        return AliasStorage("private")  # looked up when used, so tests may swap STORAGES
    return FileSystemStorage(location=settings.LEPORELLO_PRIVATE_ROOT, base_url=None)


class UnrenderableImage(SourceImageIOError):
    """A stored image from which a rendition cannot be made (damaged file, unknown format).

    A SourceImageIOError, so Wagtail's admin listings and choosers show a broken image instead of
    failing, and the visitor templates show a placeholder (visitor.templatetags).
    """


class PublicFilter(Filter):
    """Wagtail's filter, opening the image the way every public file must start: turned upright,
    in sRGB, with no metadata but the colour profile (no GPS, camera, maker notes or XMP).

    Web masters already are; this also covers images stored before uploads were normalised.
    """

    @contextmanager
    def get_willow_image(self, image, source=None):
        with super().get_willow_image(image, source) as opened:
            format_name = opened.format_name
            pil = photos.orient(opened.get_pillow_image())
            pil = photos.strip_private_metadata(photos.to_srgb(pil))
            clean = PillowImage(pil)
            clean.format_name = format_name
            yield clean


class CatalogueImage(AbstractImage):
    """A photograph's image file with the rights information every rendition must carry."""

    photographer_credit = models.CharField(
        _("photographer credit"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Photo: Bernard Langerock"),
    )
    copyright = models.CharField(
        _("copyright"), max_length=255, blank=True, help_text=_("e.g. © Bernard Langerock 2024")
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=500,
        blank=True,
        help_text=_("What the photograph shows, for visitors who cannot see it."),
    )
    is_placeholder = models.BooleanField(
        _("placeholder"),
        default=False,
        help_text=_("A generated stand-in, not a photograph of the exhibition."),
    )

    original = models.FileField(
        _("original file"),
        upload_to="photographs/originals/",
        storage=original_storage,
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("The file as uploaded, kept for the registrar; never public."),
    )

    admin_form_fields = (
        *Image.admin_form_fields,
        "photographer_credit",
        "copyright",
        "alt_text_de",
        "alt_text_zh_hans",
        "alt_text_en",
        "is_placeholder",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored file's name, read without loading a deferred field.
        stored = self.__dict__.get("file")
        self._stored_file_name = getattr(stored, "name", stored) if self.pk else None

    @property
    def default_alt_text(self):
        return str(localized(self, "alt_text")) or self.title

    def _has_new_file(self):
        return bool(self.file) and (
            not self.file._committed or self.file.name != self._stored_file_name
        )

    def save(self, *args, **kwargs):
        """Every new file passes catalogue.photos.normalise() here, whichever way it came in
        (admin forms, demo, commands): the original goes to private storage, the web master
        becomes `file`. Raises photos.PhotoRefused (a ValidationError) for a file that is none
        of the accepted photographs."""
        update_fields = kwargs.get("update_fields")
        if (update_fields is None or "file" in update_fields) and self._has_new_file():
            self.normalise_file()
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    *("original", "width", "height", "file_size", "file_hash"),
                }
        super().save(*args, **kwargs)
        self._stored_file_name = self.file.name

    def normalise_file(self):
        """Replace `file` with its web master and keep the uploaded bytes in `original`."""
        committed = self.file._committed
        old_name, old_storage = self.file.name, self.file.storage
        source = self.file.storage.open(self.file.name, "rb") if committed else self.file.file
        try:
            photo = getattr(source, "leporello_photo", None) or photos.normalise(source)
            original_name = os.path.basename(self.file.name or "photograph")
            source.seek(0)
            self.original.save(original_name, File(source), save=False)
        finally:
            if committed:
                source.close()
        master = photo.web_master
        self.file = ContentFile(master, name=photos.web_master_name(original_name, photo.extension))
        self.width, self.height = photo.size
        self.file_size = len(master)
        self.file_hash = hash_filelike(io.BytesIO(master))
        if committed and old_name:
            transaction.on_commit(lambda: old_storage.delete(old_name))
        logger.info(
            "Image %r: %s %s web master %sx%s (%s)",
            self.title,
            photo.source_format,
            photo.source_mode,
            *photo.size,
            "; ".join(photo.notes) or "unchanged pixels",
        )

    def generate_rendition_file(self, filter, *, source=None):
        """Make a rendition from a clean, upright sRGB copy; a failure becomes UnrenderableImage
        (logged with the image and the reason) instead of an error page."""
        try:
            return super().generate_rendition_file(PublicFilter(filter.spec), source=source)
        except InvalidFilterSpecError:
            raise
        except Exception as exc:  # any decoder failure of a stored file
            logger.warning(
                "Image %s (%r) cannot be rendered as %s: %s", self.pk, self.title, filter.spec, exc
            )
            raise UnrenderableImage(f"{self.title}: {exc}") from exc

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("download_original", _("Can download original photograph files"))]


class CatalogueRendition(AbstractRendition):
    image = models.ForeignKey(CatalogueImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@receiver(post_delete, sender=CatalogueImage)
def delete_original(sender, instance, **kwargs):
    if instance.original:
        name, storage = instance.original.name, instance.original.storage
        transaction.on_commit(lambda: storage.delete(name))


def renditions_prefetch(kind, prefix=""):
    """A Prefetch of the pre-generated renditions of `kind` ('thumb' or 'main') of the images at
    `prefix`+"image" (prefix "work__" for checklist entries), for a page that draws them; 'main'
    also brings the zoom JPEG and the link-preview JPEG (SHARE_SPEC) the work page's head uses.
    Only these: code asking such an image for other renditions (print) must not get this
    partial set, or Wagtail would try to create existing ones."""
    return Prefetch(
        f"{prefix}image__renditions",
        queryset=CatalogueRendition.objects.filter(
            filter_spec__in=[*SPECS[kind], *([ZOOM_SPEC, SHARE_SPEC] if kind == "main" else [])]
        ),
    )
