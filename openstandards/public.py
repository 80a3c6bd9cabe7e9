"""What the open-standards outputs may show: published, public works, exhibitions and the
checklists of active tour stops (the same rules as the visitor pages, visitor/queries.py), and
the absolute addresses they are published under.

Registrar data (loans, lenders, insurance values) is never read here: only fields visitors see.
"""

from django.conf import settings
from django.db.models import Prefetch

from catalogue.models import CatalogueRendition, WorkPage
from exhibition.models import ChecklistEntry, ExhibitionPage, TourStop


def public_works():
    return WorkPage.objects.live().public()


def public_exhibitions():
    return ExhibitionPage.objects.live().public()


def public_stops():
    """Active (not cancelled) tour stops of a published exhibition."""
    return TourStop.objects.public().select_related("venue", "exhibition").order_by("opening")


def exhibition_by_slug(queryset, slug):
    """The exhibition whose slug is `slug` (one for all languages: slugs are not translated,
    WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS), or None."""
    return queryset.filter(slug=slug).first()


def stop_entries(stop):
    """The stop's checklist in hanging order: public works only, withdrawn ones left out."""
    return ChecklistEntry.objects.public_at(stop)


def exhibition_works(exhibition):
    """The exhibition's published works in catalogue order."""
    return (
        public_works().child_of(exhibition).select_related("image", "section").in_catalogue_order()
    )


def with_texts_and_renditions(works, specs, prefix=""):
    """Prefetch, for a loop over many works (or checklist entries with `prefix="work__"`), the
    renditions `specs` of their images; returns the list. The translation statuses (which
    language each text is shown in) of the works, and of checklist entries (venue captions and
    credit lines), are loaded in one query too."""
    return list(
        works.prefetch_related(
            Prefetch(
                f"{prefix}image__renditions",
                queryset=CatalogueRendition.objects.filter(filter_spec__in=specs),
            )
        ).with_translation_statuses(*(["work"] if prefix else []))
    )


def base_url(request=None):
    """The public site's address without a trailing slash: LEPORELLO_PUBLIC_BASE_URL, else the
    request's scheme and host."""
    base = getattr(settings, "LEPORELLO_PUBLIC_BASE_URL", "") or ""
    if not base and request is not None:
        base = request.build_absolute_uri("/")
    return base.rstrip("/")


def absolute(url, base):
    """`url` as an absolute address: storage URLs may already be absolute (object storage)."""
    if not url:
        return url
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return base.split(":", 1)[0] + ":" + url
    return base + (url if url.startswith("/") else "/" + url)
