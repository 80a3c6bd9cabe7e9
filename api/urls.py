"""/api/v1/ (included by config/urls.py outside the language prefixes); names as `api_v1:…`."""

from .views import api

urlpatterns = api.urls[0]
app_name = "api_v1"
