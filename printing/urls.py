from django.urls import path

from . import views

app_name = "printing"
urlpatterns = [
    path("", views.index, name="index"),
    path("labels/<int:stop_id>/", views.labels, name="labels"),
    path("catalogue/<str:kind>/<int:pk>/", views.printed_catalogue, name="catalogue"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobs/<int:pk>/download/", views.job_download, name="job_download"),
]
