"""The project's one rate limit: django-ninja's anonymous throttle, made safe for threads and read
from the settings at each request. The public API (api/throttle.py) and the kiosk tablets'
anonymous POST addresses (visitor/offline_views.py) both count through it.

A rate is "600/min", "20/s", "10000/day" ("" switches a limit off), counted per client address;
behind a reverse proxy the address `NINJA_NUM_PROXIES` hops from the right of X-Forwarded-For
(production sets it to LEPORELLO_TRUSTED_PROXIES). Counts live in the default cache (Redis in
production, so all app servers share them); each `scope` counts apart.
"""

import math
import threading
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from ninja.throttling import AnonRateThrottle


def _per_thread(name):
    return property(
        lambda self: getattr(self._state, name, None),
        lambda self, value: setattr(self._state, name, value),
    )


class SettingRateThrottle(AnonRateThrottle):
    """Counts requests per client address under `scope`, at the rate named by the setting
    `setting`. ninja keeps one throttle object per operation and stores the request being
    checked on it (`key`, `history`, `now`, the parsed rate); with gunicorn's threads two requests
    would mix them, so they live in a thread-local here."""

    key = _per_thread("key")
    history = _per_thread("history")
    now = _per_thread("now")
    rate = _per_thread("rate")
    num_requests = _per_thread("num_requests")
    duration = _per_thread("duration")

    def __init__(self, setting, scope="anon"):
        self._state = threading.local()
        self.setting = setting
        self.scope = scope

    def allow_request(self, request):
        rate = getattr(settings, self.setting, "")
        if not rate:
            return True
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)


def rate_limited(setting, scope, message):
    """Decorator for a plain Django view: over the rate of `setting`, answer 429 with Retry-After
    (whole seconds) and `message` as plain text, without running the view."""
    throttle = SettingRateThrottle(setting, scope)

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not throttle.allow_request(request):
                response = HttpResponse(message, status=429, content_type="text/plain")
                response["Retry-After"] = str(max(1, math.ceil(throttle.wait() or 1)))
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
