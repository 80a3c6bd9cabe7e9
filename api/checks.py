"""`manage.py check` refuses an API rate limit ninja cannot read (else every request would fail)."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_throttle_rate(app_configs=None, **kwargs):
    from .throttle import PublicRateThrottle

    rate = getattr(settings, "LEPORELLO_API_THROTTLE_RATE", "")
    if not rate:
        return []
    try:
        PublicRateThrottle().parse_rate(rate)
    except ValueError:
        return [
            Error(
                f"LEPORELLO_API_THROTTLE_RATE={rate!r} is not a rate.",
                hint='Write requests/period, e.g. "600/min", "20/s" or "10000/day"; empty: no limit.',
                id="leporello.E101",
            )
        ]
    return []
