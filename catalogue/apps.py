from django.apps import AppConfig
from django.core.signals import setting_changed
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Catalogue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, photos, rich_text, signal_handlers  # noqa: F401 (checks register)

        photos.apply_pixel_limit()
        setting_changed.connect(photos.pixel_limit_changed, dispatch_uid="leporello_pixel_limit")

        rich_text.connect()
        signal_handlers.connect()
        signal_handlers.register_signal_handlers()
