from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Catalogue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import rich_text, signal_handlers

        rich_text.connect()
        signal_handlers.connect()
        signal_handlers.register_signal_handlers()
