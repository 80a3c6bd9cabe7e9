import datetime

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import config.storage


def private_storage():
    """Catalogue PDFs: the "private" storage (LEPORELLO_PRIVATE_ROOT or the private bucket),
    downloaded only through printing.views.job_download."""
    return config.storage.private_storage()


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


class Interruption(models.TextChoices):
    LOST = "lost", _("the worker stopped answering (killed or crashed)")
    STOPPED = "stopped", _("the worker was shut down during the job")


class CatalogueJob(models.Model):
    """A printed catalogue (PDF) made in the background: what was asked, how far it is, the file."""

    MAX_ATTEMPTS = 2  # a job whose worker is lost is started once more, then failed

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
    # The worker running the job renews this lease (printing/lease.py); a running job whose lease
    # ran out lost its worker (kill -9, power cut) and is started once more, then failed.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    interruption = models.CharField(
        _("interruption"),
        max_length=10,
        choices=Interruption.choices,
        blank=True,
        help_text=_("Why the last attempt did not finish."),
    )

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
