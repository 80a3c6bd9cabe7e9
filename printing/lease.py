"""Catalogue jobs survive their worker: a lease renewed while a job runs, and recovery of jobs whose
worker died (kill -9, out of memory, power cut) or was shut down in the middle (SIGTERM twice).

- `JobLease(job_id)`: while the job runs, a thread renews `CatalogueJob.heartbeat_at` every
  LEPORELLO_JOB_HEARTBEAT_SECONDS (WeasyPrint may lay out for minutes without reporting progress).
- `recover_lost_jobs()` (printing/recovery.py): a running job without a sign of life for LEPORELLO_JOB_LEASE_SECONDS lost
  its worker. Its first loss queues it once more (interruption "lost", attempt 2 of
  CatalogueJob.MAX_ATTEMPTS); a second loss fails it with a message. Every worker runs this with
  its heartbeat (printing/management/commands/db_worker.py) and the job page runs it when viewed.
- `hand_back(job_id)`: the worker is being shut down during the job; it goes back to the queue.

This module sits below `printing.tasks` (which runs jobs under a lease): it enqueues nothing.
"""

import datetime
import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import CatalogueJob, Interruption

logger = logging.getLogger("leporello.printing")


class JobLease:
    """Context manager: renews the job's lease in a background thread until the block ends."""

    def __init__(self, job_id, interval=None):
        self.job_id = job_id
        self.interval = interval or settings.LEPORELLO_JOB_HEARTBEAT_SECONDS
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._renew, daemon=True, name=f"lease-{job_id}")

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join(timeout=self.interval + 5)
        return False

    def _renew(self):
        try:
            while not self._stop.wait(self.interval):
                CatalogueJob.objects.filter(
                    pk=self.job_id, status=CatalogueJob.Status.RUNNING
                ).update(heartbeat_at=timezone.now())
        except Exception:
            logger.exception("could not renew the lease of catalogue job %s", self.job_id)
        finally:
            connection.close()  # this thread's own connection (returned to the pool)


def lost_jobs(now=None):
    """Running jobs whose lease ran out: a QuerySet of CatalogueJob."""
    limit = (now or timezone.now()) - datetime.timedelta(
        seconds=settings.LEPORELLO_JOB_LEASE_SECONDS
    )
    return CatalogueJob.objects.annotate(last_sign=Coalesce("heartbeat_at", "created_at")).filter(
        status=CatalogueJob.Status.RUNNING, last_sign__lt=limit
    )


def hand_back(job_id):
    """The worker is shutting down during the job: mark it queued again (without counting the
    attempt) for the next worker. Returns True if the job was handed back; the caller
    (`printing.tasks`) then enqueues it, so this module needs no task."""
    close_old_connections()
    with transaction.atomic():
        handed = CatalogueJob.objects.filter(pk=job_id, status=CatalogueJob.Status.RUNNING).update(
            status=CatalogueJob.Status.QUEUED,
            progress=0,
            interruption=Interruption.STOPPED,
            attempts=F("attempts") - 1,
        )
    if handed:
        logger.warning("catalogue job %s handed back: the worker is shutting down", job_id)
    return bool(handed)


def claim(job_id):
    """Mark a queued job as running in this process (attempt +1, lease starts now). Returns False
    if the job is not queued (already taken by another worker, finished or deleted)."""
    return bool(
        CatalogueJob.objects.filter(pk=job_id, status=CatalogueJob.Status.QUEUED).update(
            status=CatalogueJob.Status.RUNNING,
            progress=1,
            attempts=F("attempts") + 1,
            heartbeat_at=timezone.now(),
        )
    )
