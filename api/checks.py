"""`manage.py check` refuses a rate limit ninja cannot read (else every request would fail)."""

from django.conf import settings
from django.core.checks import Error, register

# Every rate the project's one throttle (gates/throttle.py) reads.
RATE_SETTINGS = (
    "LEPORELLO_API_THROTTLE_RATE",
    "LEPORELLO_KIOSK_REPORT_RATE",
    "LEPORELLO_KIOSK_ENROL_RATE",
)


@register()
def check_throttle_rate(app_configs=None, **kwargs):
    from .throttle import PublicRateThrottle

    errors = []
    for name in RATE_SETTINGS:
        rate = getattr(settings, name, "")
        if not rate:
            continue
        try:
            PublicRateThrottle().parse_rate(rate)
        except ValueError:
            errors.append(
                Error(
                    f"{name}={rate!r} is not a rate.",
                    hint='Write requests/period, e.g. "600/min", "20/s" or "10000/day"; '
                    "empty: no limit.",
                    id="leporello.E101",
                )
            )
    return errors
