from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
