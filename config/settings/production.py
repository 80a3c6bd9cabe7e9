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
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0"))

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
