"""Formatting of tour stops for templates: `{% stop_dates stop %}`."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def stop_dates(stop):
    """Opening – closing, formatted in the visitor's language."""
    return _("%(opening)s – %(closing)s") % {
        "opening": date_format(stop.opening, "DATE_FORMAT"),
        "closing": date_format(stop.closing, "DATE_FORMAT"),
    }
