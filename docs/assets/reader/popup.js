/* The reader, part 3: the word popup (a non-modal dialog), opened by click, tap, hover or
 * Enter (keyboard.js); ZR.openPopup(word, byHover), ZR.closePopup(returnFocus). */
(function () {
  "use strict";

  var ZR = window.zhReader;
  var el = ZR.el;
  var HOVER_DELAY = 300;

  var popup = null;
  var pinned = false;                  // opened by click/keyboard (stays) rather than by hover
  var hoverTimer = null;
  var leaveTimer = null;
  var pending = null;                  // {target, byHover}: asked for before the vocabulary arrived
  ZR.opener = null;                    // the word whose popup is open

  function ensurePopup() {
    if (popup && document.body.contains(popup)) return popup;
    popup = el("div", "zh-pop");
    popup.id = "zh-pop";
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-modal", "false");
    popup.setAttribute("aria-labelledby", "zh-pop-word");
    popup.hidden = true;
    popup.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); ZR.closePopup(true); }
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
    composed: "Not in any dictionary; its parts:",
    compound: "A compound of words we know; its parts:",
    family: "A name built on one in our glossary; its parts:",
    name: "Not in the dictionaries: a name by its place in the sentence",
    org: "Not in the dictionaries: a company's name by the word it ends in",
    article: "Not in our glossary: as this article defines it"
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
    close.addEventListener("click", function () { ZR.closePopup(true); });
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
      // An abbreviation the article defines shows the Chinese it gives; a compound or a word no dictionary has, its parts.
      var parts = el("p", "zh-pop-parts", (row[5] === "article" ? "The article’s Chinese for it:" : SOURCE_NOTE[row[5]] || SOURCE_NOTE.composed) + " ");
      var links = (target.getAttribute("data-g") || "").split(" ");
      row[6].forEach(function (part, i) {
        if (i) parts.appendChild(document.createTextNode(" + "));
        // A part that is a glossary term links to its entry (a compound's 大模型), as the page gives it.
        var link = part[3] ? links.filter(function (l) { return l.slice(l.lastIndexOf("#") + 1) === part[3]; })[0] : null;
        var name = el(link ? "a" : "span", null, part[0], "zh");
        if (link) name.href = link;
        parts.appendChild(name);
        if (part[1] || part[2]) parts.appendChild(document.createTextNode(" " + part[1] + " ‘" + part[2] + "’"));
      });
      box.appendChild(parts);
    }
    var meta = el("p", "zh-pop-meta");
    meta.appendChild(el("span", "zh-pop-hsk", row[3] ? "HSK " + row[3] : "Beyond HSK 3.0"));
    if (row[5] !== "composed" && row[5] !== "compound" && row[5] !== "family") meta.appendChild(document.createTextNode(" · " + (SOURCE_NOTE[row[5]] || "")));
    box.appendChild(meta);
    if (row[4] && target.getAttribute("href")) {
      var link = el("a", "zh-pop-link", "Glossary entry: " + row[0]);
      link.href = target.getAttribute("href");
      box.appendChild(link);
    }
    ZR.emit("popup", box, row, target);   // other parts add their buttons (speech.js, words.js)
  }

  /* The popup's row of action buttons (Play, Save, Known …), right under its head. */
  ZR.popupActions = function (box) {
    var bar = box.querySelector(".zh-pop-actions");
    if (!bar) {
      bar = el("div", "zh-pop-actions");
      box.querySelector(".zh-pop-head").insertAdjacentElement("afterend", bar);
    }
    return bar;
  };

  var PHONE = window.matchMedia("(max-width: 44.9375em)");

  /* The lines the popup must not cover: the word's sentence, or (a sentence taller than
   * `most` px) the word's line and the one above it. */
  function keepClear(target, most) {
    var word = target.getBoundingClientRect();
    var sentence = target.closest(".s");
    var rect = sentence ? sentence.getBoundingClientRect() : word;
    if (rect.height > most) return { top: word.top - word.height, bottom: word.bottom };
    return { top: Math.min(rect.top, word.top), bottom: Math.max(rect.bottom, word.bottom) };
  }

  /* Phones: a bottom sheet (reader.css), the page scrolled so the word's sentence sits above it. */
  function placeSheet(target) {
    var box = popup;
    box.classList.add("is-sheet");
    box.style.left = box.style.top = box.style.maxHeight = "";
    var vh = window.innerHeight;
    var sheet = box.offsetHeight;
    document.body.style.paddingBottom = sheet + "px";          // room to scroll the last lines up
    var header = document.querySelector(".md-header");
    var top = (header ? header.getBoundingClientRect().bottom : 0) + 8;
    var bottom = vh - sheet - 8;
    var clear = keepClear(target, bottom - top);
    var by = 0;
    if (clear.bottom > bottom) by = clear.bottom - bottom;
    if (clear.top - by < top) by = clear.top - top;
    if (by) window.scrollBy(0, by);
  }

  function place(target) {
    var box = popup;
    if (PHONE.matches) { placeSheet(target); return; }
    box.classList.remove("is-sheet");
    document.body.style.paddingBottom = "";
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
    var clear = keepClear(target, vh * 0.4);                // below or above the sentence, not on it
    var top;
    if (clear.bottom + 6 + height <= vh - margin) top = clear.bottom + 6;
    else if (clear.top - height - 6 >= margin) top = clear.top - height - 6;
    else {
      // Too tall for either side of the sentence: on the roomier side, shortened to fit (it scrolls),
      // so the sentence stays in view; on the word's line only if even that leaves no room.
      var below = vh - margin - (clear.bottom + 6), above = clear.top - 6 - margin;
      if (Math.max(below, above) >= 120) {
        box.style.maxHeight = Math.max(below, above) + "px";
        top = below >= above ? clear.bottom + 6 : clear.top - 6 - box.offsetHeight;
      } else if (rect.bottom + 6 + height <= vh - margin) top = rect.bottom + 6;
      else if (rect.top - height - 6 >= margin) top = rect.top - height - 6;
      else top = Math.max(margin, vh - height - margin);   // no room either side: keep it on screen
    }
    box.style.left = left + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  ZR.openPopup = function (target, byHover) {
    ZR.setupParagraph(target.closest(".zh"));
    if (!ZR.vocab) {                                    // still loading: open it when it arrives
      pending = { target: target, byHover: byHover };
      ZR.withVocab(function () {
        if (pending && pending.target === target) { pending = null; ZR.openPopup(target, byHover); }
      });
      return;
    }
    pending = null;
    var row = ZR.vocab[parseInt(target.getAttribute("data-k"), 10)];
    if (!row) return;
    clearTimeout(leaveTimer);
    if (ZR.opener) ZR.opener.classList.remove("is-open");
    ZR.opener = target;
    pinned = !byHover;
    target.classList.add("is-open");
    fill(row, target);
    popup.hidden = false;
    place(target);
    if (!byHover) {
      ZR.setRover(target, false);            // the keyboard goes on from the word last opened
      announce(row);
    }
  };

  /* Screen readers hear the word, its reading and senses when a popup opens or changes (focus
   * stays on the word, so arrow keys go on reading; Tab enters the popup). */
  function announce(row) {
    var live = document.getElementById("zh-pop-live");
    if (!live) {
      live = el("div", "zh-sr-only");
      live.id = "zh-pop-live";
      live.setAttribute("role", "status");
      document.body.appendChild(live);
    }
    live.textContent = [row[0], row[1], (row[2] || []).slice(0, 3).join("; "),
                        row[3] ? "HSK " + row[3] : ""].filter(Boolean).join(", ");
  }

  ZR.popupIsOpen = function () { return !!(popup && !popup.hidden && pinned); };
  ZR.popupElement = function () { return popup; };

  ZR.closePopup = function (returnFocus) {
    clearTimeout(hoverTimer);
    clearTimeout(leaveTimer);
    pending = null;
    if (!popup || popup.hidden) return;
    popup.hidden = true;
    document.body.style.paddingBottom = "";
    var opener = ZR.opener;
    if (opener) {
      opener.classList.remove("is-open");
      if (returnFocus) opener.focus({ preventScroll: true });
      ZR.emit("popupclose", opener);
    }
    ZR.opener = null;
    pinned = false;
  };

  function scheduleClose() {
    clearTimeout(leaveTimer);
    leaveTimer = setTimeout(function () { if (!pinned) ZR.closePopup(false); }, HOVER_DELAY);
  }

  function onPointerOver(event) {
    if (event.pointerType !== "mouse") return;        // touch and pen: tap opens (click)
    var word = ZR.wordAt(event.target);
    if (!word || word === ZR.opener) return;
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(function () {
      if (!pinned || popup.hidden) ZR.openPopup(word, true);
    }, HOVER_DELAY);
  }

  function onPointerOut(event) {
    if (event.pointerType !== "mouse") return;
    var word = ZR.wordAt(event.target);
    if (!word || word.contains(event.relatedTarget)) return;
    clearTimeout(hoverTimer);
    if (pending && pending.byHover && pending.target === word) pending = null;
    if (word === ZR.opener && !pinned && !(popup && popup.contains(event.relatedTarget))) scheduleClose();
  }

  function onClick(event) {
    var target = ZR.wordAt(event.target);
    if (target) {
      event.preventDefault();
      clearTimeout(hoverTimer);
      if (ZR.opener === target && popup && !popup.hidden && pinned) ZR.closePopup(false);
      else ZR.openPopup(target, false);
      return;
    }
    if (popup && !popup.hidden && !popup.contains(event.target)) ZR.closePopup(false);
  }

  ZR.on("start", function () { pending = null; ZR.closePopup(false); watchText(); });

  /* The text can change height under an open popup (a paragraph coming into view is laid out, the
     English shown, the size changed): place it again, so it never covers its sentence. */
  var resized = window.ResizeObserver ? new ResizeObserver(function () {
    if (ZR.opener && popup && !popup.hidden && !PHONE.matches) place(ZR.opener);
  }) : null;
  function watchText() {
    if (!resized) return;
    resized.disconnect();
    var reader = document.querySelector(".reader");
    if (reader) resized.observe(reader);
  }
  document.addEventListener("click", onClick);
  document.addEventListener("pointerover", onPointerOver);
  document.addEventListener("pointerout", onPointerOut);
})();
