"""Fast, quiet tests; the database comes from DATABASE_URL (SQLite unless set)."""

import tempfile

from .base import *

SECRET_KEY = "tests-only-not-a-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "CRITICAL"}}
LEPORELLO_DEMO_USERS = False

# Uploads and renditions go to a throw-away folder, never to the checkout's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="leporello-test-media-"))
LEPORELLO_PRIVATE_ROOT = Path(tempfile.mkdtemp(prefix="leporello-test-private-"))

# Catalogue jobs run in the test process; the database backend needs a worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "printing": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # Immediate so the shared demo has its renditions; tests of the queue switch to the database.
    "renditions": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

# The lease thread of a catalogue job never ticks during a test (tests set heartbeat_at directly).
LEPORELLO_JOB_HEARTBEAT_SECONDS = 3600
# No translation service is ever called in tests: a fake provider marks what it "translated".
LEPORELLO_MACHINE_TRANSLATION = {"PROVIDER": "translations.machine.Fake"}
# Labels print a public address (the preflight refuses a loopback one without being asked).
LEPORELLO_PUBLIC_BASE_URL = "https://leporello.example.org"
