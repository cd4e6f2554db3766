/*
 * The directory's map: progressive enhancement of the list of results.
 *
 * The list works without it. When Leaflet has loaded, this reads the located results
 * from the list itself (data-map-* attributes), shows the hidden map section and puts
 * one marker per organisation, whose popup links to its page. The tile layer is added
 * only when the server configured a tile URL (MAP_TILE_URL). Scroll-wheel zoom is off,
 * so that scrolling the page never gets caught by the map; the map and its markers are
 * ordinary stops in the tab order, and a skip link jumps past them.
 * No inline script: the page can run under a strict Content Security Policy.
 */
(function () {
  "use strict";

  function start() {
    var section = document.getElementById("directory-map-section");
    var container = document.getElementById("directory-map");
    if (!section || !container || typeof window.L === "undefined") {
      return;
    }
    var items = document.querySelectorAll("[data-map-lat][data-map-lng]");
    var points = [];
    items.forEach(function (item) {
      var lat = parseFloat(item.getAttribute("data-map-lat"));
      var lng = parseFloat(item.getAttribute("data-map-lng"));
      if (isFinite(lat) && isFinite(lng)) {
        points.push({
          lat: lat,
          lng: lng,
          name: item.getAttribute("data-map-name") || "",
          url: item.getAttribute("data-map-url") || ""
        });
      }
    });
    if (points.length === 0) {
      return;
    }

    section.hidden = false;
    var L = window.L;
    var map = L.map(container, { scrollWheelZoom: false });
    var tileUrl = section.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        maxZoom: 19,
        attribution: section.getAttribute("data-tile-attribution") || ""
      }).addTo(map);
    }

    var bounds = [];
    points.forEach(function (point) {
      // The popup is built from DOM nodes: the name is text, never HTML.
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      L.marker([point.lat, point.lng], { title: point.name, alt: point.name })
        .bindPopup(link)
        .addTo(map);
      bounds.push([point.lat, point.lng]);
    });
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
