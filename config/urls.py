from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from exhibition.privacy import DocumentIndexView, tag_autocomplete
from exhibition.views import short_address
from visitor.offline_views import service_worker
from visitor.robots import robots_txt
from visitor.sitemaps import SITEMAPS

urlpatterns = [
    # Printed on wall labels as QR codes: keep this address stable.
    path("w/<slug:stop>/<int:label>/", short_address, name="short_address"),
    # The offline kiosk (issue 16): its service worker at the root (scope: every language's
    # kiosk pages) and the per-stop manifest, precache list, version and status reports.
    path("kiosk-sw.js", service_worker, name="kiosk_service_worker"),
    path("kiosk/", include("visitor.offline_urls")),
    # A sitemap index (one sitemap per language and kind of page, visitor/sitemaps.py).
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    # IIIF Presentation 3 manifests and collections (one document for all languages).
    path("iiif/", include("openstandards.urls")),
    # The public read API (docs/api.md): one address for every language (?lang=), so outside
    # i18n_patterns, and before Wagtail's catch-all.
    path("api/v1/", include("api.urls")),
    # Names the sitemap; disallows the admin and the kiosk addresses (visitor/robots.py).
    path("robots.txt", robots_txt, name="robots_txt"),
    # Before Wagtail's own: leave out tags that only documents hidden from the user carry.
    path("admin/tag-autocomplete/", tag_autocomplete, name="wagtailadmin_tag_autocomplete"),
    path("admin/documents/", DocumentIndexView.as_view(), name="wagtaildocs_index"),
    path(
        "admin/documents/results/",
        DocumentIndexView.as_view(results_only=True),
        name="wagtaildocs_index_results",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Documents are only ever served here, after Wagtail checks the collection's view
    # restriction (WAGTAILDOCS_SERVE_METHOD = "serve_view"), never from MEDIA_URL.
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    # Images and renditions for `make run`; documents/ (loan agreements) stay behind the view
    # above. Production serves MEDIA_URL from the web server or object storage, with the same
    # rule (README, "Private data and who sees it").
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?!documents/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
elif settings.LEPORELLO_SERVE_MEDIA:
    from config.media import serve_media

    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", serve_media)]

# Public pages always carry their language: /de/…, /zh-hans/…, /en/…; "/" redirects by
# the visitor's remembered choice (cookie), then Accept-Language.
urlpatterns += i18n_patterns(
    path("", include("visitor.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
