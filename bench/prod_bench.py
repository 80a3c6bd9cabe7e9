"""Production benchmark (issue 11): gunicorn, config.settings.production, PostgreSQL, Redis.

    make bench-prod        (BENCH_SECONDS=60 BENCH_CLIENTS=50 by default; needs wrk: Debian's wrk)

Sets up like `make prod-smoke` (a throw-away database with the demo exhibition, Redis under a key
prefix of its own; all removed at the end) and starts one gunicorn (GUNICORN_WORKERS, default 2;
GUNICORN_THREADS, default 4) with bench/urls.py's bare view added. Then:
1. the uncached work page and stop catalogue: milliseconds (median of 20) and database queries;
2. cached public pages against the bare view returning the same bytes (wrk, 10 connections,
   BENCH_ROUNDS alternating 4 s rounds): requests/s and ratio (goal >= 0.8);
3. BENCH_CLIENTS clients for BENCH_SECONDS on a mix of catalogue, work, keypad and search pages:
   requests/s, errors (socket errors and answers other than 2xx/3xx) and p50/p90/p99 latency.
"""

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("prod_smoke", ROOT / "scripts" / "prod_smoke.py")
stack = importlib.util.module_from_spec(spec)
spec.loader.exec_module(stack)

SECONDS = int(os.environ.get("BENCH_SECONDS", 60))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 50))
PORT = int(os.environ.get("BENCH_PROD_PORT", 9150))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 5))
RATIO_PAGES = [
    "/de/flusslandschaften/bl-r-05/",
    "/zh-hans/stops/chongqing-2024/",
    "/en/stops/chongqing-2024/105/",
]
MIX = [
    "/zh-hans/stops/chongqing-2024/",
    "/de/stops/duesseldorf-2024/",
    "/en/stops/chongqing-2024/101/",
    "/zh-hans/stops/chongqing-2024/105/",
    "/de/stops/duesseldorf-2024/3/",
    "/de/flusslandschaften/bl-r-05/",
    "/en/stops/chongqing-2024/find/",
    "/en/stops/chongqing-2024/find/?n=104",
    "/zh-hans/search/?q=%E9%95%BF%E6%B1%9F",
    "/de/search/?q=rhein",
    "/en/search/?q=koblenz",
]
UNCACHED = """
import json, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
out = {}
with override_settings(LEPORELLO_PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["*"]):
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    for url in ("/de/flusslandschaften/bl-r-05/", "/en/stops/chongqing-2024/105/",
                "/zh-hans/stops/chongqing-2024/", "/de/stops/duesseldorf-2024/"):
        client.get(url)
        times = []
        for _ in range(20):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        out[url] = {"ms": round(statistics.median(times), 1), "queries": len(queries)}
print(json.dumps(out))
"""


def wrk(base, connections, seconds, paths):
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    quoted = ", ".join(json.dumps(p) for p in paths)
    script.write_text(
        f"local paths = {{{quoted}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        "  return wrk.format('GET', paths[(i % #paths) + 1], {['X-Forwarded-Proto'] = 'https'})\n"
        "end\n"
    )
    try:
        result = subprocess.run(  # noqa: S603
            [
                shutil.which("wrk") or "/usr/bin/wrk",
                "--latency",
                "-t",
                "2",
                "-c",
                str(connections),
                "-d",
                f"{seconds}s",
                "-s",
                str(script),
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        script.unlink()
    numbers = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1))}
    for pct in ("50", "90", "99"):
        m = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", result)
        value = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
        numbers[f"p{pct}_ms"] = round(value, 2)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", result
    )
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", result)
    numbers["socket"] = dict(
        zip(("connect", "read", "write", "timeout"), map(int, socket.groups()), strict=True)
        if socket
        else {}
    )
    numbers["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    numbers["errors"] = sum(numbers["socket"].values()) + numbers["non2xx"]
    numbers["requests"] = int(re.search(r"(\d+) requests in", result).group(1))
    return numbers


def main():
    began = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="i11-prodbench-"))
    env = stack.environment(workdir)
    env["BENCH_BARE_FILE"] = str(workdir / "bare.html")
    (workdir / "bare.html").write_bytes(b"")
    workers = os.environ.get("GUNICORN_WORKERS", "2")
    threads = os.environ.get("GUNICORN_THREADS", "4")
    try:
        stack.say("preparing the database, static files and demo")
        stack.prepare(env)
        site = stack.start_gunicorn(
            env, workdir, PORT, app="bench.wsgi", GUNICORN_WORKERS=workers, GUNICORN_THREADS=threads
        )
        if not stack.wait_for(lambda: stack.healthy(site), 60, 0.2):
            raise stack.Failed("gunicorn did not start")
        print(f"\ngunicorn: {workers} processes x {threads} threads, production settings, Redis")
        print("\n1. uncached pages (Django test client in one process, PostgreSQL)")
        found = json.loads(stack.shell(env, UNCACHED).splitlines()[-1])
        for url, numbers in found.items():
            print(f"{url:40} {numbers['ms']:>7} ms {numbers['queries']:>4} queries")
        print("\n2a. cached page vs bare view, in one process (bench/cache_ratio.py, Redis)")
        in_process = {k: v for k, v in env.items() if k != "BENCH_BARE_FILE"}
        print(
            subprocess.run(  # noqa: S603
                [sys.executable, "bench/cache_ratio.py", *RATIO_PAGES],
                cwd=ROOT,
                env=in_process,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
        print("\n2b. cached page vs bare view with the same bytes (wrk, 10 connections)")
        print(f"{'page':40} {'bytes':>7} {'cached rps':>10} {'bare rps':>9} {'ratio':>6}")
        for url in RATIO_PAGES:
            site.get(url)
            hit = site.get(url)
            assert hit.headers.get("X-Leporello-Cache") == "hit", url
            (workdir / "bare.html").write_bytes(hit.content)
            cached = bare = 0.0
            for _ in range(ROUNDS):
                cached += wrk(site.base, 10, 4, [url])["rps"]
                bare += wrk(site.base, 10, 4, ["/bench/bare/"])["rps"]
            print(
                f"{url:40} {len(hit.content):>7} {cached / ROUNDS:>10.0f} {bare / ROUNDS:>9.0f} {cached / bare:>6.2f}"
            )
        print(
            f"\n3. {CLIENTS} clients for {SECONDS} s on {len(MIX)} catalogue/work/keypad/search pages"
        )
        statuses = {url: site.get(url).status_code for url in MIX}
        broken = {url: code for url, code in statuses.items() if code >= 400}
        if broken:
            raise stack.Failed(f"pages of the mix do not answer: {broken}")
        mixed = wrk(site.base, CLIENTS, SECONDS, MIX)
        print(
            f"{mixed['requests']} requests, {mixed['rps']:.0f}/s, errors {mixed['errors']} "
            f"(socket {mixed['socket'] or 'none'}; wrk counts an answer after 2 s as a timeout; "
            f"answers other than 2xx/3xx: {mixed['non2xx']}), "
            f"p50 {mixed['p50_ms']} ms, p90 {mixed['p90_ms']} ms, p99 {mixed['p99_ms']} ms"
        )
    finally:
        stack.cleanup(workdir)
    print(f"\n(bench took {time.monotonic() - began:.0f} s)")


if __name__ == "__main__":
    sys.exit(main())
