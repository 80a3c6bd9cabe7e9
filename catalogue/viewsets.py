"""The project's base for Wagtail snippet viewsets: forms in the language of each request.

Wagtail's `ModelViewSet` builds the add and edit form class once, when the admin URLs are
loaded, and hands it to the views. Chooser widgets fix their button text when the form class is
built (`AdminPageChooser`: "Choose a page (Work)", `AdminSnippetChooser`: "Choose venue"), so
every user saw them in the default language, German: "Seite auswählen (Werk)" in the Chinese
and English admin. Views given no form class build it from the panel on each request
(`wagtail.admin.views.generic.mixins.PanelMixin.get_form_class`), inside the user's language.
"""

from wagtail.snippets.views.snippets import SnippetViewSet as WagtailSnippetViewSet


class SnippetViewSet(WagtailSnippetViewSet):
    """A `SnippetViewSet` whose add/edit forms are built per request (see the module)."""

    def get_add_view_kwargs(self, **kwargs):
        view_kwargs = super().get_add_view_kwargs(**kwargs)
        if self._edit_handler:
            view_kwargs["form_class"] = None
        return view_kwargs

    def get_edit_view_kwargs(self, **kwargs):
        view_kwargs = super().get_edit_view_kwargs(**kwargs)
        if self._edit_handler:
            view_kwargs["form_class"] = None
        return view_kwargs
