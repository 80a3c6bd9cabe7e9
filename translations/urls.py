from django.urls import path

from . import views

app_name = "translations"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("approve/", views.approve, name="approve"),
    path("export/", views.export, name="export"),
    path("import/", views.import_view, name="import"),
]
