"""Registrar data: lenders, insurance values and internal notes.

Private: only the Registrar group sees or edits these, and no public page, API or print
module imports this file.
"""

from datetime import timedelta

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.widgets import AdminDateInput

from catalogue.models import WorkPage

CURRENCY_CHOICES = [("EUR", "EUR"), ("CNY", "CNY"), ("USD", "USD"), ("CHF", "CHF"), ("GBP", "GBP")]


class Lender(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    contact = models.TextField(_("contact"), blank=True)
    notes = models.TextField(_("internal notes"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("contact"), FieldPanel("notes")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("lender")
        verbose_name_plural = _("lenders")

    def __str__(self):
        return self.name


class WorkLoan(models.Model):
    """Who lends a work and what it is insured for: one record per work."""

    work = models.OneToOneField(
        WorkPage, verbose_name=_("work"), on_delete=models.CASCADE, related_name="loan"
    )
    lender = models.ForeignKey(
        Lender, verbose_name=_("lender"), on_delete=models.PROTECT, related_name="loans"
    )
    insurance_value = models.DecimalField(
        _("insurance value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, default="EUR"
    )
    notes = models.TextField(_("internal notes"), blank=True)
    ends_on = models.DateField(
        _("loan ends"),
        null=True,
        blank=True,
        help_text=_(
            "Last day of the loan agreement; the registrar's dashboard warns 60 days ahead."
        ),
    )
    agreement = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("loan agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Upload it into the collection “Leihverträge (privat)”: only registrars can open "
            "documents there."
        ),
    )

    panels = [
        FieldPanel("work"),
        FieldPanel("lender"),
        FieldRowPanel([FieldPanel("insurance_value"), FieldPanel("currency")]),
        FieldPanel("ends_on", widget=AdminDateInput),
        FieldPanel("agreement"),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["work__inventory_number"]
        verbose_name = _("loan and insurance")
        verbose_name_plural = _("loans and insurance")

    def __str__(self):
        return f"{self.work} — {self.lender}"


# -- Loan agreements and totals (issue 5) -------------------------------------------------------


def insurance_by_work(works):
    """{work id: WorkLoan} for the given works (ids or objects); works without a loan are absent."""
    ids = [getattr(w, "pk", w) for w in works]
    return {loan.work_id: loan for loan in WorkLoan.objects.filter(work_id__in=ids)}


def totals_by_currency(works):
    """Nail-to-nail insurance total of `works`, per currency: {'EUR': Decimal(...)}.

    Each work counts once, however often it appears (e.g. listed in two crates by mistake).
    """
    totals = {}
    for loan in insurance_by_work({getattr(w, "pk", w) for w in works}).values():
        if loan.insurance_value is not None:
            totals[loan.currency] = totals.get(loan.currency, 0) + loan.insurance_value
    return dict(sorted(totals.items()))


def loans_ending(today, days=60):
    """Loans whose agreement ends within `days` days from `today` (both included), soonest first."""
    return (
        WorkLoan.objects.filter(ends_on__gte=today, ends_on__lte=today + timedelta(days=days))
        .select_related("work", "lender")
        .order_by("ends_on", "work__inventory_number")
    )


def format_totals(totals):
    return ", ".join(f"{currency} {value:,.2f}" for currency, value in totals.items()) or "—"
