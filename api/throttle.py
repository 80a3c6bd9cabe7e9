"""Rate limit for the public API: django-ninja's anonymous throttle, made safe for threads and
read from the settings at each request.

`LEPORELLO_API_THROTTLE_RATE` ("600/min" by default; "" switches it off) per client address;
behind a reverse proxy the address `NINJA_NUM_PROXIES` hops from the right of X-Forwarded-For
(production sets it to LEPORELLO_TRUSTED_PROXIES). Counts live in the default cache (Redis in
production, so all app servers share them). Over the rate: 429 with Retry-After.
"""

import threading

from django.conf import settings
from ninja.throttling import AnonRateThrottle


def _per_thread(name):
    return property(
        lambda self: getattr(self._state, name, None),
        lambda self, value: setattr(self._state, name, value),
    )


class PublicRateThrottle(AnonRateThrottle):
    """ninja keeps one throttle object per operation and stores the request being checked on it
    (`key`, `history`, `now`, the parsed rate); with gunicorn's threads two requests would mix
    them, so they live in a thread-local here."""

    key = _per_thread("key")
    history = _per_thread("history")
    now = _per_thread("now")
    rate = _per_thread("rate")
    num_requests = _per_thread("num_requests")
    duration = _per_thread("duration")

    def __init__(self):
        self._state = threading.local()

    def allow_request(self, request):
        rate = getattr(settings, "LEPORELLO_API_THROTTLE_RATE", "")
        if not rate:
            return True
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)
