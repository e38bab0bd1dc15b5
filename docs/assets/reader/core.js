/* The reader, part 1 of 5: the shared namespace, settings storage, vocabulary, paragraph setup.
 *
 * The reader is plain scripts (module scripts do not load from file://), listed in order in
 * mkdocs.yml's extra_javascript, all sharing one object, window.zhReader (ZR below):
 *
 *   core.js      ZR.el, ZR.settings (load/save, DEFAULTS), ZR.vocab loading (ZR.withVocab),
 *                ZR.setupParagraph, ZR.on/ZR.emit, and the start of each page.
 *   controls.js  the display-settings bar and applying settings to <html>; pinyin <ruby>.
 *   popup.js     the word popup: ZR.openPopup, ZR.closePopup, hover and click.
 *   keyboard.js  roving tabindex and arrow keys between words.
 *   citation.js  "Copy citation" buttons and the clipboard (ZR.copyText, ZR.announce, ZR.citation).
 *   sentences.js sentence alignment: highlight a sentence and its English, tap to reveal,
 *                the popup's sentence link and citation.
 *
 * Each word is an element with data-k, an index into the page's vocabulary
 * (one row per distinct word: [word, pinyin, senses, HSK label, glossary id,
 * source, parts, definition, and optionally {mw, tw, see}: measure words,
 * Taiwan reading, cross-references from CC-CEDICT]).  An article's vocabulary is a script of its own
 * (.reader[data-vocab], e.g. articles/<slug>/vocabulary.js, which stores the
 * rows in self.zhVocab[<slug>]): loaded asynchronously once the page is up,
 * so the first paint never waits for it, and by <script src>, which also works
 * from file:// (fetch does not).  Other pages (quotes) carry theirs inline in
 * <script type="application/json" id="zh-vocab">.  Started from Material's
 * document$ so it survives instant navigation.  All text is inserted with
 * textContent: nothing from the data is parsed as HTML.
 *
 * Events (ZR.on(name, fn), called in the order the files registered them):
 *   "start"      a page is shown (first load or instant navigation); state is reset.
 *   "paragraph"  (para) a paragraph's words got their attributes (once per paragraph).
 *   "settings"   (settings) display settings were applied.
 *   "popup"      (box, row, word) the popup was filled for a word (add to box); "popupclose" (word).
 *
 * Cheap start: one delegated listener per event type for all words; the
 * per-word attributes (roving tabindex, role, aria-*) and the citation
 * buttons are added paragraph by paragraph in idle time (at once for a
 * paragraph the reader focuses or uses first).
 */
