"""The offline kiosk's addresses (issue 16): service worker, manifest, precache list, version,
search index, the kiosk's staff page and the tablets' status reports.

Addresses without a language (`/kiosk-sw.js`, `/kiosk/<stop>/…`) are not page-cached and answer
with `Cache-Control: no-store`: a tablet must see a new version at once. The service worker is
served from the site root, so its scope covers the kiosk pages of every language.
"""

import json

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from catalogue.models.translation_state import localized
from gates.throttle import rate_limited

from . import devices
from .offline import PRIVATE_PREFIXES, precache_list, search_index, venue_languages, version
from .views import get_stop, kiosk_context


def no_store(response):
    add_never_cache_headers(response)
    return response


@require_GET
def service_worker(request):
    """The kiosk's service worker (templates/visitor/kiosk-sw.js), scope "/"."""
    response = render(
        request,
        "visitor/kiosk-sw.js",
        {
            "private_prefixes": json.dumps(PRIVATE_PREFIXES),
            "static_url": json.dumps(settings.STATIC_URL),
            "media_url": json.dumps(settings.MEDIA_URL),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return no_store(response)


def start_url(stop):
    with override(venue_languages(stop)[0]):
        return reverse("visitor:kiosk_catalogue", kwargs={"stop": stop.slug})


@require_GET
def manifest(request, stop):
    """The stop's Web App Manifest: installed, the tablet opens the kiosk start page full screen."""
    tour_stop = get_stop(stop)
    language = venue_languages(tour_stop)[0]
    venue = localized(tour_stop.venue, "name", language).value
    data = {
        "id": f"/kiosk/{tour_stop.slug}/",
        "name": f"Leporello · {venue}",
        "short_name": "Leporello",
        "lang": language,
        "start_url": start_url(tour_stop),
        "scope": "/",
        "display": "fullscreen",
        "display_override": ["fullscreen", "standalone"],
        "orientation": "any",
        "background_color": "#ffffff",
        "theme_color": "#1f2a30",
        "icons": [
            {
                "src": static(f"img/kiosk-icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any",
            }
            for size in (192, 512)
        ]
        + [
            {
                "src": static("img/kiosk-icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            }
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    return no_store(response)


@require_GET
def offline_list(request, stop):
    """The precache list of the stop (visitor/offline.py, `build_precache_list`) as JSON."""
    return no_store(JsonResponse(precache_list(get_stop(stop))))


@require_GET
def current_version(request, stop):
    """{"version": …}: what a tablet compares with its copy when it is online."""
    get_stop(stop)
    return no_store(JsonResponse({"version": version()}))


@require_GET
def kiosk_search_index(request, stop):
    """The stop's offline search index in the page's language (visitor/offline.py)."""
    tour_stop = get_stop(stop)
    return JsonResponse(search_index(tour_stop, request.LANGUAGE_CODE))


@require_GET
def kiosk_staff(request, stop):
    """The kiosk's staff page: what this tablet stores, its size, and leaving kiosk mode.

    The page itself is the same for everyone (it reads the tablet's state in the browser)."""
    tour_stop = get_stop(stop)
    context = {
        "stop": tour_stop,
        "budget_mb": settings.LEPORELLO_KIOSK_OFFLINE_BUDGET_MB,
        "languages": venue_languages(tour_stop),
        **kiosk_context(tour_stop, True),
    }
    return render(request, "visitor/kiosk_staff.html", context)


class Refused(Exception):
    """A kiosk POST that is refused: `response` says why."""

    def __init__(self, response):
        super().__init__(response.status_code)
        self.response = response


def read_json(request):
    """The small JSON object a kiosk page posts (at most `devices.MAX_BODY_BYTES`), or Refused
    with 400 saying what is wrong.

    Why no CSRF token: kiosk pages are cached (page cache and the tablet's own copy), so they
    cannot carry a per-session token. A cross-site form cannot send `application/json`, and a
    cross-site script must pass the same-origin check (Sec-Fetch-Site or Origin)."""
    if request.content_type != "application/json":
        raise Refused(HttpResponseBadRequest("Send the report as application/json."))
    site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if site not in (None, "same-origin") or (
        origin is not None and origin != f"{request.scheme}://{request.get_host()}"
    ):
        raise Refused(
            HttpResponseBadRequest("Reports are accepted from the kiosk's own pages only.")
        )
    too_large = HttpResponseBadRequest("The report is larger than 1 KB.")
    length = request.headers.get("Content-Length") or "0"
    if not (length.isascii() and length.isdigit()) or int(length) > devices.MAX_BODY_BYTES:
        raise Refused(too_large)
    body = request.read(devices.MAX_BODY_BYTES + 1)
    if len(body) > devices.MAX_BODY_BYTES:
        raise Refused(too_large)
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise Refused(HttpResponseBadRequest(f"Not a kiosk report: {exc}")) from None
    if not isinstance(data, dict):
        raise Refused(HttpResponseBadRequest("Not a kiosk report: not a JSON object."))
    return data


def bearer_token(request):
    """The token of `Authorization: Bearer <token>`, or None."""
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def unauthorised(message):
    response = HttpResponse(message, status=401, content_type="text/plain")
    response["WWW-Authenticate"] = 'Bearer realm="kiosk"'
    return no_store(response)


@csrf_exempt  # an anonymous tablet: see read_json
@require_POST
@rate_limited("LEPORELLO_KIOSK_REPORT_RATE", "kiosk-status", "Too many reports; try later.")
def report_status(request, stop):
    """An enrolled tablet reports its offline copy (visitor/devices.py): 200 {}; 400 saying
    what is wrong; 401 without the tablet's token (`Authorization: Bearer …`); 409 when the stop
    already has as many tablets as it keeps; 429 over the rate. Only a 200 stores anything."""
    tour_stop = get_stop(stop)
    try:
        data = read_json(request)
        report = devices.clean_report(data)
    except Refused as refused:
        return refused.response
    except devices.BadReport as exc:
        return HttpResponseBadRequest(f"Not a kiosk report: {exc}")
    if not devices.token_is_valid(tour_stop, report["device"], bearer_token(request)):
        return unauthorised(
            "This tablet is not enrolled at this stop: enrol it on the kiosk's staff page."
        )
    if not devices.record(tour_stop, report):
        return no_store(
            HttpResponse(
                f"This stop already has {devices.MAX_DEVICES} tablets reporting.",
                status=409,
                content_type="text/plain",
            )
        )
    return no_store(JsonResponse({}, status=200))


@csrf_exempt  # an anonymous tablet: see read_json
@require_POST
@rate_limited("LEPORELLO_KIOSK_ENROL_RATE", "kiosk-enrol", "Too many attempts; try later.")
def enrol(request, stop):
    """Staff enrol a tablet at the stop from the kiosk's staff page: {"device", "code"} with the
    enrolment code of the admin's kiosk setup page → 200 {"token"}; 400 when the body is wrong;
    403 when the code is wrong or expired; 429 over the (low) rate, which makes guessing the
    50-bit code hopeless."""
    tour_stop = get_stop(stop)
    try:
        data = read_json(request)
        device = devices.clean_device(data.get("device"))
    except Refused as refused:
        return refused.response
    except devices.BadReport as exc:
        return HttpResponseBadRequest(f"Not an enrolment: {exc}")
    if not devices.code_is_valid(tour_stop, data.get("code")):
        return no_store(
            HttpResponseForbidden(
                "Wrong or expired enrolment code: read the current one on the kiosk setup page.",
                content_type="text/plain",
            )
        )
    return no_store(JsonResponse({"token": devices.device_token(tour_stop, device)}))
