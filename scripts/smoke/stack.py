"""The machinery of `make prod-smoke` (scripts/prod_smoke.py): its settings from the environment,
the processes it starts and stops, a browser-like client, and the throw-away database.

Also used by bench/prod_bench.py (through prod_smoke, which re-exports these names). Every name
the smoke run creates (database, Redis key prefix, admin password) is random per run, so two runs
on one machine do not meet; `cleanup` removes all of them, also after a failure.
"""

import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

import psycopg
import redis
import requests

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
POSTGRES = os.environ.get("SMOKE_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/3")
PORTS = (int(os.environ.get("SMOKE_PORT_A", 9141)), int(os.environ.get("SMOKE_PORT_B", 9142)))
TOKEN = secrets.token_hex(4)
DATABASE = os.environ.get("SMOKE_DATABASE", f"leporello_smoke_{TOKEN}")
PREFIX = f"leporello-smoke-{TOKEN}"
PASSWORD = secrets.token_urlsafe(12)
started = []  # (name, Popen)
timings = {}


def say(message):
    print(f"[prod-smoke {time.strftime('%H:%M:%S')}] {message}", flush=True)


class Failed(AssertionError):
    """A smoke check that did not hold; its message says which."""


def check(condition, message):
    if not condition:
        raise Failed(message)
    say(f"ok: {message}")


def environment(workdir):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "LEPORELLO_CACHE_PREFIX": PREFIX,
        "LEPORELLO_PUBLIC_BASE_URL": os.environ.get(
            "SMOKE_PUBLIC_BASE_URL", "https://catalogue.museum.example"
        ),
        "LEPORELLO_MEDIA_ROOT": str(workdir / "media"),
        "LEPORELLO_PRIVATE_ROOT": str(workdir / "private"),
        "LEPORELLO_STATIC_ROOT": str(workdir / "static"),
        "LEPORELLO_SERVE_MEDIA": os.environ.get("LEPORELLO_SERVE_MEDIA", "1"),
        "LEPORELLO_JOB_HEARTBEAT_SECONDS": "1",
        "LEPORELLO_JOB_LEASE_SECONDS": "4",
        "LEPORELLO_LOG_LEVEL": "WARNING",
        "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "2"),
        "GUNICORN_THREADS": os.environ.get("GUNICORN_THREADS", "2"),
        "SMOKE_DIR": str(workdir),
    }
    return env


def manage(env, *args, quiet=True):
    began = time.monotonic()
    result = subprocess.run(  # noqa: S603 (our manage.py, fixed arguments)
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=quiet,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise Failed(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    timings[args[0]] = timings.get(args[0], 0) + time.monotonic() - began
    return result.stdout


def shell(env, code):
    """Run `code` in `manage.py shell`; returns the last line it printed."""
    lines = manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()
    return lines[-1] if lines else ""


def sql(query, *params, row=False):
    """First value (or row) of a query on the smoke database: faster than a manage.py shell."""
    with psycopg.connect(f"{POSTGRES}/{DATABASE}", autocommit=True) as conn:
        found = conn.execute(query, params).fetchone()
    if found is None:
        raise Failed(f"nothing found by {query} {params}")
    return found if row else found[0]


def start(name, args, env, log):
    process = subprocess.Popen(  # noqa: S603
        args,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    started.append((name, process))
    return process


def stop(process, sig=signal.SIGTERM, wait=15):
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(wait)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


def start_worker(env, workdir, n, backend="printing"):
    log = open(workdir / f"worker{n}.log", "w")  # noqa: SIM115 (closed with the process)
    return start(
        f"worker{n}",
        [
            PYTHON,
            "manage.py",
            "db_worker",
            "--backend",
            backend,
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--no-reload",
        ],
        env,
        log,
    )


class Site:
    """One gunicorn instance, spoken to like a browser behind an HTTPS proxy (cookies by hand:
    production cookies are Secure)."""

    def __init__(self, port):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.cookies = {}

    def request(self, method, path, **kwargs):
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{self.port}",
            "Referer": f"https://127.0.0.1:{self.port}/admin/",
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        url = path if path.startswith("http") else self.base + path
        response = requests.request(
            method, url, headers=headers, allow_redirects=False, timeout=30, **kwargs
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def csrf(self):
        return self.cookies.get("csrftoken", "")

    def login(self, username):
        self.get("/admin/login/")
        response = self.request(
            "POST",
            "/admin/login/",
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
        )
        if response.status_code != 302:
            raise Failed(f"admin login on {self.base} answered {response.status_code}")


def wait_for(predicate, seconds, step=0.05):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


def first_rendition(html, page_url):
    match = re.search(r'<img[^>]+src="([^"]+)"', html)
    return urljoin(page_url, match.group(1)) if match else None


def prepare(env):
    """A throw-away database with the demo exhibition (small images) and a superuser; static files."""
    if os.environ.get("SMOKE_BEFORE"):
        subprocess.run(["/bin/sh", "-c", os.environ["SMOKE_BEFORE"]], env=env, check=True)  # noqa: S603
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    manage(env, "check", "--fail-level", "ERROR")
    # collectstatic (compressing every file) needs no database: it runs beside migrate.
    collect = subprocess.Popen(  # noqa: S603
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
    )
    manage(env, "migrate", "--noinput")
    if collect.wait() != 0:
        raise Failed("collectstatic failed")
    shell(
        env,
        "from exhibition.demo import DemoBuilder; DemoBuilder(image_size=(480, 320)).build(); "
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_superuser('smoke', 'smoke@example.org', '{PASSWORD}')",
    )
    # The demo's renditions and tiles were queued: the renditions worker makes them all and
    # stops, so the pages below show photographs (and no late purge meets the cache checks).
    manage(
        env, "db_worker", "--backend", "renditions", "--batch", "--no-startup-delay", "--no-reload"
    )


def start_gunicorn(env, workdir, port, app="config.wsgi", **extra):
    log = open(workdir / f"gunicorn-{port}.log", "w")  # noqa: SIM115 (closed with the process)
    start(
        f"gunicorn:{port}",
        [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.py", app],
        {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", **extra},
        log,
    )
    return Site(port)


def healthy(site):
    try:
        return site.get("/healthz").status_code == 200
    except requests.ConnectionError:
        return False


def cleanup(workdir):
    for _name, process in reversed(started):
        stop(process)
    before_pid = workdir / "before.pid"
    if before_pid.exists():
        with contextlib.suppress(ValueError, ProcessLookupError):
            os.kill(int(before_pid.read_text().strip()), signal.SIGTERM)
    try:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    except psycopg.Error as error:
        say(f"could not drop {DATABASE}: {error}")
    try:
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{PREFIX}:*"):
            client.delete(key)
    except redis.RedisError as error:
        say(f"could not remove the Redis keys {PREFIX}:*: {error}")
    if os.environ.get("SMOKE_KEEP_LOGS"):
        say(f"logs kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
