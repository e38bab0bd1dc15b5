/* The reader, part 4: the keyboard.  The text is one tab stop (ZR.rover, a roving tabindex):
 *   ← →        previous / next word, across paragraphs (Home, End: the paragraph's first, last);
 *   ↑ ↓        the first word of the previous / next sentence;
 *   Enter Space open the word's popup; focus stays on the word, so the arrows go on and the
 *              open popup follows them;
 *   Tab        from a word with its popup open: into the popup; past the popup's last control:
 *              back to the word, popup closed; focus anywhere else closes the popup;
 *   Escape     closes the popup and returns focus to its word.
 */
(function () {
  "use strict";

  var ZR = window.zhReader;

  function allWords() {
    return Array.prototype.slice.call(document.querySelectorAll(".reader .w[data-k]"));
  }

  function firstWordOf(unit) {
    return unit ? unit.querySelector(".w[data-k]") : null;
  }

  /* The sentences (or, without them, paragraphs) of the text, in order. */
  function units() {
    var sentences = document.querySelectorAll(".reader .zh .s");
    return Array.prototype.slice.call(sentences.length ? sentences : document.querySelectorAll(".reader .zh"));
  }

  function target(word, key) {
    if (key === "ArrowRight" || key === "ArrowLeft") {
      var words = allWords();
      return words[words.indexOf(word) + (key === "ArrowRight" ? 1 : -1)] || null;
    }
    if (key === "Home" || key === "End") {
      var inPara = word.closest(".zh").querySelectorAll(".w[data-k]");
      return inPara[key === "Home" ? 0 : inPara.length - 1];
    }
    var list = units();
    var here = word.closest(".s") || word.closest(".zh");
    var i = list.indexOf(here);
    if (key === "ArrowDown") return firstWordOf(list[i + 1]);
    // ↑: the start of this sentence, or of the one before when already there
    if (firstWordOf(here) !== word) return firstWordOf(here);
    return firstWordOf(list[i - 1]);
  }

  var MOVES = ["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown", "Home", "End"];

  function move(from, key, event) {
    var next = target(from, key);
    if (event) event.preventDefault();          // at either end: stay (and do not scroll the page)
    if (!next) return;
    var open = ZR.popupIsOpen();
    ZR.setRover(next);
    next.scrollIntoView({ block: "nearest" });
    if (open) ZR.openPopup(next, false);
  }

  function focusables(box) {
    return Array.prototype.slice.call(box.querySelectorAll("a[href], button:not([disabled]), select, [tabindex='0']"))
      .filter(function (n) { return n.offsetParent !== null || n === document.activeElement; });
  }

  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var popup = ZR.popupElement && ZR.popupElement();
    var inPopup = popup && !popup.hidden && popup.contains(event.target);
    if (event.key === "Escape") { ZR.closePopup(true); return; }
    if (inPopup) {
      var tag = event.target.tagName;
      if (MOVES.indexOf(event.key) >= 0 && tag !== "SELECT" && tag !== "INPUT" && ZR.opener) {
        move(ZR.opener, event.key, event);
      } else if (event.key === "Tab") {
        var list = focusables(popup);
        var first = list[0], last = list[list.length - 1];
        if (event.shiftKey && event.target === first) { event.preventDefault(); ZR.opener.focus(); }
        else if (!event.shiftKey && event.target === last) { event.preventDefault(); ZR.closePopup(true); }
      }
      return;
    }
    var word = ZR.wordAt(event.target);
    if (!word) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      ZR.openPopup(word, false);
    } else if (MOVES.indexOf(event.key) >= 0) {
      if (!event.shiftKey) move(word, event.key, event);
    } else if (event.key === "Tab" && !event.shiftKey && ZR.popupIsOpen() && ZR.opener === word) {
      var inside = focusables(popup);
      if (inside.length) { event.preventDefault(); inside[0].focus(); }
    }
  }

  function onFocusIn(event) {
    var word = ZR.wordAt(event.target);
    if (word) { ZR.setRover(word, false); }
    // Focus that leaves the word and its popup closes the popup: it is never left behind.
    var popup = ZR.popupElement && ZR.popupElement();
    if (popup && !popup.hidden && !popup.contains(event.target) && event.target !== ZR.opener) ZR.closePopup(false);
  }

  document.addEventListener("keydown", onKey);
  document.addEventListener("focusin", onFocusIn);
})();
