"""Visitor URLs inside the language prefix (/de/…, /zh-hans/…, /en/…), before Wagtail's pages."""

from django.urls import path

from . import offline_views, views

app_name = "visitor"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("stops/<slug:stop>/", views.venue_catalogue, name="venue_catalogue"),
    path("stops/<slug:stop>/find/", views.label_lookup, name="label_lookup"),
    path("stops/<slug:stop>/<int:label>/", views.venue_work, name="venue_work"),
    # Kiosk: the same pages, locked to one stop, with an idle reset to the start screen.
    path("kiosk/<slug:stop>/", views.venue_catalogue, {"kiosk": True}, name="kiosk_catalogue"),
    path("kiosk/<slug:stop>/find/", views.label_lookup, {"kiosk": True}, name="kiosk_lookup"),
    path("kiosk/<slug:stop>/search/", views.kiosk_search, name="kiosk_search"),
    # The offline kiosk (issue 16): the stop's search index, the tablet's staff page.
    path(
        "kiosk/<slug:stop>/search-index.json",
        offline_views.kiosk_search_index,
        name="kiosk_search_index",
    ),
    path("kiosk/<slug:stop>/staff/", offline_views.kiosk_staff, name="kiosk_staff"),
    path("kiosk/<slug:stop>/<int:label>/", views.venue_work, {"kiosk": True}, name="kiosk_work"),
]
