"""The project's sealed URL fetcher, built from the Django settings (`project_url_fetcher`).

Readable roots: the print stylesheets (printing/styles), the project's static files
(STATICFILES_DIRS, STATIC_ROOT), the rendition folder MEDIA_ROOT/images and the local copies of
renditions from an object store (LEPORELLO_PRINT_IMAGE_CACHE, printing/images.py). Original
uploads and documents (MEDIA_ROOT/original_images, MEDIA_ROOT/documents: loan agreements) are not
readable: printouts use renditions only.
"""

from pathlib import Path

from django.conf import settings

from .url_fetcher import DATA_LIMIT, SealedURLFetcher

# Where printing/ keeps its stylesheets; named by path so no app has to import `printing`.
PRINT_STYLES = Path(settings.BASE_DIR) / "printing" / "styles"
RENDITIONS_FOLDER = "images"  # Wagtail's rendition folder inside MEDIA_ROOT


def readable_roots():
    """The folders PDFs may read files from, in the order they are checked."""
    roots = [PRINT_STYLES]
    roots += [Path(d[1] if isinstance(d, tuple) else d) for d in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    roots.append(Path(settings.MEDIA_ROOT) / RENDITIONS_FOLDER)
    cache = getattr(settings, "LEPORELLO_PRINT_IMAGE_CACHE", None)
    if cache:
        roots.append(Path(cache))
    return roots


def project_url_fetcher():
    """A `SealedURLFetcher` over `readable_roots()`; picklable for the print workers."""
    return SealedURLFetcher(
        readable_roots(), getattr(settings, "LEPORELLO_PDF_DATA_LIMIT", DATA_LIMIT)
    )
