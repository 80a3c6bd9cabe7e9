"""The site's URLs plus one bare view, so cache_ratio.py can compare them in one process."""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

BODY = {"content": b""}


def bare(request):
    """No database, no template: only the bytes of the cached page (from BENCH_BARE_FILE when
    set: gunicorn's processes share it)."""
    name = os.environ.get("BENCH_BARE_FILE")
    if name and os.stat(name).st_mtime_ns != BODY.get("mtime"):
        BODY["mtime"] = os.stat(name).st_mtime_ns
        BODY["content"] = Path(name).read_bytes()
    return HttpResponse(BODY["content"], content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
