"""Public IIIF addresses (outside the language prefix: one document holds every language).

Each answers GET/HEAD with JSON-LD (`application/ld+json` with the Presentation 3 profile), CORS
`Access-Control-Allow-Origin: *` so viewers on other sites can load it, and 404 for anything that
is not published. Anonymous requests are cached with the visitor pages (visitor/cache.py).
"""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from . import iiif
from .public import base_url, exhibition_by_slug, public_exhibitions, public_stops, public_works


def _json(request, document):
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type=iiif.MEDIA_TYPE
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def work_manifest(request, pk):
    work = get_object_or_404(public_works().select_related("image", "section"), pk=pk)
    return _json(request, iiif.work_manifest(work, base_url(request)))


@require_safe
def exhibition_collection(request, slug):
    exhibition = exhibition_by_slug(public_exhibitions().select_related("photographer"), slug)
    if exhibition is None:
        raise Http404("No published exhibition has this address.")
    return _json(request, iiif.exhibition_collection(exhibition, base_url(request)))


@require_safe
def stop_collection(request, slug):
    stop = get_object_or_404(public_stops(), slug=slug)
    return _json(request, iiif.stop_collection(stop, base_url(request)))
