"""The curator's panel on the admin dashboard (Wagtail `construct_homepage_panels`).

What a curator's day starts with: works without a photograph, works with texts missing in a
language, drafts waiting to be published (translators' drafts included, with the languages they
changed), and where the next tour stop's checklist stands (counts only). Translation states come
from the one state machine (`catalogue.models.translation_state`).
"""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.admin.admin_url_finder import AdminURLFinder

from catalogue.dashboard import RolePanel
from catalogue.languages import LANGUAGE_CODES, language_name
from catalogue.models import WorkPage

from .models import ChecklistEntry, TourStop

LIST_LIMIT = 8  # rows per list; the link to the full listing follows


def _works_url(**filters):
    return f"{reverse('works:index')}?{urlencode(filters)}" if filters else reverse("works:index")


def works_with_missing_texts(works):
    """[(work, [language names])] of the works with a text missing in some language."""
    rows = []
    for work in works:
        missing = [language_name(code) for code in work.missing_languages()]
        if missing:
            rows.append((work, missing))
    return rows


def drafts_waiting(works):
    """[(work, author, [language names with translations waiting])] of the works with unpublished
    changes, newest first."""
    rows = []
    for work in works:
        if not work.has_unpublished_changes:
            continue
        states = work.translation_states()
        waiting = [
            language_name(code) for code in LANGUAGE_CODES if states[code].waiting_to_be_published
        ]
        revision = work.latest_revision
        rows.append((work, revision.user if revision else None, waiting))
    rows.sort(key=lambda r: r[0].latest_revision_created_at or timezone.now(), reverse=True)
    return rows


def next_stop_checklist(today=None):
    """(stop, is_next, [(status label, count)], entry count): the current or next tour stop, or,
    once the tour is over, the last one; (None, False, [], 0) without any stop."""
    stops = TourStop.objects.select_related("venue")
    stop = stops.current_or_next(today or timezone.localdate()).first()
    is_next = stop is not None
    if stop is None:
        stop = stops.active().order_by("-closing").first()
    if stop is None:
        return None, False, [], 0
    counts = dict(stop.checklist.values_list("status").annotate(n=Count("id")).order_by())
    rows = [(label, counts.get(value, 0)) for value, label in ChecklistEntry.Status.choices]
    return stop, is_next, rows, sum(counts.values())


class CuratorPanel(RolePanel):
    name = "leporello_curator"
    template_name = "exhibition/admin/dashboard_curator.html"
    order = 50

    def get_context_data(self, parent_context=None):
        works = list(
            WorkPage.objects.with_translation_statuses()
            .select_related("latest_revision__user")
            .order_by("inventory_number")
        )
        missing = works_with_missing_texts(works)
        drafts = drafts_waiting(works)
        without_image = [w for w in works if not w.image_id]
        stop, is_next, checklist, entries = next_stop_checklist()
        return {
            "without_image": without_image[:LIST_LIMIT],
            "without_image_count": len(without_image),
            "missing": missing[:LIST_LIMIT],
            "missing_count": len(missing),
            "missing_urls": [
                (language_name(code), _works_url(missing_language=code)) for code in LANGUAGE_CODES
            ],
            "drafts": drafts[:LIST_LIMIT],
            "drafts_count": len(drafts),
            "stop": stop,
            "stop_is_next": is_next,
            "checklist": checklist,
            "entries": entries,
            "stop_url": AdminURLFinder(self.request.user).get_edit_url(stop) if stop else None,
        }
