"""The deployment recipe in deploy/ stays in step with the code it deploys.

Docker is not available where the suite runs, so the files are read, not run: the compose file
parses and names every service, the image gets the Debian packages production needs and starts
the same commands as `make run`, and every variable the storage settings read is documented.
"""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"
# In the Makefile for the test suite only (PDF text, QR decoding, browser tests).
# Read or driven by the tests only: PDF and QR checks, the browser, exiftool, LibreOffice, qpdf,
# Java for the HTML checker.
TEST_ONLY_PACKAGES = {
    "poppler-utils",
    "zbar-tools",
    "chromium",
    "libimage-exiftool-perl",
    "libreoffice-calc",
    "qpdf",
    "default-jre-headless",  # the Nu HTML Checker (vnu.jar) of the valid-HTML test
}


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def makefile_packages():
    text = (ROOT / "Makefile").read_text()
    lines = re.findall(r"^DEBIAN_PACKAGES \+?:?= (.+)$", text, flags=re.MULTILINE)
    return {name for line in lines for name in line.split()}


def test_compose_runs_app_worker_database_cache_object_store_and_proxy(compose):
    services = compose["services"]
    assert {"app", "worker", "postgres", "redis", "minio", "proxy"} <= set(services)
    assert services["app"]["command"][:2] == ["gunicorn", "config.wsgi"]
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    # The worker is the one `make run` starts beside the dev server.
    worker = " ".join(services["worker"]["command"]).removeprefix("python ")
    assert worker in (ROOT / "Makefile").read_text()
    for name in ("app", "worker"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }


def test_the_image_installs_the_debian_packages_production_needs():
    containerfile = (DEPLOY / "Containerfile").read_text()
    installed = set(
        re.findall(
            r"[a-z0-9][a-z0-9.+-]+", containerfile.split("apt-get install")[1].split("&&")[0]
        )
    )
    needed = makefile_packages() - TEST_ONLY_PACKAGES
    assert needed <= installed, needed - installed
    assert "collectstatic --noinput" in containerfile
    assert '"gunicorn", "config.wsgi"' in containerfile


def test_every_storage_variable_is_in_the_example_environment_and_the_docs():
    read = set(
        re.findall(r'environ\.get\("([A-Z0-9_]+)"', (ROOT / "config" / "storage.py").read_text())
    )
    assert "AWS_STORAGE_BUCKET_NAME" in read
    example = (DEPLOY / "leporello.env.example").read_text()
    docs = (ROOT / "docs" / "deployment.md").read_text()
    assert {v for v in read if f"{v}=" not in example} == set()
    assert {v for v in read if f"`{v}`" not in docs} == set()


def test_every_variable_compose_needs_has_an_example(compose):
    text = (DEPLOY / "compose.yaml").read_text()
    needed = set(re.findall(r"\$\{([A-Z0-9_]+)", text))
    example = (DEPLOY / ".env.example").read_text()
    assert {v for v in needed if f"{v}=" not in example} == set()
