from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """The translation workflow's outputs: dashboard, spreadsheet and XLIFF round trip.

    It reads works (catalogue) and tours (exhibition); nothing imports it.
    """

    name = "translations"
    verbose_name = _("Translations")
    default_auto_field = "django.db.models.BigAutoField"
