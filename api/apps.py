from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The public read-only API under /api/v1/ (an output module: reads catalogue and exhibition,
    nothing imports it). docs/api.md."""

    name = "api"
    verbose_name = _("Public API")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system check)
