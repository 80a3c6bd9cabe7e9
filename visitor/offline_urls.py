"""Offline kiosk addresses without a language prefix (visitor/offline_views.py)."""

from django.urls import path

from . import offline_views

app_name = "kiosk"

urlpatterns = [
    path("<slug:stop>/manifest.webmanifest", offline_views.manifest, name="manifest"),
    path("<slug:stop>/offline.json", offline_views.offline_list, name="offline_list"),
    path("<slug:stop>/version.json", offline_views.current_version, name="version"),
    path("<slug:stop>/status/", offline_views.report_status, name="status"),
    path("<slug:stop>/enrol/", offline_views.enrol, name="enrol"),
]
