"""What kiosk tablets report about their offline copy, for the staff's kiosk setup page.

A tablet posts {"device", "status", "works", "total", "bytes", "version"} after each download
step (static/js/kiosk.js). Reports are kept in the shared cache (Redis in production), at most
`MAX_DEVICES` per stop for `KEEP_SECONDS`; nothing is written to the database. Every value is
checked here: a report is a small JSON object from an anonymous device, so the worst a forged
one can do is show a wrong line on the setup page, which says when and what it was told.
"""

import re
import time

from django.core.cache import cache

MAX_BODY_BYTES = 1024
MAX_DEVICES = 20
KEEP_SECONDS = 7 * 24 * 3600
DEVICE_ID = re.compile(r"^[a-z0-9-]{8,40}$")
STATUSES = ("loading", "complete", "error")
MAX_COUNT = 100_000
MAX_BYTES = 10 * 1024**3


class BadReport(ValueError):
    """The report is not the small JSON object a tablet sends; the message says which part."""


def _key(stop):
    return f"leporello:kiosk:devices:{stop.pk}"


def clean_report(data):
    """The validated report as a dict, or BadReport naming the field that is wrong."""
    if not isinstance(data, dict):
        raise BadReport("The report must be a JSON object.")
    device = data.get("device")
    if not isinstance(device, str) or not DEVICE_ID.match(device):
        raise BadReport("device: 8 to 40 characters a-z, 0-9 or -.")
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


def record(stop, report):
    """Keep `report` (from `clean_report`) as the device's latest, with the time it arrived."""
    devices = cache.get(_key(stop)) or {}
    devices[report["device"]] = {**report, "seen": time.time()}
    if len(devices) > MAX_DEVICES:
        newest = sorted(devices.values(), key=lambda d: d["seen"], reverse=True)[:MAX_DEVICES]
        devices = {d["device"]: d for d in newest}
    cache.set(_key(stop), devices, KEEP_SECONDS)


def reports(stop):
    """The devices' latest reports, most recent first (list of dicts, "seen" in epoch seconds)."""
    devices = cache.get(_key(stop)) or {}
    return sorted(devices.values(), key=lambda d: d["seen"], reverse=True)
