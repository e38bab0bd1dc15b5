/* The hosted site's search: a dialog over Pagefind, fed our own records.
 *
 * The index (site/pagefind/, written by scripts/zhreader/search_records.py) holds one record
 * per article and one per glossary entry.  An article's record is its parts, each behind PART:
 * its title, then its paragraphs in order (p1, p2 …).  A part's text is its words separated
 * by spaces; behind BOUNDARY come words only the index needs, in groups (GROUP, the word as
 * shown, then its other names: sub-words, traditional spellings, toneless pinyin).  So this
 * script never shows Pagefind's excerpt: from the hit locations it finds the paragraphs with
 * hits, lists an article's best few (most query words first; the rest a button away) and shows
 * the sentence of each with the most query words, marked, a hit in a group marking the word it
 * names (shuiyin → 水印).
 *
 * Queries: Pagefind's index language is not Chinese, so it does not cut queries itself; an
 * unspaced Chinese query is cut here into words of the index (大模型训练 → 大模型 训练), and
 * spaced pinyin of a glossary term joined (da moxing → damoxing).  The index's words are in
 * search/words/ (scripts/zhreader/search_records.py: word_files), in SHARDS files by their first
 * character: a query fetches the files of its own characters, a few kilobytes however many
 * articles there are, and the glossary's pinyin only when it has two Latin words.
 * Each input, paste and IME commit searches at once; a later answer replaces an earlier one.
 *
 * The index may be written again while a page is open (a deploy; under `mkdocs serve`, a few
 * seconds after each edit: scripts/zhreader/live_search.py).  When pagefind-entry.json no longer
 * says what it said when the index was loaded (checked on opening the dialog, beside a search at
 * most every 3 s, and when a search finds nothing or fails), the loaded index is dropped and the new
 * one loaded (a fresh module), and the search runs again.
 *
 * Keyboard: "/" opens the dialog; ↓/↑ move between the input and the results; Enter in the input
 * opens the first result; Escape closes (the dialog is modal).  The count is announced.
 *
 * The header's button opens the dialog even before this script has run (a small script in
 * overrides/partials/zh-search.html); this script then searches what was typed.  It is loaded
 * before Material's bundle (overrides/main.html), so a phone's search starts as early as it can.
 *
 * The offline bundle has no dialog (Material's search runs there, with search-zh.js): this
 * script then does nothing.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("zh-search");
  if (!dialog || dialog.dataset.ready) return;
  dialog.dataset.ready = "1";

  var SPACE = "\u2423", BOUNDARY = "\u2042", GROUP = "\u00a6", JOIN = "\u2040", ENGLISH = "\u2016", PART = "\u00b6";
  var PAGE = 10;                                     // results shown at a time
  // Pagefind matches a query word as the start of indexed words; a word of the query's own
  // length counts far more than a longer one (模型 before 模型崩溃): termSimilarity 1 → 4.
  // An article is one record, hundreds of words long, a glossary entry a few dozen: with
  // Pagefind's length penalty (pageLength 0.75) an article using 训练 three times came 20th, after
  // glossary entries that merely mention it; without it, after the entries named by the query.
  var RANKING = { termSimilarity: 4, pageLength: 0 };
  var HAN = /\p{Script=Han}+/gu;
  var LATIN = /[\p{L}\p{N}]/u;
  var IS_HAN = /\p{Script=Han}/u;

  var root = new URL(dialog.dataset.root || "./", location.href);
  var bundle = new URL(dialog.dataset.pagefind, location.href);
  var wordsUrl = new URL(dialog.dataset.words, location.href);
  var input = document.getElementById("zh-search-input");
  var status = document.getElementById("zh-search-status");
  var list = document.getElementById("zh-search-results");
  var more = dialog.querySelector("[data-zh-search-more]");
  var opener = document.querySelector(".zh-search-open");

  var SHARDS = 64;           // search_records.SHARDS: the files the Chinese words are in
  var pagefind = null;
  var words = null;          // the query words of the loaded index: {fresh, shards: {n: promise}, pinyin: promise}
  var entry = null;          // pagefind-entry.json as it was when the index was loaded (a promise)
  var loads = 0;             // how many times the index was loaded
  var checked = 0;           // when a search last asked whether the index changed
  var latest = 0;            // the newest query's number: older answers are dropped
  var current = null;        // {results, shown, terms}
  var loading = null;        // the batch the "more" button is loading

  // -- loading ---------------------------------------------------------------------

  function load() {
    if (!pagefind) {
      var module = new URL("pagefind.js", bundle);
      if (loads++) module.search = "v=" + Date.now();   // a new instance: the one loaded holds the old index
      entry = entryText();
      warm(entry);
      pagefind = import(module.href).then(function (pf) {
        return Promise.resolve(pf.options({ excerptLength: 0, ranking: RANKING })).then(function () { return pf.init(); })
          .then(function () { return pf; });
      });
      words = { fresh: loads > 1, shards: {}, pinyin: null };
    }
    return pagefind;
  }

  /* The query words `query` needs: {lists: {n: words}, pinyin: Set}.  Each file holds the index's
   * Chinese words that start with its characters, sorted as JavaScript compares strings (looked up
   * by binary search: no set of words and their beginnings to build on a phone).  A file that
   * cannot be read counts as empty: the query is then cut into fewer known words. */
  function wordsFor(query) {
    var held = words, lists = {}, needed = {};
    (query.match(HAN) || []).forEach(function (run) {
      Array.from(run).forEach(function (c) { needed[c.codePointAt(0) % SHARDS] = true; });
    });
    var files = Object.keys(needed).map(function (n) {
      if (!held.shards[n]) held.shards[n] = wordFile(held, n + ".json");
      return held.shards[n].then(function (list) { lists[n] = list; });
    });
    var pinyin = Promise.resolve([]);
    if (/[a-zü]\s+[a-zü]/i.test(query)) pinyin = held.pinyin = held.pinyin || wordFile(held, "pinyin.json");
    return Promise.all([pinyin].concat(files)).then(function (done) {
      return { lists: lists, pinyin: new Set(done[0]) };
    });
  }

  function wordFile(held, name) {
    return fetch(new URL(name, wordsUrl), held.fresh ? { cache: "no-store" } : {}).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).catch(function () { return []; });
  }

  /* Pagefind loads its files one after another: pagefind.js starts its worker, the worker reads
   * pagefind-entry.json, then the index's metadata and the WebAssembly it names.  On a phone that
   * is four round trips before the first index chunk.  The metadata and WebAssembly are asked for
   * as soon as our own read of the entry names them (prefetch: kept in the HTTP cache, where the
   * worker's requests find them).  Not the worker's script: Chromium fetches it again anyway. */
  function warm(entryPromise) {
    entryPromise.then(function (text) {
      var languages = JSON.parse(text).languages || {};
      Object.keys(languages).forEach(function (code) {
        var language = languages[code];
        prefetch(new URL("pagefind." + language.hash + ".pf_meta", bundle));
        prefetch(new URL("wasm." + (language.wasm || "unknown") + ".pagefind", bundle));
      });
    }).catch(function () {});     // an unreadable entry: Pagefind reports it when it loads
  }

  function prefetch(url) {
    if (document.head.querySelector('link[rel="prefetch"][href="' + url.href + '"]')) return;
    var link = document.createElement("link");
    link.rel = "prefetch";
    link.href = url.href;
    document.head.appendChild(link);
  }

  /* Where `text` is or would be in the sorted `list`. */
  function place(list, text) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < text) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
  function listOf(dict, text) { return dict.lists[text.codePointAt(0) % SHARDS] || []; }
  function isWord(dict, text) { var list = listOf(dict, text); return list[place(list, text)] === text; }
  function isWordStart(dict, text) {         // the start of a longer word: it sorts right after
    var list = listOf(dict, text), i = place(list, text);
    if (list[i] === text) i++;
    return i < list.length && list[i].slice(0, text.length) === text;
  }

  function entryText() {
    return fetch(new URL("pagefind-entry.json", bundle), { cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : ""; }).catch(function () { return ""; });
  }

  /* Resolves true when the site's index is no longer the one loaded (which is then dropped). */
  function refreshed() {
    if (!entry) return Promise.resolve(false);
    var loaded = entry;
    return Promise.all([loaded, entryText()]).then(function (texts) {
      if (loaded !== entry || !texts[1] || texts[0] === texts[1]) return false;
      pagefind = words = entry = null;
      return true;
    });
  }

  // -- the query --------------------------------------------------------------------

  /* The fewest indexed words that make up `run` (the last may be a word's start), or [run]. */
  function cut(run, dict) {
    if (isWord(dict, run) || isWordStart(dict, run)) return [run];
    var best = [[]];
    for (var end = 1; end <= run.length; end++) {
      for (var start = 0; start < end; start++) {
        if (!best[start]) continue;
        var piece = run.slice(start, end);
        var known = isWord(dict, piece) || piece.length === 1 || (end === run.length && isWordStart(dict, piece));
        if (!known) continue;
        var candidate = best[start].concat([piece]);
        if (!best[end] || score(candidate) < score(best[end])) best[end] = candidate;
      }
    }
    return best[run.length] || [run];
  }

  function score(pieces) {            // fewer pieces first, then fewer single characters
    return pieces.length * 10 + pieces.filter(function (p) { return p.length === 1; }).length;
  }

  /* Runs of plain Latin words whose joined form is a glossary term's pinyin are joined. */
  function joinPinyin(query, dict) {
    var parts = query.split(/\s+/).filter(Boolean), out = [];
    for (var i = 0; i < parts.length; i++) {
      var joined = null;
      for (var j = parts.length; j > i + 1 && !joined; j--) {
        var run = parts.slice(i, j);
        if (run.every(function (w) { return /^[a-zü]+$/i.test(w); }) && dict.pinyin.has(run.join("").toLowerCase())) {
          joined = run.join("");
          i = j - 1;
        }
      }
      out.push(joined || parts[i]);
    }
    return out.join(" ");
  }

  function prepare(query, dict) {
    var spaced = joinPinyin(query.normalize("NFC").trim(), dict).replace(HAN, function (run) {
      return " " + cut(run, dict).join(" ") + " ";
    });
    return spaced.replace(/\s+/g, " ").trim();
  }

  // -- searching ----------------------------------------------------------------------

  function search(retry) {
    var query = input.value;
    var number = ++latest;
    if (!query.trim()) {
      show(number, null);
      return;
    }
    setStatus("Searching…");
    list.setAttribute("aria-busy", "true");
    if (!retry && entry && Date.now() - checked > 3000) {   // beside the search, at most every 3 s
      checked = Date.now();
      refreshed().then(function (again) { if (again && number === latest) search(true); });
    }
    var index = load();
    // While the query's words load, Pagefind fetches the index chunk of the query as typed: a
    // query of one word (most are) then searches a chunk already here.
    index.then(function (pf) { if (number === latest) return pf.preload(query.normalize("NFC").trim().toLowerCase()); })
      .catch(function () {});
    Promise.all([index, wordsFor(query.normalize("NFC"))]).then(function (loaded) {
      var pf = loaded[0], dict = loaded[1];
      var text = prepare(query, dict);
      var terms = text.toLowerCase().split(" ").filter(Boolean);
      // Records with every word first (Pagefind's answer), then those with some of them.
      var searches = [text].concat(terms.length > 1 ? terms : []).map(function (q) { return pf.search(q); });
      return Promise.all(searches).then(function (answers) {
        if (number !== latest) return;
        var first = answers[0] ? answers[0].results : [];
        var seen = new Set(first.map(function (r) { return r.id; }));
        var rest = [];
        answers.slice(1).forEach(function (answer) {
          (answer ? answer.results : []).forEach(function (r) {
            if (!seen.has(r.id)) { seen.add(r.id); rest.push(r); }
          });
        });
        rest.sort(function (x, y) { return y.score - x.score; });
        var state = { query: query, terms: terms, results: first.concat(rest), shown: 0 };
        if (state.results.length || retry) return show(number, state);
        return refreshed().then(function (again) {      // nothing found: perhaps in a newer index
          if (number !== latest) return;
          if (again) search(true); else show(number, state);
        });
      });
    }).catch(function (error) {
      if (number !== latest) return;
      if (!retry) {
        return refreshed().then(function (again) { if (again && number === latest) search(true); else fail(number, error); });
      }
      fail(number, error);
    });
  }

  function fail(number, error) {
    if (number !== latest) return;
    list.textContent = "";
    list.setAttribute("aria-busy", "false");
    setStatus(navigator.onLine === false ? "Search needs a connection: it loads its index from this site as you type."
                                         : "Search could not load (" + error.message + ").");
  }

  function show(number, state) {
    current = state;
    loading = null;
    list.textContent = "";
    more.hidden = true;
    if (!state) { setStatus(""); list.setAttribute("aria-busy", "false"); return; }
    var n = state.results.length;
    setStatus(n ? n + (n === 1 ? " result" : " results") + " for “" + state.query + "”"
                : "No results for “" + state.query + "”");
    return showMore(number);     // a result's data missing (a newer index) fails the search: see search()
  }

  function showMore(number) {
    var state = current;
    var batch = state.results.slice(state.shown, state.shown + PAGE);
    var first = state.shown === 0;
    state.shown += batch.length;
    var datas = batch.map(function (r) { return r.data(); });
    // The first result is painted before the others are laid out (on a phone, laying out ten
    // articles' paragraphs takes a tenth of a second), and, when it is the glossary entry whose
    // term is the query (nothing can come before it: exactTermFirst), before the others' data
    // has even arrived; the list stays busy until all are in.
    var early = !first || !datas.length ? Promise.resolve(null) : datas[0].then(function (data) {
      if (number !== latest || !isGlossary(data) || names(data)[0] !== state.terms.join("")) return null;
      list.setAttribute("aria-busy", "true");
      list.appendChild(item(data, state.terms));
      return data;
    });
    return Promise.all([early, Promise.all(datas)]).then(function (loaded) {
      if (number !== latest) return;
      var painted = loaded[0], all = loaded[1];
      if (first) all = exactTermFirst(all, state);
      if (painted) all = all.filter(function (data) { return data !== painted; });
      list.setAttribute("aria-busy", "true");
      if (!painted && all.length) list.appendChild(item(all.shift(), state.terms));
      return afterPaint().then(function () {
        if (number !== latest) return;
        all.forEach(function (data) { list.appendChild(item(data, state.terms)); });
        more.hidden = state.shown >= state.results.length;
        list.setAttribute("aria-busy", "false");
      });
    });
  }

  function afterPaint() {         // resolves once the browser has painted what is in the page now
    return new Promise(function (resolve) {
      requestAnimationFrame(function () { setTimeout(resolve, 0); });
    });
  }

  /* A glossary entry whose term (or one of its names) is the whole query comes first; of those,
   * the shortest term first: the entry named so, before longer terms that hold the query as one
   * of their words (da moxing: 大模型, then 大模型登记 "damoxing dengji", 福尔摩沙大模型). */
  function exactTermFirst(datas, state) {
    var q = state.terms.join("");
    var exact = datas.filter(function (d) {
      return isGlossary(d) && names(d).indexOf(q) >= 0;
    });
    var ranked = exact.map(function (d, i) { return [(names(d)[0] || "").length, i, d]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (x) { return x[2]; });
    return ranked.concat(datas.filter(function (d) { return exact.indexOf(d) < 0; }));
  }

  /* What a record is follows from its URL (no Pagefind filters: see search_records.Record). */
  function urlOf(data) { return data.raw_url || data.url; }
  function isGlossary(data) { return /(^|\/)glossary\/([^\/#]+\/)?#/.test(urlOf(data)); }   // glossary/s/#shuiyin
  function articleTitle(data) { return (data.meta && data.meta.article) || ""; }

  function names(data) {        // a glossary record's term group: the term, its forms and pinyin
    var w = data.content.split(" "), g = w.indexOf(GROUP), out = [];
    if (g < 0) return out;
    for (var i = g + 1; i < w.length && w[i] !== GROUP; i++) out.push(w[i].toLowerCase());
    return out;
  }

  // -- one result -------------------------------------------------------------------------

  var PARTS_SHOWN = 3;                               // an article's paragraphs listed before "more"

  /* A record's words with the hits of `locations`: `en` where its English starts, `end` where
   * its index-only groups start, `hits` the shown words hit (a hit in a group marks the word it
   * names), `heads` those named words. */
  function view(words, locations) {
    var end = words.indexOf(BOUNDARY);
    if (end < 0) end = words.length;
    var en = words.indexOf(ENGLISH);
    if (en < 0 || en > end) en = end;
    var hits = new Set(), heads = new Set();
    locations.forEach(function (loc) {
      if (loc < end) { hits.add(loc); return; }
      for (var g = loc; g > end; g--) {
        if (words[g] === GROUP) { heads.add(words[g + 1]); break; }
      }
    });
    for (var i = 0; i < en; i++) if (heads.has(words[i])) hits.add(i);
    var zhHit = false, enHits = new Set();
    hits.forEach(function (loc) { if (loc < en) zhHit = true; else if (loc > en) enHits.add(loc - en - 1); });
    return { words: words, end: end, en: en, hits: hits, heads: heads, zhHit: zhHit, enHits: enHits };
  }

  function item(data, terms) {
    var li = document.createElement("li");
    if (isGlossary(data)) {
      var v = view(data.content.split(" "), data.locations || []);
      var a = link(data.raw_url || data.url);
      var title = span("zh-search__title", "");
      title.lang = "zh";
      appendMarked(title, data.meta.title || "", terms, v.heads);
      a.appendChild(title);
      a.appendChild(document.createTextNode(": "));
      var def = span("zh-search__text", "");
      def.lang = "en";
      appendSentence(def, v.words.slice(0, v.en), v.hits, terms, "definition");
      a.appendChild(def);
      li.appendChild(a);
      li.className = "zh-search__item zh-search__item--glossary";
      return li;
    }
    return articleItem(li, data, terms);
  }

  /* An article: its title (a link when the title has a hit), then its paragraphs with a hit,
   * those with the most query words first; the first few shown, the rest a button away. */
  function articleItem(li, data, terms) {
    var words = data.content.split(" "), starts = [];
    words.forEach(function (w, i) { if (w === PART) starts.push(i); });
    var found = starts.map(function () { return []; });
    (data.locations || []).forEach(function (loc) {
      var lo = 0, hi = starts.length - 1;           // the last part starting before loc
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] < loc) lo = mid; else hi = mid - 1; }
      if (starts.length && starts[lo] < loc) found[lo].push(loc - starts[lo] - 1);
    });
    // Only the title and the parts with a hit are laid out (an article has dozens of paragraphs).
    var parts = [];
    starts.forEach(function (s, k) {
      if (k && !found[k].length) return;
      var v = view(words.slice(s + 1, k + 1 < starts.length ? starts[k + 1] : words.length), found[k]);
      var distinct = new Set();
      v.hits.forEach(function (i) { distinct.add(v.words[i].toLowerCase()); });
      parts.push({ k: k, v: v, distinct: distinct.size, count: v.hits.size });
    });
    var base = data.raw_url || data.url;
    var title = starts.length ? parts[0] : undefined;
    var hit = parts.slice(1).filter(function (p) { return p.v.hits.size; });
    // The title is a link when it has the hit, and when no paragraph does (the result must lead somewhere).
    var head = (title && title.v.hits.size) || !hit.length ? link(base + "#title") : span("zh-search__heading", "");
    head.appendChild(span("zh-search__where", "Article"));
    head.appendChild(span("zh-search__sep", ": "));
    var heading = span("zh-search__text", "");
    heading.lang = "zh";
    if (title) appendSentence(heading, title.v.words.slice(0, title.v.en), title.v.hits, terms, "definition");
    else heading.textContent = articleTitle(data);
    head.appendChild(heading);
    li.appendChild(head);
    li.className = "zh-search__item zh-search__item--article";

    hit.sort(function (x, y) { return y.distinct - x.distinct || y.count - x.count || x.k - y.k; });
    if (!hit.length) return li;
    var ul = document.createElement("ul");
    ul.className = "zh-search__parts";
    li.appendChild(ul);
    function add(p) {
      var sub = document.createElement("li");
      var a = link(base + "#p" + p.k);
      a.appendChild(span("zh-search__where", "¶" + p.k));
      a.appendChild(span("zh-search__sep", ": "));
      var text = span("zh-search__text", "");
      if (!p.v.zhHit && p.v.enHits.size) {          // found in the translation: its English sentence
        text.lang = "en";
        appendSentence(text, p.v.words.slice(p.v.en + 1, p.v.end), p.v.enHits, terms, "english");
      } else {
        text.lang = "zh";
        appendSentence(text, p.v.words.slice(0, p.v.en), p.v.hits, terms, "chinese");
      }
      a.appendChild(text);
      sub.appendChild(a);
      ul.appendChild(sub);
      return a;
    }
    hit.slice(0, PARTS_SHOWN).forEach(add);
    if (hit.length > PARTS_SHOWN) {
      var rest = hit.slice(PARTS_SHOWN);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "zh-search__parts-more md-button";
      button.textContent = rest.length + (rest.length === 1 ? " more paragraph" : " more paragraphs") + " in this article";
      button.addEventListener("click", function () {
        var first = null;
        rest.forEach(function (p) { var a = add(p); first = first || a; });
        button.remove();
        if (first) first.focus();
      });
      li.appendChild(button);
    }
    return li;
  }

  function link(href) {
    var a = document.createElement("a");
    a.className = "zh-search__link";
    a.href = new URL(href, root).href;
    a.addEventListener("click", function () { dialog.close(); });
    return a;
  }

  function span(cls, text) {
    var s = document.createElement("span");
    s.className = cls;
    s.textContent = text;
    return s;
  }

  /* The shown words as text, each with its start offset (record words → the text readers see).
   * English is its words joined by spaces; Chinese is joined without, but for Latin words. */
  function layout(words, english) {
    var out = [], text = "", before = "";
    words.forEach(function (w, i) {
      if (w === SPACE) { text += " "; before = w; return; }
      if (w === JOIN) { before = w; return; }
      if (text && (english || (latinEnd(before) && latinStart(w)))) text += " ";
      out.push({ index: i, word: w, start: text.length });
      text += w;
      before = w;
    });
    return { text: text, words: out };
  }

  function latinStart(w) { return !!w && w !== SPACE && w !== JOIN && !IS_HAN.test(w[0]) && LATIN.test(w[0]); }
  function latinEnd(w) { return !!w && w !== SPACE && w !== JOIN && !IS_HAN.test(w[w.length - 1]) && LATIN.test(w[w.length - 1]); }

  /* The sentence with the most marked words (a glossary definition: its start, or around the hit). */
  function appendSentence(el, words, hits, terms, mode) {
    var lay = layout(words, mode === "english");
    var ranges = lay.words.filter(function (w) { return hits.has(w.index); })
                          .map(function (w) { return markRange(w.word, terms, w.start); });
    var bounds = mode === "definition" ? [[0, lay.text.length]] : sentences(lay.text);
    var limit = mode === "chinese" ? 90 : 180;
    var found = bounds.map(function (b) {
      return new Set(ranges.filter(function (r) { return r[0] >= b[0] && r[1] <= b[1]; })
                           .map(function (r) { return lay.text.slice(r[0], r[1]).toLowerCase(); }));
    });
    var all = new Set();
    found.forEach(function (f) { f.forEach(function (w) { all.add(w); }); });
    var best = 0;
    found.forEach(function (f, i) { if (f.size > found[best].size) best = i; });
    var chosen = [best];
    if (found[best].size < all.size) {           // a second sentence for the words the first lacks
      var other = -1, gain = 0;
      found.forEach(function (f, i) {
        var g = 0;
        f.forEach(function (w) { if (!found[best].has(w)) g++; });
        if (g > gain) { other = i; gain = g; }
      });
      if (other >= 0) { chosen.push(other); chosen.sort(function (x, y) { return x - y; }); limit = Math.floor(limit / 2); }
    }
    chosen.forEach(function (i, n) {
      if (n) el.appendChild(document.createTextNode(" … "));
      appendPart(el, lay.text, ranges, bounds[i][0], bounds[i][1], limit);
    });
  }

  function appendPart(el, text, ranges, from, to, limit) {
    var first = ranges.filter(function (r) { return r[0] >= from && r[1] <= to; })[0];
    var lead = "", tail = "";
    if (to - from > limit) {
      var centre = first ? first[0] : from;
      var start = Math.max(from, Math.min(centre - Math.floor(limit / 3), to - limit));
      if (start > from) { from = start; lead = "…"; }
      if (to - from > limit) { to = from + limit; tail = "…"; }
    }
    el.appendChild(document.createTextNode(lead));
    var at = from;
    ranges.forEach(function (r) {
      if (r[0] < at || r[1] > to) return;
      el.appendChild(document.createTextNode(text.slice(at, r[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(r[0], r[1]);
      el.appendChild(m);
      at = r[1];
    });
    el.appendChild(document.createTextNode(text.slice(at, to) + tail));
  }

  /* Within a hit word: the query word it contains (大模型 for 模型 marks 模型), else all of it. */
  function markRange(word, terms, start) {
    var lower = word.toLowerCase(), best = null;
    terms.forEach(function (t) {
      var at = lower.indexOf(t);
      if (at >= 0 && (!best || t.length > best[1] - best[0])) best = [at, at + t.length];
    });
    if (best && IS_HAN.test(word)) return [start + best[0], start + best[1]];
    var core = /^[\p{L}\p{N}]+/u.exec(word);         // a Latin word without its trailing punctuation
    return [start, start + (core && !IS_HAN.test(word) ? core[0].length : word.length)];
  }

  /* A glossary title: the term marked when a hit named it, and query words found in the English. */
  function appendMarked(el, title, terms, heads) {
    var parts = title.split(/(\s+)/);
    parts.forEach(function (part, i) {
      var hit = (i === 0 && heads.size) ||
                (part && !IS_HAN.test(part) && terms.some(function (t) { return part.toLowerCase().indexOf(t) === 0; }));
      if (hit && part.trim()) {
        var m = document.createElement("mark");
        m.textContent = part;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  var STOPS = "。！？!?", CLOSING = "”’」』）)》】\"'";

  function sentences(text) {
    var out = [], start = 0;
    for (var i = 0; i < text.length; i++) {
      if (STOPS.indexOf(text[i]) < 0) continue;
      var end = i + 1;
      while (end < text.length && (CLOSING.indexOf(text[end]) >= 0 || STOPS.indexOf(text[end]) >= 0)) end++;
      out.push([start, end]);
      start = i = end;
      while (start < text.length && text[start] === " ") start = ++i;
      i--;
    }
    if (start < text.length) out.push([start, text.length]);
    return out.length ? out : [[0, text.length]];
  }

  function setStatus(text) {
    status.textContent = text;
  }

  // -- the dialog -------------------------------------------------------------------------

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    refreshed().then(function () { load(); });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  opener.hidden = false;
  dialog.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
  opener.addEventListener("click", open);
  function close() {             // focus back on the search button at once (the close event comes a task later)
    dialog.close();
    opener.focus({ preventScroll: true });
  }
  dialog.querySelector("[data-zh-search-close]").addEventListener("click", close);
  dialog.addEventListener("click", function (event) {          // a click on the backdrop closes
    if (event.target === dialog) close();
  });
  dialog.addEventListener("keydown", function (event) {      // Escape closes, even from a search field
    if (event.key === "Escape" && !event.isComposing) { event.preventDefault(); close(); }
  });
  dialog.addEventListener("close", function () { if (opener) opener.focus({ preventScroll: true }); });
  // One batch at a time (a second click while one loads does nothing), and focus moves to the
  // batch's first result only if it is still on the button: a late batch never takes it away.
  more.addEventListener("click", function () {
    if (loading || !current) return;
    var before = links().length;
    loading = showMore(latest).then(function () {
      loading = null;
      var l = links()[before], at = document.activeElement;
      if (l && (at === more || at === document.body)) l.focus();
    }, function () { loading = null; });
  });

  // Every change of the text searches: typing, pasting, deleting, and an IME's committed text
  // (compositionend; while composing, the half-typed pinyin is not searched).
  var composing = false;
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function () { composing = false; search(); });
  input.addEventListener("input", function (event) {
    if (composing || event.isComposing) return;
    search();
  });

  input.addEventListener("keydown", function (event) {
    if (event.isComposing) return;
    var all = links();
    if (event.key === "Enter") {
      event.preventDefault();
      if (all[0]) all[0].click();
    } else if (event.key === "ArrowDown" && all[0]) {
      event.preventDefault();
      all[0].focus();
    }
  });
  list.addEventListener("keydown", function (event) {
    var all = links(), at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at + 1 < all.length) { event.preventDefault(); all[at + 1].focus(); }
    else if (event.key === "ArrowDown" && !more.hidden) { event.preventDefault(); more.focus(); }
    else if (event.key === "ArrowUp") { event.preventDefault(); (at ? all[at - 1] : input).focus(); }
    else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) { input.focus(); }
  });
  more.addEventListener("keydown", function (event) {
    var all = links();
    if (event.key === "ArrowUp" && all.length) { event.preventDefault(); all[all.length - 1].focus(); }
  });

  // Opened before this script ran (the header's early opener, overrides/partials/zh-search.html):
  // load the index now, and search what was typed meanwhile.
  if (dialog.open) {
    setStatus("");
    if (input.value.trim()) search(); else load();
  } else {
    // Otherwise start loading the index once the page has loaded and the browser is idle, as
    // Material's own search does on every page: a reader who opens the search finds it ready.
    // Not on a connection the reader asked to spare (Save-Data) or a 2G one.
    var connection = navigator.connection || {};
    if (!connection.saveData && !/2g/.test(connection.effectiveType || "")) {
      var idle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 1); };
      var start = function () { idle(function () { load(); }, { timeout: 2000 }); };
      if (document.readyState === "complete") start(); else window.addEventListener("load", start, { once: true });
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    var t = event.target;
    if (t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.tagName))) return;
    event.preventDefault();
    open();
  });
})();
