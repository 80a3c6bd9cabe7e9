"""HTML, XML and JSON answers compressed with gzip when the client accepts it (issue 19).

Django's GZipMiddleware, placed above the page cache so cached pages are compressed on the way
out too (the cache keeps the plain bytes and their ETag; Django turns the ETag into a weak one
for the compressed answer, and If-None-Match still matches). Static files are compressed ahead
of time by WhiteNoise (gzip and brotli files beside them), so they are not touched here.

BREACH: an attacker who can put text into a compressed page that also carries a secret can read
the secret from the sizes. Public pages carry no secret (the search form is a GET form, no CSRF
token); an answer that used a CSRF token (admin forms, the login) is left uncompressed, and
Django's own mitigation (random bytes in the gzip header) stays on for the rest.
"""

from django.middleware.gzip import GZipMiddleware

# Photographs and PDFs are compressed already: only text is worth it.
TEXT_TYPES = ("text/", "application/xml", "application/json", "application/javascript")


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return response  # the answer carries a CSRF token: no compression (BREACH)
        if not response.get("Content-Type", "").startswith(TEXT_TYPES):
            return response
        return super().process_response(request, response)
