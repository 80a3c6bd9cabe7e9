"""Buttons other apps add to the admin of tour stops and exhibitions (printing: the PDFs;
openstandards: LIDO): one call registers a button everywhere the object is shown, under the
rule of the app that adds it."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets import Button, HeaderButton

from .models import ExhibitionPage, TourStop

# Other apps add buttons to the header of a tour stop's edit view with
# @hooks.register(TOUR_STOP_HEADER_BUTTONS), a function (tour_stop, user) -> HeaderButtons.
TOUR_STOP_HEADER_BUTTONS = "register_tour_stop_header_buttons"


def _url(url, obj):
    """`url` is (URL name, the arguments before the object's id)."""
    name, *args = url
    return reverse(name, args=[*args, obj.pk])


def register_tour_stop_button(label, url, rule, *, icon_name, priorities):
    """A button on each row of the tour stop listing and in the header of a stop's edit view,
    for users `rule` lets in. `url`: (URL name, the arguments before the stop's id);
    `priorities`: (in the listing, in the header)."""
    listing_priority, header_priority = priorities

    @hooks.register("register_snippet_listing_buttons")
    def listing_button(snippet, user, next_url=None):
        if isinstance(snippet, TourStop) and rule(user):
            yield Button(label, _url(url, snippet), icon_name=icon_name, priority=listing_priority)

    @hooks.register(TOUR_STOP_HEADER_BUTTONS)
    def header_button(stop, user):
        if rule(user):
            yield HeaderButton(
                label, url=_url(url, stop), icon_name=icon_name, priority=header_priority
            )


def register_exhibition_button(label, url, rule, *, icon_name, priority):
    """A button in the header of an exhibition page's edit view and in its "More" menu of the
    page listing, for users `rule` lets in. `url`: (URL name, the arguments before the page's
    id)."""

    def buttons(page, user):
        if page.specific_class is ExhibitionPage and rule(user):
            yield Button(label, _url(url, page), icon_name=icon_name, priority=priority)

    @hooks.register("register_page_header_buttons")
    def header_button(page, user, view_name=None, next_url=None):
        yield from buttons(page, user)

    @hooks.register("register_page_listing_more_buttons")
    def listing_button(page, user, next_url=None):
        yield from buttons(page, user)
