/* Leporello offline kiosk, page side (issue 16): registers the service worker (/kiosk-sw.js),
   asks it to store the stop and to check for a new version, shows how far it is
   ([data-offline-status]), reports to the staff's setup page, answers a search from the stop's
   index when the network does not, and runs the kiosk's staff page. */
(function () {
  "use strict";

  var body = document.body;
  var slug = body.getAttribute("data-kiosk-stop");
  if (!slug) return;
  var checkSeconds = parseInt(body.getAttribute("data-kiosk-check"), 10) || 300;
  var statusBox = document.querySelector("[data-offline-status]");
  var staffPage = document.querySelector("[data-kiosk-staff]");
  var banner = document.querySelector("[data-kiosk-banner]");
  var STAFF_KEY = "leporello-kiosk-staff";
  var DEVICE_KEY = "leporello-kiosk-device";
  // The tablet's token at this stop, given when staff enrol it on the staff page (visitor/devices.py).
  var TOKEN_PREFIX = "leporello-kiosk-token:";
  var TOKEN_KEY = TOKEN_PREFIX + slug;
  var HOUR = 3600 * 1000;
  var last = null, lastReport = 0, lastReported = "";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return values[name] === undefined ? all : values[name];
    });
  }

  function deviceId() {
    var id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = (self.crypto && crypto.randomUUID) ? crypto.randomUUID()
        : String(Date.now()) + "-" + String(Math.random()).slice(2, 12);
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  }

  function when(ms) {
    return new Date(ms).toLocaleString(document.documentElement.lang || undefined,
      { dateStyle: "medium", timeStyle: "short" });
  }

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1);
  }

  function report(state) {
    var token = localStorage.getItem(TOKEN_KEY);
    if (!token) return;  // not enrolled: the server would refuse it
    var key = state.status + ":" + state.works + ":" + state.version;
    if (key === lastReported && Date.now() - lastReport < 60000) return;
    if (state.status === "loading" && Date.now() - lastReport < 5000) return;
    lastReported = key;
    lastReport = Date.now();
    fetch("/kiosk/" + slug + "/status/", {
      method: "POST", credentials: "omit",
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
      body: JSON.stringify({ device: deviceId(), status: state.status, works: state.works,
                             total: state.total, bytes: state.bytes, version: state.version }),
    }).then(function (response) {
      // The token no longer counts (the site's secret changed): staff must enrol again.
      if (response.status === 401) { localStorage.removeItem(TOKEN_KEY); showEnrolment(); }
    }).catch(function () { /* offline: the next report tells */ });
  }

  function show(state) {
    last = state;
    if (statusBox) {
      statusBox.setAttribute("data-offline-status", state.status);
      statusBox.setAttribute("data-offline-works", String(state.works));
      var text = statusBox.getAttribute("data-text-" + state.status) || "";
      statusBox.textContent = fill(text, { works: state.works, total: state.total,
        done: state.pending ? state.pending.done : 0, files: state.pending ? state.pending.files : 0 });
    }
    var staff = staffPage || localStorage.getItem(STAFF_KEY) === "1";
    if (banner) {
      var stale = state.made && (!state.checked || Date.now() - state.checked > HOUR);
      banner.hidden = !(staff && stale);
      if (!banner.hidden) banner.textContent = fill(banner.getAttribute("data-text"), { time: when(state.made) });
    }
    if (staffPage) showStaff(state);
    report(state);
  }

  function showStaff(state) {
    var put = function (name, value) {
      var el = staffPage.querySelector("[data-staff='" + name + "']");
      if (el) el.textContent = value;
    };
    put("works", state.works + " / " + state.total);
    put("bytes", megabytes(state.bytes || (state.pending ? state.pending.bytes : 0)) + " MB");
    put("version", state.version || "–");
    put("made", state.made ? when(state.made) : "–");
    put("checked", state.checked ? when(state.checked) : "–");
    put("progress", state.pending ? state.pending.done + " / " + state.pending.files : "–");
    if (navigator.storage && navigator.storage.estimate) {
      navigator.storage.estimate().then(function (e) { put("storage", megabytes(e.usage || 0) + " MB"); });
    }
  }

  function send(message) {
    if (!navigator.serviceWorker) return;
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.active) reg.active.postMessage(message);
    });
  }

  function check() { send({ type: "check", stop: slug }); }

  // Exposed for staff tools and the browser tests: check for a new version now.
  window.leporelloKiosk = { check: check };

  if (!("serviceWorker" in navigator) || !window.caches) {
    show({ status: "error", works: 0, total: 0 });
  } else {
    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.type === "kiosk-status" && data.stop === slug) {
        show(data.state);
        // A new version became current: show it (this page came from the old one).
        if (data.updated) window.location.reload();
      } else if (data.type === "kiosk-cleared") {
        leave();
      }
    });
    navigator.serviceWorker.register("/kiosk-sw.js", { scope: "/" }).then(function () {
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
      send({ type: "status", stop: slug });
      send({ type: "prepare", stop: slug });
    }).catch(function () { show({ status: "error", works: 0, total: 0 }); });
    setInterval(function () { if (navigator.onLine !== false) check(); }, checkSeconds * 1000);
    setInterval(function () { send({ type: "status", stop: slug }); }, 30000);
  }

  // Search: a page from the stored copy was made without results; search the stop's index.
  var search = document.querySelector("[data-offline-search]");
  var query = new URLSearchParams(window.location.search).get("q") || "";
  if (search && query.trim() && search.getAttribute("data-query") !== query.trim()) {
    offlineSearch(search, query);
  }

  function offlineSearch(box, raw) {
    var input = document.getElementById("q");
    if (input) input.value = raw;
    fetch(box.getAttribute("data-offline-search")).then(function (r) { return r.json(); }).then(function (index) {
      // The query folded as the index was (static/js/search-keys.js, catalogue/search_keys.py).
      var terms = window.LeporelloSearchKeys.queryTerms(raw, index.map || {});
      var found = index.works.filter(function (w) {
        return terms.every(function (t) { return w.k.indexOf(t) !== -1; });
      });
      var heading = document.createElement("h2");
      heading.className = "results-heading";
      heading.setAttribute("aria-live", "polite");
      heading.textContent = fill(box.getAttribute(found.length === 1 ? "data-text-one" : "data-text-many"),
                                 { count: found.length });
      var list = document.createElement("ul");
      list.className = "work-grid search-results";
      found.forEach(function (w) {
        var li = document.createElement("li"), a = document.createElement("a");
        var chip = document.createElement("span"), title = document.createElement("span");
        a.href = w.u;
        chip.className = "label-chip";
        chip.textContent = w.n;
        title.className = "work-title";
        title.textContent = w.t;
        a.appendChild(chip);
        a.appendChild(title);
        li.appendChild(a);
        list.appendChild(li);
      });
      box.replaceChildren(heading, list);
    }).catch(function () { /* no index stored: the empty page stays */ });
  }

  function leave() {
    localStorage.removeItem(STAFF_KEY);
    localStorage.removeItem(DEVICE_KEY);
    Object.keys(localStorage).forEach(function (k) {
      if (k.indexOf(TOKEN_PREFIX) === 0) localStorage.removeItem(k);
    });
    navigator.serviceWorker.getRegistrations().then(function (regs) {
      return Promise.all(regs.map(function (r) { return r.unregister(); }));
    }).then(function () {
      window.location.href = (staffPage && staffPage.getAttribute("data-exit")) || "/";
    });
  }

  var enrolBox = staffPage && staffPage.querySelector("[data-kiosk-enrol]");

  function showEnrolment(text) {
    if (!enrolBox) return;
    var enrolled = Boolean(localStorage.getItem(TOKEN_KEY));
    enrolBox.setAttribute("data-enrolled", enrolled ? "true" : "false");
    enrolBox.querySelector("[data-enrol-state]").textContent =
      text || enrolBox.getAttribute(enrolled ? "data-text-enrolled" : "data-text-not-enrolled");
  }

  function enrol(code) {
    fetch("/kiosk/" + slug + "/enrol/", {
      method: "POST", credentials: "omit", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ device: deviceId(), code: code }),
    }).then(function (response) {
      if (response.status === 403) return showEnrolment(enrolBox.getAttribute("data-text-refused"));
      if (!response.ok) throw new Error(String(response.status));
      return response.json().then(function (data) {
        localStorage.setItem(TOKEN_KEY, data.token);
        showEnrolment();
        lastReported = "";
        lastReport = 0;
        if (last) report(last);
      });
    }).catch(function () { showEnrolment(enrolBox.getAttribute("data-text-failed")); });
  }

  if (enrolBox) {
    var enrolForm = enrolBox.querySelector("[data-enrol-form]");
    var codeInput = enrolBox.querySelector("input[name='code']");
    enrolForm.addEventListener("submit", function (event) {
      event.preventDefault();
      enrol(codeInput.value);
    });
    showEnrolment();
    // The admin's QR code opens this page with #enrol=<code>: enrol at once, then forget it.
    var enrolFromLink = function () {
      var fromLink = /^#enrol=([A-Za-z0-9-]{1,20})$/.exec(window.location.hash);
      if (!fromLink) return;
      history.replaceState(null, "", window.location.pathname + window.location.search);
      codeInput.value = fromLink[1];
      enrol(fromLink[1]);
    };
    enrolFromLink();
    window.addEventListener("hashchange", enrolFromLink);
  }

  if (staffPage) {
    var flag = staffPage.querySelector("[data-staff-flag]");
    if (flag) {
      flag.checked = localStorage.getItem(STAFF_KEY) === "1";
      flag.addEventListener("change", function () {
        if (flag.checked) localStorage.setItem(STAFF_KEY, "1"); else localStorage.removeItem(STAFF_KEY);
      });
    }
    var checkNow = staffPage.querySelector("[data-staff-check]");
    if (checkNow) checkNow.addEventListener("click", check);
    var exit = staffPage.querySelector("[data-staff-leave]");
    if (exit) {
      exit.addEventListener("click", function () {
        if (!window.confirm(exit.getAttribute("data-confirm"))) return;
        if (navigator.serviceWorker && navigator.serviceWorker.controller) send({ type: "clear" });
        else leave();
      });
    }
  }
})();
