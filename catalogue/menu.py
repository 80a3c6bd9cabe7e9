"""One admin menu item class for the whole project: shown only to users a rule lets in.

Any app may import it (catalogue sits below every app but `gates`); the rules come from the
apps' `permissions.py` (see `catalogue.permissions`).
"""

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A Wagtail `MenuItem` shown only when `rule(user)` is true (a `catalogue.permissions.Rule`
    or any callable taking the user)."""

    def __init__(self, *args, rule, **kwargs):
        self.rule = rule
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return self.rule(request.user)
