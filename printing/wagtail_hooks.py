from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button, HeaderButton

from catalogue.menu import PermissionMenuItem
from exhibition.models import ExhibitionPage, TourStop

from . import urls
from .permissions import may_print


@hooks.register("register_admin_urls")
def register_urls():
    return [path("printing/", include(urls, namespace="printing"))]


@hooks.register("register_admin_menu_item")
def register_menu():
    return PermissionMenuItem(
        _("Print"), reverse("printing:index"), icon_name="doc-full", order=230, rule=may_print
    )


@hooks.register("register_snippet_listing_buttons")
def tour_stop_buttons(snippet, user, next_url=None):
    if isinstance(snippet, TourStop) and may_print(user):
        yield Button(
            _("Labels PDF"),
            reverse("printing:labels", args=[snippet.pk]),
            icon_name="doc-full",
            priority=60,
        )
        yield Button(
            _("Catalogue PDF"),
            reverse("printing:catalogue", args=["stop", snippet.pk]),
            icon_name="doc-full",
            priority=61,
        )


@hooks.register("register_tour_stop_header_buttons")
def tour_stop_header_buttons(stop, user):
    """In the header of the tour stop's edit view (exhibition/wagtail_hooks.py)."""
    if may_print(user):
        yield HeaderButton(
            _("Labels PDF"),
            url=reverse("printing:labels", args=[stop.pk]),
            icon_name="doc-full",
            priority=10,
        )
        yield HeaderButton(
            _("Catalogue PDF"),
            url=reverse("printing:catalogue", args=["stop", stop.pk]),
            icon_name="doc-full",
            priority=20,
        )


def _exhibition_button(page, user):
    if page.specific_class is ExhibitionPage and may_print(user):
        yield Button(
            _("Catalogue PDF"),
            reverse("printing:catalogue", args=["exhibition", page.pk]),
            icon_name="doc-full",
            priority=80,
        )


@hooks.register("register_page_header_buttons")
def exhibition_header_button(page, user, view_name=None, next_url=None):
    yield from _exhibition_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def exhibition_listing_button(page, user, next_url=None):
    yield from _exhibition_button(page, user)
