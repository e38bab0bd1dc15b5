/* The glossary's index: show one category at a time.
 *
 * The index (scripts/zhreader/templates/glossary.md.j2) lists every entry as one line,
 * <li id="<entry>"> ending in its category (<small>), grouped by letter in
 * <div class="gloss-group" id="letter_a" data-letter="A">, A–Z by pinyin, under an A–Z
 * jump list (.gloss-az) to the groups and a hidden row of category buttons
 * (.gloss-filter).  This script shows the buttons; a button hides the lines of other
 * categories, and the groups left with none, says how many are shown, and takes the
 * link off each letter whose group is hidden.  Without JavaScript the whole list shows.
 * The letters' pages (glossary/a/ …) hold the entries in full; they have no filter, and send a
 * link to an entry not on them (it moved to another letter's page) to its line in the index.
 *
 * A plain script (module scripts do not load from file://), started from
 * Material's document$ so it survives instant navigation.
 */
(function () {
  "use strict";

  var state = null;    // {groups: [{box, letter, lines: [{line, category}]}], buttons, letters, status, total}

  function show(category) {
    var shown = 0;
    var open = {};
    state.groups.forEach(function (group) {
      var inGroup = 0;
      group.lines.forEach(function (entry) {
        var visible = !category || entry.category === category;
        entry.line.hidden = !visible;
        if (visible) inGroup += 1;
      });
      group.box.hidden = !inGroup;
      if (inGroup) open[group.letter] = group.box.id;
      shown += inGroup;
    });
    state.buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-category") === category));
    });
    state.letters.forEach(function (link) {
      var id = open[link.textContent];
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
      ? "Showing the " + shown + " " + category + " entries of " + state.total + "."
      : "";
  }

  // A link to an entry the filter hides (from an old /glossary/#id link, or typed): show everything again.
  function revealTarget() {
    if (!state || !state.category || !location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && (target.hidden || target.closest("[hidden]"))) {
      show("");
      target.scrollIntoView();
    }
  }

  /* On a letter's page, a link to an entry that is not on it — an entry that moved when ch, sh
   * and zh got pages of their own (glossary/s/#watermark, now on sh) — goes on to the entry's
   * line in the index, which links its page. */
  function findMoved() {
    if (document.querySelector(".gloss-filter") || !document.querySelector(".gloss-az") || !location.hash) return;
    var id = decodeURIComponent(location.hash.slice(1));
    var index = document.querySelector("p.lead a[href]");
    if (!/^[a-z0-9-]+$/.test(id) || document.getElementById(id) || !index) return;
    location.replace(new URL(index.getAttribute("href"), location.href).href.split("#")[0] + "#" + id);
  }

  function start() {
    state = null;
    var filter = document.querySelector(".gloss-filter");
    if (!filter) { findMoved(); return; }
    var groups = [];
    var total = 0;
    document.querySelectorAll(".gloss-group").forEach(function (box) {
      var lines = [];
      box.querySelectorAll(".gloss-index > li").forEach(function (line) {
        var category = line.querySelector("small");
        lines.push({ line: line, category: category ? category.textContent : "" });
      });
      total += lines.length;
      groups.push({ box: box, letter: box.getAttribute("data-letter"), lines: lines });
    });
    state = {
      groups: groups,
      total: total,
      buttons: Array.prototype.slice.call(filter.querySelectorAll("button[data-category]")),
      letters: Array.prototype.slice.call(document.querySelectorAll(".gloss-az a")),
      status: document.querySelector(".gloss-status"),
      category: "",
    };
    state.buttons.forEach(function (button) {
      button.addEventListener("click", function () { show(button.getAttribute("data-category")); });
    });
    // A letter jumps itself: with most entries hidden, Chromium's own jump to a fragment stopped
    // short of the target on a long page.  The group takes the focus, as a native jump would.
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

  window.addEventListener("hashchange", function () { revealTarget(); findMoved(); });
  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
