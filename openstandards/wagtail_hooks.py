from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button, HeaderButton

from exhibition.models import ExhibitionPage, TourStop

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


def _url(kind, pk):
    return reverse("openstandards_lido", args=[kind, pk])


@hooks.register("register_snippet_listing_buttons")
def tour_stop_buttons(snippet, user, next_url=None):
    if isinstance(snippet, TourStop) and export_lido(user):
        yield Button(_("LIDO export"), _url("stop", snippet.pk), icon_name="download", priority=70)


@hooks.register("register_tour_stop_header_buttons")
def tour_stop_header_buttons(stop, user):
    if export_lido(user):
        yield HeaderButton(
            _("LIDO export"), url=_url("stop", stop.pk), icon_name="download", priority=30
        )


def _exhibition_button(page, user):
    if page.specific_class is ExhibitionPage and export_lido(user):
        yield Button(
            _("LIDO export"), _url("exhibition", page.pk), icon_name="download", priority=90
        )


@hooks.register("register_page_header_buttons")
def exhibition_header_button(page, user, view_name=None, next_url=None):
    yield from _exhibition_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def exhibition_listing_button(page, user, next_url=None):
    yield from _exhibition_button(page, user)
