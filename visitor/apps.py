from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitorConfig(AppConfig):
    """The public catalogue visitors read: output side, reads catalogue and exhibition."""

    name = "visitor"
    verbose_name = _("Visitor catalogue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .cache import register_purge_signals

        register_purge_signals()