(function () {
  "use strict";

  var ZR = window.zhReader = window.zhReader || {};
  var handlers = {};

  ZR.on = function (name, fn) { (handlers[name] = handlers[name] || []).push(fn); };
  ZR.emit = function (name) {
    var args = Array.prototype.slice.call(arguments, 1);
    (handlers[name] || []).forEach(function (fn) { fn.apply(null, args); });
  };

  ZR.el = function (tag, cls, text, lang) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    if (lang) node.lang = lang;
    return node;
  };

  /* The word element an event happened on, if any. */
  ZR.wordAt = function (node) {
    return node && node.closest ? node.closest(".reader .w[data-k]") : null;
  };

  // -- settings (localStorage "zh-reader"; overrides/partials/zh-settings.html applies them before
  //    first paint: keep its defaults in step with DEFAULTS here) ---------------------------------

  ZR.KEY = "zh-reader";
  ZR.DEFAULTS = { pinyin: "off", boundaries: false, terms: true, english: true, layout: "paragraph", size: 0 };
  ZR.SIZES = [-2, 3];                  // smallest and largest step; a step is 12.5 %
  ZR.CHOICES = { pinyin: ["all", "terms", "off"], layout: ["paragraph", "sentence", "reveal", "side"] };   // settings with named values: the allowed ones

  ZR.loadSettings = function () {
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(ZR.KEY) || "{}") || {}; } catch (e) { saved = {}; }
    var settings = {};
    Object.keys(ZR.DEFAULTS).forEach(function (name) {
      settings[name] = typeof saved[name] === typeof ZR.DEFAULTS[name] ? saved[name] : ZR.DEFAULTS[name];
      if (ZR.CHOICES[name] && ZR.CHOICES[name].indexOf(settings[name]) < 0) settings[name] = ZR.DEFAULTS[name];
    });
    settings.size = Math.min(ZR.SIZES[1], Math.max(ZR.SIZES[0], Math.round(settings.size)));
    return settings;
  };

  ZR.saveSettings = function (settings) {
    try { localStorage.setItem(ZR.KEY, JSON.stringify(settings)); } catch (e) { /* private mode: session only */ }
  };

  // -- vocabulary --------------------------------------------------------------

  ZR.vocab = null;                     // this page's rows, once loaded
  ZR.generation = 0;                   // one per page shown (instant navigation swaps pages)
  var loading = null;                  // Promise of the rows, while the script loads

  /* After an instant navigation Material re-creates each inline <script> of the new page with
   * its text but none of its attributes (bundle: `n.textContent = o.textContent; o.replaceWith(n)`),
   * so an inline vocabulary loses its id: find it by its content, a JSON array of rows. */
  function vocabScript() {
    var data = document.getElementById("zh-vocab");
    if (data) return data;
    var scripts = document.querySelectorAll(".md-content script:not([src])");
    for (var i = 0; i < scripts.length; i++) {
      if (/^\s*\[\[/.test(scripts[i].textContent)) return scripts[i];
    }
    return null;
  }

  /* This page's vocabulary: inline (parsed now) or the article's script (loaded once). */
  ZR.loadVocab = function () {
    if (ZR.vocab) return Promise.resolve(ZR.vocab);
    if (loading) return loading;
    var reader = document.querySelector(".reader[data-vocab]");
    if (!reader) {
      var data = vocabScript();
      ZR.vocab = data ? JSON.parse(data.textContent) : [];
      return Promise.resolve(ZR.vocab);
    }
    var key = reader.getAttribute("data-article");
    var store = window.zhVocab || {};
    if (store[key]) { ZR.vocab = store[key]; return Promise.resolve(ZR.vocab); }
    var mine = ZR.generation;
    loading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL(reader.getAttribute("data-vocab"), document.baseURI).href;
      script.async = true;
      script.onload = function () {
        var rows = (window.zhVocab || {})[key];
        script.remove();
        if (!rows) { reject(new Error("no vocabulary for " + key)); return; }
        if (mine === ZR.generation) ZR.vocab = rows;
        resolve(rows);
      };
      script.onerror = function () { script.remove(); reject(new Error("vocabulary did not load")); };
      document.head.appendChild(script);
    });
    loading.catch(function () { if (mine === ZR.generation) loading = null; });   // the next use tries again
    return loading;
  };

  /* Run fn once this page's vocabulary is here (at once when it is). */
  ZR.withVocab = function (fn) {
    if (ZR.vocab) { fn(); return; }
    var mine = ZR.generation;
    ZR.loadVocab().then(function () { if (mine === ZR.generation) fn(); }, function () { /* offline: no popups */ });
  };

  // -- paragraphs --------------------------------------------------------------

  /* The whole text is one tab stop (a roving tabindex, keyboard.js moves it): only ZR.rover,
   * the word last reached, has tabindex 0.  Words are plain text to a screen reader (no role,
   * no tabindex); glossary terms stay links but leave the tab order.  Done once per paragraph,
   * in idle time or when the paragraph is first used. */
  ZR.rover = null;
  ZR.setupParagraph = function (para) {
    if (!para || para.hasAttribute("data-zh-ready")) return;
    para.setAttribute("data-zh-ready", "");
    var links = para.querySelectorAll("a.w");
    for (var i = 0; i < links.length; i++) if (links[i] !== ZR.rover) links[i].tabIndex = -1;
    ZR.emit("paragraph", para);
  };

  /* Make `word` the text's tab stop (and focus it, unless focus is false). */
  ZR.setRover = function (word, focus) {
    if (!word) return;
    var old = ZR.rover;
    if (old && old !== word) {
      if (old.tagName === "A") old.tabIndex = -1;
      else old.removeAttribute("tabindex");
    }
    ZR.rover = word;
    ZR.setupParagraph(word.closest(".zh"));
    word.tabIndex = 0;
    if (focus !== false) word.focus();
  };

  var idle = window.requestIdleCallback || function (fn) {
    return setTimeout(function () { fn({ timeRemaining: function () { return 8; } }); }, 1);
  };

  /* Set up the paragraphs a few at a time while the browser is idle. */
  function setupInIdleTime(paras, mine) {
    var next = 0;
    function step(deadline) {
      if (mine !== ZR.generation) return;
      do { ZR.setupParagraph(paras[next++]); } while (next < paras.length && deadline.timeRemaining() > 2);
      if (next < paras.length) idle(step, { timeout: 500 });
    }
    if (paras.length) idle(step, { timeout: 500 });
  }

  // -- start -------------------------------------------------------------------

  function start() {
    ZR.generation++;
    ZR.vocab = null;
    loading = null;
    ZR.rover = null;
    ZR.emit("start");                  // popup closes, controls are built and settings applied
    ZR.setRover(document.querySelector(".reader .w[data-k]"), false);
    var paras = document.querySelectorAll(".reader .zh");
    // The first paragraphs (on screen) at once, so their citation buttons do not shift the text later.
    for (var i = 0; i < Math.min(2, paras.length); i++) ZR.setupParagraph(paras[i]);
    setupInIdleTime(Array.prototype.slice.call(paras, 2), ZR.generation);
    ZR.withVocab(function () { /* preload: the first popup opens at once */ });
  }

  /* The scripts run deferred, in order, before DOMContentLoaded, which document$ (and so the
   * first start) waits for: every part has registered its handlers by then.  The start itself
   * comes a frame later, not in the same task as Material's own start (one long task blocked a
   * phone ~0.3 s); `pending` keeps only the newest page's start. */
  function soon() {
    var mine = ++pending;
    requestAnimationFrame(function () { setTimeout(function () { if (mine === pending) start(); }, 0); });
  }
  var pending = 0;
  if (window.document$) window.document$.subscribe(soon);
  else document.addEventListener("DOMContentLoaded", soon);
})();
