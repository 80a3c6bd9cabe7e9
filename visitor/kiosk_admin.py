"""The kiosk setup page of a tour stop (admin → Tour → stop → "Kiosk", issue 16).

It shows the address and QR code a tablet opens, the stop's enrolment code with a QR code of the
kiosk's staff page that enrols a tablet (only enrolled tablets may report), what the offline
copy holds (works, files, size, zoom tiles within the budget) and what each tablet reported
(visitor/devices.py): a tablet is ready when it reports "complete" for the current version. The
page reloads itself every `REFRESH_SECONDS` while a tablet downloads."""

import datetime

import segno
from django.conf import settings
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe

from exhibition.models import TourStop

from . import devices
from .offline import precache_list, version
from .offline_views import start_url
from .permissions import set_up_kiosks
from .queries import public_stops

REFRESH_SECONDS = 10
MB = 1024 * 1024


def kiosk_address(request, stop):
    base = getattr(settings, "LEPORELLO_PUBLIC_BASE_URL", "") or request.build_absolute_uri("/")
    return base.rstrip("/") + start_url(stop)


def qr_svg(text):
    """The QR code of `text` as inline SVG markup (segno; our own text, so safe to inline)."""
    svg = segno.make(text, error="m").svg_inline(scale=6, border=4, dark="#000", light="#fff")
    return mark_safe(svg)  # noqa: S308 - segno's own markup of a URL we made


@set_up_kiosks.view
def setup(request, stop_id):
    stop = get_object_or_404(TourStop.objects.select_related("venue", "exhibition"), pk=stop_id)
    public = public_stops().filter(pk=stop.pk).exists()
    context = {"stop": stop, "public": public, "refresh": REFRESH_SECONDS}
    if public:
        offline = precache_list(stop)
        current = version()
        rows = []
        for report in devices.reports(stop):
            seen = datetime.datetime.fromtimestamp(report["seen"], tz=datetime.UTC)
            rows.append(
                {
                    **report,
                    "seen": timezone.localtime(seen),
                    "megabytes": report["bytes"] / MB,
                    "ready": report["status"] == "complete" and report["version"] == current,
                }
            )
        address = kiosk_address(request, stop)
        code, valid_until = devices.enrolment_code(stop)
        # The code travels in the fragment: the tablet's browser never sends it to a server log.
        enrol_address = f"{address}staff/#enrol={code}"
        context.update(
            address=address,
            qr=qr_svg(address),
            enrol_code=f"{code[:5]}-{code[5:]}",
            enrol_until=timezone.localtime(
                datetime.datetime.fromtimestamp(valid_until, tz=datetime.UTC)
            ),
            enrol_address=enrol_address,
            enrol_qr=qr_svg(enrol_address),
            offline=offline,
            megabytes=offline["bytes"] / MB,
            budget_mb=settings.LEPORELLO_KIOSK_OFFLINE_BUDGET_MB,
            version=current,
            devices=rows,
        )
    return TemplateResponse(request, "visitor/admin/kiosk_setup.html", context)
