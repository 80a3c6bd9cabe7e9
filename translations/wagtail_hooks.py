from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import urls
from .panels import TranslatorPanel, is_translator
from .roundtrip import IMPORT_ACTION
from .views import PERMISSION


@hooks.register("register_admin_urls")
def register_urls():
    return [path("translations/", include(urls, namespace="translations"))]


class TranslatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


class TranslationsSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_menu():
    menu = Menu(
        items=[
            TranslatorMenuItem(
                _("Dashboard"), reverse("translations:dashboard"), icon_name="tasks", order=10
            ),
            TranslatorMenuItem(
                _("Export"), reverse("translations:export"), icon_name="download", order=20
            ),
            TranslatorMenuItem(
                _("Import"), reverse("translations:import"), icon_name="upload", order=30
            ),
        ]
    )
    return TranslationsSubmenu(_("Translations"), menu, icon_name="globe", order=160)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(IMPORT_ACTION, _("Import translations"), _("Translations imported"))
    actions.register_action(
        "leporello.translation_approve", _("Approve translations"), _("Translations approved")
    )
    actions.register_action(
        "leporello.machine_translation",
        _("Machine-translation drafts"),
        _("Machine-translation drafts written"),
    )


@hooks.register("insert_editor_js")
def show_requested_language():
    """`?lang=zh-hans` on an edit form (links from the dashboard) opens German and that language
    in wagtail-modeltranslation's language picker; its script reads the default on page load."""
    return format_html('<script src="{}"></script>', static("translations/editor-language.js"))


@hooks.register("construct_homepage_panels")
def add_translator_panel(request, panels):
    if is_translator(request.user):
        panels.append(TranslatorPanel(request))
