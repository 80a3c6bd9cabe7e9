from itertools import pairwise

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from catalogue.models import WorkPage

from ..forms import TourStopForm
from .pages import ExhibitionPage
from .querysets import ChecklistEntryQuerySet, TourStopQuerySet
from .venues import Venue


class TourStop(ClusterableModel):
    """The exhibition at one venue: its dates and the checklist of works shown there.

    Whether a stop is planned, being installed, open or closed follows from its dates and today
    (`phase()`); only "cancelled" is set by hand (`status`), since no date can say it.
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("as scheduled (status follows the dates)")
        CANCELLED = "cancelled", _("cancelled")

    class Phase(models.TextChoices):
        PLANNED = "planned", _("planned")
        INSTALLING = "installing", _("installing")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")
        CANCELLED = "cancelled", _("cancelled")

    exhibition = models.ForeignKey(
        ExhibitionPage,
        verbose_name=_("exhibition"),
        on_delete=models.PROTECT,
        related_name="tour_stops",
    )
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="tour_stops"
    )
    slug = models.SlugField(
        _("short name"),
        max_length=50,
        unique=True,
        help_text=_(
            "Used in printed addresses and commands, e.g. chongqing-2024. Do not change once printed."
        ),
    )
    install_start = models.DateField(_("installation starts"))
    opening = models.DateField(_("opening"))
    closing = models.DateField(_("closing"))
    deinstall_end = models.DateField(_("de-installation ends"))
    status = models.CharField(
        _("cancelled?"),
        max_length=12,
        choices=Status.choices,
        default=Status.SCHEDULED,
        help_text=_(
            "Planned, installing, open and closed follow from the dates; set only a cancellation."
        ),
    )

    objects = TourStopQuerySet.as_manager()
    base_form_class = TourStopForm

    panels = [
        FieldRowPanel([FieldPanel("exhibition"), FieldPanel("venue")]),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("status")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("install_start"), FieldPanel("opening")]),
                FieldRowPanel([FieldPanel("closing"), FieldPanel("deinstall_end")]),
            ],
            heading=_("Dates"),
        ),
    ]

    class Meta:
        ordering = ["install_start"]
        verbose_name = _("tour stop")
        verbose_name_plural = _("tour stops")

    def __str__(self):
        city = self.venue.city if self.venue_id else "?"
        year = self.opening.year if self.opening else ""
        return f"{city} {year}".strip()

    @property
    def date_range(self):
        return f"{date_format(self.install_start)} – {date_format(self.deinstall_end)}"

    def phase(self, today=None):
        """The status on `today` (a date, default the local date): a `TourStop.Phase` value.

        planned before installation starts, installing until the opening, open from the opening
        to the closing day (both included), closed after it; cancelled when set by hand.
        """
        if self.status == self.Status.CANCELLED:
            return self.Phase.CANCELLED
        today = today or timezone.localdate()
        if not (self.install_start and self.opening and self.closing):
            return self.Phase.PLANNED
        if today < self.install_start:
            return self.Phase.PLANNED
        if today < self.opening:
            return self.Phase.INSTALLING
        if today <= self.closing:
            return self.Phase.OPEN
        return self.Phase.CLOSED

    def phase_label(self, today=None):
        """The translated status on `today`, e.g. "geschlossen"."""
        return self.Phase(self.phase(today)).label

    phase_label.short_description = _("status")

    def next_stop(self):
        """The next active stop of the same exhibition after this one, or None."""
        return (
            TourStop.objects.active()
            .filter(exhibition_id=self.exhibition_id, install_start__gt=self.install_start)
            .exclude(pk=self.pk)
            .order_by("install_start")
            .first()
        )

    def clean(self):
        super().clean()
        dates = [
            ("install_start", self.install_start),
            ("opening", self.opening),
            ("closing", self.closing),
            ("deinstall_end", self.deinstall_end),
        ]
        if any(value is None for _name, value in dates):
            return
        for (earlier_name, earlier), (later_name, later) in pairwise(dates):
            if later < earlier:
                field = self._meta.get_field(later_name)
                before = self._meta.get_field(earlier_name)
                raise ValidationError(
                    {
                        later_name: _(
                            "%(later)s (%(later_date)s) is before %(earlier)s (%(earlier_date)s)."
                        )
                        % {
                            "later": field.verbose_name,
                            "later_date": date_format(later),
                            "earlier": before.verbose_name,
                            "earlier_date": date_format(earlier),
                        }
                    }
                )
        if self.status == self.Status.CANCELLED or not self.exhibition_id:
            return
        clash = (
            TourStop.objects.active()
            .filter(exhibition_id=self.exhibition_id)
            .exclude(pk=self.pk)
            .overlapping(self.install_start, self.deinstall_end)
            .select_related("venue")
            .first()
        )
        if clash:
            raise ValidationError(
                _(
                    "These dates overlap with the tour stop “%(stop)s” (%(slug)s, %(dates)s) "
                    "of the same exhibition."
                )
                % {"stop": clash, "slug": clash.slug, "dates": clash.date_range}
            )


class ChecklistEntry(Orderable):
    """A work at a tour stop; its sort order is the hanging order."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ON_VIEW = "on_view", _("on view")
        IN_STORAGE = "in_storage", _("in storage at venue")
        WITHDRAWN = "withdrawn", _("withdrawn")

    tour_stop = ParentalKey(TourStop, on_delete=models.CASCADE, related_name="checklist")
    work = models.ForeignKey(
        WorkPage, verbose_name=_("work"), on_delete=models.PROTECT, related_name="checklist_entries"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    label_number = models.PositiveIntegerField(
        _("label number"), help_text=_("The number visitors see on the wall label at this venue.")
    )
    room = models.CharField(_("room"), max_length=100, blank=True)
    wall = models.CharField(_("wall"), max_length=100, blank=True)
    position = models.CharField(_("position"), max_length=100, blank=True)
    caption_override = models.TextField(
        _("caption at this venue"),
        blank=True,
        help_text=_("Leave blank to use the work's caption."),
    )
    credit_line_override = models.CharField(
        _("credit line at this venue"),
        max_length=255,
        blank=True,
        help_text=_("Leave blank to use the work's credit line."),
    )

    objects = ChecklistEntryQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("work"), FieldPanel("label_number"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("room"), FieldPanel("wall"), FieldPanel("position")]),
        FieldPanel("caption_override"),
        FieldPanel("credit_line_override"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("checklist entry")
        verbose_name_plural = _("checklist entries")
        constraints = [
            models.UniqueConstraint(
                fields=["tour_stop", "work"], name="one_entry_per_work_and_stop"
            ),
            models.UniqueConstraint(
                fields=["tour_stop", "label_number"], name="unique_label_number_per_stop"
            ),
        ]

    def __str__(self):
        return f"{self.label_number}: {self.work}"

    @property
    def short_path(self):
        """The permanent address of this work at this stop, e.g. /w/chongqing-2024/101/."""
        return reverse(
            "short_address", kwargs={"stop": self.tour_stop.slug, "label": self.label_number}
        )

    @property
    def short_url(self):
        """The short address with the public host, as printed in QR codes."""
        return settings.LEPORELLO_PUBLIC_BASE_URL.rstrip("/") + self.short_path

    @classmethod
    def clash_message(cls, work, status, stop):
        """Why `work` cannot be on the checklist of `stop` (with its current dates), or None.

        A work can only be in one place: it may not be on two checklists whose stops overlap.
        Withdrawn entries and cancelled stops do not count.
        """
        if not work:
            return None
        return cls.clash_messages([work], status, stop).get(work.pk)

    @classmethod
    def clash_messages(cls, works, status, stop):
        """`clash_message` for several works in one query: {work id: message} of those that clash."""
        if not (works and stop and stop.install_start and stop.deinstall_end):
            return {}
        if status == cls.Status.WITHDRAWN or stop.status == TourStop.Status.CANCELLED:
            return {}
        by_pk = {work.pk: work for work in works}
        clashes = (
            cls.objects.filter(work_id__in=by_pk)
            .shown()
            .exclude(tour_stop__status=TourStop.Status.CANCELLED)
            .filter(
                tour_stop__install_start__lte=stop.deinstall_end,
                tour_stop__deinstall_end__gte=stop.install_start,
            )
            .exclude(tour_stop_id=stop.pk)
            .select_related("tour_stop__venue")
        )
        messages = {}
        for clash in clashes:  # in the default order: the first clash of each work is named
            if clash.work_id in messages:
                continue
            other = clash.tour_stop
            messages[clash.work_id] = _(
                "“%(work)s” is already on the checklist of “%(stop)s” (%(slug)s, %(dates)s), "
                "whose dates overlap with this stop."
            ) % {
                "work": by_pk[clash.work_id],
                "stop": other,
                "slug": other.slug,
                "dates": other.date_range,
            }
        return messages

    def clean(self):
        super().clean()
        stop = getattr(self, "tour_stop", None) if self.tour_stop_id else None
        message = self.clash_message(self.work if self.work_id else None, self.status, stop)
        if message:
            raise ValidationError({"work": message})
