"""Stable IIIF addresses, printed in documentation and harvested by aggregators: keep them."""

from django.urls import path

from . import views

app_name = "openstandards"

urlpatterns = [
    path("work/<int:pk>/manifest.json", views.work_manifest, name="work_manifest"),
    path(
        "exhibition/<slug:slug>/collection.json",
        views.exhibition_collection,
        name="exhibition_collection",
    ),
    path("stop/<slug:slug>/collection.json", views.stop_collection, name="stop_collection"),
]
