"""Interface strings of Wagtail and wagtail-modeltranslation that their own catalogues lack in
Simplified Chinese (or in every language), listed so that `makemessages` keeps them in
`locale/` and the admin screens Leporello uses are complete in de and zh_Hans.

Why it matters: Django falls back to `LANGUAGE_CODE` (German) for a string missing in the
active language, so the Chinese admin showed "1-24 von 24" or "Sortiere nach …". Nothing
imports this module; `tests/test_admin_languages.py` finds the strings a screen still lacks.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

STRINGS = [
    # wagtail-modeltranslation's language toggle on edit forms (no catalogue of its own)
    gettext_noop("View / edit fields for"),
    # Wagtail admin (wagtail/admin/locale/zh_Hans lacks them in Wagtail 8.0)
    gettext_noop("Actions (footer)"),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop("Saved"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Autosave is <span>paused</span>"),
    gettext_noop("Edit account avatar"),
    gettext_noop("Content metrics"),
    gettext_noop("Words"),
    gettext_noop("Reading time"),
    gettext_noop("Readability"),
    gettext_noop("This data explained"),
    gettext_noop("Locking: "),
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_noop("Checks"),
    gettext_noop("Toggle checks"),
    gettext_noop("at %(time)s by %(user_display_name)s"),
    gettext_noop("at %(time)s"),
    gettext_noop("%(time)s by %(user_display_name)s"),
    gettext_noop("%(time_period)s ago by %(user_display_name)s"),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    gettext_noop("Date updated"),
    gettext_noop("Edited by"),
    gettext_noop("Has child pages"),
    gettext_noop("Any"),
    gettext_noop("Page type"),
    gettext_noop("Page types usage"),
    gettext_noop("Anyone"),
    gettext_noop("Shortcuts"),
    gettext_noop("Grid layout"),
    gettext_noop("List layout"),
    gettext_noop("Wagtail %(current_version)s editor guide"),
    gettext_noop(
        "JavaScript is required to use Wagtail, but it is currently disabled.<br /> Here are the "
        '<a href="https://www.enable-javascript.com/" target="_blank" rel="noreferrer">'
        "instructions how to enable JavaScript in your web browser</a>."
    ),
    ngettext_lazy("Referenced %(count)s time", "Referenced %(count)s times", "count"),
    ngettext_lazy("%(num_parent_objects)d page", "%(num_parent_objects)d pages", "num"),
    ngettext_lazy("%(num_pages)d page", "%(num_pages)d pages", "num"),
]
