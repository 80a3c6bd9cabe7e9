"""The site's URLs plus one bare view, so cache_ratio.py can compare them in one process."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

BODY = {"content": b""}


def bare(request):
    """No database, no template: only the bytes of the cached page."""
    return HttpResponse(BODY["content"], content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
