from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueJob(models.Model):
    """A catalogue PDF made in the background: what was asked, how far it is, the file."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    exhibition = models.ForeignKey(
        "exhibition.ExhibitionPage", verbose_name=_("exhibition"), on_delete=models.CASCADE
    )
    tour_stop = models.ForeignKey(
        "exhibition.TourStop",
        verbose_name=_("tour stop"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    languages = models.CharField(_("languages"), max_length=30)
    profile = models.CharField(_("image profile"), max_length=10, default="screen")
    placeholders = models.BooleanField(_("placeholders for missing texts"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    file = models.FileField(_("PDF"), upload_to="printing/catalogues/", blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("catalogue job")
        verbose_name_plural = _("catalogue jobs")

    def __str__(self):
        target = self.tour_stop.slug if self.tour_stop_id else self.exhibition.slug
        return f"{target} ({self.languages}, {self.profile})"

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)
