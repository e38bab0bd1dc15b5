/* Word popup for annotated pages.
 *
 * Each word is an element with data-k, an index into the page's vocabulary
 * (<script id="zh-vocab">, one row per distinct word).  Started from
 * Material's document$ so it survives instant navigation.  All text is
 * inserted with textContent: nothing from the data is parsed as HTML.
 */
(function () {
  "use strict";

  var popup = null;
  var opener = null;
  var vocab = [];

  function el(tag, cls, text, lang) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    if (lang) node.lang = lang;
    return node;
  }

  function ensurePopup() {
    if (popup && document.body.contains(popup)) return popup;
    popup = el("div", "zh-pop");
    popup.id = "zh-pop";
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-modal", "false");
    popup.setAttribute("aria-labelledby", "zh-pop-word");
    popup.hidden = true;
    popup.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); closePopup(true); }
    });
    document.body.appendChild(popup);
    return popup;
  }

  function fill(row, target) {
    var box = ensurePopup();
    box.textContent = "";
    var head = el("div", "zh-pop-head");
    var word = el("span", "zh-pop-word", row[0], "zh");
    word.id = "zh-pop-word";
    head.appendChild(word);
    head.appendChild(el("span", "zh-pop-py", row[1]));
    var close = el("button", "zh-pop-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { closePopup(true); });
    head.appendChild(close);
    box.appendChild(head);

    var senses = el("ol", "zh-pop-senses");
    senses.lang = "en";
    row[2].forEach(function (sense) { senses.appendChild(el("li", null, sense)); });
    box.appendChild(senses);

    if (row[7]) box.appendChild(el("p", "zh-pop-def", row[7], "en"));
    if (row[6] && row[6].length) {
      var parts = el("p", "zh-pop-parts", "Not in the dictionary; composed from: ");
      row[6].forEach(function (part, i) {
        if (i) parts.appendChild(document.createTextNode(" + "));
        parts.appendChild(el("span", null, part[0], "zh"));
        parts.appendChild(document.createTextNode(" " + part[1] + " ‘" + part[2] + "’"));
      });
      box.appendChild(parts);
    }
    var meta = el("p", "zh-pop-meta");
    meta.appendChild(document.createTextNode(row[3] ? "HSK " + row[3] : "Not in HSK 3.0"));
    box.appendChild(meta);
    if (row[4] && target.getAttribute("href")) {
      var link = el("a", "zh-pop-link", "Glossary entry →");
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
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var vw = document.documentElement.clientWidth;
    var vh = window.innerHeight;
    var left = Math.min(Math.max(margin, rect.left), vw - width - margin);
    var top = rect.bottom + 6;
    if (top + height > vh - margin && rect.top - height - 6 > margin) top = rect.top - height - 6;
    box.style.left = Math.max(margin, left) + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function openPopup(target) {
    var k = parseInt(target.getAttribute("data-k"), 10);
    var row = vocab[k];
    if (!row) return;
    if (opener) opener.classList.remove("is-open");
    opener = target;
    target.classList.add("is-open");
    fill(row, target);
    popup.hidden = false;
    place(target);
    popup.querySelector(".zh-pop-close").focus({ preventScroll: true });
  }

  function closePopup(returnFocus) {
    if (!popup || popup.hidden) return;
    popup.hidden = true;
    if (opener) {
      opener.classList.remove("is-open");
      if (returnFocus) opener.focus();
    }
    opener = null;
  }

  function setupParagraph(para) {
    var words = para.querySelectorAll(".w");
    words.forEach(function (word, i) {
      word.tabIndex = i === 0 ? 0 : -1;
      if (word.tagName === "SPAN") word.setAttribute("role", "button");
    });
  }

  function onKey(event) {
    var target = event.target.closest && event.target.closest(".w");
    if (!target) return;
    var para = target.closest(".zh");
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openPopup(target);
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
    var target = event.target.closest && event.target.closest(".w[data-k]");
    if (target) {
      event.preventDefault();
      if (opener === target && !popup.hidden) closePopup(false);
      else openPopup(target);
      return;
    }
    if (popup && !popup.hidden && !popup.contains(event.target)) closePopup(false);
  }

  function start() {
    var data = document.getElementById("zh-vocab");
    vocab = data ? JSON.parse(data.textContent) : [];
    closePopup(false);
    document.querySelectorAll(".reader .zh").forEach(setupParagraph);
  }

  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closePopup(true);
  });
  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
