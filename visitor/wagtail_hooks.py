"""Hooks of the visitor app: the kiosk setup page of a tour stop (issue 16), and its part of the
public pages of the works and exhibitions apps."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import HeaderButton

from catalogue.page_context import EXHIBITION_PAGE_CONTEXT, PICTURE_RENDERER, WORK_PAGE_CONTEXT

from . import kiosk_admin, page_context
from .permissions import set_up_kiosks


@hooks.register("register_admin_urls")
def register_urls():
    return [path("kiosk/<int:stop_id>/", kiosk_admin.setup, name="kiosk_setup")]


@hooks.register("register_tour_stop_header_buttons")
def kiosk_header_button(stop, user):
    """ "Kiosk" in the header of the tour stop's edit view (exhibition/wagtail_hooks.py)."""
    if set_up_kiosks(user):
        yield HeaderButton(
            _("Kiosk"),
            url=reverse("kiosk_setup", args=[stop.pk]),
            icon_name="tablet-alt",
            priority=30,
        )


# The visitor's part of the public pages of the works and exhibitions apps (visitor/page_context.py).
hooks.register(WORK_PAGE_CONTEXT, page_context.work_at_a_stop)
hooks.register(EXHIBITION_PAGE_CONTEXT, page_context.exhibition_tour)
hooks.register(PICTURE_RENDERER, page_context.picture)
