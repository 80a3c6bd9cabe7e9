"""The production application plus bench/urls.py's bare view, for bench/prod_bench.py under gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "bench.urls"
