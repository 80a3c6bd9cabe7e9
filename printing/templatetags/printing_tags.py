from django import template

from printing.typography import break_by_word

register = template.Library()


@register.filter
def words(text):
    """A printing.texts.Text (or string) in Simplified Chinese, broken only between words."""
    language = getattr(text, "language", "")
    value = getattr(text, "value", text)
    if language != "zh-hans":
        return value
    return break_by_word(value)
