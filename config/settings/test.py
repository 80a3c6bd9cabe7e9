"""Fast, quiet tests; the database comes from DATABASE_URL (SQLite unless set)."""

import tempfile

from PIL import AvifImagePlugin, Image, WebPImagePlugin  # noqa: F401 (registers their savers)

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


def _fastest_encoder(save, **defaults):
    """Pillow's save function `save` with other default options (a call's own options win)."""

    def fast_save(image, fp, filename):
        for key, value in defaults.items():
            image.encoderinfo.setdefault(key, value)
        return save(image, fp, filename)

    return fast_save


# Every image a test uploads gets all its renditions at once (TASKS above), five of them AVIF and
# five WebP: at their default effort those encoders took most of the suite's picture time
# (AVIF ~0.15 s of CPU for a 480 px picture, WebP ~0.02 s; JPEG 0.001 s). Tests check which
# renditions exist and what pages do with them, never their compression, so the encoders run at
# their fastest setting here (AVIF ten times, WebP seven times faster; still valid files).
_avif, _webp = Image.SAVE["AVIF"], Image.SAVE["WEBP"]
Image.register_save("AVIF", _fastest_encoder(_avif, speed=10))
Image.register_save("WEBP", _fastest_encoder(_webp, method=0))
