"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi` (docs/deployment.md).

GUNICORN_BIND (default 127.0.0.1:8000), GUNICORN_WORKERS (processes, default 2 × cores + 1),
GUNICORN_THREADS (threads per process, default 4: gthread workers; 1 gives sync workers),
GUNICORN_TIMEOUT (seconds, default 60). Before the workers start, Django's system checks run once:
a production setting that is missing or wrong (LEPORELLO_PUBLIC_BASE_URL, …) stops gunicorn
with the check's message instead of serving.
"""

import json
import multiprocessing
import os
import sys

# gunicorn puts its working folder (the project) on sys.path before it reads this file.
from config.json_logging import logging_config

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
# Restart workers now and then so that slow leaks (WeasyPrint, Pillow) never add up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (gunicornc) only where a path is given: two instances on one host
# would otherwise share $HOME/.gunicorn/gunicorn.ctl.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
access = os.environ.get("GUNICORN_ACCESS_LOG", "") in ("1", "true")
accesslog = "-" if access else None
errorlog = "-"
# gunicorn's own messages as JSON lines too, like the app's (config/settings/production.py).
logconfig_dict = logging_config(
    "WARNING",
    {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {
            "handlers": ["stdout"],
            "level": "INFO" if access else "WARNING",
            "propagate": False,
        },
    },
)


def on_starting(server):
    """Refuse to start when Django's system checks find an error (once, in the master)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django
    from django.core import checks

    django.setup()
    errors = [e for e in checks.run_checks() if e.level >= checks.ERROR and not e.is_silenced()]
    if errors:
        for error in errors:
            print(
                json.dumps(
                    {"level": "CRITICAL", "logger": "leporello.checks", "message": str(error)}
                ),
                file=sys.stdout,
                flush=True,
            )
        sys.exit(1)
