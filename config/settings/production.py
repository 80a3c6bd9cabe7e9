"""Production: PostgreSQL from DATABASE_URL, secrets and hosts required from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *

if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in the environment.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (comma-separated) in the environment.")
if "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured("Set DATABASE_URL, e.g. postgres://user@host:5432/leporello.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Login throttling counts the visitor's address, not the proxy's: the address
# LEPORELLO_TRUSTED_PROXIES hops from the right of X-Forwarded-For (1 = one reverse proxy such
# as nginx in front of gunicorn; 0 = gunicorn faces the internet: REMOTE_ADDR only).
LEPORELLO_TRUSTED_PROXIES = int(os.environ.get("LEPORELLO_TRUSTED_PROXIES", "1"))
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

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

# -- Object storage (config/storage.py; docs/deployment.md, "Object storage") ------------------
# With AWS_STORAGE_BUCKET_NAME set, renditions go to that public bucket and original images,
# documents and catalogue PDFs to LEPORELLO_S3_PRIVATE_BUCKET_NAME, reached only through signed,
# short-lived addresses handed out by permission-checked views. Unset: MEDIA_ROOT and
# LEPORELLO_PRIVATE_ROOT on this machine's disk (one app server only).
from config.storage import s3_media_origins, s3_storages  # noqa: E402

STORAGES = {**STORAGES, **s3_storages(os.environ)}
# Where renditions come from, for the Content-Security-Policy's img-src (besides 'self').
LEPORELLO_MEDIA_ORIGINS = s3_media_origins(os.environ)
if "S3Storage" in STORAGES["default"]["BACKEND"]:
    # Documents: Wagtail's /documents/ view checks the collection's restriction, then redirects
    # to a signed address of the private bucket (never "direct", which would link the file).
    WAGTAILDOCS_SERVE_METHOD = "redirect"
