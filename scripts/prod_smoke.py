#!/usr/bin/env python3
"""`make prod-smoke`: the production pieces, for real, on this machine, without containers.

Starts a throw-away PostgreSQL database (on the server at SMOKE_POSTGRES, default
postgres://postgres@127.0.0.1:5432), uses Redis at SMOKE_REDIS_URL (default
redis://127.0.0.1:6379/3) under a key prefix of its own, runs migrate, collectstatic and a small
data set under config.settings.production, starts a `db_worker` and two gunicorn instances
(SMOKE_PORT_A, SMOKE_PORT_B, default 9141/9142), and checks:

1. /healthz and /healthz/worker answer 200 on both;
2. static files (hashed, compressed) and media (renditions) answer 200 on both;
3. a publish change (unpublish in the admin) on A is seen on B within one second; the public
   API (/api/v1/) on B answers JSON with CORS and ETag/304, without that work;
4. an image uploaded in the admin on A renders on B, and the rendition B made is served by A;
5. `publish_scheduled` (another process, as from cron) purges the page cache of both;
6. a catalogue job whose worker is killed (kill -9) is queued once more and taken by the restarted
   worker; a worker stopped twice with SIGTERM hands its job back.

Everything it started is stopped and removed at the end (database, Redis keys, folders), also on
failure or Ctrl+C. Object storage: every variable of the environment reaches every process, so an
S3 server (moto, MinIO) is slotted in by exporting its settings (AWS_STORAGE_BUCKET_NAME, …) or by
a command in SMOKE_BEFORE that starts it (stopped at the end like the rest when it writes its pid
to $SMOKE_DIR/before.pid). Media checks follow the addresses the pages print, local or S3.
"""

import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import psycopg
import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
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


