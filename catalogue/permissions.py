"""Who may do what, each rule written once: the `Rule` every app's `permissions.py` is made of,
and the rules of the works app.

Every app that checks staff rights keeps its rules in its own `permissions.py` (catalogue,
exhibition, printing, translations, visitor, openstandards); the views, menu items, buttons,
dashboard panels, actions and commands of that app ask the rule, never `user.has_perm` directly,
so a change to who may do something is made in one line. A rule answers in three shapes:

- `rule(user)` -> bool, for menu items (`catalogue.menu.PermissionMenuItem`), buttons, columns
  and panels; `None` (no user) is refused.
- `rule.require(user)` raises `PermissionDenied` (with the rule's message, if it has one), for
  actions, commands and class-based views.
- `@rule.view` guards an admin view function with Wagtail's `user_passes_test`: the admin's
  "you do not have permission" redirect (403 for XMLHttpRequest), which is also what
  `require_admin_access` answers when a view raises `PermissionDenied`.

Model permissions go through Wagtail's `ModelPermissionPolicy` (`Rule.model`); the permissions a
model declares in `Meta.permissions` through `user.has_perms` (`Rule.perms`).
"""

from django.core.exceptions import PermissionDenied
from wagtail.admin.auth import user_passes_test
from wagtail.admin.views.pages.listing import IndexView as PageIndexView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models.works import FACTS


class Rule:
    """A test of a user, `test(user) -> bool`, with the message `require` raises (or None)."""

    def __init__(self, test, message=None):
        self.test, self.message = test, message

    @classmethod
    def perms(cls, *names, message=None):
        """All of the permissions `names` ("app.codename")."""
        return cls(lambda user: user.has_perms(names), message)

    @classmethod
    def model(cls, model, *actions, message=None):
        """All of `actions` ("view", "change", …) on `model` ("app.Model", resolved when first
        asked, so no module needs to import the model class)."""
        policy = ModelPermissionPolicy(model)
        return cls(lambda user: all(policy.user_has_permission(user, a) for a in actions), message)

    def __call__(self, user):
        return user is not None and bool(self.test(user))

    def __and__(self, other):
        """Both rules; the message of the first that has one."""
        return Rule(lambda user: self(user) and other(user), self.message or other.message)

    def require(self, user):
        """Raise PermissionDenied unless `user` passes. The message is translated now, in the
        language active for the caller (the command's, the request's)."""
        if not self(user):
            raise PermissionDenied(str(self.message)) if self.message else PermissionDenied

    def view(self, view_func):
        """Decorate an admin view function: refused before it looks anything up, so an id that
        exists and one that does not answer alike."""
        return user_passes_test(self)(view_func)


# The registrar downloads originals as the photographer delivered them (GPS and camera data).
download_originals = Rule.perms("catalogue.download_original")

# Curators: the works' dates, numbers and measurements (the same permission guards those
# fields' panels, `catalogue.models.works.FACTS`); translators lack it.
curator = Rule.perms(FACTS)

# Site administrators: Wagtail's reports, its help menu and the stock dashboard panels.
site_admin = Rule(lambda user: user.is_superuser)

# The Works list (exhibition/admin_views.py) opens for anyone with a page permission Wagtail's
# own page listing asks for; the Registrar has none.
_pages = PagePermissionPolicy()
list_works = Rule(
    lambda user: _pages.user_has_any_permission(user, PageIndexView.any_permission_required)
)
