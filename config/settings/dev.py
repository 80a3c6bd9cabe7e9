"""Local development: DEBUG on, a per-checkout secret key, demo logins allowed."""

import secrets

from .base import *

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
LEPORELLO_DEMO_USERS = True


def _dev_secret_key():
    key_file = BASE_DIR / "var" / "dev-secret-key"
    if not key_file.exists():
        key_file.parent.mkdir(exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _dev_secret_key()
