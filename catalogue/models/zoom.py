from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogue.tile_addresses import info_url

from .images import CatalogueImage


class DeepZoom(models.Model):
    """The deep-zoom tiles of an image exist: a static IIIF Image API 3 level 0 layout under
    `iiif/<image pk>/` in the media storage (made by `catalogue.tiles`)."""

    image = models.OneToOneField(
        CatalogueImage, on_delete=models.CASCADE, related_name="deep_zoom", verbose_name=_("image")
    )
    width = models.PositiveIntegerField(_("width (px)"))
    height = models.PositiveIntegerField(_("height (px)"))
    tile_size = models.PositiveIntegerField(_("tile size (px)"))
    scale_factors = models.JSONField(_("scale factors"), default=list)
    # The image file the tiles were made from: tiles of a replaced file are made again.
    source_hash = models.CharField(_("source file hash"), max_length=40, blank=True)
    made_at = models.DateTimeField(_("made at"), auto_now=True)

    class Meta:
        verbose_name = _("deep-zoom tiles")
        verbose_name_plural = _("deep-zoom tiles")

    def __str__(self):
        return f"{self.image} ({self.width}×{self.height}, {len(self.scale_factors)} scales)"

    @property
    def info_url(self):
        """Where the viewer and IIIF clients read the info.json (stable for the image)."""
        return info_url(self.image_id)
