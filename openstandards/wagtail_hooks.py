from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from exhibition.admin_buttons import register_exhibition_button, register_tour_stop_button

from .admin_views import lido_download
from .permissions import export_lido


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "lido/<str:kind>/<int:pk>/",
            lido_download,
            name="openstandards_lido",
        )
    ]


register_tour_stop_button(
    _("LIDO export"),
    ("openstandards_lido", "stop"),
    export_lido,
    icon_name="download",
    priorities=(70, 30),
)
register_exhibition_button(
    _("LIDO export"),
    ("openstandards_lido", "exhibition"),
    export_lido,
    icon_name="download",
    priority=90,
)
