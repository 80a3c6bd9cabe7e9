"""Named rules for tour stops and checklists, so that each is written once.

`TourStop.objects` and `ChecklistEntry.objects` are built from these querysets; every view,
export, API and printout that needs "the works on the wall" or "the stop staff named" asks them
instead of repeating the filter. The classes reach their model's constants through
`self.model` (this module is imported by `tours.py`, so it cannot import the models).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from catalogue.models import WorkPage
from catalogue.models.translation_state import TranslationStatusesMixin


def by_slug_or_id(queryset, value, unknown, ordering):
    """The row of `queryset` whose slug is `value` (as typed, stripped), else whose id it is.

    Slugs first: a slug made only of digits still names its own row, not another's id. Raises
    the model's DoesNotExist with the message `unknown` % {"value": the value, "known": the
    slugs of `queryset` in `ordering`}."""
    value = str(value if value is not None else "").strip()
    found = queryset.filter(slug=value).first()
    if found is None and value.isascii() and value.isdigit():
        found = queryset.filter(pk=int(value)).first()
    if found is None:
        known = ", ".join(queryset.order_by(ordering).values_list("slug", flat=True)) or "—"
        raise queryset.model.DoesNotExist(unknown % {"value": value[:100], "known": known})
    return found


class ExhibitionPageQuerySet(TranslationStatusesMixin, PageQuerySet):
    def by_name(self, value):
        """The exhibition staff named by its slug (one for all languages) or its page id.

        Raises `ExhibitionPage.DoesNotExist` whose message lists the slugs of this queryset."""
        unknown = _("No exhibition “%(value)s”. Known exhibitions: %(known)s.")
        return by_slug_or_id(self, value, unknown, "path")


ExhibitionPageManager = PageManager.from_queryset(ExhibitionPageQuerySet)


class TourStopQuerySet(TranslationStatusesMixin, models.QuerySet):
    def active(self):
        """Stops that happen or happened: everything but cancelled ones."""
        return self.exclude(status=self.model.Status.CANCELLED)

    def public(self, exhibitions=None):
        """Stops visitors, the API and the open-standards files may show: active stops of a live
        exhibition without a view restriction (password, sign-in). `exhibitions`: those public
        exhibitions, when the caller read the restrictions already."""
        if exhibitions is None:
            exhibitions = self.model._meta.get_field("exhibition").related_model.objects
            exhibitions = exhibitions.live().public()
        return self.active().filter(exhibition__in=exhibitions)

    def by_name(self, value):
        """The stop staff named by its short name (slug, as printed in addresses) or by the id the
        admin shows; commands and print jobs take either.

        Raises `TourStop.DoesNotExist` whose message names the value and lists the short names
        of this queryset, so the person who typed it knows what to type instead."""
        unknown = _("Unknown tour stop “%(value)s”. Known tour stops: %(known)s.")
        return by_slug_or_id(self, value, unknown, "install_start")

    def overlapping(self, start, end):
        """Stops whose time at the venue (install start to de-install end) meets [start, end]."""
        return self.filter(install_start__lte=end, deinstall_end__gte=start)

    def current_or_next(self, day):
        return self.active().filter(closing__gte=day).order_by("opening")

    def in_phase(self, phase, day=None):
        """Stops whose derived status (`TourStop.Phase`) on `day` (default today) is `phase`."""
        day = day or timezone.localdate()
        Phase = self.model.Phase
        if phase == Phase.CANCELLED:
            return self.filter(status=self.model.Status.CANCELLED)
        ranges = {
            Phase.PLANNED: models.Q(install_start__gt=day),
            Phase.INSTALLING: models.Q(install_start__lte=day, opening__gt=day),
            Phase.OPEN: models.Q(opening__lte=day, closing__gte=day),
            Phase.CLOSED: models.Q(closing__lt=day),
        }
        return self.active().filter(ranges[phase]) if phase in ranges else self.none()


class ChecklistEntryQuerySet(TranslationStatusesMixin, models.QuerySet):
    def shown(self):
        """Entries whose work is (or will be) at the stop: withdrawn ones left out. Withdrawn
        entries stay in the database so the registrar's binder can show what left the wall."""
        return self.exclude(status=self.model.Status.WITHDRAWN)

    def in_hanging_order(self):
        """The order on the wall: the checklist's sort order, label number for ties."""
        return self.order_by("sort_order", "label_number")

    def public_at(self, stop, works=None):
        """The checklist of `stop` as the public sees it: shown entries of `works` (default:
        live works without a view restriction) in hanging order, with work, image and section
        loaded for a loop. Whether the stop itself is public is the caller's check
        (`TourStop.objects.public()`)."""
        works = WorkPage.objects.live().public() if works is None else works
        return (
            self.filter(tour_stop=stop, work__in=works)
            .shown()
            .select_related("work", "work__image", "work__section")
            .in_hanging_order()
        )
