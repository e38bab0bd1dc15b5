/* The reader, part 4: the keyboard.  Each paragraph is one tab stop (roving tabindex, set by
 * ZR.setupParagraph); arrow keys, Home and End move between its words; Enter or Space opens
 * the popup; Escape closes it. */
(function () {
  "use strict";

  var ZR = window.zhReader;

  function onFocusIn(event) {
    var word = ZR.wordAt(event.target);
    if (word) ZR.setupParagraph(word.closest(".zh"), word);
  }

  function onKey(event) {
    if (event.key === "Escape") { ZR.closePopup(true); return; }
    var target = ZR.wordAt(event.target);
    if (!target) return;
    var para = target.closest(".zh");
    ZR.setupParagraph(para, target);
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      ZR.openPopup(target, false);
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

  document.addEventListener("keydown", onKey);
  document.addEventListener("focusin", onFocusIn);
})();
