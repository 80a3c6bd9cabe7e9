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
4. (issue 19) with 1,000 works (exhibition.demo_scale): every public page type uncached, CPU
   milliseconds in the process (median of 10), bytes of HTML and queries (goal <= 150 ms, 150 KB);
5. (issue 19) right after a publish (every page purged), BENCH_CLIENTS clients for BENCH_SECONDS
   on the mix: errors, p99 and the share of answers that were made (miss) rather than served
   from the cache (hit, or stale while one request remakes the page).
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
sys.path.insert(0, str(ROOT))
from bench import bakerydemo  # noqa: E402
from bench.shell_snippets import CACHE_COUNTER, CPU, SCALE, UNCACHED  # noqa: E402

spec = importlib.util.spec_from_file_location("prod_smoke", ROOT / "scripts" / "prod_smoke.py")
stack = importlib.util.module_from_spec(spec)
spec.loader.exec_module(stack)

SECONDS = int(os.environ.get("BENCH_SECONDS", 60))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 50))
PORT = int(os.environ.get("BENCH_PROD_PORT", 9150))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 5))
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", 30))
# Which steps run, e.g. BENCH_STEPS=3b for the comparison with bakerydemo alone.
STEPS = set(os.environ.get("BENCH_STEPS", "1,2,3,3b,4,5").split(","))
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


SCALE_PAGES = [
    "/de/flusslandschaften/",
    "/zh-hans/stops/chongqing-2024/",
    "/en/stops/chongqing-2024/?section=rhein",
    "/en/kiosk/chongqing-2024/",
    "/de/stops/chongqing-2024/500/",
    "/de/flusslandschaften/s-00500/",
    "/de/flusslandschaften/bl-r-05/",
    "/de/search/?q=rhein",
    "/zh-hans/search/?q=%E9%95%BF%E6%B1%9F",
    "/sitemap.xml",
    "/sitemap-pages-de.xml",
]


