/* Suara Anak's service worker: keeps the survey screens a child or a teacher opened, with their styles and scripts,
   so a survey opens without a connection. It only answers GET requests: answers are sent by the page itself
   (static/js/offline.js) and wait in IndexedDB, which this worker never touches, so an update of it cannot drop them. */
"use strict";
var CACHE = "suara-anak-pages";  /* one name for every version: an update keeps what the device already holds */

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function keep(request, response) {
  if (response && response.ok && response.type === "basic") {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request, { ignoreVary: true }).then(function (hit) {
      return hit || fetch(request).then(function (response) { return keep(request, response); });
    }));
    return;
  }
  if (request.mode === "navigate" && /\/luring\/$/.test(url.pathname)) {
    event.respondWith(fetch(request).then(function (response) { return keep(request, response); }).catch(function () {
      return caches.match(request, { ignoreSearch: true, ignoreVary: true }).then(function (hit) {
        return hit || Response.error();
      });
    }));
  }
});
