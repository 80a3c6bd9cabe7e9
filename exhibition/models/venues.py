import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from catalogue.languages import LANGUAGE_CODES, NATIVE_NAMES, language_name

LANGUAGE_CHOICES = [(code, NATIVE_NAMES[code]) for code in LANGUAGE_CODES]
TIME_ZONE_CHOICES = [(tz, tz) for tz in sorted(zoneinfo.available_timezones()) if "/" in tz]
FACTS = "exhibition.edit_venue_facts"


class Venue(models.Model):
    """A place the exhibition is shown, and the language order its wall labels use."""

    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        help_text=_("ISO 3166 code in capitals, e.g. DE or CN."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, choices=TIME_ZONE_CHOICES)
    website = models.URLField(_("website"), blank=True)
    label_language_1 = models.CharField(
        _("first label language"), max_length=10, choices=LANGUAGE_CHOICES, default="de"
    )
    label_language_2 = models.CharField(
        _("second label language"), max_length=10, choices=LANGUAGE_CHOICES, blank=True
    )
    label_language_3 = models.CharField(
        _("third label language"), max_length=10, choices=LANGUAGE_CHOICES, blank=True
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("city"),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        FieldRowPanel(
            [
                FieldPanel("country", permission=FACTS),
                FieldPanel("time_zone", permission=FACTS),
            ]
        ),
        FieldPanel("website", permission=FACTS),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("label_language_1", permission=FACTS),
                        FieldPanel("label_language_2", permission=FACTS),
                        FieldPanel("label_language_3", permission=FACTS),
                    ]
                )
            ],
            heading=_("Languages of the wall labels, in order"),
        ),
    ]

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        permissions = [("edit_venue_facts", "Can edit country, time zone and label languages")]

    def __str__(self):
        return f"{self.name}, {self.city}"

    @property
    def label_languages(self):
        """The venue's label languages in order, e.g. ['zh-hans', 'de', 'en']."""
        langs = [self.label_language_1, self.label_language_2, self.label_language_3]
        return [code for code in langs if code]

    @property
    def zoneinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def clean(self):
        super().clean()
        errors = {}
        self.country = (self.country or "").upper()
        if len(self.country) != 2 or not self.country.isalpha():
            errors["country"] = _("Enter a two-letter ISO 3166 country code, e.g. DE or CN.")
        if self.label_language_3 and not self.label_language_2:
            errors["label_language_3"] = _("Choose the second language before the third.")
        seen = set()
        for name in ("label_language_1", "label_language_2", "label_language_3"):
            code = getattr(self, name)
            if code and code in seen:
                errors[name] = _("%(language)s is already an earlier label language.") % {
                    "language": language_name(code)
                }
            seen.add(code)
        if errors:
            raise ValidationError(errors)
