/* The glossary page: show one category at a time.
 *
 * The page (scripts/zhreader/templates/glossary.md.j2) lists every entry as an
 * <h2> followed by its <div class="entry" data-category data-letter>, A–Z by
 * pinyin, under an A–Z jump list (.gloss-az) and a hidden row of category
 * buttons (.gloss-filter).  This script shows the buttons; a button hides the
 * entries of other categories (heading and body), says how many are shown,
 * and points each letter of the jump list at the first entry still shown
 * (a letter with none is left without a link).  Without JavaScript the whole
 * list shows and the letters link to their first entries.
 *
 * A plain script (module scripts do not load from file://), started from
 * Material's document$ so it survives instant navigation.
 */
(function () {
  "use strict";

  var state = null;    // {entries: [{body, head, category, letter}], buttons, letters, status}

  function show(category) {
    var shown = 0;
    var first = {};
    state.entries.forEach(function (entry) {
      var visible = !category || entry.category === category;
      entry.body.hidden = !visible;
      if (entry.head) entry.head.hidden = !visible;
      if (visible) {
        shown += 1;
        if (!(entry.letter in first)) first[entry.letter] = entry.body.getAttribute("data-term");
      }
    });
    state.buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-category") === category));
    });
    state.letters.forEach(function (link) {
      var id = first[link.textContent];
      if (id) {
        link.setAttribute("href", "#" + id);
        link.removeAttribute("aria-disabled");
      } else {
        link.removeAttribute("href");
        link.setAttribute("aria-disabled", "true");
      }
    });
    state.category = category;
    state.status.textContent = category
      ? "Showing the " + shown + " " + category + " entries of " + state.entries.length + "."
      : "";
  }

  // A link to an entry the filter hides (from the search, or typed): show everything again.
  function revealTarget() {
    if (!state || !state.category || !location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.hidden) {
      show("");
      target.scrollIntoView();
    }
  }

  function start() {
    state = null;
    var filter = document.querySelector(".gloss-filter");
    if (!filter) return;
    var entries = [];
    document.querySelectorAll(".entry[data-category]").forEach(function (body) {
      var head = body.previousElementSibling;
      entries.push({
        body: body,
        head: head && head.tagName === "H2" ? head : null,
        category: body.getAttribute("data-category"),
        letter: body.getAttribute("data-letter"),
      });
    });
    state = {
      entries: entries,
      buttons: Array.prototype.slice.call(filter.querySelectorAll("button[data-category]")),
      letters: Array.prototype.slice.call(document.querySelectorAll(".gloss-az a")),
      status: document.querySelector(".gloss-status"),
      category: "",
    };
    state.buttons.forEach(function (button) {
      button.addEventListener("click", function () { show(button.getAttribute("data-category")); });
    });
    // A letter jumps itself: with most entries hidden, Chromium's own jump to a fragment stopped
    // short of the target on a long page.  The heading takes the focus, as a native jump would.
    state.letters.forEach(function (link) {
      link.addEventListener("click", function (event) {
        var href = link.getAttribute("href");
        var target = href && document.getElementById(href.slice(1));
        if (!target) return;
        event.preventDefault();
        history.pushState(null, "", href);
        target.scrollIntoView();
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus({ preventScroll: true });
      });
    });
    filter.hidden = false;
  }

  window.addEventListener("hashchange", revealTarget);
  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
