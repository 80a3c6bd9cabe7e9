"""What the role panels on the admin home page share (`construct_homepage_panels`).

Each app registers its own panel (exhibition/dashboard.py for curators, translations/panels.py
for translators); they subclass `RolePanel` for the common stylesheet and the request.
"""

from wagtail.admin.ui.components import Component


class RolePanel(Component):
    """A home-page panel made per request; `self.request` gives the user for links and rights."""

    class Media:
        css = {"all": ["catalogue/admin-dashboard.css"]}

    def __init__(self, request):
        self.request = request
