/* The reader: where you are in each article ("zh-reader-progress" in localStorage).
 *
 * While you read, the first paragraph at the top of the screen is remembered per article; opening
 * the article again (without a #paragraph in its address) brings you back there.  The home page
 * lists the articles you are reading under "Continue reading", most recent first, each linking
 * to the paragraph where you stopped.
 */
(function () {
  "use strict";

  var ZR = window.zhReader;
  var el = ZR.el;
  var KEY = "zh-reader-progress";

  var tracking = null;                   // {slug, title, url, pairs} on an article page
  var timer = null;

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(KEY) || "{}");
      return saved && typeof saved === "object" && !Array.isArray(saved) ? saved : {};
    } catch (e) { return {}; }
  }

  function store(all) {
    try { localStorage.setItem(KEY, JSON.stringify(all)); } catch (e) { /* private mode */ }
  }

  /* Where the text starts to show: below Material's header and a settings bar stuck under it. */
  function topEdge() {
    var edge = 0;
    [".md-header", "[data-zh-controls]"].forEach(function (selector) {
      var node = document.querySelector(selector);
      if (!node) return;
      var position = getComputedStyle(node).position;
      var rect = node.getBoundingClientRect();
      if ((position === "sticky" || position === "fixed") && rect.top <= edge + 1 && rect.bottom > edge) edge = rect.bottom;
    });
    return edge;
  }

  /* The paragraph at the top of the screen: the first showing more than a line or so below that edge. */
  function current() {
    var pairs = tracking.pairs, edge = topEdge() + 48;
    for (var i = 0; i < pairs.length; i++) {
      if (pairs[i].getBoundingClientRect().bottom > edge) return i;
    }
    return pairs.length - 1;
  }

  function record() {
    timer = null;
    if (!tracking || !tracking.ready) return;
    var i = current();
    var all = load();
    all[tracking.slug] = { p: tracking.pairs[i].id, n: i + 1, of: tracking.pairs.length,
                           title: tracking.title, url: tracking.url, t: Date.now() };
    store(all);
  }

  function onScroll() {
    if (tracking && tracking.ready && !timer) timer = setTimeout(record, 400);
  }

  function startArticle(reader) {
    var head = document.querySelector(".article-head");
    var pairs = Array.prototype.slice.call(reader.querySelectorAll(":scope > .pair[id]"));
    if (!pairs.length) { tracking = null; return; }
    tracking = { slug: reader.getAttribute("data-article"), pairs: pairs, ready: false,
                 url: location.href.split("#")[0],
                 title: head && head.dataset.title ? head.dataset.title : document.title.split(" - ")[0] };
    var saved = load()[tracking.slug];
    var target = !location.hash && saved && saved.n > 1 ? document.getElementById(saved.p) : null;
    var mine = tracking;
    if (!target || !reader.contains(target)) { mine.ready = true; return; }
    // After the vocabulary (pinyin) is in, so nothing above the paragraph moves it afterwards.
    ZR.withVocab(function () {
      requestAnimationFrame(function () {
        if (tracking !== mine) return;
        target.scrollIntoView({ block: "start" });
        var off = target.getBoundingClientRect().top - topEdge() - 8;
        if (Math.abs(off) > 2) window.scrollBy(0, off);
        mine.ready = true;
      });
    });
    setTimeout(function () { mine.ready = true; }, 3000);    // vocabulary never came (offline): track anyway
  }

  /* "Continue reading" on the home page, above its article list. */
  function showContinue(list) {
    var old = document.querySelector(".zh-continue");
    if (old) old.remove();
    var links = {};
    list.querySelectorAll("a[href]").forEach(function (a) { links[a.href.split("#")[0]] = a; });
    var all = load();
    var reading = Object.keys(all).map(function (slug) { return all[slug]; }).filter(function (x) {
      return x && links[x.url] && x.n > 1;
    }).sort(function (a, b) { return b.t - a.t; });
    if (!reading.length) return;
    var box = el("section", "zh-continue");
    box.setAttribute("aria-labelledby", "continue-reading");
    var heading = el("h2", null, "Continue reading");
    heading.id = "continue-reading";
    box.appendChild(heading);
    var ul = el("ul");
    reading.forEach(function (x) {
      var li = el("li");
      var a = el("a", null, x.title, "zh");
      a.href = x.url + "#" + x.p;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" — at ¶" + x.n + " of " + x.of + " "));
      var bar = el("progress");
      bar.max = x.of;
      bar.value = x.n;
      bar.setAttribute("aria-label", "¶" + x.n + " of " + x.of);
      li.appendChild(bar);
      ul.appendChild(li);
    });
    box.appendChild(ul);
    var before = list.previousElementSibling && /^H[1-6]$/.test(list.previousElementSibling.tagName) ? list.previousElementSibling : list;
    before.parentNode.insertBefore(box, before);
  }

  ZR.on("start", function () {
    if (timer) { clearTimeout(timer); timer = null; }
    var reader = document.querySelector(".reader[data-article]");
    if (reader) startArticle(reader); else tracking = null;
    var list = document.querySelector(".md-content .article-list");
    if (list) showContinue(list);
  });
  window.addEventListener("scroll", onScroll, { passive: true });
  window.addEventListener("pagehide", function () { if (timer) { clearTimeout(timer); record(); } });
})();
