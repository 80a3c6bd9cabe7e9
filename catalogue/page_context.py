"""How other apps add to a public page's context, so the dependency still runs one way.

A page gathers what it shows in `get_context()` (habit 13: a page says what it reads; template
tags only format). An app above it (visitor: a work at a tour stop, the tour of an exhibition,
the pictures) adds its part through a Wagtail hook, as `exhibition.admin_buttons`'
TOUR_STOP_HEADER_BUTTONS lets apps add buttons:

- WORK_PAGE_CONTEXT, EXHIBITION_PAGE_CONTEXT: `hook(page, request, context)` adds keys to the
  page's `context` and returns the objects whose translated texts it added (or None); their
  translation statuses are read with the page's own, in one query.
- PICTURE_RENDERER: `hook(image, kind, attrs, request)` returns the <picture> markup of one
  image (`{% picture_of %}` formats with it); the first one registered is used.
"""

from wagtail import hooks

WORK_PAGE_CONTEXT = "register_work_page_context"
EXHIBITION_PAGE_CONTEXT = "register_exhibition_page_context"
PICTURE_RENDERER = "register_picture_renderer"


def add_from_hooks(hook_name, page, request, context):
    """Run every hook registered as `hook_name` on `context`; returns the objects they name."""
    shown = []
    for hook in hooks.get_hooks(hook_name):
        shown.extend(hook(page, request, context) or ())
    return shown


def picture(image, kind, attrs, request=None):
    """<picture> markup of `image` for a `kind` of rendition ('thumb', 'main') with the <img>
    `attrs`, by the registered renderer; '' when no app registered one."""
    for renderer in hooks.get_hooks(PICTURE_RENDERER):
        return renderer(image, kind, attrs, request)
    return ""
