from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenStandardsConfig(AppConfig):
    """Museum exchange formats (IIIF Presentation 3, LIDO 1.1): an output module that reads
    catalogue and exhibition; nothing imports it."""

    name = "openstandards"
    verbose_name = _("Open standards (IIIF, LIDO)")
    default_auto_field = "django.db.models.BigAutoField"
