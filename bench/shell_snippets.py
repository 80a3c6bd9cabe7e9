"""Code that bench/prod_bench.py runs inside Leporello's (or bakerydemo's) `manage.py shell`.

Each is a string: the shell runs it in the server's own settings and database, and prints one
JSON line that the bench reads. `PAGES` is replaced by a JSON list of addresses before it runs.
"""

# Defines `measure(urls, runs, clock, key, out, ...)`: each address once to warm up, then `runs`
# times uncached; `out[url]` gets the median milliseconds of `clock` under `key` and the queries
# of the last request (with `sizes`, its bytes too); prints `out` as one JSON line.
_MEASURE = """
import json, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
def measure(urls, runs, clock, key, out, headers={}, sizes=False):
    with override_settings(LEPORELLO_PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["*"]):
        client = Client(HTTP_X_FORWARDED_PROTO="https", **headers)
        for url in urls:
            client.get(url)
            times = []
            for _ in range(runs):
                with CaptureQueriesContext(connection) as queries:
                    began = clock()
                    response = client.get(url)
                    times.append((clock() - began) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            out[url] = {key: round(statistics.median(times), 1)}
            if sizes:
                out[url]["bytes"] = len(response.content)
            out[url]["queries"] = len(queries)
    print(json.dumps(out))
"""

UNCACHED = (
    _MEASURE
    + """
urls = ("/de/flusslandschaften/bl-r-05/", "/en/stops/chongqing-2024/105/",
        "/zh-hans/stops/chongqing-2024/", "/de/stops/duesseldorf-2024/")
measure(urls, 20, time.perf_counter, "ms", {})
"""
)

SCALE = (
    _MEASURE
    + """
from catalogue.models import WorkPage
from exhibition.demo_scale import add_works
from exhibition.models import ExhibitionPage, TourStop
exhibition = ExhibitionPage.objects.get(slug="flusslandschaften")
stop = TourStop.objects.get(slug="chongqing-2024")
missing = 1000 - WorkPage.objects.count()
if missing > 0:
    add_works(exhibition, stop, missing, image=WorkPage.objects.exclude(image=None).first().image)
measure(PAGES, 10, time.process_time, "cpu_ms", {"works": WorkPage.objects.count()}, sizes=True)
"""
)

# CPU milliseconds of the process per request (median of 20) and queries, for 3b: the same code
# runs in Leporello's and in bakerydemo's Python, so both stacks are measured alike.
CPU = (
    _MEASURE
    + """
measure(PAGES, 20, time.process_time, "cpu_ms", {}, headers={"HTTP_HOST": "127.0.0.1"})
"""
)

# Counts the X-Leporello-Cache answers of every wrk thread (hit, miss, stale, none = not cached).
CACHE_COUNTER = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) hit = 0; miss = 0; stale = 0; none = 0 end
function response(status, headers, body)
  local state = headers["X-Leporello-Cache"]
  if state == "hit" then hit = hit + 1 elseif state == "miss" then miss = miss + 1
  elseif state == "stale" then stale = stale + 1 else none = none + 1 end
end
function done(summary, latency, requests)
  local t = {hit = 0, miss = 0, stale = 0, none = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + thread:get(k) end
  end
  io.write(string.format("CACHE hit=%d miss=%d stale=%d none=%d\\n", t.hit, t.miss, t.stale, t.none))
end
"""
