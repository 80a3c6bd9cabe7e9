"""System checks for a production deployment (run by `manage.py check`, `migrate` and at gunicorn's
start, see config/gunicorn.py)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register

from .addresses import is_loopback_or_private


@register()
def public_base_url(app_configs, **kwargs):
    """leporello.E001-E003: where LEPORELLO_PUBLIC_BASE_URL_REQUIRED is on (production), the
    public address printed in QR codes must be set, absolute and reachable from a visitor's phone."""
    if not getattr(settings, "LEPORELLO_PUBLIC_BASE_URL_REQUIRED", False):
        return []
    url = (settings.LEPORELLO_PUBLIC_BASE_URL or "").strip()
    if not url:
        return [
            Error(
                "LEPORELLO_PUBLIC_BASE_URL is not set.",
                hint="Set it in the environment to the address visitors open, e.g. "
                "https://catalogue.museum.example; wall-label QR codes point there.",
                id="leporello.E001",
            )
        ]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [
            Error(
                f"LEPORELLO_PUBLIC_BASE_URL={url!r} is not an absolute http(s) address.",
                hint="Write it with the scheme, e.g. https://catalogue.museum.example",
                id="leporello.E002",
            )
        ]
    if is_loopback_or_private(url):
        return [
            Error(
                f"LEPORELLO_PUBLIC_BASE_URL={url!r} names this machine or a private network: "
                "visitors' phones cannot open the QR codes printed with it.",
                hint="Set the public address. If visitors really reach Leporello on a private "
                "network, add leporello.E003 to DJANGO_SILENCED_SYSTEM_CHECKS.",
                id="leporello.E003",
            )
        ]
    return []
