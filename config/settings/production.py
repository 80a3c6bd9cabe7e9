"""Production: every service from the environment; the process refuses to start without the
secret key, allowed hosts, PostgreSQL and Redis. Every variable is listed in docs/deployment.md."""

from django.core.exceptions import ImproperlyConfigured

from .base import *


def _env_int(name, default):
    value = os.environ.get(name, "")
    try:
        return int(value) if value.strip() else default
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def _env_bool(name, default=False):
    value = os.environ.get(name, "").strip().lower()
    return default if not value else value in ("1", "true", "yes", "on")


if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in the environment.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (comma-separated) in the environment.")
if "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured("Set DATABASE_URL, e.g. postgres://user@host:5432/leporello.")
if not os.environ.get("REDIS_URL"):
    raise ImproperlyConfigured(
        "Set REDIS_URL, e.g. redis://127.0.0.1:6379/0: every app server and the worker share "
        "the page cache and its purges through it."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Login throttling counts the visitor's address, not the proxy's: the address
# LEPORELLO_TRUSTED_PROXIES hops from the right of X-Forwarded-For (1 = one reverse proxy such
# as nginx in front of gunicorn; 0 = gunicorn faces the internet: REMOTE_ADDR only).
LEPORELLO_TRUSTED_PROXIES = int(os.environ.get("LEPORELLO_TRUSTED_PROXIES", "1"))
NINJA_NUM_PROXIES = LEPORELLO_TRUSTED_PROXIES  # the API's rate limit counts the same address
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HTTPS only (issue 10). A site sets HSTS itself once HTTPS works everywhere (README, Security):
# DJANGO_HSTS_SECONDS, and DJANGO_HSTS_INCLUDE_SUBDOMAINS / DJANGO_HSTS_PRELOAD if it wants them.
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("DJANGO_HSTS_INCLUDE_SUBDOMAINS") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("DJANGO_HSTS_PRELOAD") == "1"
# Plain-HTTP requests are redirected to HTTPS (the proxy's X-Forwarded-Proto says which it was);
# DJANGO_SECURE_SSL_REDIRECT=0 where the proxy redirects already or for a local smoke test.
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") != "0"
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]  # load balancers probe over plain HTTP
SILENCED_SYSTEM_CHECKS = [
    c for c in os.environ.get("DJANGO_SILENCED_SYSTEM_CHECKS", "").split(",") if c.strip()
]

# PostgreSQL through psycopg 3's connection pool (one pool per process: keep max_size at or above
# GUNICORN_THREADS). Django checks each connection before use (CONN_HEALTH_CHECKS), so a restarted
# database costs one failed check, not a 500.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": _env_int("LEPORELLO_DB_POOL_MIN_SIZE", 1),
        "max_size": _env_int("LEPORELLO_DB_POOL_MAX_SIZE", 8),
        "timeout": _env_int("LEPORELLO_DB_POOL_TIMEOUT", 10),
    }

# -- Object storage (config/storage.py; docs/deployment.md, "Object storage") ------------------
# With AWS_STORAGE_BUCKET_NAME set, renditions go to that public bucket and original images,
# documents and catalogue PDFs to LEPORELLO_S3_PRIVATE_BUCKET_NAME, reached only through signed,
# short-lived addresses handed out by permission-checked views. Unset: MEDIA_ROOT and
# LEPORELLO_PRIVATE_ROOT on this machine's disk (one app server only).
from config.json_logging import logging_config  # noqa: E402
from config.storage import s3_media_origins, s3_storages  # noqa: E402

STORAGES = {**STORAGES, **s3_storages(os.environ)}
# Where renditions come from, for the Content-Security-Policy's img-src (besides 'self').
LEPORELLO_MEDIA_ORIGINS = s3_media_origins(os.environ)
if "S3Storage" in STORAGES["default"]["BACKEND"]:
    # Documents: Wagtail's /documents/ view checks the collection's restriction, then redirects
    # to a signed address of the private bucket (never "direct", which would link the file).
    WAGTAILDOCS_SERVE_METHOD = "redirect"

# One Redis for every process: the page cache, its generation counter and the worker heartbeat.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("LEPORELLO_CACHE_PREFIX", "leporello"),
    }
}

# QR codes on wall labels point here: no default in production (system check leporello.E001).
LEPORELLO_PUBLIC_BASE_URL = os.environ.get("LEPORELLO_PUBLIC_BASE_URL", "")
LEPORELLO_PUBLIC_BASE_URL_REQUIRED = True
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", LEPORELLO_PUBLIC_BASE_URL)

# Static files: `manage.py collectstatic` at build time writes hashed, compressed (gzip, Brotli)
# copies to STATIC_ROOT; WhiteNoise serves them with a one-year Cache-Control.
STATIC_ROOT = Path(os.environ.get("LEPORELLO_STATIC_ROOT", STATIC_ROOT))
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads and renditions from MEDIA_ROOT through the app itself (a single host, or hosts sharing
# the folder). Off by default: a reverse proxy or the object store serves them (docs/deployment.md).
LEPORELLO_SERVE_MEDIA = _env_bool("LEPORELLO_SERVE_MEDIA")

# Errors and warnings as one JSON object per line on stdout (for journald, Docker, Loki, …).
LOGGING = logging_config(
    os.environ.get("LEPORELLO_LOG_LEVEL", "WARNING"),
    {
        # Django's request errors (500s with their traceback) and the task worker's messages.
        "django": {"level": os.environ.get("LEPORELLO_LOG_LEVEL", "WARNING")},
        "django_tasks_db": {"level": "INFO"},
        "leporello": {"level": "INFO"},
    },
)

# Error reports to Sentry, only when SENTRY_DSN is set (pip install -e ".[sentry]").
if os.environ.get("SENTRY_DSN"):
    try:
        import sentry_sdk
    except ImportError:
        raise ImproperlyConfigured(
            'SENTRY_DSN is set but sentry-sdk is not installed: pip install -e ".[sentry]".'
        ) from None
    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,  # no user names, addresses or cookies leave the museum
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
    )
