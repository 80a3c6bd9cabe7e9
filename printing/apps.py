from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrintingConfig(AppConfig):
    """Output module: wall labels and the printed catalogue (PDF). Reads works and tours;
    nothing imports it."""

    name = "printing"
    verbose_name = _("Printing")
    default_auto_field = "django.db.models.BigAutoField"