def smoke(workdir):
    env = environment(workdir)
    say(f"database {DATABASE}, Redis {REDIS_URL} prefix {PREFIX}, ports {PORTS}")
    prepare(env)
    worker = start_worker(env, workdir, 1)
    start_worker(env, workdir, 3, backend="renditions")  # the renditions of uploads
    sites = [start_gunicorn(env, workdir, port) for port in PORTS]
    a, b = sites

    for site in sites:
        check(wait_for(lambda s=site: healthy(s), 60, 0.2), f"/healthz 200 on {site.base}")
        check(
            wait_for(lambda s=site: s.get("/healthz/worker").status_code == 200, 20, 0.2),
            f"/healthz/worker 200 on {site.base} (worker heartbeat)",
        )

    # 2. static and media on both
    login_page = a.get("/admin/login/").text
    css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', login_page)
    check(css is not None, "the admin links hashed static files")
    for site in sites:
        response = site.get(css.group(1), headers={"Accept-Encoding": "br, gzip"})
        check(
            response.status_code == 200
            and response.headers.get("Content-Encoding") in ("br", "gzip")
            and "immutable" in response.headers.get("Cache-Control", ""),
            f"static {css.group(1)} 200, compressed and immutable on {site.base}",
        )
    work_url = "/en/flusslandschaften/bl-r-05/"
    page = a.get(work_url)
    check(page.status_code == 200, f"{work_url} 200 on A")
    image = first_rendition(page.text, a.base + work_url)
    check(image is not None, "the work page shows a photograph")
    for site in sites:
        # A local address is asked of each instance; an object store's address as it is.
        target = image.replace(a.base, site.base)
        response = site.get(target)
        check(
            response.status_code == 200 and response.headers["Content-Type"].startswith("image/"),
            f"media {urlsplit(target).path} 200 on {site.base}",
        )

    # 3. a publish change on A is seen on B within one second
    other_url = "/en/flusslandschaften/bl-j-07/"
    b.get(other_url)
    check(b.get(other_url).headers.get("X-Leporello-Cache") == "hit", "B serves the work cached")
    a.login("smoke")
    page_id = sql("SELECT page_ptr_id FROM catalogue_workpage WHERE inventory_number = 'BL-J-07'")
    a.get(f"/admin/pages/{page_id}/unpublish/")
    unpublished = a.request(
        "POST", f"/admin/pages/{page_id}/unpublish/", data={"csrfmiddlewaretoken": a.csrf()}
    )
    check(unpublished.status_code == 302, "the work is unpublished in the admin on A")
    # Seen within the limit: the first request to B that *started* that long after the publish
    # shows it (how long B then takes to answer is the machine's load, not the purge).
    published = time.monotonic()
    limit = float(os.environ.get("SMOKE_PUBLISH_SECONDS", 1.0))
    seen = None
    while seen is None and time.monotonic() - published < limit + 5:
        asked = time.monotonic()
        if b.get(other_url).status_code == 404:
            seen = asked - published
    check(
        seen is not None and seen <= limit,
        f"B stops showing it: the first request started {seen or -1:.2f} s after the publish "
        f"answered 404 (limit {limit} s)",
    )

    # 3b. the public API through gunicorn: JSON in Chinese, CORS, ETag → 304, and the work
    # unpublished on A is gone from it on B too (docs/api.md)
    api_url = "/api/v1/works?lang=zh-hans&limit=100"
    answer = b.get(api_url, headers={"Origin": "https://aggregator.example"})
    check(
        answer.status_code == 200
        and answer.headers.get("Access-Control-Allow-Origin") == "*"
        and "BL-J-07" not in {w["inventory_number"] for w in answer.json()["results"]}
        and answer.json()["lang"] == "zh-Hans",
        "the API answers in Chinese with CORS, without the unpublished work",
    )
    check(
        b.get(api_url, headers={"If-None-Match": answer.headers.get("ETag", "")}).status_code
        == 304,
        "the API answers 304 to its ETag",
    )
    check(b.get(f"/api/v1/works/{page_id}").status_code == 404, "the unpublished work is 404")

    # 4. an upload on A renders on B
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (640, 400), (40, 90, 160)).save(buffer, "JPEG")
    a.get("/admin/images/add/")
    uploaded = a.request(
        "POST",
        "/admin/images/add/",
        data={
            "csrfmiddlewaretoken": a.csrf(),
            "title": "Smoke upload",
            "collection": sql("SELECT id FROM wagtailcore_collection WHERE depth = 1"),
            "alt_text_de": "Blaue Fläche",
            "alt_text_zh_hans": "蓝色平面",
            "alt_text_en": "A blue plane",
            "photographer_credit": "Smoke test",
            "copyright": "© Smoke test",
        },
        files={"file": ("smoke-upload.jpg", buffer.getvalue(), "image/jpeg")},
    )
    check(uploaded.status_code == 302, f"upload on A (answer {uploaded.status_code})")
    image_id = sql("SELECT id FROM catalogue_catalogueimage WHERE title = 'Smoke upload'")
    b.login("smoke")
    edit = b.get(f"/admin/images/{image_id}/")
    check(edit.status_code == 200, "B opens the uploaded image in the admin")
    preview = re.search(r'<img[^>]+src="([^"]+smoke-upload[^"]*)"', edit.text)
    check(preview is not None, "B renders a preview of A's upload (made from the shared original)")
    preview_url = urljoin(b.base + "/", preview.group(1))
    for site in sites:
        response = site.get(preview_url.replace(b.base, site.base))
        check(response.status_code == 200, f"the preview B made is served on {site.base}")

    # 5. publish_scheduled from another process purges both
    shell(
        env,
        "import datetime; from django.utils import timezone; "
        "from catalogue.models import WorkPage; "
        "w = WorkPage.objects.get(inventory_number='BL-R-05'); "
        "w.title_en = 'Scheduled by the smoke test'; r = w.save_revision(); "
        "r.approved_go_live_at = timezone.now() - datetime.timedelta(seconds=1); r.save()",
    )
    for site in sites:
        site.cookies.clear()
        site.get(work_url)
        check(site.get(work_url).headers.get("X-Leporello-Cache") == "hit", "cached before")
    manage(env, "publish_scheduled")
    for site in sites:
        response = site.get(work_url)
        check(
            "Scheduled by the smoke test" in response.text,
            f"publish_scheduled purged {site.base} (cache {response.headers.get('X-Leporello-Cache')})",
        )

    # 6. a killed worker's job is retried; SIGTERM twice hands it back
    new_job = (
        "from exhibition.models import ExhibitionPage; from printing.book import CatalogueOptions; "
        "from printing.tasks import start_catalogue_job; "
        "e = ExhibitionPage.objects.get(slug='flusslandschaften'); "
        "o = CatalogueOptions(languages=['de', 'zh-hans'], profile='print', placeholders=True, allow_low_resolution=True); "
        "print(start_catalogue_job(None, e, None, o).pk)"
    )

    def state(job):
        return list(
            sql(
                "SELECT status, interruption, attempts FROM printing_cataloguejob WHERE id = %s",
                job,
                row=True,
            )
        )

    job = shell(env, new_job)
    check(wait_for(lambda: state(job)[0] == "running", 60, 0.05), f"catalogue job {job} runs")
    stop(worker, signal.SIGKILL)
    say("worker killed with SIGKILL")
    worker = start_worker(env, workdir, 2)
    check(
        wait_for(lambda: state(job)[1:] == ["lost", 2], 40, 0.2),
        f"the restarted worker noticed the loss and started the job again: {state(job)}",
    )
    check(
        wait_for(lambda: state(job)[0] == "done", 180, 0.5),
        f"the job retried after kill -9 finished: {state(job)}",
    )
    job = shell(env, new_job)
    check(wait_for(lambda: state(job)[0] == "running", 60, 0.05), f"catalogue job {job} runs")
    os.killpg(worker.pid, signal.SIGTERM)
    # Two signals that arrive before Python runs the handler count as one: send the second once
    # the worker has said that it is shutting down gracefully (the first one's effect).
    log = workdir / "worker2.log"
    wait_for(lambda: "shutting down gracefully" in log.read_text(), 30, 0.05)
    os.killpg(worker.pid, signal.SIGTERM)
    worker.wait(60)
    check(
        state(job) == ["queued", "stopped", 0],
        f"a worker stopped with SIGTERM twice handed its running job back: {state(job)}",
    )
    a.cookies.clear()
    check(a.get("/healthz").json()["status"] == "ok", "A is still healthy")


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


def main():
    began = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="leporello-smoke-"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    status = 0
    try:
        smoke(workdir)
    except Exception as failure:
        say(f"FAILED: {type(failure).__name__}: {failure}")
        for log in sorted(workdir.glob("*.log")):
            print(f"--- {log.name} (last lines)\n" + "\n".join(log.read_text().splitlines()[-15:]))
        status = 1
    except KeyboardInterrupt:
        status = 130
    finally:
        cleanup(workdir)
    spent = ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
    say(f"{'passed' if status == 0 else 'failed'} in {time.monotonic() - began:.1f} s ({spent})")
    return status


if __name__ == "__main__":
    sys.exit(main())
