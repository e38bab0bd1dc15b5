/* The light/dark toggle in the header (overrides/partials/palette.html), in place of Material's
 * palette component, with the same behaviour and storage ("__palette", Material's __md_set): the
 * toggle switches scheme and is remembered on every page; until the reader chooses, each visit
 * follows the system's light or dark setting (the inline script in the partial applied it before
 * the first paint, so nothing is done here on load).  Material's component re-set the colours on
 * every load and read the header's computed style at once, restyling the whole page twice; here
 * the header colour for the browser's address bar (meta theme-color) is read when the header is
 * first laid out, when styles are up to date and the read costs nothing.
 */
(function () {
  "use strict";

  var KEYS = ["media", "scheme", "primary", "accent"];

  function form() { return document.querySelector("[data-zh-palette]"); }

  function meta(name) {
    var node = document.head.querySelector('meta[name="' + name + '"]');
    if (!node) {
      node = document.createElement("meta");
      node.name = name;
      document.head.appendChild(node);
    }
    return node;
  }

  /* The address bar takes the header's colour.  (The page's scrollbars and form controls follow
   * the scheme through the style's color-scheme on <html>, set with the scheme, not through a
   * <meta name="color-scheme">, whose change restyles the whole page.) */
  function syncMeta() {
    var header = document.querySelector("header");
    if (!header) return;
    var rgb = (getComputedStyle(header).backgroundColor.match(/\d+/g) || []).slice(0, 3);
    if (rgb.length === 3) {
      meta("theme-color").content = "#" + rgb.map(function (c) { return (+c).toString(16).padStart(2, "0"); }).join("");
    }
  }

  var idle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 200); };

  function choose(input, inputs) {
    var index = Array.prototype.indexOf.call(inputs, input);
    var color = {};
    KEYS.forEach(function (key) { color[key] = input.getAttribute("data-md-color-" + key); });
    var body = document.body;
    body.setAttribute("data-md-color-switching", "");          // no colour transitions while switching
    KEYS.forEach(function (key) { body.setAttribute("data-md-color-" + key, color[key]); });
    document.documentElement.style.colorScheme = color.scheme === "slate" ? "dark" : "light";
    for (var i = 0; i < inputs.length; i++) {
      var label = inputs[i].nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    }
    __md_set("__palette", { index: index, color: color });
    requestAnimationFrame(function () {
      body.removeAttribute("data-md-color-switching");
      syncMeta();
    });
  }

  function setUp() {
    var box = form();
    if (!box || box.hasAttribute("data-zh-ready")) return;
    box.setAttribute("data-zh-ready", "");
    var inputs = box.querySelectorAll("input");
    box.addEventListener("change", function (event) {
      if (event.target.matches("input")) choose(event.target, inputs);
    });
    // Enter on the focused option moves to the next one, as in Material.
    box.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || !event.target.matches("input")) return;
      event.preventDefault();
      var index = Array.prototype.indexOf.call(inputs, event.target);
      var next = inputs[(index + 1) % inputs.length];
      next.click();
      next.focus();
    });
    // Once the header is first laid out: an observer's callback runs when styles are fresh, so the
    // read restyles nothing (an idle-time read could land after other scripts changed the page).
    var header = document.querySelector("header");
    if (window.ResizeObserver && header) {
      var observer = new ResizeObserver(function () { observer.disconnect(); syncMeta(); });
      observer.observe(header);
    } else idle(syncMeta);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
