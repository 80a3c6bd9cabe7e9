"""The background worker's sign of life, kept in the shared cache (Redis in production).

Each `db_worker` process (printing/management/commands/db_worker.py) calls `beat()` every
LEPORELLO_JOB_HEARTBEAT_SECONDS; /healthz reads `last_beat()`.
"""

import time

from django.core.cache import cache

WORKER_KEY = "leporello:worker:heartbeat"


def beat(worker_id, now=None):
    """Record that worker `worker_id` (str) is alive at `now` (Unix seconds, default: now)."""
    cache.set(WORKER_KEY, {"worker": worker_id, "time": now or time.time()}, timeout=24 * 3600)


def last_beat():
    """{"worker": id, "time": Unix seconds} of the last worker sign of life, or None."""
    return cache.get(WORKER_KEY)
