/* The reader: word popup, display settings, paragraph citations.
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
 * Cheap start: one delegated listener per event type for all words; the
 * per-word attributes (roving tabindex, role, aria-*) and the citation
 * buttons are added paragraph by paragraph in idle time (at once for a
 * paragraph the reader focuses or uses first).
 *
 * Display settings live in localStorage ("zh-reader") and as data-zh-*
 * attributes on <html>; overrides/partials/zh-settings.html applies them
 * before first paint (keep its defaults in step with DEFAULTS here).  Pinyin
 * <ruby> is built here, in the browser, so the search index (built from the
 * HTML) never contains it.
 */
(function () {
  "use strict";

  var KEY = "zh-reader";
  var DEFAULTS = { pinyin: "off", boundaries: false, terms: true, english: true, size: 0 };
  var SIZES = [-2, 3];                 // smallest and largest step; a step is 12.5 %
  var HOVER_DELAY = 300;

  var popup = null;
  var opener = null;
  var pinned = false;                  // opened by click/keyboard (stays) rather than by hover
  var hoverTimer = null;
  var leaveTimer = null;
  var vocab = null;                    // this page's rows, once loaded
  var loading = null;                  // Promise of them, while the script loads
  var generation = 0;                  // one per page shown (instant navigation swaps pages)
  var pending = null;                  // {target, byHover}: asked for before the vocabulary arrived

  function el(tag, cls, text, lang) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    if (lang) node.lang = lang;
    return node;
  }

  // -- settings ----------------------------------------------------------------

  function loadSettings() {
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { saved = {}; }
    var settings = {};
    Object.keys(DEFAULTS).forEach(function (name) {
      settings[name] = typeof saved[name] === typeof DEFAULTS[name] ? saved[name] : DEFAULTS[name];
    });
    if (["all", "terms", "off"].indexOf(settings.pinyin) < 0) settings.pinyin = DEFAULTS.pinyin;
    settings.size = Math.min(SIZES[1], Math.max(SIZES[0], Math.round(settings.size)));
    return settings;
  }

  function saveSettings(settings) {
    try { localStorage.setItem(KEY, JSON.stringify(settings)); } catch (e) { /* private mode: session only */ }
  }

  /* Writes only what changed: each change on <html> restyles the whole page, and the
   * early script (zh-settings.html) has usually set all of it before the first paint. */
  function applySettings(settings) {
    var root = document.documentElement;
    var attrs = {
      "data-zh-pinyin": settings.pinyin,
      "data-zh-boundaries": settings.boundaries ? "on" : "off",
      "data-zh-terms": settings.terms ? "on" : "off",
      "data-zh-english": settings.english ? "on" : "off"
    };
    Object.keys(attrs).forEach(function (name) {
      if (root.getAttribute(name) !== attrs[name]) root.setAttribute(name, attrs[name]);
    });
    var scale = String(1 + settings.size * 0.125);
    if (root.style.getPropertyValue("--zh-scale") !== scale) root.style.setProperty("--zh-scale", scale);
    if (settings.pinyin !== "off") withVocab(addRuby);
    syncControls(settings);
  }

  function change(name, value) {
    var settings = loadSettings();
    settings[name] = value;
    settings.size = Math.min(SIZES[1], Math.max(SIZES[0], settings.size));
    saveSettings(settings);
    applySettings(settings);
  }

  function toggleButton(name, label) {
    var button = el("button", "md-button zh-toggle", label);
    button.type = "button";
    button.setAttribute("data-setting", name);
    button.addEventListener("click", function () {
      change(name, button.getAttribute("aria-pressed") !== "true");
    });
    return button;
  }

  function buildControls(box) {
    box.textContent = "";
    var group = el("div", "zh-controls");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Display settings");

    var label = el("label", "zh-pinyin-label", "Pinyin ");
    var select = el("select", "zh-pinyin");
    select.setAttribute("data-setting", "pinyin");
    [["all", "all words"], ["terms", "glossary terms"], ["off", "off"]].forEach(function (pair) {
      var option = el("option", null, pair[1]);
      option.value = pair[0];
      select.appendChild(option);
    });
    select.addEventListener("change", function () { change("pinyin", select.value); });
    label.appendChild(select);
    group.appendChild(label);

    group.appendChild(toggleButton("boundaries", "Word boundaries"));
    group.appendChild(toggleButton("terms", "Highlight terms"));
    group.appendChild(toggleButton("english", "English translation"));

    var size = el("span", "zh-size");
    size.setAttribute("role", "group");
    size.setAttribute("aria-label", "Text size");
    [["−", "Smaller text", -1], ["+", "Larger text", 1]].forEach(function (spec) {
      var button = el("button", "md-button zh-size-step", "A" + spec[0]);
      button.type = "button";
      button.setAttribute("aria-label", "A" + spec[0] + " " + spec[1].toLowerCase());   // the name starts with the visible text (WCAG 2.5.3)
      button.setAttribute("data-step", String(spec[2]));
      button.addEventListener("click", function () { change("size", loadSettings().size + spec[2]); });
      size.appendChild(button);
    });
    group.appendChild(size);
    box.appendChild(group);
  }

  function syncControls(settings) {
    document.querySelectorAll(".zh-controls [data-setting]").forEach(function (control) {
      var name = control.getAttribute("data-setting");
      if (control.tagName === "SELECT") control.value = settings[name];
      else control.setAttribute("aria-pressed", settings[name] ? "true" : "false");
    });
    document.querySelectorAll(".zh-size-step").forEach(function (button) {
      var step = parseInt(button.getAttribute("data-step"), 10);
      button.disabled = settings.size + step < SIZES[0] || settings.size + step > SIZES[1];
    });
  }

  /* Pinyin above each word: <span class="w"><ruby>词<rt>cí</rt></ruby></span>.
   * Built once per page (CSS shows all, terms only or none).  The <rt> is
   * aria-hidden so screen readers read the word once, not word + pinyin. */
  function addRuby() {
    var words = document.querySelectorAll(".reader .w[data-k]");
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      var first = word.firstElementChild;
      if (first && first.tagName === "RUBY") continue;          // built already (writes only, no layout reads)
      var row = vocab[parseInt(word.getAttribute("data-k"), 10)];
      if (!row || !row[1]) continue;
      var ruby = el("ruby");
      while (word.firstChild) ruby.appendChild(word.firstChild);
      var rt = el("rt", null, row[1]);
      rt.setAttribute("aria-hidden", "true");
      ruby.appendChild(rt);
      word.appendChild(ruby);
    }
  }

  // -- popup -------------------------------------------------------------------

  function ensurePopup() {
    if (popup && document.body.contains(popup)) return popup;
    popup = el("div", "zh-pop");
    popup.id = "zh-pop";
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-modal", "false");
    popup.setAttribute("aria-labelledby", "zh-pop-word");
    popup.hidden = true;
    popup.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); closePopup(true); }
    });
    popup.addEventListener("pointerenter", function () { clearTimeout(leaveTimer); });
    popup.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse" && !pinned) scheduleClose();
    });
    document.body.appendChild(popup);
    return popup;
  }

  var SOURCE_NOTE = {
    glossary: "From our glossary",
    ours: "From our word list (not in CC-CEDICT)",
    cedict: "CC-CEDICT",
    composed: "Not in any dictionary; its parts:"
  };

  function fill(row, target) {
    var box = ensurePopup();
    box.textContent = "";
    var head = el("div", "zh-pop-head");
    var word = el("span", "zh-pop-word", row[0], "zh");
    word.id = "zh-pop-word";
    head.appendChild(word);
    if (row[1]) head.appendChild(el("span", "zh-pop-py", row[1]));
    var close = el("button", "zh-pop-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { closePopup(true); });
    head.appendChild(close);
    box.appendChild(head);

    if (row[2].length) {
      var senses = el("ol", "zh-pop-senses");
      senses.lang = "en";
      row[2].forEach(function (sense) { senses.appendChild(el("li", null, sense)); });
      box.appendChild(senses);
    }
    var extra = row[8] || {};
    if (extra.mw) box.appendChild(el("p", "zh-pop-extra", "Measure word: " + extra.mw.join(", ")));
    if (extra.tw) box.appendChild(el("p", "zh-pop-extra", "Taiwan reading: " + extra.tw));
    if (extra.see) box.appendChild(el("p", "zh-pop-extra", "See also: " + extra.see.join("; ")));

    if (row[7]) box.appendChild(el("p", "zh-pop-def", row[7], "en"));
    if (row[6] && row[6].length) {
      var parts = el("p", "zh-pop-parts", SOURCE_NOTE.composed + " ");
      row[6].forEach(function (part, i) {
        if (i) parts.appendChild(document.createTextNode(" + "));
        parts.appendChild(el("span", null, part[0], "zh"));
        parts.appendChild(document.createTextNode(" " + part[1] + " ‘" + part[2] + "’"));
      });
      box.appendChild(parts);
    }
    var meta = el("p", "zh-pop-meta");
    meta.appendChild(el("span", "zh-pop-hsk", row[3] ? "HSK " + row[3] : "Beyond HSK 3.0"));
    if (row[5] !== "composed") meta.appendChild(document.createTextNode(" · " + (SOURCE_NOTE[row[5]] || "")));
    box.appendChild(meta);
    if (row[4] && target.getAttribute("href")) {
      var link = el("a", "zh-pop-link", "Glossary entry: " + row[0]);
      link.href = target.getAttribute("href");
      box.appendChild(link);
    }
  }

  function place(target) {
    var box = popup;
    var rect = target.getBoundingClientRect();
    var margin = 8;
    box.style.left = "0px";
    box.style.top = "0px";
    var vw = document.documentElement.clientWidth;
    var vh = window.innerHeight;
    box.style.maxHeight = Math.max(120, vh - 2 * margin) + "px";
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var left = Math.max(margin, Math.min(rect.left, vw - width - margin));
    var below = rect.bottom + 6;
    var above = rect.top - height - 6;
    var top;
    if (below + height <= vh - margin) top = below;
    else if (above >= margin) top = above;
    else top = Math.max(margin, vh - height - margin);     // no room either side: keep it on screen
    box.style.left = left + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function openPopup(target, byHover) {
    setupParagraph(target.closest(".zh"));
    if (!vocab) {                                       // still loading: open it when it arrives
      pending = { target: target, byHover: byHover };
      withVocab(function () {
        if (pending && pending.target === target) { pending = null; openPopup(target, byHover); }
      });
      return;
    }
    pending = null;
    var row = vocab[parseInt(target.getAttribute("data-k"), 10)];
    if (!row) return;
    clearTimeout(leaveTimer);
    if (opener) opener.classList.remove("is-open");
    opener = target;
    pinned = !byHover;
    target.classList.add("is-open");
    target.setAttribute("aria-expanded", "true");
    fill(row, target);
    popup.hidden = false;
    place(target);
    if (!byHover) popup.querySelector(".zh-pop-close").focus({ preventScroll: true });
  }

  function closePopup(returnFocus) {
    clearTimeout(hoverTimer);
    clearTimeout(leaveTimer);
    pending = null;
    if (!popup || popup.hidden) return;
    popup.hidden = true;
    if (opener) {
      opener.classList.remove("is-open");
      opener.setAttribute("aria-expanded", "false");
      if (returnFocus) opener.focus({ preventScroll: true });
    }
    opener = null;
    pinned = false;
  }

  function scheduleClose() {
    clearTimeout(leaveTimer);
    leaveTimer = setTimeout(function () { if (!pinned) closePopup(false); }, HOVER_DELAY);
  }

  function wordAt(node) {
    return node && node.closest ? node.closest(".reader .w[data-k]") : null;
  }

  function onPointerOver(event) {
    if (event.pointerType !== "mouse") return;        // touch and pen: tap opens (click)
    var word = wordAt(event.target);
    if (!word || word === opener) return;
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(function () {
      if (!pinned || popup.hidden) openPopup(word, true);
    }, HOVER_DELAY);
  }

  function onPointerOut(event) {
    if (event.pointerType !== "mouse") return;
    var word = wordAt(event.target);
    if (!word || word.contains(event.relatedTarget)) return;
    clearTimeout(hoverTimer);
    if (pending && pending.byHover && pending.target === word) pending = null;
    if (word === opener && !pinned && !(popup && popup.contains(event.relatedTarget))) scheduleClose();
  }

  /* A paragraph is one tab stop (roving tabindex): its words are buttons that open a dialog.
   * Done once per paragraph, in idle time or when the paragraph is first used. */
  function setupParagraph(para, current) {
    if (!para || para.hasAttribute("data-zh-ready")) return;
    para.setAttribute("data-zh-ready", "");
    var words = para.querySelectorAll(".w");
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      word.tabIndex = (current ? word === current : i === 0) ? 0 : -1;
      if (word.tagName === "SPAN") word.setAttribute("role", "button");
      word.setAttribute("aria-haspopup", "dialog");
      word.setAttribute("aria-expanded", "false");
    }
    var pair = para.closest(".reader .pair");
    if (pair) addCiteButton(pair);
  }

  function onFocusIn(event) {
    var word = wordAt(event.target);
    if (word) setupParagraph(word.closest(".zh"), word);
  }

  function onKey(event) {
    if (event.key === "Escape") { closePopup(true); return; }
    var target = wordAt(event.target);
    if (!target) return;
    var para = target.closest(".zh");
    setupParagraph(para, target);
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openPopup(target, false);
    } else if (["ArrowRight", "ArrowLeft", "Home", "End"].indexOf(event.key) >= 0 && para) {
      var words = Array.prototype.slice.call(para.querySelectorAll(".w"));
      var i = words.indexOf(target);
      var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: words.length - 1 }[event.key];
      if (next >= 0 && next < words.length) {
        event.preventDefault();
        target.tabIndex = -1;
        words[next].tabIndex = 0;
        words[next].focus();
      }
    }
  }

  function onClick(event) {
    var target = wordAt(event.target);
    if (target) {
      event.preventDefault();
      clearTimeout(hoverTimer);
      if (opener === target && popup && !popup.hidden && pinned) closePopup(false);
      else openPopup(target, false);
      return;
    }
    if (popup && !popup.hidden && !popup.contains(event.target)) closePopup(false);
  }

  // -- citations ---------------------------------------------------------------

  function textOf(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll("rt, .nref, .pl, .zh-cite").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function paragraphCitation(pair) {
    var zh = textOf(pair.querySelector(".zh"));
    var en = pair.querySelector(".en:not(.pending)");
    var head = document.querySelector(".article-head");
    var data = head ? head.dataset : {};
    var url = location.href.split("#")[0] + "#" + pair.id;
    var who = [data.speaker, data.date].filter(Boolean).join(", ");
    return [
      "「" + zh + "」",
      en ? "“" + textOf(en) + "”" : "",
      "— " + [(data.title || document.title) + (data.titleEn ? " (" + data.titleEn + ")" : ""), who].filter(Boolean).join(", ") + ".",
      data.source ? "Source: " + data.source + "." : "",
      url
    ].filter(Boolean).join("\n");
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return legacyCopy(text);
  }

  function legacyCopy(text) {
    var area = el("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function announce(button, message) {
    var status = button.parentNode.querySelector(".zh-copied");
    if (!status) {
      status = el("span", "zh-copied");
      status.setAttribute("role", "status");
      button.insertAdjacentElement("afterend", status);
    }
    status.textContent = message;
    clearTimeout(status._timer);
    status._timer = setTimeout(function () { status.textContent = ""; }, 2500);
  }

  function onCopyClick(event) {
    var button = event.target.closest && event.target.closest(".copy-cite, .zh-cite");
    if (!button) return;
    var text = button.getAttribute("data-cite");
    if (button.classList.contains("zh-cite")) {
      text = paragraphCitation(button.closest(".pair"));
    } else {
      var figure = button.closest(".quote");
      var link = figure && figure.querySelector(".quote-permalink");
      if (link) text += "\n" + link.href;
    }
    copyText(text).then(function () { announce(button, "Copied"); },
                        function () { announce(button, "Copy failed: select the text and copy it"); });
  }

  function addCiteButton(pair) {
    var zh = pair.querySelector(".zh");
    if (!zh || zh.querySelector(".zh-cite")) return;
    var number = Array.prototype.indexOf.call(pair.parentNode.querySelectorAll(":scope > .pair"), pair) + 1;
    var button = el("button", "zh-cite", "Copy citation");
    button.type = "button";
    button.setAttribute("aria-label", "Copy citation, paragraph " + number);
    zh.appendChild(button);
  }

  // -- start -------------------------------------------------------------------

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
  function loadVocab() {
    if (vocab) return Promise.resolve(vocab);
    if (loading) return loading;
    var reader = document.querySelector(".reader[data-vocab]");
    if (!reader) {
      var data = vocabScript();
      vocab = data ? JSON.parse(data.textContent) : [];
      return Promise.resolve(vocab);
    }
    var key = reader.getAttribute("data-article");
    var store = window.zhVocab || {};
    if (store[key]) { vocab = store[key]; return Promise.resolve(vocab); }
    var mine = generation;
    loading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL(reader.getAttribute("data-vocab"), document.baseURI).href;
      script.async = true;
      script.onload = function () {
        var rows = (window.zhVocab || {})[key];
        script.remove();
        if (!rows) { reject(new Error("no vocabulary for " + key)); return; }
        if (mine === generation) vocab = rows;
        resolve(rows);
      };
      script.onerror = function () { script.remove(); reject(new Error("vocabulary did not load")); };
      document.head.appendChild(script);
    });
    loading.catch(function () { if (mine === generation) loading = null; });   // the next use tries again
    return loading;
  }

  /* Run fn once this page's vocabulary is here (at once when it is). */
  function withVocab(fn) {
    if (vocab) { fn(); return; }
    var mine = generation;
    loadVocab().then(function () { if (mine === generation) fn(); }, function () { /* offline: no popups */ });
  }

  var idle = window.requestIdleCallback || function (fn) {
    return setTimeout(function () { fn({ timeRemaining: function () { return 8; } }); }, 1);
  };

  /* Set up the paragraphs a few at a time while the browser is idle. */
  function setupInIdleTime(paras, mine) {
    var next = 0;
    function step(deadline) {
      if (mine !== generation) return;
      do { setupParagraph(paras[next++]); } while (next < paras.length && deadline.timeRemaining() > 2);
      if (next < paras.length) idle(step, { timeout: 500 });
    }
    if (paras.length) idle(step, { timeout: 500 });
  }

  function start() {
    generation++;
    vocab = null;
    loading = null;
    pending = null;
    closePopup(false);
    document.querySelectorAll("[data-zh-controls]").forEach(buildControls);
    var paras = document.querySelectorAll(".reader .zh");
    // The first paragraphs (on screen) at once, so their citation buttons do not shift the text later.
    for (var i = 0; i < Math.min(2, paras.length); i++) setupParagraph(paras[i]);
    setupInIdleTime(Array.prototype.slice.call(paras, 2), generation);
    applySettings(loadSettings());
    withVocab(function () { /* preload: the first popup opens at once */ });
  }

  document.addEventListener("click", onClick);
  document.addEventListener("click", onCopyClick);
  document.addEventListener("keydown", onKey);
  document.addEventListener("focusin", onFocusIn);
  document.addEventListener("pointerover", onPointerOver);
  document.addEventListener("pointerout", onPointerOut);
  window.addEventListener("storage", function (event) { if (event.key === KEY) applySettings(loadSettings()); });
  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
