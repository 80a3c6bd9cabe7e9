/* Leporello work page: the photograph enlarged in a dialog.
   With deep-zoom tiles (a IIIF level 0 info.json) the dialog runs OpenSeadragon, loaded from our
   own static files only when a visitor opens the zoom, so the first view stays small. Without
   tiles (not made yet) it shows the large JPEG, scrollable and pinchable. Without JavaScript the
   link opens the JPEG itself. */
(function () {
  "use strict";

  var dialog = document.querySelector(".zoom-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var area = dialog.querySelector("[data-zoom-area]");
  // The plain picture is made here, not in the HTML: an <img> needs a src, known only on opening.
  var img = document.createElement("img");
  img.alt = "";
  img.hidden = true;
  img.setAttribute("data-zoom-img", "");
  area.appendChild(img);
  var viewer = null, viewerFor = null, opener = null, scale = 1;
  var scriptPromise = null;

  function loadViewer() {
    if (window.OpenSeadragon) return Promise.resolve(window.OpenSeadragon);
    if (!scriptPromise) {
      scriptPromise = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = dialog.getAttribute("data-viewer");
        s.onload = function () { resolve(window.OpenSeadragon); };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return scriptPromise;
  }

  function readInfo(url) {
    var absolute = new URL(url, window.location.href).href;
    return fetch(absolute, { credentials: "omit" }).then(function (r) {
      if (!r.ok) throw new Error("info.json " + r.status);
      return r.json();
    }).then(function (info) {
      // Tiles live beside info.json: trust the address we read it from over the stored id,
      // so a site reached under another host name still zooms.
      info.id = absolute.replace(/\/info\.json$/, "");
      return info;
    });
  }

  function showImage(src, alt) {
    img.hidden = false;
    img.src = src;
    img.alt = alt;
    scale = 1;
    img.style.width = "100%";
    area.classList.add("plain");
  }

  function showTiles(iiif, src, alt) {
    if (viewer && viewerFor === iiif) { viewer.viewport.goHome(true); return; }
    Promise.all([loadViewer(), readInfo(iiif)]).then(function (loaded) {
      var OSD = loaded[0], info = loaded[1];
      img.hidden = true;
      area.classList.remove("plain");
      if (viewer) viewer.destroy();
      viewer = OSD({
        element: area,
        tileSources: info,
        showNavigationControl: false,   // our own buttons, styled and translated
        visibilityRatio: 1,
        constrainDuringPan: true,
        minZoomImageRatio: 1,
        maxZoomPixelRatio: 2,
        animationTime: 0.6,
        gestureSettingsTouch: { pinchToZoom: true, dblClickToZoom: true, flickEnabled: true },
        gestureSettingsMouse: { scrollToZoom: true, dblClickToZoom: true, clickToZoom: false }
      });
      viewerFor = iiif;
      var canvas = area.querySelector(".openseadragon-canvas");
      if (canvas) {
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", alt);
      }
      viewer.addHandler("tile-loaded", function () { dialog.setAttribute("data-tiles-loaded", "true"); });
    }).catch(function () {
      if (src) showImage(src, alt);  // tiles unreachable: the large JPEG instead
    });
  }

  function act(action) {
    if (viewer && img.hidden) {
      var vp = viewer.viewport;
      if (action === "in") vp.zoomBy(1.6);
      else if (action === "out") vp.zoomBy(1 / 1.6);
      else vp.goHome();
      vp.applyConstraints();
      return;
    }
    scale = action === "in" ? Math.min(scale * 1.6, 8) : action === "out" ? Math.max(scale / 1.6, 1) : 1;
    img.style.width = (scale * 100) + "%";
  }

  document.querySelectorAll("[data-zoom]").forEach(function (link) {
    link.addEventListener("click", function (e) {
      var iiif = link.getAttribute("data-zoom-iiif"), src = link.getAttribute("data-zoom");
      if (!iiif && !src) return;
      e.preventDefault();
      opener = link;
      var pic = link.querySelector("img");
      var alt = pic ? pic.alt : "";
      dialog.showModal();
      if (iiif) showTiles(iiif, src, alt);
      else showImage(src, alt);
    });
  });

  dialog.querySelectorAll("[data-zoom-action]").forEach(function (button) {
    button.addEventListener("click", function () { act(button.getAttribute("data-zoom-action")); });
  });
  dialog.addEventListener("keydown", function (e) {
    // OpenSeadragon's canvas handles its own keys (+, -, 0, arrows) when it has the focus.
    if (e.defaultPrevented || (e.target.closest && e.target.closest("button"))) return;
    if (e.key === "+" || e.key === "=") { act("in"); e.preventDefault(); }
    if (e.key === "-") { act("out"); e.preventDefault(); }
    if (e.key === "0") { act("fit"); e.preventDefault(); }
  });
  dialog.addEventListener("close", function () { if (opener) opener.focus(); });
})();
