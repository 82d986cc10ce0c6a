/*
 * Cross-origin isolation for static hosts that cannot send headers.
 *
 * SharedArrayBuffer needs the page to be cross-origin isolated, which takes two response headers
 * (COOP: same-origin, COEP: require-corp). A plain static file server does not send them. This one
 * file runs in two roles:
 *  - in the page (loaded by a <script> tag in index.html): when the page is not isolated, it
 *    registers itself as a service worker and reloads the page once, now served through it;
 *  - as the service worker: it answers same-origin requests from the network and adds the headers.
 * A reload guard in sessionStorage makes sure a browser that still refuses isolation is reloaded
 * at most once; the app then explains what is missing instead of looping.
 */
(function () {
  'use strict';
  var HEADERS = {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };

  if (typeof window === 'undefined') {
    // Service-worker role.
    self.addEventListener('install', function () {
      self.skipWaiting();
    });
    self.addEventListener('activate', function (event) {
      event.waitUntil(self.clients.claim());
    });
    self.addEventListener('fetch', function (event) {
      var request = event.request;
      // Chrome throws for only-if-cached requests that are not same-origin; leave them alone.
      if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
      if (new URL(request.url).origin !== self.location.origin) return;
      event.respondWith(
        fetch(request).then(function (response) {
          if (response.status === 0) return response; // opaque: headers cannot be changed
          var headers = new Headers(response.headers);
          Object.keys(HEADERS).forEach(function (name) {
            headers.set(name, HEADERS[name]);
          });
          return new Response(response.body, {
            status: response.status,
            statusText: response.statusText,
            headers: headers,
          });
        }),
      );
    });
    return;
  }

  // Page role.
  var GUARD = 'coi-serviceworker-reloaded';
  var status = (window.__coiServiceWorker = { state: 'not-needed' });
  if (window.crossOriginIsolated) {
    sessionStorage.removeItem(GUARD);
    return;
  }
  if (!window.isSecureContext || !('serviceWorker' in navigator)) {
    status.state = 'unsupported';
    return;
  }
  if (sessionStorage.getItem(GUARD)) {
    // We already reloaded once through the worker and the page is still not isolated.
    status.state = 'failed';
    sessionStorage.removeItem(GUARD);
    return;
  }
  status.state = 'registering';
  var script = document.currentScript && document.currentScript.src;
  navigator.serviceWorker.register(script).then(
    function (registration) {
      if (!registration) {
        // Service workers are disabled (policy, private mode, automation): nothing more to try.
        status.state = 'failed';
        return;
      }
      var reloadOnce = function () {
        sessionStorage.setItem(GUARD, '1');
        window.location.reload();
      };
      if (navigator.serviceWorker.controller) {
        // Controlled, but the response lacked the headers (e.g. served from an old cache): reload.
        reloadOnce();
        return;
      }
      status.state = 'activating';
      var worker = registration.installing || registration.waiting || registration.active;
      navigator.serviceWorker.addEventListener('controllerchange', reloadOnce);
      if (worker && worker.state === 'activated') reloadOnce();
    },
    function (error) {
      status.state = 'failed';
      status.error = String(error);
    },
  );
})();
