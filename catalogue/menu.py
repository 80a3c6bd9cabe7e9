"""One admin menu item class for the whole project: shown only to users a rule lets in.

Any app may import it (catalogue sits below every app but `gates`); the rules come from the
apps' `permissions.py` (see `catalogue.permissions`).
"""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A Wagtail `MenuItem` shown only when `rule(user)` is true (a `catalogue.permissions.Rule`
    or any callable taking the user)."""

    def __init__(self, *args, rule, **kwargs):
        self.rule = rule
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return self.rule(request.user)


def register_menu_items(hook_name, items):
    """Register under the Wagtail hook `hook_name` (the main menu or a submenu's) one item for
    each (label, URL name, icon name, order, rule) of `items`, shown to the users its rule lets
    in. The URL is reversed when the menu is built, once every app's admin URLs are registered."""
    for label, url_name, icon_name, order, rule in items:
        hooks.register(hook_name, _menu_item(label, url_name, icon_name, order, rule))


def _menu_item(label, url_name, icon_name, order, rule):
    return lambda: PermissionMenuItem(
        label, reverse(url_name), icon_name=icon_name, order=order, rule=rule
    )
