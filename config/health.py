"""/healthz for load balancers and container health checks.

GET /healthz → 200 when the database, the cache and the file storages answer, else 503; the body
is JSON: {"status": "ok"|"fail", "checks": {name: {"ok": bool, "ms": float, "error"?: str}},
"worker": {"ok": bool, "seconds_since_heartbeat": float|None}}. The worker's heartbeat is reported
but does not fail /healthz (visitors are still served while the worker is down);
GET /healthz/worker answers 503 when no worker has been seen for three heartbeat intervals, for
the worker service's own health check.
"""

import logging
import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.http import JsonResponse

from .heartbeat import last_beat

logger = logging.getLogger("leporello.health")
PATHS = ("/healthz", "/healthz/")
WORKER_PATHS = ("/healthz/worker", "/healthz/worker/")


def check_database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"leporello:healthz:{uuid.uuid4().hex}"
    cache.set(key, 1, timeout=10)
    if cache.get(key) != 1:
        raise RuntimeError("the cache did not return what was just stored")
    cache.delete(key)


def check_storage():
    """The media storage answers: a local folder exists (or can be made) and is writable; an
    object store lists its top level."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        location = Path(storage.location)
        location.mkdir(parents=True, exist_ok=True)
        if not os.access(location, os.W_OK):
            raise PermissionError(f"{location} is not writable")
    else:
        storage.listdir("")


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}


def worker_status(now=None):
    """{"ok": bool, "seconds_since_heartbeat": float|None}; not ok when the cache is down."""
    try:
        beat = last_beat()
    except Exception as error:
        return {"ok": False, "seconds_since_heartbeat": None, "error": type(error).__name__}
    if not beat:
        return {"ok": False, "seconds_since_heartbeat": None}
    age = (now or time.time()) - beat["time"]
    limit = 3 * settings.LEPORELLO_JOB_HEARTBEAT_SECONDS
    return {"ok": age <= limit, "seconds_since_heartbeat": round(age, 1)}


def healthz(worker_only=False):
    results = {}
    if not worker_only:
        for name, check in CHECKS.items():
            started = time.perf_counter()
            try:
                check()
            except Exception as error:
                logger.error("health check %s failed: %s", name, error)
                results[name] = {"ok": False, "error": f"{type(error).__name__}: {error}"}
            else:
                results[name] = {"ok": True}
            results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    worker = worker_status()
    ok = all(r["ok"] for r in results.values()) and (worker["ok"] or not worker_only)
    response = JsonResponse(
        {"status": "ok" if ok else "fail", "checks": results, "worker": worker},
        status=200 if ok else 503,
    )
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers /healthz first in the chain: load balancers probe by IP address (not in
    ALLOWED_HOSTS) and over plain HTTP (no redirect to HTTPS wanted)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            if request.path in PATHS:
                return healthz()
            if request.path in WORKER_PATHS:
                return healthz(worker_only=True)
        return self.get_response(request)
