"""Visitor URLs inside the language prefix (/de/…, /zh-hans/…, /en/…), before Wagtail's pages."""

from django.urls import path

from . import views

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
    path("kiosk/<slug:stop>/<int:label>/", views.venue_work, {"kiosk": True}, name="kiosk_work"),
]
