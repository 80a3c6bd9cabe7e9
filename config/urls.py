from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from exhibition.views import short_address
from visitor.sitemaps import SITEMAPS

urlpatterns = [
    # Printed on wall labels as QR codes: keep this address stable.
    path("w/<slug:stop>/<int:label>/", short_address, name="short_address"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
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