def wrk(base, connections, seconds, paths, extra_lua=""):
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    quoted = ", ".join(json.dumps(p) for p in paths)
    script.write_text(
        f"local paths = {{{quoted}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        "  return wrk.format('GET', paths[(i % #paths) + 1], {['X-Forwarded-Proto'] = 'https'})\n"
        "end\n" + extra_lua
    )
    try:
        result = subprocess.run(  # noqa: S603
            [
                shutil.which("wrk") or "/usr/bin/wrk",
                "--latency",
                # An answer slower than wrk's default 2 s would be dropped and counted as a
                # timeout, while the server still makes it: under load that hides the slow pages
                # (and wastes the work), so wait as long as a browser would.
                "--timeout",
                f"{TIMEOUT}s",
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
    cache = re.search(r"CACHE hit=(\d+) miss=(\d+) stale=(\d+) none=(\d+)", result)
    if cache:
        numbers["cache"] = dict(
            zip(("hit", "miss", "stale", "none"), map(int, cache.groups()), strict=True)
        )
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
        if "1" in STEPS:
            uncached(env)
        if "2" in STEPS:
            cached_ratio(env, workdir, site)
        if "3" in STEPS:
            mixed_load(site)
        # Before step 4: compared at the demo's size (24 works), as bakerydemo's own demo.
        if "3b" in STEPS and bakerydemo.configured():
            against_bakerydemo(env, workdir)
        elif "3b" in STEPS:
            print("\n(bakerydemo: set BAKERYDEMO_PATH and BAKERYDEMO_PYTHON, bench/bakerydemo.py)")
        if "4" in STEPS or "5" in STEPS:
            scale_and_publish(env, site)
    finally:
        stack.cleanup(workdir)
    print(f"\n(bench took {time.monotonic() - began:.0f} s)")


def uncached(env):
    print("\n1. uncached pages (Django test client in one process, PostgreSQL)")
    found = json.loads(stack.shell(env, UNCACHED).splitlines()[-1])
    for url, numbers in found.items():
        print(f"{url:40} {numbers['ms']:>7} ms {numbers['queries']:>4} queries")


def cached_ratio(env, workdir, site):
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


def mixed_load(site):
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
        f"(socket {mixed['socket'] or 'none'}; a timeout is an answer after {TIMEOUT} s; "
        f"answers other than 2xx/3xx: {mixed['non2xx']}), "
        f"p50 {mixed['p50_ms']} ms, p90 {mixed['p90_ms']} ms, p99 {mixed['p99_ms']} ms"
    )


def against_bakerydemo(env, workdir):
    """Uncached work page and stop catalogue against bakerydemo's bread page, each stack beside
    a bare Django view returning the same bytes, 3 sync workers each (as issue 19 measured),
    wrk with 3 connections; then CPU per request of the same pages in one process."""
    print("\n3b. uncached pages against bakerydemo's bread detail page (3 sync workers each)")
    bare_file = workdir / "bare.html"
    python, bakery_env, root = bakerydemo.prepare(workdir, bare_file)
    bakery = stack.Site(PORT + 2)
    stack.started.append(
        ("bakerydemo", bakerydemo.start(python, bakery_env, root, PORT + 2, workers=3))
    )
    ours = stack.start_gunicorn(
        {**env, "LEPORELLO_PAGE_CACHE_SECONDS": "0"},
        workdir,
        PORT + 1,
        app="bench.wsgi",
        GUNICORN_WORKERS="3",
        GUNICORN_THREADS="1",
    )
    ready = stack.wait_for(lambda: stack.healthy(ours), 60, 0.2) and stack.wait_for(
        lambda: bakery.get("/bench/bare/").status_code == 200, 60, 0.2
    )
    if not ready:
        raise stack.Failed("the gunicorn instances for 3b did not start")
    bread = bakerydemo.bread_page(bakery.get)
    bare_file.write_bytes(bakery.get(bread).content)
    rates = {}
    targets = [
        ("bakerydemo " + bread, bakery, bread),
        ("bakerydemo bare view", bakery, "/bench/bare/"),
        ("work page /de/flusslandschaften/bl-r-05/", ours, "/de/flusslandschaften/bl-r-05/"),
        ("stop catalogue /zh-hans/stops/chongqing-2024/", ours, "/zh-hans/stops/chongqing-2024/"),
        ("leporello bare view", ours, "/bench/bare/"),
    ]
    for name, site, url in targets:
        assert site.get(url).status_code == 200, url
        rates[name] = 0.0
    # One connection per worker and 8 s rounds: with 10 connections on 3 sync workers, requests
    # queue in the listen backlog and are still being made after wrk stops, so the next target
    # was measured behind them (a loaded run read 0.0 req/s for a bare view). After each round
    # one request per site waits until the leftovers are done.
    for _ in range(ROUNDS):
        for name, site, url in targets:
            rates[name] += wrk(site.base, 3, 8, [url])["rps"] / ROUNDS
            for drained in (ours, bakery):
                drained.get("/bench/bare/")
    bread_rps = rates[targets[0][0]]
    bare_ratio = rates["leporello bare view"] / rates["bakerydemo bare view"]
    for name, _site, _url in targets:
        print(f"{name:58} {rates[name]:>8.1f} req/s")
    # The same pages in one process (no HTTP, no queueing): CPU per request and queries.
    cpu = json.loads(
        stack.shell(env, CPU.replace("PAGES", json.dumps([u for *_, u in targets[2:4]])))
    )
    bakery_cpu = (
        subprocess.run(  # noqa: S603 (bakerydemo's Python, our code)
            [python, "manage.py", "shell", "-c", CPU.replace("PAGES", json.dumps([bread]))],
            cwd=root,
            env=bakery_env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    cpu.update(json.loads(bakery_cpu))
    for url, numbers in cpu.items():
        print(
            f"in one process: {url:42} {numbers['cpu_ms']:>6} ms CPU {numbers['queries']:>3} queries"
        )
    for name in (targets[2][0], targets[3][0]):
        print(
            f"{name:58} {rates[name] / bread_rps:>6.2f}x bakerydemo's bread page "
            f"(bare views: {bare_ratio:.2f}x)"
        )


def scale_and_publish(env, site):
    """Steps 4 and 5; the demo grows to 1,000 works for either."""
    pages = SCALE_PAGES if "4" in STEPS else []
    if pages:
        print("\n4. 1,000 works, uncached (Django test client in one process, PostgreSQL)")
    found = json.loads(stack.shell(env, SCALE.replace("PAGES", json.dumps(pages))).splitlines()[-1])
    print(f"{found.pop('works')} works")
    if pages:
        print(f"{'page':42} {'CPU ms':>7} {'KB':>6} {'queries':>7}")
    for url, numbers in found.items():
        print(
            f"{url:42} {numbers['cpu_ms']:>7} {numbers['bytes'] / 1000:>6.1f} {numbers['queries']:>7}"
        )
    if "5" not in STEPS:
        return
    mix = [*MIX, "/de/stops/chongqing-2024/?page=2", "/de/stops/chongqing-2024/500/"]
    print(f"\n5. a publish (every page purged), then {CLIENTS} clients for {SECONDS} s on the mix")
    for url in mix:
        site.get(url)  # cached before the publish, as on a venue's tablets
    stack.shell(
        env, "from catalogue.signals import announce_public_change; announce_public_change()"
    )
    after = wrk(site.base, CLIENTS, SECONDS, mix, extra_lua=CACHE_COUNTER)
    cache = after.get("cache", {})
    cached = sum(cache.get(k, 0) for k in ("hit", "miss", "stale"))
    print(
        f"{after['requests']} requests, {after['rps']:.0f}/s, errors {after['errors']} "
        f"(socket {after['socket'] or 'none'}, timeout {TIMEOUT} s; "
        f"other than 2xx/3xx: {after['non2xx']}), "
        f"p50 {after['p50_ms']} ms, p99 {after['p99_ms']} ms; cache {cache}: "
        f"misses {cache.get('miss', 0) / max(cached, 1):.2%} of cacheable answers "
        f"(search and keypad answers are never cached: {cache.get('none', 0)})"
    )


if __name__ == "__main__":
    sys.exit(main())
