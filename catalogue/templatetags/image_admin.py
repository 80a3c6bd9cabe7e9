"""Admin template tags for images: say when a stored image cannot be shown."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()

# The size the admin's image listing and choosers ask for: usually already made.
ADMIN_PREVIEW_SPEC = "max-165x165"


@register.simple_tag
def image_problem(image):
    """A message for the curator when `image` cannot be rendered, else ''."""
    if image is None:
        return ""
    try:
        image.get_rendition(ADMIN_PREVIEW_SPEC)
    except (OSError, ValueError) as exc:
        return _(
            "This image cannot be shown (%(detail)s). Upload the photograph again with “Change "
            "image file”; until then visitors see its alt text instead and printing names it."
        ) % {"detail": exc}
    return ""
