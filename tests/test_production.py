"""Production settings and the pieces around them (issue 11): required services, the public
address check, /healthz, JSON log lines, media without an object store, static files."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from catalogue.addresses import is_loopback_or_private
from catalogue.checks import public_base_url
from config.heartbeat import beat

ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "production-test",
    "DJANGO_ALLOWED_HOSTS": "catalogue.museum.example",
    "DATABASE_URL": "postgres://leporello@db.internal:5432/leporello",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
    "LEPORELLO_PUBLIC_BASE_URL": "https://catalogue.museum.example",
}


def production(code, **env):
    """Run `code` after django.setup() under production settings; returns the finished process."""
    environ = {k: v for k, v in os.environ.items() if k not in ENV}
    environ.update({k: v for k, v in {**ENV, **env}.items() if v is not None})
    return subprocess.run(  # noqa: S603 (our interpreter, our code)
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=environ,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_redis():
    process = production("", REDIS_URL=None)
    assert process.returncode != 0
    assert "Set REDIS_URL" in process.stderr


def test_production_uses_the_pool_health_checks_redis_and_hashed_static_files():
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'db': s.DATABASES['default'], 'cache': s.CACHES['default']['BACKEND'],"
        "'static': s.STORAGES['staticfiles']['BACKEND'], 'mw': s.MIDDLEWARE}, default=str))"
    )
    process = production(code)
    assert process.returncode == 0, process.stderr
    found = json.loads(process.stdout)
    assert found["db"]["CONN_HEALTH_CHECKS"] is True and found["db"]["CONN_MAX_AGE"] == 0
    assert found["db"]["OPTIONS"]["pool"]["max_size"] >= 1
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    mw = found["mw"]
    assert mw.index("whitenoise.middleware.WhiteNoiseMiddleware") == 2  # after security


def test_errors_are_json_lines_on_stdout():
    process = production(
        "import logging; logging.getLogger('django.request').error('Internal Server Error: /de/')"
    )
    line = json.loads(process.stdout.strip().splitlines()[-1])
    assert line["level"] == "ERROR" and line["logger"] == "django.request"
    assert line["message"] == "Internal Server Error: /de/"


def test_production_requires_the_public_address_by_a_system_check():
    process = production(
        "from django.core.management import call_command; call_command('check')",
        LEPORELLO_PUBLIC_BASE_URL=None,
    )
    assert process.returncode != 0
    assert "leporello.E001" in process.stderr


@pytest.mark.parametrize(
    ("url", "check_id"),
    [
        ("", "leporello.E001"),
        ("catalogue.museum.example", "leporello.E002"),
        ("http://127.0.0.1:8000", "leporello.E003"),
        ("http://192.168.1.20", "leporello.E003"),
        ("https://leporello.local", "leporello.E003"),
        ("https://catalogue.museum.example", None),
    ],
)
def test_public_address_check(url, check_id):
    with override_settings(LEPORELLO_PUBLIC_BASE_URL=url, LEPORELLO_PUBLIC_BASE_URL_REQUIRED=True):
        assert [e.id for e in public_base_url(None)] == ([check_id] if check_id else [])
    with override_settings(LEPORELLO_PUBLIC_BASE_URL=url):  # dev and tests: not required
        assert public_base_url(None) == []


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8000/w/a/1/", True),
        ("http://localhost:8000", True),
        ("http://[::1]/", True),
        ("http://10.1.2.3", True),
        ("http://172.16.0.9", True),
        ("http://169.254.1.1", True),
        ("http://0.0.0.0", True),
        ("http://[::ffff:192.168.0.1]/", True),
        ("http://kiosk/", True),
        ("https://museum.internal", True),
        ("/relative/only", True),
        ("https://catalogue.museum.example/w/", False),
        ("https://93.184.215.14/", False),
    ],
)
def test_loopback_or_private_addresses(url, local):
    assert is_loopback_or_private(url) is local


@pytest.mark.django_db
def test_healthz_reports_database_cache_storage_and_worker(client):
    cache.clear()
    response = client.get("/healthz", HTTP_HOST="10.0.0.5")  # a load balancer probes by IP
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {k: v["ok"] for k, v in body["checks"].items()} == {
        "database": True,
        "cache": True,
        "storage": True,
    }
    assert body["worker"] == {"ok": False, "seconds_since_heartbeat": None}
    assert response["Cache-Control"] == "no-store"
    assert client.get("/healthz/worker").status_code == 503
    beat("worker-1")
    assert client.get("/healthz/worker").json()["worker"]["ok"] is True


@pytest.mark.django_db
def test_healthz_answers_503_when_the_cache_is_down(client):
    down = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    with override_settings(CACHES=down):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail" and body["checks"]["cache"]["ok"] is False
    assert "ConnectionError" in body["checks"]["cache"]["error"]
    assert body["checks"]["database"]["ok"] is True


@pytest.fixture
def media_served(settings):
    """The URL patterns as production builds them with LEPORELLO_SERVE_MEDIA=1."""
    from importlib import reload

    from django.urls import clear_url_caches

    import config.urls

    settings.DEBUG = False
    settings.LEPORELLO_SERVE_MEDIA = True
    reload(config.urls)
    clear_url_caches()
    yield settings.MEDIA_ROOT
    settings.LEPORELLO_SERVE_MEDIA = False
    reload(config.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_media_without_object_store_serves_renditions_only(client, media_served):
    (media_served / "images").mkdir(parents=True, exist_ok=True)
    (media_served / "images" / "a.width-320.jpg").write_bytes(b"\xff\xd8jpeg")
    (media_served / "documents").mkdir(parents=True, exist_ok=True)
    (media_served / "documents" / "loan.pdf").write_bytes(b"%PDF private")
    (media_served / "original_images").mkdir(parents=True, exist_ok=True)
    (media_served / "original_images" / "a.jpg").write_bytes(b"\xff\xd8original")
    response = client.get("/media/images/a.width-320.jpg")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"\xff\xd8jpeg"
    assert "max-age" in response["Cache-Control"]
    modified = response["Last-Modified"]
    assert (
        client.get("/media/images/a.width-320.jpg", HTTP_IF_MODIFIED_SINCE=modified).status_code
        == 304
    )
    assert client.get("/media/documents/loan.pdf").status_code == 404
    assert client.get("/media/original_images/a.jpg").status_code == 404
    assert client.get("/media/images/../documents/loan.pdf").status_code == 404
    assert client.get("/media/images/%2e%2e/documents/loan.pdf").status_code == 404


def test_every_static_file_a_template_names_exists_for_the_manifest():
    """CompressedManifestStaticFilesStorage raises on a {% static %} name it does not know: a
    missing file would be a 500 in production only."""
    import re

    from django.contrib.staticfiles import finders

    names = set()
    for folder in ("templates", "catalogue", "exhibition", "printing", "translations", "visitor"):
        for path in (settings.BASE_DIR / folder).rglob("*.html"):
            names |= set(re.findall(r"""\{% static ['"]([^'"]+)['"]""", path.read_text()))
    assert names, "no {% static %} found: the pattern is out of date"
    assert [n for n in names if not finders.find(n)] == []


def test_db_worker_is_leporellos_with_heartbeat_and_recovery():
    from django.core.management import get_commands

    assert get_commands()["db_worker"] == "printing"
