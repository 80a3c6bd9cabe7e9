"""Rate limit for the public API: `LEPORELLO_API_THROTTLE_RATE` ("600/min" by default; ""
switches it off) per client address, through the project's one throttle (gates/throttle.py).
Over the rate: 429 with Retry-After (ninja answers it).
"""

from gates.throttle import SettingRateThrottle


class PublicRateThrottle(SettingRateThrottle):
    """The API's throttle; counts under ninja's "anon" scope, as before."""

    def __init__(self):
        super().__init__("LEPORELLO_API_THROTTLE_RATE", "anon")
