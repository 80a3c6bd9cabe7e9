/* Leporello visitor pages: label keypad, swipe through the hanging order, kiosk idle reset.
   Everything works without this script (plain links and forms); it only adds touch comfort. */
(function () {
  "use strict";

  // Keypad: the digit buttons type into the label-number field.
  document.querySelectorAll("[data-keypad-for]").forEach(function (keys) {
    var input = document.getElementById(keys.getAttribute("data-keypad-for"));
    keys.addEventListener("click", function (event) {
      var key = event.target.closest("[data-key]");
      if (!key || !input) return;
      var value = key.getAttribute("data-key");
      input.value = value === "clear" ? "" : (input.value + value).slice(0, 7);
      input.focus();
    });
  });

  // Previous / next in the hanging order: swipe on touch screens, arrow keys on keyboards.
  var work = document.querySelector("[data-swipe]");
  if (work) {
    var go = function (rel) {
      var link = document.querySelector('.hanging-order a[rel="' + rel + '"]');
      if (link) window.location.href = link.href;
    };
    var startX = null, startY = null;
    work.addEventListener("touchstart", function (e) {
      if (e.touches.length !== 1) { startX = null; return; }
      startX = e.touches[0].clientX; startY = e.touches[0].clientY;
    }, { passive: true });
    work.addEventListener("touchend", function (e) {
      if (startX === null) return;
      var dx = e.changedTouches[0].clientX - startX, dy = e.changedTouches[0].clientY - startY;
      startX = null;
      if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) go(dx < 0 ? "next" : "prev");
    }, { passive: true });
    document.addEventListener("keydown", function (e) {
      var tag = (e.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "textarea" || e.altKey || e.ctrlKey || e.metaKey) return;
      if (document.querySelector("dialog[open]")) return;  // arrows move the zoomed photograph
      if (e.key === "ArrowRight") go("next");
      if (e.key === "ArrowLeft") go("prev");
    });
  }

  // Zoom: static/js/zoom.js (deep-zoom tiles in OpenSeadragon), loaded by the work page.

  // Kiosk: after the idle time without a touch, key or scroll, back to the start screen.
  var body = document.body;
  var home = body.getAttribute("data-kiosk-home");
  if (home) {
    var params = new URLSearchParams(window.location.search);
    if (params.has("idle")) sessionStorage.setItem("leporello-kiosk-idle", params.get("idle"));
    var seconds = parseInt(sessionStorage.getItem("leporello-kiosk-idle") ||
                           body.getAttribute("data-kiosk-idle"), 10) || 90;
    var atHome = window.location.pathname === home && !window.location.search.replace(/^\?idle=\d+$/, "");
    var timer = null;
    var reset = function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () {
        if (atHome && !document.querySelector("dialog[open]")) { window.scrollTo(0, 0); reset(); return; }
        window.location.href = home;
      }, seconds * 1000);
    };
    ["pointerdown", "keydown", "scroll", "touchstart"].forEach(function (name) {
      window.addEventListener(name, reset, { passive: true });
    });
    reset();
    // No way out of the stop: links to other hosts are disabled.
    document.querySelectorAll("a[href]").forEach(function (a) {
      if (a.host && a.host !== window.location.host) {
        a.removeAttribute("href");
        a.setAttribute("aria-disabled", "true");
      }
    });
  }
})();
