"""Who may use the translation workflow (see `catalogue.permissions`).

The admin views, the Translations menu, the translator's dashboard panel, the actions behind
them and the `import_translations`/`machine_translate` commands (`--user NAME`) all ask these
rules. Per field, the edit form's panel permissions still apply (`actions.field_permission`).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from catalogue.permissions import Rule, curator

# Translators, Curators: the dashboard, export, import, approvals and machine drafts.
use_translation_tools = Rule(
    lambda user: user.is_active and user.has_perm("catalogue.use_translation_tools"),
    message=_("You may not use the translation tools."),
)

# The translator's dashboard panel: users with the tools who are not curators (curators have
# their own panel); a superuser sees both.
translator = Rule(
    lambda user: use_translation_tools(user) and (user.is_superuser or not curator(user))
)


def may_edit_object(user, obj):
    """May `user` change the translations of `obj`? Pages follow Wagtail's page permissions;
    snippets, images and checklist entries only need the translation tools."""
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    return True
