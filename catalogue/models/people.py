from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index


class Photographer(index.Indexed, models.Model):
    """The author of the works; name and biography exist in every language."""

    name = models.CharField(_("name"), max_length=200)
    sort_name = models.CharField(
        _("sort name"), max_length=200, blank=True, help_text=_("e.g. Langerock, Bernard")
    )
    biography = RichTextField(_("biography"), blank=True, features=["bold", "italic", "link"])
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("sort_name"),
        FieldPanel("biography"),
        FieldPanel("website"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name = _("photographer")
        verbose_name_plural = _("photographers")

    def __str__(self):
        return self.name
