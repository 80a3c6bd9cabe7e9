"""Wagtail's bakerydemo beside Leporello in one benchmark run (issue 19), never committed here.

    BAKERYDEMO_PATH=/path/to/bakerydemo  BAKERYDEMO_PYTHON=/path/to/venv/bin/python  make bench-prod

BAKERYDEMO_PATH is a checkout of github.com/wagtail/bakerydemo; BAKERYDEMO_PYTHON a Python with its
requirements (requirements/base.txt, whitenoise and gunicorn; on Python 3.11 Django 5.2 with
wagtail 7.4 instead of Django 6.0). The checkout is copied to a folder in /tmp with a settings
module of its own (production settings, SQLite, a bare view at /bench/bare/ returning the bytes of
BENCH_BARE_FILE), its demo data loaded, and served by gunicorn with the same workers as
Leporello's instance. Nothing of it is kept.
"""

import os
import shutil
import subprocess
from pathlib import Path

SETTINGS = """
from bakerydemo.settings.production import *  # noqa
ROOT_URLCONF = "leporello_bench_urls"
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}
"""
URLS = """
import os
from django.http import HttpResponse
from django.urls import path
from bakerydemo.urls import urlpatterns as site

def bare(request):
    with open(os.environ["BENCH_BARE_FILE"], "rb") as handle:
        return HttpResponse(handle.read(), content_type="text/html; charset=utf-8")

urlpatterns = [path("bench/bare/", bare), *site]
"""
BREAD = "/breads/"


def configured():
    return bool(os.environ.get("BAKERYDEMO_PATH") and os.environ.get("BAKERYDEMO_PYTHON"))


def prepare(workdir, bare_file):
    """Copy, configure and load bakerydemo under `workdir`; returns (python, environment)."""
    source = Path(os.environ["BAKERYDEMO_PATH"])
    python = os.environ["BAKERYDEMO_PYTHON"]
    root = workdir / "bakerydemo"
    shutil.copytree(source, root, ignore=shutil.ignore_patterns(".git", "node_modules"))
    (root / "leporello_bench_settings.py").write_text(SETTINGS)
    (root / "leporello_bench_urls.py").write_text(URLS)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "leporello_bench_settings",
        "DATABASE_URL": f"sqlite:///{root / 'bench.sqlite3'}",
        "DJANGO_SECRET_KEY": "bakerydemo-bench-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BENCH_BARE_FILE": str(bare_file),
        "PYTHONPATH": str(root),
    }
    for args in (["migrate", "--noinput"], ["createcachetable"], ["load_initial_data"]):
        subprocess.run(  # noqa: S603 (our arguments)
            [python, "manage.py", *args], cwd=root, env=env, check=True, capture_output=True
        )
    return python, env, root


def start(python, env, root, port, workers):
    """gunicorn with `workers` sync processes on 127.0.0.1:port; returns the Popen."""
    log = open(root / "gunicorn.log", "w")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(  # noqa: S603
        [
            python,
            "-m",
            "gunicorn",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "bakerydemo.wsgi:application",
        ],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def bread_page(get):
    """The address of the first bread's detail page (found on the breads index)."""
    import re

    index = get(BREAD).text
    return next(m for m in re.findall(r'href="(/breads/[^"/]+/)"', index) if m != BREAD)
