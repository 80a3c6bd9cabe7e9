"""HTTP behaviour shared by every address under /api/: caching headers, 304, HEAD.

- A successful GET gets an `ETag` (hash of the body) and `Cache-Control: public,
  max-age=LEPORELLO_API_MAX_AGE`; a request whose `If-None-Match` matches gets 304 without body.
- HEAD is answered as GET without the body (RFC 9110 §9.3.2), so the OpenAPI document lists GET
  alone.
- Nothing here reads the session or the user: a signed-in editor gets the same bytes as anyone.

CORS is django-cors-headers' (settings: CORS_URLS_REGEX limits it to /api/). The anonymous page
cache (visitor/cache.py) never stores these responses: it only handles /<lang>/ addresses.
"""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control

PREFIX = "/api/"


def cc_split(value):
    return [v.strip() for v in cc_delim_re.split(value) if v.strip()]


def remember_answer(run):
    """ninja view decorator (api.views): keeps the operation's own response on the request."""

    def wrapped(request, *args, **kwargs):
        request.api_response = run(request, *args, **kwargs)
        return request.api_response

    return wrapped


class ApiHttpMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def api_answer(request, response):
        """The API's own answer, as the operation made it. Django's LocaleMiddleware turns a
        404 without a language prefix into a redirect to /<lang>/…/ (a Wagtail page address);
        under /api/ a missing object or address stays a JSON 404."""
        answered = getattr(request, "api_response", None)
        if answered is not None:
            return answered
        location = urlsplit(response.get("Location", "")).path
        if response.status_code == 404 or (
            300 <= response.status_code < 400 and not location.startswith(PREFIX)
        ):
            return JsonResponse(
                {
                    "detail": "No such address in the API. The addresses are listed in "
                    "/api/v1/openapi.json.",
                    "errors": [],
                },
                status=404,
            )
        return response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            if head:
                request.method = "HEAD"
        response = self.api_answer(request, response)
        # The answer depends on the address alone (?lang=, never Accept-Language or a cookie),
        # so shared caches keep one copy per address; Content-Language is the language asked
        # for, not the one LocaleMiddleware guessed from the browser.
        vary = [v for v in cc_split(response.get("Vary", "")) if v.lower() != "accept-language"]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif response.has_header("Vary"):
            del response["Vary"]
        language = getattr(request, "api_content_language", None)
        if language:
            response["Content-Language"] = language
        elif response.has_header("Content-Language"):
            del response["Content-Language"]
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            if not response.streaming and not response.has_header("ETag"):
                digest = hashlib.sha256(response.content).hexdigest()[:32]
                response["ETag"] = f'"{digest}"'
            patch_cache_control(response, public=True, max_age=settings.LEPORELLO_API_MAX_AGE)
            response = get_conditional_response(
                request, etag=response.get("ETag"), response=response
            )
        if head and not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response
