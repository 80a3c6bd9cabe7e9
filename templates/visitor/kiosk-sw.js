/* Leporello offline kiosk: the service worker (issue 16; docs/visitor-catalogue.md says why it is
   hand-written rather than Workbox). Served from /kiosk-sw.js with scope "/".

   - A kiosk page asks it to "prepare" its stop: it reads /kiosk/<stop>/offline.json (the server's
     precache list) and downloads every file into a cache of that version, without credentials,
     resuming where it stopped. Only this downloader writes to the caches, only addresses from
     that list, never under the private prefixes (admin, documents): a response to a request that
     carries the visitor's cookies is never stored.
   - "check" asks /kiosk/<stop>/version.json; a new version is downloaded into a new cache beside
     the current one (unchanged pictures and tiles are copied over) and becomes current only when
     complete, in one step: a page and its pictures always come from one version.
   - Kiosk pages are answered from the current copy (online too, so online and offline pages are
     the same version); the keypad's ?n= and search's ?q= are answered from the copy when the
     network does not answer.
   - "clear" (leaving kiosk mode) deletes every cache of the kiosk. */
"use strict";
const PRIVATE_PREFIXES = {{ private_prefixes|safe }};
const STATIC_URL = {{ static_url|safe }};
const MEDIA_URL = {{ media_url|safe }};
{% verbatim %}
const PREFIX = "leporello-kiosk-";
const STATE_CACHE = "leporello-kiosk-state";
const STATE_URL = "/__leporello-kiosk__/state";
const ALIASES_URL = "/__leporello-kiosk__/aliases";
const KIOSK_PATH = /^\/([a-z]{2}(?:-[a-z]+)?)\/kiosk\/([A-Za-z0-9_-]+)\/(.*)$/;
const PARALLEL = 4;
const NETWORK_TIMEOUT = 4000;
const MATCH = { ignoreVary: true };

let state = null;
const aliasCache = {};
const clientCopy = new Map();
const jobs = {};

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

async function loadState() {
  if (state) return state;
  const stored = await (await caches.open(STATE_CACHE)).match(STATE_URL);
  state = stored ? await stored.json() : { stops: {} };
  return state;
}

/* Set when staff leave kiosk mode: no download goes on, no state is written again (a running
   update must not bring back a cache that "clear" deleted). */
let leaving = false;

async function saveState() {
  if (leaving) return;
  const cache = await caches.open(STATE_CACHE);
  await cache.put(STATE_URL, new Response(JSON.stringify(state), {
    headers: { "Content-Type": "application/json" },
  }));
}

function isPrivate(path) {
  return PRIVATE_PREFIXES.some((prefix) => path.startsWith(prefix));
}

function allowed(address) {
  const url = new URL(address, self.location.origin);
  return url.origin === self.location.origin && !isPrivate(url.pathname);
}

function summary(stop) {
  if (!stop) return { status: "loading", works: 0, total: 0 };
  return {
    status: stop.status, works: stop.works || 0, total: stop.total || 0, bytes: stop.bytes || 0,
    files: stop.files || 0, version: stop.version || "", made: stop.made || 0,
    checked: stop.checked || 0, failed: stop.failed || 0, cache: stop.cache || "",
    pending: stop.pending ? { done: stop.pending.done, files: stop.pending.files,
                              bytes: stop.pending.bytes, version: stop.pending.version } : null,
  };
}

async function broadcast(slug, extra) {
  const message = Object.assign({ type: "kiosk-status", stop: slug,
                                  state: summary(state.stops[slug]) }, extra || {});
  const clients = await self.clients.matchAll({ includeUncontrolled: true, type: "window" });
  clients.forEach((client) => client.postMessage(message));
}

async function fetchJSON(path) {
  const response = await fetch(path, { credentials: "omit", cache: "no-store" });
  if (!response.ok) throw new Error(path + ": " + response.status);
  return response.json();
}

