import copy

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup
from wagtail.utils.version import get_main_version

from catalogue.menu import register_menu_items
from catalogue.viewsets import SnippetViewSet

from . import permissions, views
from .models import Photographer, Section


class PhotographerViewSet(SnippetViewSet):
    model = Photographer
    icon = "user"
    list_display = ["name", "sort_name"]
    search_fields = ["name_de", "name_zh_hans", "name_en", "sort_name"]


class SectionViewSet(SnippetViewSet):
    model = Section
    icon = "folder-open-inverse"
    list_display = ["title", "river", "sort_order"]
    ordering = ["sort_order"]


class CatalogueGroup(SnippetViewSetGroup):
    menu_label = _("Catalogue")
    menu_icon = "image"
    menu_order = 200
    items = (PhotographerViewSet, SectionViewSet)


register_snippet(CatalogueGroup)


@hooks.register("register_admin_urls")
def register_original_urls():
    return [
        path("catalogue/originals/", views.OriginalsView.as_view(), name="catalogue_originals"),
        path(
            "catalogue/images/<int:image_id>/original/",
            views.download_original,
            name="catalogue_image_original",
        ),
    ]


register_menu_items(
    "register_admin_menu_item",
    [
        (
            _("Original photographs"),
            "catalogue_originals",
            "image",
            310,
            permissions.download_originals,
        )
    ],
)


# Stock dashboard panels each role's own panels replace (the workflow panels stay: they show
# only when a page is in moderation; "locked pages" only when the user locked one).
STOCK_PANELS = {"recent_edits"}


@hooks.register("construct_homepage_panels")
def remove_stock_panels(request, panels):
    """Leave the dashboard to the role panels (curator, translator, registrar)."""
    if not permissions.site_admin(request.user):
        panels[:] = [p for p in panels if getattr(p, "name", None) not in STOCK_PANELS]


@hooks.register("construct_reports_menu")
def reports_for_superusers_only(request, menu_items):
    """Wagtail's reports (aging pages, page types, site history, workflows) are for site
    administrators; curators, translators and registrars get their own screens instead."""
    if not permissions.site_admin(request.user):
        menu_items.clear()


@hooks.register("construct_main_menu")
def main_menu_for_staff(request, menu_items):
    """Without a report the Reports menu is empty, and Wagtail's help menu links to its English
    editor guide: neither is shown to anyone but superusers."""
    if not permissions.site_admin(request.user):
        menu_items[:] = [item for item in menu_items if item.name not in {"reports", "help"}]


@hooks.register("construct_help_menu")
def whats_new_in_the_users_language(request, menu_items):
    """Wagtail formats its "What's new in Wagtail 8.0" label once, in the language of the first
    request after a start, and shows it so to everyone; a copy per request says it in the
    user's language."""
    for index, item in enumerate(menu_items):
        if item.name.startswith("whats-new-in-wagtail-"):
            fresh = copy.copy(item)
            fresh.label = _("What's new in Wagtail %(version)s") % {
                "version": get_main_version(include_patch=False)
            }
            menu_items[index] = fresh
