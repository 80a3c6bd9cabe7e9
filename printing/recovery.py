"""Recovery of catalogue jobs whose worker died: a running job without a sign of life for
LEPORELLO_JOB_LEASE_SECONDS (printing/lease.py) is queued once more, or failed after its second
loss. Apart from the lease because it enqueues the job's task (printing/tasks.py), which itself
runs under the lease.
"""

import logging

from django.db import transaction
from django.utils import timezone

from .lease import lost_jobs
from .models import CatalogueJob, Interruption
from .tasks import queue_again

logger = logging.getLogger("leporello.printing")


def recover_lost_jobs(now=None):
    """Queue again (first loss) or fail (second loss) every job that lost its worker.
    Returns the list of (job id, "retried"|"failed"). Safe to run in many processes at once:
    each job changes only if it is still running with the lease that was seen."""
    now = now or timezone.now()
    outcome = []
    for job in lost_jobs(now):
        seen = CatalogueJob.objects.filter(
            pk=job.pk, status=CatalogueJob.Status.RUNNING, heartbeat_at=job.heartbeat_at
        )
        with transaction.atomic():
            if job.attempts < CatalogueJob.MAX_ATTEMPTS:
                if seen.update(
                    status=CatalogueJob.Status.QUEUED, progress=0, interruption=Interruption.LOST
                ):
                    queue_again(job.pk)
                    outcome.append((job.pk, "retried"))
            elif seen.update(
                status=CatalogueJob.Status.FAILED, interruption=Interruption.LOST, finished_at=now
            ):
                outcome.append((job.pk, "failed"))
    for pk, what in outcome:
        logger.warning("catalogue job %s lost its worker: %s", pk, what)
    return outcome