async function bodySize(response, known) {
  if (known) return known;
  const length = parseInt(response.headers.get("Content-Length") || "", 10);
  if (length) return length;
  return (await response.clone().blob()).size;
}

/* Download `list` into the cache of its version; returns {ok, bytes, works, revs}. */
async function download(slug, stop, list) {
  const name = PREFIX + slug + "-" + list.version;
  const cache = await caches.open(name);
  const old = stop.cache && stop.cache !== name ? await caches.open(stop.cache) : null;
  const oldRevs = stop.revs || {};
  const files = list.files.filter((f) => allowed(f.url));
  const workPage = new RegExp("^/" + list.languages[0] + "/kiosk/" + slug + "/\\d+/$");
  const pending = { cache: name, version: list.version, files: files.length, done: 0, bytes: 0,
                    works: 0 };
  stop.pending = pending;
  const revs = {};
  let next = 0, failures = 0, lastNote = 0;
  async function worker() {
    while (next < files.length && !leaving) {
      const file = files[next++];
      try {
        let response = await cache.match(file.url, MATCH);
        if (!response && old && oldRevs[file.url] === file.rev && file.rev !== stop.version) {
          response = await old.match(file.url, MATCH);
          if (response) await cache.put(file.url, response.clone());
        }
        if (!response) {
          response = await fetch(file.url, { credentials: "omit", cache: "no-cache",
                                             redirect: "error" });
          const control = response.headers.get("Cache-Control") || "";
          if (!response.ok || /private|no-store/.test(control)) {
            throw new Error(file.url + ": " + response.status);
          }
          await cache.put(file.url, response.clone());
        }
        revs[file.url] = file.rev;
        pending.bytes += await bodySize(response, file.bytes);
        pending.done += 1;
        if (workPage.test(file.url)) pending.works += 1;
      } catch (error) {
        failures += 1;
      }
      if (Date.now() - lastNote > 500) {
        lastNote = Date.now();
        if (!stop.cache) { stop.works = pending.works; stop.bytes = pending.bytes; }
        broadcast(slug);
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (leaving) return { ok: false, name: name, bytes: 0, works: 0, revs: {}, files: 0 };
  await cache.put(ALIASES_URL, new Response(JSON.stringify(list.aliases || {}), {
    headers: { "Content-Type": "application/json" },
  }));
  return { ok: failures === 0, name: name, bytes: pending.bytes, works: pending.works, revs: revs,
           files: files.length };
}

async function removeOtherCopies(slug, keep) {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX + slug + "-") && !keep.includes(name)) await caches.delete(name);
  }
}

async function update(slug) {
  await loadState();
  const stop = state.stops[slug] || (state.stops[slug] = { status: "loading", works: 0, total: 0 });
  for (let attempt = 0; attempt < 3; attempt++) {
    let list;
    try {
      const current = await fetchJSON("/kiosk/" + slug + "/version.json");
      stop.checked = Date.now();
      if (stop.cache && stop.status === "complete" && stop.version === current.version) {
        await saveState();
        return broadcast(slug);
      }
      list = await fetchJSON("/kiosk/" + slug + "/offline.json");
    } catch (error) {
      stop.failed = Date.now();
      if (!stop.cache) stop.status = "error";
      await saveState();
      return broadcast(slug);
    }
    if (!stop.cache) stop.total = list.works;
    await saveState();
    const result = await download(slug, stop, list);
    let still = null;
    try { still = (await fetchJSON("/kiosk/" + slug + "/version.json")).version; } catch (e) { /* offline */ }
    if (still !== null && still !== list.version) continue;  // changed meanwhile: never mix
    if (!result.ok) {
      stop.failed = Date.now();
      if (!stop.cache) { stop.status = "error"; stop.works = result.works; }
      delete stop.pending;
      await saveState();
      return broadcast(slug);
    }
    const previous = stop.cache;
    Object.assign(stop, {
      cache: result.name, version: list.version, status: "complete", works: result.works,
      total: list.works, bytes: result.bytes, files: result.files, revs: result.revs,
      made: Date.now(), checked: Date.now(), languages: list.languages,
    });
    delete stop.pending;
    await saveState();
    await removeOtherCopies(slug, [result.name]);
    return broadcast(slug, { updated: Boolean(previous && previous !== result.name) });
  }
  return broadcast(slug);
}

