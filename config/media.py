"""Uploads served by the app when no object store or reverse proxy does it (LEPORELLO_SERVE_MEDIA).

Only the folders in LEPORELLO_PUBLIC_MEDIA_PREFIXES (renditions) go out: original uploads and
documents (loan agreements) stay behind Wagtail's permission-checked views.
"""

import posixpath
from urllib.parse import unquote

from django.conf import settings
from django.http import Http404
from django.views.static import serve


def serve_media(request, path):
    """GET /media/<path>: the file with Last-Modified (If-Modified-Since → 304); 404 outside the
    public folders. `django.views.static.serve` refuses paths that leave MEDIA_ROOT."""
    clean = posixpath.normpath(unquote(path)).lstrip("/")
    if clean.startswith("..") or not clean.startswith(
        tuple(settings.LEPORELLO_PUBLIC_MEDIA_PREFIXES)
    ):
        raise Http404("not a public file")
    response = serve(request, clean, document_root=settings.MEDIA_ROOT)
    # Rendition names carry a hash of their filter and focal point; a new upload is a new name.
    response["Cache-Control"] = "public, max-age=86400"
    if clean.startswith("iiif/"):
        # Deep-zoom tiles and info.json are the image service of the IIIF manifests: viewers on
        # other sites read them (IIIF Image API 3, "CORS").
        response["Access-Control-Allow-Origin"] = "*"
    return response
