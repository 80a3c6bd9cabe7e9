"""Background work: the printed catalogue (PDF) runs in `db_worker --backend printing`, never in a
web request."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from .images import prune_cache
from .lease import JobLease, claim, hand_back
from .models import CatalogueJob
from .printed_catalogue import (
    PrintedCatalogueOptions,
    make_printed_catalogue,
    printed_catalogue_filename,
)
from .texts import PrintError


@task(backend="printing")
def render_catalogue_job(job_id):
    """Make the job's PDF. A job that is not queued (taken by another worker, finished) is left
    alone; while it runs its lease is renewed (printing/lease.py); a worker shut down in the
    middle (SystemExit, KeyboardInterrupt) hands it back to the queue."""
    if not claim(job_id):
        return None
    job = CatalogueJob.objects.select_related(
        "exhibition", "tour_stop__venue", "requested_by__wagtail_userprofile"
    ).get(pk=job_id)
    # Progress steps and messages in the admin language of whoever asked for the printed catalogue
    # (the worker itself runs in the default language, German).
    with translation.override(requester_language(job)):
        _run(job)


def queue_again(job_id):
    """Queue a job that went back to the queue (handed back, or lost: printing/recovery.py) once
    the transaction that put it there commits."""
    transaction.on_commit(lambda: render_catalogue_job.enqueue(job_id))


def requester_language(job):
    """The Wagtail admin language of the user who requested `job`, else the site default."""
    profile = getattr(job.requested_by, "wagtail_userprofile", None) if job.requested_by else None
    return (profile and profile.get_preferred_language()) or settings.LANGUAGE_CODE


def _run(job):

    def progress(percent, message):
        CatalogueJob.objects.filter(pk=job.pk).update(
            progress=percent, message=str(message), heartbeat_at=timezone.now()
        )

    options = PrintedCatalogueOptions(
        languages=job.languages.split(","),
        profile=job.profile,
        placeholders=job.placeholders,
        allow_low_resolution=job.allow_low_resolution,
    )
    try:
        with JobLease(job.pk):
            result = make_printed_catalogue(job.exhibition, job.tour_stop, options, progress)
    except (SystemExit, KeyboardInterrupt):
        if hand_back(job.pk):
            queue_again(job.pk)
        raise
    except PrintError as error:
        CatalogueJob.objects.filter(pk=job.pk).update(
            status=CatalogueJob.Status.FAILED, message=str(error), finished_at=timezone.now()
        )
        return None
    except Exception as error:
        CatalogueJob.objects.filter(pk=job.pk).update(
            status=CatalogueJob.Status.FAILED,
            message=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise
    job.refresh_from_db()
    job.file.save(
        printed_catalogue_filename(job.exhibition, job.tour_stop, options),
        ContentFile(result.pdf),
        save=False,
    )
    job.pages = result.pages
    job.status = CatalogueJob.Status.DONE
    job.progress = 100
    job.message = ""
    job.finished_at = timezone.now()
    job.save()
    CatalogueJob.objects.prune()  # old jobs and their PDFs (LEPORELLO_CATALOGUE_JOB_DAYS)
    prune_cache()  # local copies of remote renditions nobody printed for a while
    return job.pk


def start_printed_catalogue_job(user, exhibition, stop, options):
    """Record the job and queue it once the row is committed, so the worker can see it."""
    job = CatalogueJob.objects.create(
        exhibition=exhibition,
        tour_stop=stop,
        languages=",".join(options.languages),
        profile=options.profile,
        placeholders=options.placeholders,
        allow_low_resolution=options.allow_low_resolution,
        requested_by=user if user and user.is_authenticated else None,
    )
    transaction.on_commit(lambda: render_catalogue_job.enqueue(job.pk))
    return job
