/* Register the service worker (sw.js at the site root) so the hosted site is
 * readable offline after a first visit.  Only on http(s): the offline bundle
 * opened from file:// has everything on disk already, and browsers do not
 * allow service workers there.
 */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var config = document.getElementById("__config");
  var base = new URL(config ? JSON.parse(config.textContent).base : ".", location.href);
  navigator.serviceWorker.register(new URL("sw.js", base).href).catch(function () {
    /* no service worker (private mode, old browser): the site works online as before */
  });
})();
