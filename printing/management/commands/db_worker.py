"""`manage.py db_worker --backend printing`: django-tasks-db's worker plus Leporello's heartbeat.

It replaces django_tasks_db's command of the same name (printing comes first in INSTALLED_APPS)
and adds one thread that, every LEPORELLO_JOB_HEARTBEAT_SECONDS, records the worker's sign of life
in the shared cache (read by /healthz/worker) and recovers printed-catalogue jobs whose worker was
lost (printing/lease.py). Signals are django-tasks-db's: the first SIGTERM/SIGINT lets the running
job finish and then stops; a second one stops at once, and the running printed-catalogue job is
handed back to the queue. A `kill -9` is noticed by the lease: another (or the restarted) worker queues the job
once more, and fails it after a second loss.
"""

import logging
import threading

from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from config.heartbeat import beat
from printing.recovery import recover_lost_jobs

logger = logging.getLogger("leporello.printing")


class Heartbeat(threading.Thread):
    def __init__(self, worker_id, interval):
        super().__init__(daemon=True, name="leporello-heartbeat")
        self.worker_id = worker_id
        self.interval = interval
        self.stopped = threading.Event()

    def run(self):
        while True:
            try:
                close_old_connections()
                beat(self.worker_id)
                recover_lost_jobs()
            except Exception:
                logger.exception("worker heartbeat failed")
            finally:
                connection.close()
            if self.stopped.wait(self.interval):
                return


class Command(DatabaseWorkerCommand):
    help = (
        "Run a database background worker, with a heartbeat (/healthz/worker) and recovery "
        "of catalogue jobs whose worker was lost."
    )

    def handle(self, *args, **options):
        from django.conf import settings

        heartbeat = Heartbeat(options["worker_id"], settings.LEPORELLO_JOB_HEARTBEAT_SECONDS)
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stopped.set()
