from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from catalogue.menu import PermissionMenuItem

from . import urls
from .panels import TranslatorPanel
from .permissions import translator, use_translation_tools
from .roundtrip import IMPORT_ACTION


@hooks.register("register_admin_urls")
def register_urls():
    return [path("translations/", include(urls, namespace="translations"))]


@hooks.register("register_admin_menu_item")
def register_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                _("Dashboard"),
                reverse("translations:dashboard"),
                icon_name="tasks",
                order=10,
                rule=use_translation_tools,
            ),
            PermissionMenuItem(
                _("Export"),
                reverse("translations:export"),
                icon_name="download",
                order=20,
                rule=use_translation_tools,
            ),
            PermissionMenuItem(
                _("Import"),
                reverse("translations:import"),
                icon_name="upload",
                order=30,
                rule=use_translation_tools,
            ),
        ]
    )
    # Wagtail shows a submenu only when one of its items is shown.
    return SubmenuMenuItem(_("Translations"), menu, icon_name="globe", order=160)


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
    if translator(request.user):
        panels.append(TranslatorPanel(request))
