from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import WorkListingViewSet
from .models import TourStop, Venue
from .models.registrar import Lender, WorkLoan


@hooks.register("register_admin_viewset")
def register_work_listing():
    return WorkListingViewSet("works")


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "city", "country", "time_zone"]
    search_fields = ["name_de", "name_zh_hans", "name_en", "city_de", "city_zh_hans", "city_en"]


class TourStopViewSet(SnippetViewSet):
    model = TourStop
    icon = "date"
    list_display = ["__str__", "exhibition", "venue", "opening", "closing", "status"]
    list_filter = ["status", "exhibition"]
    ordering = ["install_start"]


class TourGroup(SnippetViewSetGroup):
    menu_label = _("Tour")
    menu_icon = "globe"
    menu_order = 210
    items = (TourStopViewSet, VenueViewSet)


class LenderViewSet(SnippetViewSet):
    model = Lender
    icon = "group"
    list_display = ["name"]
    search_fields = ["name"]


class WorkLoanViewSet(SnippetViewSet):
    model = WorkLoan
    icon = "lock"
    list_display = ["work", "lender", "insurance_value", "currency"]
    list_filter = ["lender", "currency"]


class RegistrarGroup(SnippetViewSetGroup):
    """Private data: the menu only appears for users with registrar permissions."""

    menu_label = _("Registrar")
    menu_icon = "lock"
    menu_order = 220
    items = (WorkLoanViewSet, LenderViewSet)


register_snippet(TourGroup)
register_snippet(RegistrarGroup)
