import datetime

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def private_storage():
    """Catalogue PDFs: outside MEDIA_ROOT, downloaded only through printing.views.job_download."""
    return FileSystemStorage(location=settings.LEPORELLO_PRIVATE_ROOT, base_url=None)


class CatalogueJobQuerySet(models.QuerySet):
    def expired(self, days=None, now=None):
        """Jobs requested more than `days` (LEPORELLO_CATALOGUE_JOB_DAYS) ago."""
        days = settings.LEPORELLO_CATALOGUE_JOB_DAYS if days is None else days
        return self.filter(created_at__lt=(now or timezone.now()) - datetime.timedelta(days=days))

    def prune(self, days=None, now=None):
        """Delete expired jobs with their PDFs; returns how many were deleted."""
        count = 0
        for job in self.expired(days, now):
            job.delete()  # one by one: post_delete removes each file
            count += 1
        return count


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
    allow_low_resolution = models.BooleanField(_("images below 150 dpi allowed"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    file = models.FileField(
        _("PDF"), upload_to="printing/catalogues/", storage=private_storage, blank=True
    )
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = CatalogueJobQuerySet.as_manager()

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


@receiver(post_delete, sender=CatalogueJob)
def delete_job_file(sender, instance, **kwargs):
    if instance.file:
        instance.file.delete(save=False)
