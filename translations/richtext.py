"""Imported text meets the field's allowed markup: the one place an import cleans what it writes.

`clean_imported_text` is called by `roundtrip.plan_import` for every translated text a file
changes (spreadsheet, CSV or XLIFF alike), so the preview already shows the cleaned text.
Rich-text fields keep only the markup their editor allows (the field's Draftail features, through
the project's one sanitiser in `gates.richtext`); plain-text fields are stored as typed and escaped
wherever they are shown.
"""

from wagtail.fields import RichTextField


def rich_text_features(model, field_name):
    """The Draftail features of a rich-text field (list of str), or None for a plain field."""
    try:
        field = model._meta.get_field(field_name)
    except Exception:
        return None
    if not isinstance(field, RichTextField):
        return None
    if field.features is not None:
        return list(field.features)
    from wagtail.rich_text import features as feature_registry

    return feature_registry.get_default_features()


def is_rich_text(model, field_name):
    return rich_text_features(model, field_name) is not None


def clean_imported_text(model, field_name, text):
    """`text` reduced to what the field of `model` may hold (str -> str).

    Plain fields: unchanged. Rich-text fields: only the elements and attributes of the field's
    editor features, through the project's one sanitiser (`gates.richtext`, nh3): no script,
    event handler or javascript: link survives. The import preview lists what it removed
    (`row_check.plan_row` asks the sanitiser for that list itself).
    """
    features = rich_text_features(model, field_name)
    if features is None or not text:
        return text
    from gates.richtext import sanitise_rich_text

    return sanitise_rich_text(text, features).html
