"""Transit legs between tour stops (or from and to the lender) and the crates they carry.

Where a work is on a given day is never typed: it follows from the checklists and from the crates
of the legs (see `exhibition/locations.py`).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Orderable

from catalogue.models import WorkPage

from ..forms import TransitLegForm
from ..widgets import SearchableCheckboxSelectMultiple
from .pages import ExhibitionPage
from .tours import TourStop


class TransitLegQuerySet(models.QuerySet):
    def overlapping(self, start, end):
        """Legs on the road at some time in [start, end] (both days included)."""
        return self.filter(departure__lte=end, arrival__gte=start)

    def carrying(self, work):
        return self.filter(crates__works=work).distinct()


class TransitLeg(ClusterableModel):
    """One journey of (part of) the exhibition: from a stop or the lender to a stop or the lender."""

    class Mode(models.TextChoices):
        ROAD = "road", _("road")
        AIR = "air", _("air")
        SEA = "sea", _("sea")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        UNDER_WAY = "under_way", _("under way")
        CLOSED = "closed", _("closed (unpacked and checked in)")

    exhibition = models.ForeignKey(
        ExhibitionPage,
        verbose_name=_("exhibition"),
        on_delete=models.PROTECT,
        related_name="transit_legs",
    )
    reference = models.SlugField(
        _("reference"),
        max_length=50,
        unique=True,
        help_text=_("Short name used in commands and file names, e.g. dus-ckg-2024."),
    )
    origin = models.ForeignKey(
        TourStop,
        verbose_name=_("from tour stop"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legs_out",
        help_text=_("Leave empty when the works come from the lender or the studio."),
    )
    destination = models.ForeignKey(
        TourStop,
        verbose_name=_("to tour stop"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legs_in",
        help_text=_("Leave empty when the works go back to the lender or the studio."),
    )
    departure = models.DateField(_("departure"))
    arrival = models.DateField(_("arrival"))
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices, default=Mode.ROAD)
    carrier = models.CharField(_("carrier"), max_length=200, blank=True)
    courier = models.CharField(
        _("courier accompanying"),
        max_length=200,
        blank=True,
        help_text=_("Name of the courier travelling with the works, if any."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )

    objects = TransitLegQuerySet.as_manager()
    base_form_class = TransitLegForm

    panels = [
        FieldRowPanel([FieldPanel("exhibition"), FieldPanel("reference"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("origin"), FieldPanel("destination")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("departure", widget=AdminDateInput),
                        FieldPanel("arrival", widget=AdminDateInput),
                    ]
                ),
                FieldRowPanel([FieldPanel("mode"), FieldPanel("carrier"), FieldPanel("courier")]),
            ],
            heading=_("Journey"),
        ),
        InlinePanel("crates", heading=_("Crates"), label=_("crate")),
    ]

    class Meta:
        ordering = ["departure", "reference"]
        verbose_name = _("transit leg")
        verbose_name_plural = _("transit legs")

    def __str__(self):
        return _("%(origin)s → %(destination)s (%(reference)s)") % {
            "origin": self.origin_name,
            "destination": self.destination_name,
            "reference": self.reference,
        }

    @property
    def origin_name(self):
        return str(self.origin) if self.origin_id else str(_("lender / studio"))

    @property
    def destination_name(self):
        return str(self.destination) if self.destination_id else str(_("lender / studio"))

    @property
    def date_range(self):
        return f"{date_format(self.departure)} – {date_format(self.arrival)}"

    def works(self):
        """The works on board, in crate order."""
        return WorkPage.objects.filter(crates__leg=self).order_by(
            "crates__sort_order", "inventory_number"
        )

    def clean(self):
        super().clean()
        if self.departure and self.arrival and self.arrival < self.departure:
            raise ValidationError(
                {
                    "arrival": _(
                        "The arrival (%(arrival)s) is before the departure (%(departure)s)."
                    )
                    % {
                        "arrival": date_format(self.arrival),
                        "departure": date_format(self.departure),
                    }
                }
            )
        errors = {}
        for name in ("origin", "destination"):
            stop = getattr(self, name) if getattr(self, f"{name}_id") else None
            if stop and self.exhibition_id and stop.exhibition_id != self.exhibition_id:
                errors[name] = _("“%(stop)s” is a stop of another exhibition.") % {"stop": stop}
        if self.origin_id and self.origin_id == self.destination_id:
            errors["destination"] = _("A leg cannot start and end at the same tour stop.")
        if errors:
            raise ValidationError(errors)


class Crate(Orderable, ClusterableModel):
    """A crate on one leg: its outer size, weight and the works packed in it.

    The same physical crate (same number in one exhibition) may travel on several legs, but never
    on two legs at the same time.
    """

    leg = ParentalKey(TransitLeg, on_delete=models.CASCADE, related_name="crates")
    number = models.CharField(_("crate number"), max_length=20)
    width_mm = models.PositiveIntegerField(
        _("outer width (mm)"), validators=[MinValueValidator(1), MaxValueValidator(20000)]
    )
    height_mm = models.PositiveIntegerField(
        _("outer height (mm)"), validators=[MinValueValidator(1), MaxValueValidator(20000)]
    )
    depth_mm = models.PositiveIntegerField(
        _("outer depth (mm)"), validators=[MinValueValidator(1), MaxValueValidator(20000)]
    )
    weight_kg = models.DecimalField(
        _("gross weight (kg)"),
        max_digits=7,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    works = ParentalManyToManyField(
        WorkPage, verbose_name=_("contents (works)"), related_name="crates", blank=True
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("weight_kg")]),
        FieldRowPanel([FieldPanel("width_mm"), FieldPanel("height_mm"), FieldPanel("depth_mm")]),
        FieldPanel("works", widget=SearchableCheckboxSelectMultiple),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("crate")
        verbose_name_plural = _("crates")
        constraints = [
            models.UniqueConstraint(fields=["leg", "number"], name="one_crate_number_per_leg"),
        ]

    def __str__(self):
        return _("crate %(number)s") % {"number": self.number}

    @property
    def dimensions(self):
        return f"{self.width_mm} × {self.height_mm} × {self.depth_mm} mm"

    @classmethod
    def clash_message(cls, number, leg):
        """Why crate `number` cannot travel on `leg` with its current dates, or None."""
        if not (number and leg and leg.exhibition_id and leg.departure and leg.arrival):
            return None
        other = (
            cls.objects.filter(number=number, leg__exhibition_id=leg.exhibition_id)
            .exclude(leg_id=leg.pk)
            .filter(Q(leg__departure__lte=leg.arrival) & Q(leg__arrival__gte=leg.departure))
            .select_related("leg")
            .first()
        )
        if other is None:
            return None
        return _(
            "Crate %(number)s is already on the leg “%(leg)s” (%(dates)s) at the same time."
        ) % {"number": number, "leg": other.leg, "dates": other.leg.date_range}

    def clean(self):
        super().clean()
        leg = self.leg if self.leg_id else None
        message = self.clash_message(self.number, leg)
        if message:
            raise ValidationError({"number": message})
