/* The reader: read aloud with the browser's speechSynthesis and a Mandarin voice.
 *
 * The popup plays its word or the word's sentence; each paragraph has a "Read aloud" button
 * that reads it sentence by sentence, the sentence being read highlighted (CSS Custom
 * Highlight "zh-reading", or a class on its words where the browser lacks it); the display
 * settings get a speed control (localStorage "zh-reader-speech").  Where the browser has no
 * Mandarin voice (zh-CN, then cmn, zh-TW, zh-SG, zh, zh-HK as the last resort) or no
 * speechSynthesis, none of this appears.  Voices often arrive after the page
 * (voiceschanged): the controls appear then.
 */
(function () {
  "use strict";

  var ZR = window.zhReader;
  var el = ZR.el;
  var KEY = "zh-reader-speech";
  var RATES = [["0.6", "0.6×"], ["0.8", "0.8×"], ["1", "1×"], ["1.2", "1.2×"]];
  var PREFERRED = [/^zh[-_](CN|Hans)/i, /^cmn/i, /^zh[-_](TW|Hant)/i, /^zh[-_]SG/i, /^zh$/i, /^zh[-_]HK/i];
  var HIGHLIGHT = "zh-reading";

  var synth = window.speechSynthesis;
  var voice = null;
  var session = 0;                      // one per reading; a newer one ends the older
  var queue = [];                       // the utterances being read (kept: Chrome drops unreferenced ones)
  var playing = null;                   // the paragraph button of the reading under way

  function pickVoice() {
    if (!synth || typeof synth.getVoices !== "function" || typeof window.SpeechSynthesisUtterance !== "function") return null;
    var voices = synth.getVoices() || [];
    for (var i = 0; i < PREFERRED.length; i++) {
      var found = voices.filter(function (v) { return PREFERRED[i].test(v.lang || ""); });
      if (found.length) return found.filter(function (v) { return v.localService; })[0] || found[0];
    }
    return null;
  }

  ZR.speech = { available: function () { return !!voice; } };

  function loadRate() {
    var saved = "1";
    try { saved = (JSON.parse(localStorage.getItem(KEY) || "{}") || {}).rate || "1"; } catch (e) { saved = "1"; }
    return RATES.some(function (r) { return r[0] === String(saved); }) ? String(saved) : "1";
  }

  function saveRate(rate) {
    try { localStorage.setItem(KEY, JSON.stringify({ rate: rate })); } catch (e) { /* private mode */ }
  }

  // -- highlighting ---------------------------------------------------------------------

  function highlight(sentence) {
    var api = window.CSS && CSS.highlights && typeof window.Highlight === "function";
    if (api) {
      if (sentence) CSS.highlights.set(HIGHLIGHT, new Highlight(sentence.range));
      else CSS.highlights.delete(HIGHLIGHT);
    }
    document.querySelectorAll(".w.zh-reading").forEach(function (w) { w.classList.remove("zh-reading"); });
    document.querySelectorAll(".zh[data-zh-reading]").forEach(function (p) { p.removeAttribute("data-zh-reading"); });
    if (!sentence) return;
    var para = sentence.range.commonAncestorContainer;
    para = (para.nodeType === 1 ? para : para.parentElement).closest(".zh");
    if (para) {
      para.setAttribute("data-zh-reading", String(sentence.index + 1));
      if (!api) {
        para.querySelectorAll(".w").forEach(function (w) {
          if (sentence.range.intersectsNode(w)) w.classList.add("zh-reading");
        });
      }
    }
  }

  // -- speaking --------------------------------------------------------------------------

  /* Read `parts` ([{text, range?, index}]) one after another; onEnd when done or stopped. */
  function speak(parts, onEnd) {
    stop();
    var mine = ++session;
    var rate = parseFloat(loadRate());
    var finished = false;
    function end() {
      if (finished || mine !== session) return;
      finished = true;
      highlight(null);
      queue = [];
      if (onEnd) onEnd();
    }
    queue = parts.map(function (part, i) {
      var u = new SpeechSynthesisUtterance(part.text);
      u.lang = (voice.lang || "zh-CN").replace("_", "-");
      u.voice = voice;
      u.rate = rate;
      u.onstart = function () { if (mine === session && part.range) highlight(part); };
      u.onend = function () { if (i === parts.length - 1) end(); };
      u.onerror = end;
      return u;
    });
    queue.forEach(function (u) { synth.speak(u); });
    return mine;
  }

  function stop() {
    session++;
    queue = [];
    if (voice) synth.cancel();
    highlight(null);
    if (playing) setPlaying(playing, false);
  }
  ZR.speech.stop = stop;

  function setPlaying(button, on) {
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.setAttribute("aria-label", (on ? "Stop reading paragraph " : "Read aloud paragraph ") + button.getAttribute("data-number"));
    playing = on ? button : null;
  }

  // -- controls ----------------------------------------------------------------------------

  function addParagraphButton(para) {
    if (!voice || para.querySelector(".zh-say")) return;
    var pair = para.closest(".pair");
    var list = pair && pair.parentNode ? pair.parentNode.querySelectorAll(":scope > .pair") : null;
    var number = list ? Array.prototype.indexOf.call(list, pair) + 1 : 1;
    var button = el("button", "zh-say");       // its label is CSS content: copying the text never takes it
    button.type = "button";
    button.setAttribute("data-number", String(number));
    setPlaying(button, false);
    var cite = para.querySelector(".zh-cite");
    if (cite) para.insertBefore(button, cite);
    else para.appendChild(button);
  }

  function readParagraph(button) {
    if (playing === button) { stop(); return; }
    var para = button.closest(".zh");
    var parts = ZR.sentences(para).map(function (s, i) { return { text: s.text, range: s.range, index: i }; });
    if (!parts.length) return;
    speak(parts, function () { setPlaying(button, false); });
    setPlaying(button, true);
  }

  function addRateControl() {
    if (!voice) return;
    document.querySelectorAll(".zh-controls").forEach(function (group) {
      if (group.querySelector(".zh-rate")) return;
      var label = el("label", "zh-rate-label", "Reading speed ");
      var select = el("select", "zh-rate");
      RATES.forEach(function (pair) {
        var option = el("option", null, pair[1]);
        option.value = pair[0];
        select.appendChild(option);
      });
      select.value = loadRate();
      select.addEventListener("change", function () { saveRate(select.value); });
      label.appendChild(select);
      group.appendChild(label);
    });
  }

  function onPopup(box, row, word) {
    if (!voice) return;
    var bar = ZR.popupActions(box);
    var playWord = el("button", "zh-pop-action zh-play-word", "▶ Word");
    playWord.type = "button";
    playWord.setAttribute("aria-label", "▶ Word: play " + row[0]);
    playWord.addEventListener("click", function () { speak([{ text: row[0] }]); });
    bar.appendChild(playWord);
    var sentence = word.closest(".zh") ? ZR.sentenceOf(word) : null;
    if (sentence) {
      var playSentence = el("button", "zh-pop-action zh-play-sentence", "▶ Sentence");
      playSentence.type = "button";
      playSentence.setAttribute("aria-label", "▶ Sentence: play the sentence of " + row[0]);
      playSentence.addEventListener("click", function () {
        var now = ZR.sentenceOf(word) || sentence;
        speak([{ text: now.text, range: now.range, index: now.index }]);
      });
      bar.appendChild(playSentence);
    }
  }

  function refresh() {
    var had = !!voice;
    voice = pickVoice();
    document.documentElement.setAttribute("data-zh-speech", voice ? "on" : "off");
    if (voice && !had) {
      addRateControl();
      document.querySelectorAll(".reader .zh[data-zh-ready]").forEach(addParagraphButton);
    }
    if (!voice && had) {
      stop();
      document.querySelectorAll(".zh-say, .zh-rate-label").forEach(function (n) { n.remove(); });
    }
  }

  ZR.on("start", function () { stop(); refresh(); addRateControl(); });
  ZR.on("paragraph", addParagraphButton);
  ZR.on("popup", onPopup);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".zh-say");
    if (button) readParagraph(button);
  });
  if (synth && typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", refresh);
  window.addEventListener("pagehide", function () { if (synth && synth.speaking) synth.cancel(); });
})();
