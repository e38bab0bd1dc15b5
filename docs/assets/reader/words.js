/* The reader: saved words and known words, kept in this browser (localStorage).
 *
 * The popup gets "Save" and "Known" toggles.  A saved word keeps its pinyin, gloss, HSK level,
 * the sentence it was saved from and a link back to its paragraph ("zh-reader-words"); a known
 * word is only its characters ("zh-reader-known").  Known words take the class zh-known, so the
 * pinyin mode "unknown words only" (data-zh-pinyin="unknown") shows pinyin over the rest, and an
 * article shows the share of its running words you know.  The "My words" page ([data-my-words])
 * lists the saved words, filters them by HSK level and downloads them as CSV (UTF-8 with a BOM,
 * for Excel) or as a text file Anki imports (File → Import: tab-separated, HTML, deck, tags) —
 * all in the browser (Blob), so it works from file:// too.
 */
(function () {
  "use strict";

  var ZR = window.zhReader;
  var el = ZR.el;
  var SAVED = "zh-reader-words";
  var KNOWN = "zh-reader-known";
  var LEVEL = "zh-reader-words-level";
  var FORMULA_START = "=+-@\t\r";        // a spreadsheet would run such a cell (as the build's CSVs)
  // HSK 3.0 labels in order; "" is beyond HSK 3.0.  A filter keeps a level and those above it.
  var LEVELS = ["1", "2", "3", "4", "5", "6", "7-9", ""];
  var LEVEL_CHOICES = [["1", "All levels"], ["2", "HSK 2 and above"], ["3", "HSK 3 and above"],
                       ["4", "HSK 4 and above"], ["5", "HSK 5 and above"], ["6", "HSK 6 and above"],
                       ["7-9", "HSK 7–9 and beyond"], ["", "Beyond HSK 3.0 only"]];

  // "Unknown words only": a pinyin mode of the display settings (controls.js builds the choice).
  if (ZR.CHOICES.pinyin.indexOf("unknown") < 0) ZR.CHOICES.pinyin.splice(2, 0, "unknown");
  if (ZR.PINYIN_LABELS && !ZR.PINYIN_LABELS.some(function (p) { return p[0] === "unknown"; })) {
    ZR.PINYIN_LABELS.splice(2, 0, ["unknown", "unknown words"]);
  }

  // -- storage ----------------------------------------------------------------------------

  function read(key, fallback) {
    try {
      var value = JSON.parse(localStorage.getItem(key) || "null");
      return value && typeof value === "object" ? value : fallback;
    } catch (e) { return fallback; }
  }

  function write(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: this page only */ }
  }

  /* Saved words, oldest first: [{w, py, en, hsk, s, url, title, t}]. */
  ZR.savedWords = function () {
    var list = read(SAVED, []);
    return Array.isArray(list) ? list.filter(function (x) { return x && typeof x.w === "string"; }) : [];
  };

  function knownSet() {
    var list = read(KNOWN, []);
    var set = {};
    (Array.isArray(list) ? list : []).forEach(function (w) { if (typeof w === "string") set[w] = true; });
    return set;
  }

  function isSaved(word) {
    return ZR.savedWords().some(function (x) { return x.w === word; });
  }

  function setSaved(entry, on) {
    var list = ZR.savedWords().filter(function (x) { return x.w !== entry.w; });
    if (on) list.push(entry);
    write(SAVED, list);
  }

  function setKnown(word, on) {
    var set = knownSet();
    if (on) set[word] = true; else delete set[word];
    write(KNOWN, Object.keys(set));
  }

  function english(row) {
    if (row[5] === "name" || row[5] === "org") return row[7];   // a person's or company's name: "A person's name: family name …"
    if (row[5] === "family" && row[7]) return row[7];              // Claude Design: "Claude: Anthropic's family of AI models …"
    if (row[2] && row[2].length) return row[2].join("; ");
    return (row[6] || []).map(function (p) { return p[1] ? p[0] + " (" + p[1] + ") " + p[2] : p[0]; }).join(" + ");
  }

  /* What is kept of a word saved from the popup: its row, its sentence, the way back. */
  function entryFor(row, word) {
    var sentence = ZR.sentenceOf ? ZR.sentenceOf(word) : null;
    var pair = word.closest(".pair, .quote");
    var head = document.querySelector(".article-head");
    var title = head && head.dataset.title ? head.dataset.title : document.title.split(" - ")[0];
    var number = "";
    if (pair && pair.classList.contains("pair")) {
      number = Array.prototype.indexOf.call(pair.parentNode.querySelectorAll(":scope > .pair"), pair) + 1;
    }
    return {
      w: row[0], py: row[1] || "", en: english(row), hsk: row[3] || "",
      s: sentence ? sentence.text : ZR.textOf(word.closest(".zh") || word),
      url: location.href.split("#")[0] + (sentence && sentence.id ? "#" + sentence.id : pair && pair.id ? "#" + pair.id : ""),
      title: title, where: number ? "¶" + number : "", t: Date.now()
    };
  }

  // -- the popup's toggles -------------------------------------------------------------------

  function toggle(cls, label, pressed, onChange) {
    var button = el("button", "zh-pop-action " + cls, label);
    button.type = "button";
    button.setAttribute("aria-pressed", pressed ? "true" : "false");
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      onChange(on);
    });
    return button;
  }

  function onPopup(box, row, word) {
    if (!word.closest(".reader")) return;
    var bar = ZR.popupActions(box);
    bar.appendChild(toggle("zh-save", "Save", isSaved(row[0]), function (on) {
      setSaved(entryFor(row, word), on);
      announce(box, on ? "Saved to My words" : "Removed from My words");
    }));
    bar.appendChild(toggle("zh-known-toggle", "Known", !!knownSet()[row[0]], function (on) {
      setKnown(row[0], on);
      markAll();                                   // at once: the reader sees the word change
      announce(box, on ? "Marked as known" : "No longer marked as known");
    }));
    var link = myWordsLink();
    if (link) {
      var a = el("a", "zh-pop-mywords", "My words");
      a.href = link;
      bar.appendChild(a);
    }
  }

  function announce(box, message) {
    var status = box.querySelector(".zh-pop-status");
    if (!status) {
      status = el("p", "zh-pop-status");
      status.setAttribute("role", "status");
      ZR.popupActions(box).insertAdjacentElement("afterend", status);
    }
    status.textContent = message;
  }

  /* The "My words" page, as the site's navigation links it (hosted or file://). */
  function myWordsLink() {
    var a = document.querySelector('.md-nav a[href$="my-words/"], .md-nav a[href$="my-words.html"]');
    return a ? a.href : null;
  }

  // -- known words in the text ---------------------------------------------------------------

  var idle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 50); };

  /* Known words get their mark in idle time, once the vocabulary is in: a pass over every word
   * of the article, which must not hold up the page's first seconds on a phone. */
  function markKnown() {
    if (!document.querySelector(".reader .w[data-k]")) return;
    var mine = ZR.generation;
    ZR.withVocab(function () { idle(function () { if (mine === ZR.generation) markAll(); }, { timeout: 1000 }); });
  }

  function markAll() {
    var known = knownSet(), total = 0, count = 0;
    document.querySelectorAll(".reader .w[data-k]").forEach(function (w) {
      var row = ZR.vocab[parseInt(w.getAttribute("data-k"), 10)];
      var yes = !!(row && known[row[0]]);
      w.classList.toggle("zh-known", yes);
      if (row && /[\u3400-\u9fff]/.test(row[0])) { total++; if (yes) count++; }
    });
    showShare(count, total);
  }

  function showShare(count, total) {
    if (!document.querySelector(".reader[data-article]")) return;      // an article's share, not the quotes'
    document.querySelectorAll("[data-zh-controls]").forEach(function (box) {
      // After the settings bar, not in it: in the text's flow on phones (where the bar is a sheet) too.
      var line = box.nextElementSibling && box.nextElementSibling.classList.contains("zh-known-share") ? box.nextElementSibling : null;
      if (!line) {
        line = el("p", "zh-known-share");
        line.setAttribute("role", "status");
        box.insertAdjacentElement("afterend", line);
      }
      var share = total ? 100 * count / total : 0;
      var percent = share > 0 && share < 10 ? share.toFixed(1) : String(Math.round(share));
      line.textContent = "You know " + percent + "% of this text’s words (" + count + " of " + total +
        "), counting the words you marked known.";
    });
  }

  // -- the "My words" page --------------------------------------------------------------------

  function levelRank(label) {
    var i = LEVELS.indexOf(label || "");
    return i < 0 ? LEVELS.length - 1 : i;
  }

  function chosenLevel() {
    var saved = read(LEVEL, { min: "1" }).min;
    return LEVEL_CHOICES.some(function (c) { return c[0] === saved; }) ? saved : "1";
  }

  function shown(min) {
    return ZR.savedWords().filter(function (x) { return levelRank(x.hsk) >= levelRank(min); });
  }

  function tags(x) {
    var slug = (x.url.split("#")[0].match(/([^/]+?)(?:\.html|\/)?$/) || [])[1] || "article";
    return ["zh-ai-reader", slug.replace(/\s+/g, "-"), x.hsk ? "HSK" + x.hsk : "beyond-HSK"].join(" ");
  }

  function csvCell(value) {
    value = String(value == null ? "" : value);
    if (value && FORMULA_START.indexOf(value[0]) >= 0) value = "'" + value;
    return /[",\n\r]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  ZR.wordsCsv = function (list) {
    var rows = [["word", "pinyin", "english", "hsk", "sentence", "article", "link"]].concat(list.map(function (x) {
      return [x.w, x.py, x.en, x.hsk, x.s, x.title + (x.where ? " " + x.where : ""), x.url];
    }));
    return "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\n") + "\n";
  };

  function html(text) {
    return String(text == null ? "" : text).replace(/&/g, "&amp;").replace(/</g, "&lt;")
      .replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function field(text) { return String(text).replace(/[\t\r\n]+/g, " "); }

  /* A note per word for Anki's File → Import: Basic notes (front: the word; back: pinyin,
   * gloss, level, the sentence with the word in bold, the link), deck and tags given in the header. */
  ZR.wordsAnki = function (list) {
    var lines = ["#separator:tab", "#html:true", "#notetype:Basic", "#deck:中文 AI Reader::My words", "#tags column:3"];
    list.forEach(function (x) {
      var at = x.s.indexOf(x.w);
      var sentence = at < 0 ? html(x.s) : html(x.s.slice(0, at)) + "<b>" + html(x.w) + "</b>" + html(x.s.slice(at + x.w.length));
      var back = ["<div>" + html(x.py) + "</div>", "<div>" + html(x.en) + "</div>",
                  "<div>" + (x.hsk ? "HSK " + html(x.hsk) : "Beyond HSK 3.0") + "</div>",
                  "<div>" + sentence + "</div>",
                  /^https?:/.test(x.url) ? '<div><a href="' + html(x.url) + '">' + html(x.title + (x.where ? " " + x.where : "")) + "</a></div>" : ""].join("");
      lines.push([field(html(x.w)), field(back), field(tags(x))].join("\t"));
    });
    return lines.join("\n") + "\n";
  };

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = el("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  function buildPage(box) {
    box.textContent = "";
    var summary = el("p", "zh-words-summary");
    summary.setAttribute("role", "status");
    box.appendChild(summary);

    var tools = el("div", "zh-words-tools");
    var label = el("label", null, "Show and export ");
    var select = el("select", "zh-words-level");
    LEVEL_CHOICES.forEach(function (c) {
      var option = el("option", null, c[1]);
      option.value = c[0];
      select.appendChild(option);
    });
    select.value = chosenLevel();
    select.addEventListener("change", function () { write(LEVEL, { min: select.value }); render(); });
    label.appendChild(select);
    tools.appendChild(label);
    var csv = el("button", "md-button zh-words-csv", "Download CSV");
    csv.type = "button";
    csv.addEventListener("click", function () { download("my-words.csv", ZR.wordsCsv(shown(select.value)), "text/csv;charset=utf-8"); });
    var anki = el("button", "md-button zh-words-anki", "Download for Anki (.txt)");
    anki.type = "button";
    anki.addEventListener("click", function () { download("my-words-anki.txt", ZR.wordsAnki(shown(select.value)), "text/plain;charset=utf-8"); });
    tools.appendChild(csv);
    tools.appendChild(anki);
    box.appendChild(tools);

    var body = el("ol", "zh-words-list");
    body.setAttribute("aria-label", "Saved words, oldest first");
    box.appendChild(body);

    var known = el("details", "zh-known-list");
    box.appendChild(known);

    function render() {
      var all = ZR.savedWords(), list = shown(select.value), knownWords = Object.keys(knownSet());
      summary.textContent = all.length
        ? list.length + " of " + all.length + " saved words shown · " + knownWords.length + " marked known"
        : "No saved words yet: open an article, tap a word and choose Save. " + knownWords.length + " marked known.";
      body.hidden = !list.length;
      csv.disabled = anki.disabled = !list.length;
      body.textContent = "";
      list.forEach(function (x) {
        var li = el("li", "zh-word-card");
        var head = el("p", "zh-word-head");
        head.appendChild(el("span", "zh-words-word", x.w, "zh"));
        head.appendChild(el("span", "zh-words-py", x.py));
        head.appendChild(el("span", "zh-words-hsk", x.hsk ? "HSK " + x.hsk : "Beyond HSK 3.0"));
        li.appendChild(head);
        li.appendChild(el("p", "zh-words-en", x.en, "en"));
        var sentence = el("p", "zh-words-sentence", null, "zh");
        var at = x.s.indexOf(x.w);
        if (at < 0) sentence.textContent = x.s;
        else {
          sentence.appendChild(document.createTextNode(x.s.slice(0, at)));
          sentence.appendChild(el("mark", null, x.w));
          sentence.appendChild(document.createTextNode(x.s.slice(at + x.w.length)));
        }
        li.appendChild(sentence);
        var foot = el("p", "zh-word-foot");
        var link = el("a", "zh-words-link", x.title + (x.where ? " " + x.where : ""));
        link.href = x.url;
        foot.appendChild(link);
        var remove = el("button", "zh-words-remove", "Remove");
        remove.type = "button";
        remove.setAttribute("aria-label", "Remove " + x.w);
        remove.addEventListener("click", function () { setSaved(x, false); render(); });
        foot.appendChild(remove);
        li.appendChild(foot);
        body.appendChild(li);
      });

      known.textContent = "";
      known.hidden = !knownWords.length;
      known.appendChild(el("summary", null, "Words marked known (" + knownWords.length + ")"));
      var ul = el("ul", "zh-known-words");
      knownWords.forEach(function (w) {
        var li = el("li");
        li.appendChild(el("span", null, w, "zh"));
        var forget = el("button", "zh-words-forget", "Unmark");
        forget.type = "button";
        forget.setAttribute("aria-label", "Unmark " + w + " as known");
        forget.addEventListener("click", function () { setKnown(w, false); render(); });
        li.appendChild(forget);
        ul.appendChild(li);
      });
      known.appendChild(ul);
    }
    render();
    box._render = render;
  }

  ZR.on("start", function () {
    document.querySelectorAll("[data-my-words]").forEach(buildPage);
    markKnown();
    // controls.js synced the select before the "unknown" choice was there on older builds
    document.querySelectorAll("select.zh-pinyin").forEach(function (s) { s.value = ZR.loadSettings().pinyin; });
  });
  ZR.on("popup", onPopup);
  window.addEventListener("storage", function (event) {
    if (event.key !== SAVED && event.key !== KNOWN) return;
    markKnown();
    document.querySelectorAll("[data-my-words]").forEach(function (box) { if (box._render) box._render(); });
  });
})();
