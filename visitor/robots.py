"""/robots.txt: where the sitemap is, and what crawlers should leave alone (the admin, kiosk)."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from catalogue.languages import LANGUAGE_CODES


@require_GET
def robots_txt(request):
    """Plain text in the Robots Exclusion Protocol (RFC 9309): every crawler may read the public
    pages; the admin and the venue tablets' kiosk copies (also `noindex` in their heads) are
    disallowed; the sitemap is named with its absolute address, as the protocol requires."""
    lines = ["User-agent: *", f"Disallow: {settings.LEPORELLO_ADMIN_PATH}"]
    lines += [f"Disallow: /{code}/kiosk/" for code in LANGUAGE_CODES]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
