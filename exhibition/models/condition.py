"""Condition reports: a check-out before packing and a check-in after unpacking, per work and leg."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Orderable

from catalogue.models import WorkPage

from .logistics import Crate, TransitLeg


class ConditionReportQuerySet(models.QuerySet):
    def history(self, work):
        """A work's reports in the order they were made."""
        return (
            self.filter(work=work)
            .select_related("leg__origin__venue", "leg__destination__venue")
            .order_by("examined_on", "leg__departure", "kind")
        )


class ConditionReport(ClusterableModel):
    class Kind(models.TextChoices):
        CHECK_OUT = "check_out", _("check-out (before packing)")
        CHECK_IN = "check_in", _("check-in (after unpacking)")

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", _("excellent")
        GOOD = "good", _("good")
        FAIR = "fair", _("fair")
        POOR = "poor", _("poor")
        DAMAGED = "damaged", _("damaged")

    work = models.ForeignKey(
        WorkPage,
        verbose_name=_("work"),
        on_delete=models.PROTECT,
        related_name="condition_reports",
    )
    leg = models.ForeignKey(
        TransitLeg,
        verbose_name=_("transit leg"),
        on_delete=models.PROTECT,
        related_name="condition_reports",
    )
    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices)
    grade = models.CharField(_("condition"), max_length=10, choices=Grade.choices)
    notes = models.TextField(_("notes"), blank=True)
    examiner = models.CharField(_("examiner"), max_length=200)
    examined_on = models.DateField(_("date of examination"))

    objects = ConditionReportQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("work"), FieldPanel("leg")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("grade")]),
        FieldRowPanel([FieldPanel("examiner"), FieldPanel("examined_on", widget=AdminDateInput)]),
        FieldPanel("notes"),
        InlinePanel("photos", heading=_("Photos"), label=_("photo")),
    ]

    class Meta:
        ordering = ["-examined_on", "work__inventory_number"]
        verbose_name = _("condition report")
        verbose_name_plural = _("condition reports")
        constraints = [
            models.UniqueConstraint(
                fields=["work", "leg", "kind"], name="one_report_per_work_leg_and_kind"
            )
        ]

    def __str__(self):
        return f"{self.work} — {self.get_kind_display()} {self.examined_on}"

    def clean(self):
        super().clean()
        if not (self.work_id and self.leg_id and self.kind and self.examined_on):
            return
        errors = {}
        if not Crate.objects.filter(leg_id=self.leg_id, works=self.work_id).exists():
            errors["work"] = _("“%(work)s” is in none of the crates of this leg.") % {
                "work": self.work
            }
        other_kind = self.Kind.CHECK_OUT if self.kind == self.Kind.CHECK_IN else self.Kind.CHECK_IN
        other = (
            ConditionReport.objects.filter(
                work_id=self.work_id, leg_id=self.leg_id, kind=other_kind
            )
            .exclude(pk=self.pk)
            .first()
        )
        if self.kind == self.Kind.CHECK_IN:
            if other and self.examined_on < other.examined_on:
                errors["examined_on"] = _(
                    "The check-in (%(date)s) is before the check-out of %(other)s."
                ) % {"date": date_format(self.examined_on), "other": date_format(other.examined_on)}
            elif self.examined_on < self.leg.arrival:
                errors["examined_on"] = _(
                    "The check-in (%(date)s) is before the leg arrives (%(arrival)s)."
                ) % {
                    "date": date_format(self.examined_on),
                    "arrival": date_format(self.leg.arrival),
                }
        else:
            if other and self.examined_on > other.examined_on:
                errors["examined_on"] = _(
                    "The check-out (%(date)s) is after the check-in of %(other)s."
                ) % {"date": date_format(self.examined_on), "other": date_format(other.examined_on)}
            elif self.examined_on > self.leg.departure:
                errors["examined_on"] = _(
                    "The check-out (%(date)s) is after the leg departs (%(departure)s)."
                ) % {
                    "date": date_format(self.examined_on),
                    "departure": date_format(self.leg.departure),
                }
        if errors:
            raise ValidationError(errors)


class ConditionPhoto(Orderable):
    report = ParentalKey(ConditionReport, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "catalogue.CatalogueImage",
        verbose_name=_("photo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    caption = models.CharField(_("what it shows"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("condition photo")
        verbose_name_plural = _("condition photos")
