/* The reader, part 6: sentences.  The build wraps each Chinese sentence in
 * <span class="s" id="p14-s3"> and, where en.yaml gives the paragraph sentence by sentence, each
 * English sentence in <span class="es" data-s="p14-s3"> (otherwise the whole English paragraph
 * is one <span class="es"> without data-s).  Here:
 *   - pointing at (mouse), focusing or opening a word of a sentence highlights the sentence and its
 *     English; pointing at or tapping an English sentence highlights its Chinese;
 *   - the "tap to reveal" layout: a "Show English" button before each English unit;
 *   - the popup's sentence line: a permalink to the sentence and "Copy citation" for it.
 * The layouts themselves (under each sentence, side by side) are CSS on data-zh-layout.
 */
(function () {
  "use strict";

  var ZR = window.zhReader;
  var el = ZR.el;
  var lit = [];                        // the highlighted pair of elements

  function englishOf(sentence) {
    return sentence && sentence.id ? document.querySelector('.reader .es[data-s="' + sentence.id + '"]') : null;
  }

  function highlight(sentence) {
    lit.forEach(function (node) { node.classList.remove("is-hl"); });
    lit = [];
    if (!sentence) return;
    lit = [sentence, englishOf(sentence)].filter(Boolean);
    lit.forEach(function (node) { node.classList.add("is-hl"); });
  }

  function sentenceAt(node) {
    if (!node || !node.closest) return null;
    var es = node.closest(".reader .es[data-s]");
    if (es) return document.getElementById(es.getAttribute("data-s"));
    return node.closest(".reader .s[id]");
  }

  /* After the focus moves (the arrow keys, a click), the page may scroll (and paragraphs coming into
     view take their real height) under a mouse that stays still: the sentence under it changes
     although the reader did not point at it. Until the mouse really moves, the focused sentence
     keeps the light. */
  var keyboardLed = false;

  function onPointerMove(event) {
    if (event.pointerType !== "mouse" || !keyboardLed) return;
    keyboardLed = false;
    onPointerOver(event);
  }

  function onPointerOver(event) {
    if (event.pointerType !== "mouse" || keyboardLed) return;
    var sentence = sentenceAt(event.target);
    if (sentence && lit[0] !== sentence) highlight(sentence);
  }

  function onPointerOut(event) {
    if (event.pointerType !== "mouse" || keyboardLed || !lit.length) return;
    if (sentenceAt(event.relatedTarget) === lit[0]) return;
    if (ZR.opener && sentenceAt(ZR.opener) === lit[0]) return;    // its popup is open: keep it lit
    highlight(ZR.opener ? sentenceAt(ZR.opener) : null);
  }

  function onFocusIn(event) {
    var sentence = sentenceAt(event.target);
    if (sentence) { highlight(sentence); keyboardLed = true; }
  }

  function onClick(event) {
    var es = event.target.closest && event.target.closest(".reader .es[data-s]");
    if (es && !event.target.closest("a, button")) highlight(sentenceAt(es));   // a tap on the English
  }

  // -- tap to reveal -------------------------------------------------------------

  /* A paragraph's "Show English" buttons, made with its other controls (ZR.setupParagraph: the
   * first paragraphs at once, the rest in idle time); all at once when the layout is "reveal". */
  function addRevealButtons(para) {
    var pair = para && para.closest(".reader .pair");
    if (!pair) return;
    var index = Array.prototype.indexOf.call(document.querySelectorAll(".reader .pair"), pair);
    pair.querySelectorAll(".en .es").forEach(function (es, i) {
      if (es.previousElementSibling && es.previousElementSibling.classList.contains("zh-reveal")) return;
      var button = el("button", "zh-reveal", "Show English");
      button.type = "button";
      var which = es.hasAttribute("data-s") ? "sentence " + (i + 1) + " of paragraph " + (index + 1) : "paragraph " + (index + 1);
      button.setAttribute("aria-label", "Show English, " + which);
      var order = es.style.getPropertyValue("--i");
      if (order) button.style.setProperty("--i", order);
      button.addEventListener("click", function () {
        es.classList.add("is-shown");
        button.hidden = true;
        es.tabIndex = -1;
        es.focus({ preventScroll: true });
        var sentence = sentenceAt(es);
        if (sentence) highlight(sentence);
      });
      es.parentNode.insertBefore(button, es);
    });
  }

  // -- the popup's sentence line ----------------------------------------------------

  function sentenceLine(box, row, word) {
    var sentence = word.closest && word.closest(".reader .s[id]");
    if (!sentence) return;
    highlight(sentence);
    var pair = sentence.closest(".pair");
    var number = Array.prototype.indexOf.call(sentence.parentNode.querySelectorAll(".s[id]"), sentence) + 1;
    var line = el("p", "zh-pop-sent");
    var link = el("a", "zh-pop-sent-link", "Sentence " + number + " of ¶" + pair.id.slice(1));
    link.href = "#" + sentence.id;
    line.appendChild(link);
    line.appendChild(document.createTextNode(" "));
    var copy = el("button", "zh-pop-sent-cite", "Copy citation");
    copy.type = "button";
    copy.setAttribute("aria-label", "Copy citation of sentence " + number);
    copy.addEventListener("click", function () {
      var en = englishOf(sentence);
      ZR.copyText(ZR.citation(ZR.textOf(sentence), en ? ZR.textOf(en) : "", sentence.id)).then(
        function () { ZR.announce(copy, "Copied"); },
        function () { ZR.announce(copy, "Copy failed: select the text and copy it"); });
    });
    line.appendChild(copy);
    box.appendChild(line);
  }

  ZR.on("start", function () { lit = []; });
  ZR.on("paragraph", addRevealButtons);
  ZR.on("settings", function (settings) {
    if (settings.layout === "reveal") document.querySelectorAll(".reader .zh").forEach(ZR.setupParagraph);
  });
  ZR.on("popup", sentenceLine);
  ZR.on("popupclose", function () { highlight(null); });
  document.addEventListener("pointerover", onPointerOver);
  document.addEventListener("pointerout", onPointerOut);
  document.addEventListener("pointermove", onPointerMove, { passive: true });
  document.addEventListener("focusin", onFocusIn);
  document.addEventListener("click", onClick);
})();