function run(slug) {
  if (leaving) return Promise.resolve();
  if (!jobs[slug]) {
    jobs[slug] = update(slug).finally(() => { delete jobs[slug]; });
  }
  return jobs[slug];
}

async function clearAll() {
  leaving = true;
  await Promise.all(Object.values(jobs).map((job) => job.catch(() => null)));
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) || name === STATE_CACHE) await caches.delete(name);
  }
  state = { stops: {} };
  clientCopy.clear();
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const slug = typeof data.stop === "string" && /^[A-Za-z0-9_-]{1,50}$/.test(data.stop) ? data.stop : "";
  if ((data.type === "prepare" || data.type === "check") && slug) {
    event.waitUntil(run(slug));
  } else if (data.type === "status" && slug) {
    event.waitUntil(loadState().then(() => broadcast(slug)));
  } else if (data.type === "clear") {
    event.waitUntil(clearAll().then(() => event.source && event.source.postMessage({ type: "kiosk-cleared" })));
  }
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

async function networkOr(request, fallback) {
  try {
    return await withTimeout(fetch(request), NETWORK_TIMEOUT);
  } catch (error) {
    return (await fallback()) || Response.error();
  }
}

async function aliasesOf(name, cache) {
  if (!aliasCache[name]) {
    const stored = await cache.match(ALIASES_URL);
    aliasCache[name] = stored ? await stored.json() : {};
  }
  return aliasCache[name];
}

async function answerPage(event, url, parts) {
  const request = event.request;
  const stop = state.stops[parts[2]];
  if (!stop || !stop.cache) return fetch(request);
  const cache = await caches.open(stop.cache);
  if (event.resultingClientId) clientCopy.set(event.resultingClientId, stop.cache);
  const base = "/" + parts[1] + "/kiosk/" + parts[2] + "/";
  const rest = parts[3], params = url.searchParams;
  if (rest === "find/" && params.has("n")) {
    const n = (params.get("n") || "").trim();
    if (/^\d{1,7}$/.test(n) && await cache.match(base + parseInt(n, 10) + "/", MATCH)) {
      return Response.redirect(self.location.origin + base + parseInt(n, 10) + "/", 302);
    }
    return networkOr(request, () => cache.match(url.pathname, MATCH));
  }
  if (rest === "search/" && params.get("q")) {
    return networkOr(request, () => cache.match(url.pathname, MATCH));
  }
  let key = url.pathname;
  if (params.get("section")) key += "?section=" + encodeURIComponent(params.get("section"));
  const hit = await cache.match(key, MATCH);
  if (hit) return hit;
  return networkOr(request, () => (request.mode === "navigate" ? cache.match(base, MATCH) : null));
}

async function answerFile(event, url) {
  const names = [clientCopy.get(event.clientId)];
  Object.values(state.stops).forEach((stop) => names.push(stop.cache));
  for (const name of new Set(names.filter(Boolean))) {
    const cache = await caches.open(name);
    const hit = await cache.match(url.pathname + url.search, MATCH);
    if (hit) return hit;
    const alias = (await aliasesOf(name, cache))[url.pathname];
    if (alias) {
      const same = await cache.match(alias, MATCH);
      if (same) return same;
    }
  }
  return fetch(event.request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isPrivate(url.pathname)) return;
  const parts = url.pathname.match(KIOSK_PATH);
  const file = url.pathname.startsWith(STATIC_URL) || url.pathname.startsWith(MEDIA_URL);
  if (!parts && !file) return;
  event.respondWith(loadState().then(() => (parts ? answerPage(event, url, parts)
                                                  : answerFile(event, url))));
});
{% endverbatim %}
