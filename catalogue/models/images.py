from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from catalogue.languages import localized


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

    admin_form_fields = (
        *Image.admin_form_fields,
        "photographer_credit",
        "copyright",
        "alt_text_de",
        "alt_text_zh_hans",
        "alt_text_en",
        "is_placeholder",
    )

    @property
    def default_alt_text(self):
        return str(localized(self, "alt_text")) or self.title

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CatalogueRendition(AbstractRendition):
    image = models.ForeignKey(CatalogueImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
