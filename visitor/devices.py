"""What kiosk tablets report about their offline copy, for the staff's kiosk setup page.

A tablet posts {"device", "status", "works", "total", "bytes", "version"} after each download
step (static/js/kiosk.js). Only an enrolled tablet may report: staff enrol it on the kiosk's
staff page (`/<lang>/kiosk/<stop>/staff/`) with the stop's enrolment code, which the admin's kiosk
setup page shows (`enrolment_code`, valid for 30 to 60 minutes); the tablet receives a token bound
to the stop and to its device id (`device_token`, an HMAC of the site's secret key) and sends it
as `Authorization: Bearer <token>` with every report. Nothing is stored per token: changing
SECRET_KEY revokes every tablet.

Reports are kept in the shared cache (Redis in production), at most `MAX_DEVICES` per stop for
`KEEP_SECONDS`; nothing is written to the database. Every value is checked here.
"""

import base64
import re
import time

from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

MAX_BODY_BYTES = 1024
MAX_DEVICES = 20
KEEP_SECONDS = 7 * 24 * 3600
DEVICE_ID = re.compile(r"^[a-z0-9-]{8,40}$")
STATUSES = ("loading", "complete", "error")
MAX_COUNT = 100_000
MAX_BYTES = 10 * 1024**3
# A device that has not reported for this long gives its place to a new one when a stop is full.
STALE_SECONDS = 24 * 3600
ENROL_WINDOW_SECONDS = 30 * 60
ENROL_CODE_LENGTH = 10
_ENROL_SALT = "leporello.kiosk.enrol"
_TOKEN_SALT = "leporello.kiosk.device"  # noqa: S105 - an HMAC salt (key separation), not a secret


class BadReport(ValueError):
    """The report is not the small JSON object a tablet sends; the message says which part."""


def _enrolment_code(stop, window):
    digest = salted_hmac(_ENROL_SALT, f"{stop.pk}:{window}", algorithm="sha256").digest()
    return base64.b32encode(digest).decode("ascii")[:ENROL_CODE_LENGTH]


def enrolment_code(stop, now=None):
    """(code, valid until in epoch seconds): the stop's current enrolment code, 10 letters and
    digits of base32 (50 bits), shown to staff in the admin; accepted until the end of the next
    30-minute window, so a code read just before a window ends still works."""
    window = int((now or time.time()) // ENROL_WINDOW_SECONDS)
    return _enrolment_code(stop, window), (window + 2) * ENROL_WINDOW_SECONDS


def normalise_code(code):
    """What staff typed, as the code is made: upper case, without spaces and dashes."""
    return re.sub(r"[\s-]", "", code).upper() if isinstance(code, str) else ""


def code_is_valid(stop, code, now=None):
    """Whether `code` is the stop's enrolment code of this or the previous window (constant time
    per candidate, so the comparison says nothing about how much of a guess was right)."""
    code = normalise_code(code)
    if len(code) != ENROL_CODE_LENGTH:
        return False
    window = int((now or time.time()) // ENROL_WINDOW_SECONDS)
    matches = [constant_time_compare(code, _enrolment_code(stop, w)) for w in (window, window - 1)]
    return any(matches)


def device_token(stop, device):
    """The token of the tablet `device` (a checked device id) at `stop`: 64 hex digits."""
    return salted_hmac(_TOKEN_SALT, f"{stop.pk}:{device}", algorithm="sha256").hexdigest()


def token_is_valid(stop, device, token):
    """Whether `token` (from the Authorization header; may be None) is `device`'s at `stop`."""
    if not isinstance(token, str) or not token.isascii():
        return False
    return constant_time_compare(token, device_token(stop, device))


def clean_device(device):
    """`device` if it is a device id a tablet makes, else BadReport."""
    if not isinstance(device, str) or not DEVICE_ID.match(device):
        raise BadReport("device: 8 to 40 characters a-z, 0-9 or -.")
    return device


def _key(stop):
    return f"leporello:kiosk:devices:{stop.pk}"


def clean_report(data):
    """The validated report as a dict, or BadReport naming the field that is wrong."""
    if not isinstance(data, dict):
        raise BadReport("The report must be a JSON object.")
    device = clean_device(data.get("device"))
    if data.get("status") not in STATUSES:
        raise BadReport(f"status: one of {', '.join(STATUSES)}.")
    report = {"device": device, "status": data["status"]}
    for name, limit in (("works", MAX_COUNT), ("total", MAX_COUNT), ("bytes", MAX_BYTES)):
        value = data.get(name, 0)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= limit:
            raise BadReport(f"{name}: a whole number from 0 to {limit}.")
        report[name] = value
    version = data.get("version", "")
    if not isinstance(version, str) or len(version) > 40 or not version.isascii():
        raise BadReport("version: up to 40 ASCII characters.")
    report["version"] = version
    return report


def record(stop, report, now=None):
    """Keep `report` (from `clean_report`) as the device's latest, with the time it arrived.

    Returns False, storing nothing, when the stop already has `MAX_DEVICES` other devices that
    reported within `STALE_SECONDS`: a flood of new devices never pushes out the real tablets."""
    now = now or time.time()
    devices = cache.get(_key(stop)) or {}
    if report["device"] not in devices and len(devices) >= MAX_DEVICES:
        devices = {k: d for k, d in devices.items() if now - d["seen"] < STALE_SECONDS}
        if len(devices) >= MAX_DEVICES:
            return False
    devices[report["device"]] = {**report, "seen": now}
    cache.set(_key(stop), devices, KEEP_SECONDS)
    return True


def reports(stop):
    """The devices' latest reports, most recent first (list of dicts, "seen" in epoch seconds)."""
    devices = cache.get(_key(stop)) or {}
    return sorted(devices.values(), key=lambda d: d["seen"], reverse=True)
