"""The translator's panel on the admin dashboard (Wagtail `construct_homepage_panels`).

Per target language: how many texts are left (missing, draft, to review) and how many wait to
be published, with links that open the work in that language: the translation dashboard
filtered to it, the Works list filtered to it, and the first objects with work left, each
opening its edit form with German and that language side by side (`?lang=`). The counts come
from `views.language_progress`, the translation dashboard's own, so both always agree.
"""

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.admin_url_finder import AdminURLFinder

from catalogue import translation_status as ts
from catalogue.dashboard import RolePanel
from catalogue.models import TranslationStatus

from .scope import describe, objects_in_scope
from .views import edit_url, language_progress

LIST_LIMIT = 5  # objects with work left per language; the dashboard lists all


class TranslatorPanel(RolePanel):
    name = "leporello_translator"
    template_name = "translations/dashboard_panel.html"
    order = 60

    def get_context_data(self, parent_context=None):
        languages = list(ts.TARGET_LANGUAGES)
        summary, open_rows = language_progress(objects_in_scope(), languages)
        finder = AdminURLFinder(self.request.user)
        dashboard = reverse("translations:dashboard")
        works = reverse("works:index")
        rows = []
        for row in summary:
            code = row["code"]
            left = sorted(
                (
                    (describe(obj), edit_url(finder, obj, code))
                    for (obj, lang), counts in open_rows.items()
                    if lang == code and any(counts.get(s) for s in TranslationStatus.Status.values)
                ),
                key=lambda item: item[0],
            )
            rows.append(
                {
                    **row,
                    "objects": left[:LIST_LIMIT],
                    "more": max(len(left) - LIST_LIMIT, 0),
                    "dashboard_url": f"{dashboard}?{urlencode({'language': code})}",
                    "works_url": f"{works}?{urlencode({'translation_state': f'{code}:missing'})}",
                }
            )
        return {"languages": rows}
