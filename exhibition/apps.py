from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionConfig(AppConfig):
    name = "exhibition"
    verbose_name = _("Exhibition and tour")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .privacy import register_document_policy

        register_document_policy()
