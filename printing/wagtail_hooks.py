from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from catalogue.menu import register_menu_items
from exhibition.admin_buttons import register_exhibition_button, register_tour_stop_button

from . import urls
from .permissions import may_print


@hooks.register("register_admin_urls")
def register_urls():
    return [path("printing/", include(urls, namespace="printing"))]


register_menu_items(
    "register_admin_menu_item", [(_("Print"), "printing:index", "doc-full", 230, may_print)]
)
for label, url, priorities in (
    (_("Labels PDF"), ("printing:labels",), (60, 10)),
    (_("Catalogue PDF"), ("printing:catalogue", "stop"), (61, 20)),
):
    register_tour_stop_button(label, url, may_print, icon_name="doc-full", priorities=priorities)
register_exhibition_button(
    _("Catalogue PDF"),
    ("printing:catalogue", "exhibition"),
    may_print,
    icon_name="doc-full",
    priority=80,
)
