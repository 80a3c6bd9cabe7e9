"""Rich text is sanitised before it is stored, whatever wrote it (issue 10).

Draftail already stores only its features' markup; a translation import, `load_demo`, a command,
a snippet saved in code or a revision written by an API does not pass through it. A `pre_save`
handler on every model with a `RichTextField` (modeltranslation's per-language columns included)
and on Wagtail's `Revision` (page drafts) runs `gates.richtext.sanitise_rich_text` with the
field's own `features`, so the stored HTML is what the editor could have produced.
`QuerySet.update()` and `bulk_create()` bypass signals; public templates and the catalogue PDF
therefore sanitise again when they render (`clean_richtext`).
"""

import logging
from functools import cache

from django.db.models.signals import pre_save
from wagtail.fields import RichTextField
from wagtail.models import Revision

from gates.richtext import sanitise_rich_text

logger = logging.getLogger(__name__)


@cache
def rich_text_fields(model):
    """[(attribute name, features or None)] of `model`'s rich-text columns."""
    return [
        (f.attname, getattr(f, "features", None))
        for f in model._meta.concrete_fields
        if isinstance(f, RichTextField)
    ]


def sanitise_fields(values, model):
    """Sanitise the rich-text entries of `values` (a dict of attribute -> HTML) in place;
    returns {attribute: [what was removed]}."""
    removed = {}
    for name, features in rich_text_fields(model):
        value = values.get(name)
        if not value or not isinstance(value, str):
            continue
        result = sanitise_rich_text(value, features)
        if result.html != value:
            values[name] = result.html
        if result.removed:
            removed[name] = result.removed
    return removed


def sanitise_instance(sender, instance, **kwargs):
    if not rich_text_fields(sender):
        return
    loaded = {
        name: instance.__dict__[name]
        for name, _f in rich_text_fields(sender)
        if name in instance.__dict__
    }
    removed = sanitise_fields(loaded, sender)
    for name, value in loaded.items():
        instance.__dict__[name] = value
    if removed:
        logger.warning(
            "Rich text of %s %s sanitised on save: %s", sender.__name__, instance.pk, removed
        )


def sanitise_revision(sender, instance, **kwargs):
    model = instance.content_type.model_class() if instance.content_type_id else None
    if model is None or not isinstance(instance.content, dict):
        return
    removed = sanitise_fields(instance.content, model)
    if removed:
        logger.warning("Rich text of a %s revision sanitised: %s", model.__name__, removed)


def connect():
    # Every sender: snippets, pages and images alike; models without rich text return at once.
    pre_save.connect(sanitise_instance, dispatch_uid="leporello-sanitise-rich-text")
    pre_save.connect(sanitise_revision, sender=Revision, dispatch_uid="leporello-sanitise-revision")
