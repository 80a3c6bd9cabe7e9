"""HTML, XML and JSON answers compressed with gzip when the client accepts it (issue 19).

Django's GZipMiddleware, placed above the page cache so cached pages are compressed on the way
out too (the cache keeps the plain bytes and their ETag; Django turns the ETag into a weak one
for the compressed answer, and If-None-Match still matches). Static files are compressed ahead
of time by WhiteNoise (gzip and brotli files beside them), so they are not touched here.

BREACH: an attacker who can put text into a compressed page that also carries a secret can read
the secret from the sizes. So only the visitor pages are compressed (`/de/…`, `/zh-hans/…`,
`/en/…`, the sitemaps), which carry no secret (the search form is a GET form, no CSRF token); an
answer among them that set a CSRF cookie (it used a token) is left uncompressed too. The admin is
never compressed. Django's own mitigation (random bytes in the gzip header) stays on.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

# Photographs and PDFs are compressed already: only text is worth it.
TEXT_TYPES = ("text/", "application/xml", "application/json", "application/javascript")


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not is_visitor_path(request.path) or settings.CSRF_COOKIE_NAME in response.cookies:
            return response  # may carry a CSRF token: no compression (BREACH)
        if not response.get("Content-Type", "").startswith(TEXT_TYPES):
            return response
        return super().process_response(request, response)


def is_visitor_path(path):
    """The public pages: a language prefix or a sitemap (as visitor.cache caches them)."""
    if path.startswith("/sitemap") and path.endswith(".xml"):
        return True
    return any(path.startswith(f"/{code}/") for code, _name in settings.LANGUAGES)
