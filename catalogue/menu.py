"""One admin menu item class for the whole project: shown only to users with a permission."""

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A Wagtail `MenuItem` shown only when the user has `permission` ("app.codename")."""

    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
