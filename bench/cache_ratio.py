"""Requests per second of a cached visitor page against a bare Django view returning the same bytes.

Both go through the whole Django WSGI handler and middleware stack in this one process, in
alternating rounds, so machine noise hits both alike. Target: cached >= 80 % of bare.

    .venv/bin/python bench/cache_ratio.py [URL ...]    (needs `make run`'s database: migrate + load_demo)
"""

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402

settings.ROOT_URLCONF = "bench.urls"
settings.DEBUG = False

from bench import urls as bench_urls  # noqa: E402

PAGES = sys.argv[1:] or [
    "/de/flusslandschaften/bl-r-05/",
    "/zh-hans/stops/chongqing-2024/",
    "/en/stops/chongqing-2024/105/",
]  # search answers (?q=) are made each time, never cached (visitor/cache.py)
ROUNDS, PER_ROUND = 5, 300


def environ(url):
    path, _, query = url.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path.encode().decode("latin-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        # Behind the HTTPS proxy, as production expects (else SECURE_SSL_REDIRECT answers 301).
        "HTTP_X_FORWARDED_PROTO": "https",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "SERVER_PROTOCOL": "HTTP/1.1",
    }


def get(app, url):
    status = {}

    def start_response(s, headers):
        status["status"] = s
        status["headers"] = dict(headers)

    body = b"".join(app(environ(url), start_response))
    return status, body


def rate(app, url, n):
    start = time.perf_counter()
    for _ in range(n):
        get(app, url)
    return n / (time.perf_counter() - start)


def main():
    app = WSGIHandler()
    print(f"{'page':45} {'bytes':>8} {'cached rps':>11} {'bare rps':>9} {'ratio':>6}")
    worst = float("inf")
    for url in PAGES:
        get(app, url)  # fills the cache
        status, again = get(app, url)
        assert status["headers"].get("X-Leporello-Cache") == "hit", (url, status)
        bench_urls.BODY["content"] = again
        cached = bare = 0.0
        for _ in range(ROUNDS):
            cached += rate(app, url, PER_ROUND)
            bare += rate(app, "/bench/bare/", PER_ROUND)
        ratio = cached / bare
        worst = min(worst, ratio)
        print(
            f"{url:45} {len(again):>8} {cached / ROUNDS:>11.0f} {bare / ROUNDS:>9.0f} {ratio:>6.0%}"
        )
    print(f"worst ratio {worst:.0%} (target >= 80%)")


if __name__ == "__main__":
    main()
