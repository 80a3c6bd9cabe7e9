"""Admin widgets for registrar forms."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _


class SearchableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Works as a list of checkboxes with a search box above it (crate contents).

    Each option reads "<inventory number> · <title>"; typing in the box hides the works whose
    number and titles do not contain the text (static/js/searchable-checkboxes.js). Without
    JavaScript it is a plain list of checkboxes: no ctrl-click through a multi-select.
    """

    class Media:
        js = ["js/searchable-checkboxes.js"]

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        instance = getattr(value, "instance", None)
        if instance is not None and getattr(instance, "inventory_number", None):
            label = f"{instance.inventory_number} · {label}"
        return super().create_option(name, value, label, selected, index, subindex, attrs)

    def render(self, name, value, attrs=None, renderer=None):
        checkboxes = super().render(name, value, attrs, renderer)
        hint = _("Search by inventory number or title")
        return format_html(
            '<div class="searchable-checkboxes" data-searchable-checkboxes>'
            '<input type="search" class="searchable-checkboxes__search" placeholder="{}" '
            'aria-label="{}" hidden>'
            '<div class="searchable-checkboxes__list" style="max-height: 16rem; overflow-y: auto;">'
            "{}</div></div>",
            hint,
            hint,
            checkboxes,
        )
