"""Login throttling (django-axes): whose address counts, and the page a locked-out user gets."""

from django.conf import settings
from django.shortcuts import render


def client_address(request):
    """The address LEPORELLO_TRUSTED_PROXIES hops from the right of X-Forwarded-For, else
    REMOTE_ADDR (str, or None when neither is there).

    Each trusted proxy appends the address it was reached from, so the right-most entries are
    the only ones nobody outside could have typed; entries further left are ignored.
    """
    hops = getattr(settings, "LEPORELLO_TRUSTED_PROXIES", 0)
    if hops:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if len(addresses) >= hops:
            return addresses[-hops]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """HTTP 429 with the sign-in page's look: why signing in is paused and for how long."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"username": username, "limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "account_locked.html", context, status=429)
