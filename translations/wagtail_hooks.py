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
    items = [
        (_("Dashboard"), "translations:dashboard", "tasks"),
        (_("Export"), "translations:export", "download"),
        (_("Import"), "translations:import", "upload"),
    ]
    menu = Menu(
        items=[
            PermissionMenuItem(
                label, reverse(url), icon_name=icon, order=10 * n, rule=use_translation_tools
            )
            for n, (label, url, icon) in enumerate(items, start=1)
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
