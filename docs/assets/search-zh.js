/* Chinese queries for Material's search: cut an unspaced query into indexed words.
 *
 * Material's search worker cuts each run of Chinese characters with an
 * experimental greedy segmenter that never looks at the run's last character:
 * 大模型训练 loses 训练, and 深度伪造 is searched as 深度.  This script hands the
 * worker the query already cut into words of the search index itself
 * (大模型 训练), each Chinese character escaped with "\" so the worker's
 * segmenter leaves it alone; lunr's query parser drops the escapes again.
 * A run that cannot be cut cleanly into indexed words (or the start of one,
 * while the reader is still typing) is passed on unchanged.  Likewise, pinyin
 * typed with spaces is joined when the joined word is indexed ("da moxing" →
 * "damoxing"), so "da" does not pull in DALL-E and data.
 *
 * How: Worker.prototype.postMessage (also the file:// iframe-worker shim's)
 * is wrapped for Material's two search messages only: SETUP (type 0) carries
 * the index, from which the words are read; QUERY (type 2) carries the query.
 * Nothing in Material's bundle is changed.  See README.md, "Search".
 */
(function () {
  "use strict";

  var SETUP = 0;
  var QUERY = 2;
  var HAN = /\p{Script=Han}+/gu;
  var HAS_HAN = /\p{Script=Han}/u;
  var Worker = window.Worker;
  if (!Worker || !Worker.prototype || Worker.prototype.zhSearchWrapped) return;

  var words = null;        // Set of indexed Chinese words
  var latin = null;        // Set of indexed Latin-letter words (lowercase): pinyin, English
  var prefixes = null;     // Set of their proper prefixes
  var loading = null;      // Promise of the words, when SETUP was missed

  var idle = window.requestIdleCallback || function (fn) {
    return setTimeout(function () { fn({ timeRemaining: function () { return 8; } }); }, 1);
  };

  /* Read the index's words a few documents at a time while the browser is idle: the index
   * arrives as the page loads, and one pass over it would hold up the page for a while. */
  function learn(index) {
    return new Promise(function (resolve) {
      var separator = new RegExp(index.config && index.config.separator || "[\\s\\u200b]+", "g");
      var w = new Set(), p = new Set(), l = new Set();
      var docs = index.docs || [];
      var next = 0;
      function step(deadline) {
        var t0 = Date.now();                   // at least a slice each time, even when idle time is short
        do {
          var doc = docs[next++];
          if (!doc) break;
          [doc.title, doc.text].forEach(function (field) {
            String(field || "").replace(/<[^>]*>/g, " ").split(separator).forEach(function (token) {
              if (/^[a-zü]+$/i.test(token)) l.add(token.toLowerCase());
              if (!token || !/^\p{Script=Han}+$/u.test(token)) return;
              w.add(token);
              for (var i = 1; i < token.length; i++) p.add(token.slice(0, i));
            });
          });
        } while (deadline.timeRemaining() > 2 || Date.now() - t0 < 5);
        if (next < docs.length) { idle(step, { timeout: 200 }); return; }
        words = w; prefixes = p; latin = l;
        resolve();
      }
      idle(step, { timeout: 200 });
    });
  }

  function fetchIndex() {
    if (window.__index) return Promise.resolve(window.__index);       // offline bundle (file://)
    var config = JSON.parse(document.getElementById("__config").textContent);
    var base = new URL(config.base, location.href);
    return fetch(new URL("search/search_index.json", base)).then(function (r) { return r.json(); });
  }

  function ready() {
    if (words) return Promise.resolve();
    if (!loading) loading = fetchIndex().then(learn).catch(function () { words = new Set(); prefixes = new Set(); latin = new Set(); });
    return loading;
  }

  /* The fewest indexed words that make up `run` (the last may be a word's start), or null. */
  function cut(run) {
    if (words.has(run) || prefixes.has(run)) return [run];
    var best = [[]];
    for (var end = 1; end <= run.length; end++) {
      for (var start = 0; start < end; start++) {
        var piece = run.slice(start, end);
        var known = words.has(piece) || (end === run.length && prefixes.has(piece));
        if (!best[start] || !known) continue;
        if (!best[end] || best[start].length + 1 < best[end].length) best[end] = best[start].concat([piece]);
      }
    }
    return best[run.length] || null;
  }

  function escapeHan(word) {
    return word.replace(/\p{Script=Han}/gu, "\\$&");
  }

  /* Join runs of plain Latin words whose concatenation is an indexed word (longest first). */
  function joinPinyin(query) {
    var parts = query.split(/\s+/);
    var out = [];
    for (var i = 0; i < parts.length; i++) {
      var joined = null;
      for (var j = parts.length; j > i + 1 && !joined; j--) {
        var run = parts.slice(i, j);
        if (run.every(function (w) { return /^[a-zü]+$/i.test(w); }) && latin.has(run.join("").toLowerCase())) {
          joined = run.join("");
          i = j - 1;
        }
      }
      out.push(joined || parts[i]);
    }
    return out.join(" ");
  }

  function rewrite(query) {
    query = joinPinyin(query);
    return query.replace(HAN, function (run, offset, whole) {
      var pieces = cut(run);
      if (!pieces) return run;
      var out = pieces.map(escapeHan).join(" ");
      if (/[\p{L}\p{N}]/u.test(whole.charAt(offset - 1))) out = " " + out;
      if (/[\p{L}\p{N}]/u.test(whole.charAt(offset + run.length))) out += " ";
      return out;
    });
  }

  var post = Worker.prototype.postMessage;
  var queue = Promise.resolve();       // queries stay in order, even while the words load
  Worker.prototype.postMessage = function (message) {
    var worker = this;
    var rest = Array.prototype.slice.call(arguments, 1);
    if (message && message.type === SETUP && message.data && message.data.docs) {
      if (!words && !loading) loading = learn(message.data);
    } else if (message && message.type === QUERY && typeof message.data === "string") {
      queue = queue.then(ready).then(function () {
        var query = message.data;
        try { query = rewrite(query); } catch (e) { /* search as typed */ }
        post.apply(worker, [{ type: QUERY, data: query }].concat(rest));
      });
      return;
    }
    return post.apply(worker, arguments);
  };
  Worker.prototype.zhSearchWrapped = true;
})();
