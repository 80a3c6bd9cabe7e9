from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue.menu import PermissionMenuItem

from . import views
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


@hooks.register("register_admin_menu_item")
def originals_menu_item():
    return PermissionMenuItem(
        _("Original photographs"),
        reverse("catalogue_originals"),
        icon_name="image",
        order=310,
        permission=views.ORIGINAL_PERMISSION,
    )
