/* Register the service worker (sw.js at the site root) so the hosted site is
 * readable offline: its shell at once, each article once read, and the articles
 * a reader keeps with the "Keep offline" button this script adds to each article
 * (beside its downloads).  Only on http(s): the offline bundle opened from file://
 * has everything on disk already, and browsers do not allow service workers there.
 */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var config = document.getElementById("__config");
  var base = new URL(config ? JSON.parse(config.textContent).base : ".", location.href);
  var registered = navigator.serviceWorker.register(new URL("sw.js", base).href);
  registered.catch(function () {
    /* no service worker (private mode, old browser): the site works online as before */
  });

  /* Ask the worker about this page: {type: "keep" | "unkeep" | "status"} → {kept, cached} or {error}. */
  function ask(type, url) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve, reject) {
        var channel = new MessageChannel();
        var timer = setTimeout(function () { reject(new Error("no answer")); }, 30000);
        channel.port1.onmessage = function (event) {
          clearTimeout(timer);
          if (event.data && event.data.error) reject(new Error(event.data.error));
          else resolve(event.data || {});
        };
        registration.active.postMessage({ type: type, url: url }, [channel.port2]);
      });
    });
  }

  function setUp() {
    var downloads = document.querySelector(".article-head .downloads");
    if (!downloads || downloads.querySelector(".zh-keep")) return;
    var url = location.href.split("#")[0];
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button zh-keep";
    button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-describedby", "zh-keep-status");
    button.textContent = "Keep offline";
    var status = document.createElement("span");
    status.id = "zh-keep-status";
    status.className = "zh-keep-status";
    status.setAttribute("role", "status");
    downloads.appendChild(document.createTextNode(" "));
    downloads.appendChild(button);
    downloads.appendChild(document.createTextNode(" "));
    downloads.appendChild(status);

    function show(state, message) {
      button.setAttribute("aria-pressed", state.kept ? "true" : "false");
      button.textContent = state.kept ? "Kept offline ✓" : "Keep offline";
      button.disabled = false;
      status.textContent = message || "";
    }
    ask("status", url).then(function (state) { show(state, ""); }, function () { /* not ready: stays "Keep offline" */ });
    button.addEventListener("click", function () {
      var keeping = button.getAttribute("aria-pressed") !== "true";
      button.disabled = true;
      status.textContent = keeping ? "Saving this article for offline reading…" : "";
      ask(keeping ? "keep" : "unkeep", url).then(function (state) {
        show(state, state.kept ? "Kept: readable offline, updated with each new version of the site."
                               : "No longer kept (it may leave the offline copy at the next update).");
      }, function (error) {
        button.disabled = false;
        status.textContent = "Could not keep it offline (" + error.message + "); try again online.";
      });
    });
  }

  /* Material's document$ (instant navigation swaps pages); plain DOMContentLoaded otherwise. */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
