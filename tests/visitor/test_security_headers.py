"""Browser defences (issue 10): a Content-Security-Policy without inline script on public pages,
the admin's own policy, nosniff, Referrer-Policy, frame options, and `check --deploy`."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]

CQ = "chongqing-2024"


@module_data
def tour():
    """The exhibition and its two stops, hanging one work."""
    return rhine_and_yangtze_tour(("BL-J-01",))


PUBLIC = "/en/flusslandschaften/"


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_forbid_inline_script_and_other_origins(client):
    for path in (PUBLIC, f"/en/stops/{CQ}/", f"/zh-hans/stops/{CQ}/find/", "/en/search/?q=Rhein"):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], path
        assert "'unsafe-inline'" not in policy["style-src"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_a_cached_public_page_keeps_its_headers(client):
    client.get(PUBLIC)
    again = client.get(PUBLIC)
    assert "script-src 'self'" in again["Content-Security-Policy"]


def test_the_admin_has_its_own_policy_and_previews_get_the_public_one(client, curator, tour):
    client.force_login(curator)
    admin = directives(client.get("/admin/")["Content-Security-Policy"])
    assert admin["frame-ancestors"] == ["'self'"]  # Wagtail's preview panel frames the admin
    assert admin["object-src"] == ["'none'"]
    assert "https:" not in admin["script-src"] and "*" not in admin["script-src"]
    preview = client.get(f"/admin/pages/{tour.exhibition.pk}/edit/preview/")
    assert directives(preview["Content-Security-Policy"])["script-src"] == ["'self'"]


def test_media_on_another_host_is_allowed_for_images_only(client, settings):
    settings.MEDIA_URL = "https://bucket.example.org/media/"
    policy = directives(client.get("/en/search/?q=x")["Content-Security-Policy"])
    assert "https://bucket.example.org" in policy["img-src"]
    assert "https://bucket.example.org" not in policy["script-src"]


def check_deploy(env):
    """`manage.py check --deploy` in a process of its own with the environment `env`."""
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_under_production_settings_asks_only_for_hsts(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "-a-long-random-production-like-secret-" + "y" * 20,
        "DJANGO_ALLOWED_HOSTS": "leporello.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "REDIS_URL": "redis://127.0.0.1:6379/15",  # required in production; check connects not
        "LEPORELLO_PUBLIC_BASE_URL": "https://leporello.example.org",
    }
    for name in ("DJANGO_HSTS_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # the latter: browser tests
        env.pop(name, None)
    result = check_deploy(env)
    output = result.stdout + result.stderr
    reported = sorted(set(re.findall(r"\((\w+\.[EW]\d+)\)", output)))
    assert reported == ["security.W004"], output  # HSTS: the README says a site sets it itself
    env["DJANGO_HSTS_SECONDS"] = "31536000"
    env["DJANGO_HSTS_INCLUDE_SUBDOMAINS"] = "1"
    env["DJANGO_HSTS_PRELOAD"] = "1"
    result = check_deploy(env)
    assert result.returncode == 0 and "no issues" in result.stdout, result.stdout + result.stderr
