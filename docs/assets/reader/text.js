/* The reader: the text of a Chinese paragraph as a reader sees it, cut into sentences
 * (read aloud by speech.js, saved with a word by words.js).
 *
 *   ZR.sentences(para)  [{text, range}] for a .zh paragraph, in order: pinyin (<rt>), note
 *                       numbers, permalinks and buttons are not part of the text.
 *   ZR.sentenceOf(word) the sentence holding a word element ({text, range, index, id}), or null.
 *
 * An article's paragraphs come cut into sentences by the build (<span class="s" id="p4-s2">);
 * elsewhere (quotes) a sentence ends at 。！？!?；; with any closing quotes or brackets after it.
 */
(function () {
  "use strict";

  var ZR = window.zhReader;
  var SENTENCE_END = "。！？!?；;";
  var CLOSING = "”’」』）)》】";
  var SKIP = "rt, .nref, .pl, button, .zh-copied, [aria-hidden='true']";

  /* The paragraph's text nodes as [{node, start}] and the whole text. */
  function textNodes(para) {
    var walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        return parent && parent.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [], text = "", node;
    while ((node = walker.nextNode())) {
      nodes.push({ node: node, start: text.length });
      text += node.data;
    }
    return { nodes: nodes, text: text };
  }

  /* The DOM position of character offset `at` (the node holding it, or the end of the last). */
  function position(nodes, at, isEnd) {
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i], end = n.start + n.node.data.length;
      if (at < end || (isEnd && at === end)) return { node: n.node, offset: at - n.start };
    }
    var last = nodes[nodes.length - 1];
    return { node: last.node, offset: last.node.data.length };
  }

  /* The build's own sentences (scripts/zhreader/sentences.py: <span class="s" id="pN-sM">) when
   * the paragraph has them, so reading aloud and saving cut where the English is aligned. */
  function builtSentences(para) {
    var spans = para.querySelectorAll(":scope > .s");
    if (!spans.length) return null;
    var out = [];
    Array.prototype.forEach.call(spans, function (span) {
      var text = textNodes(span).text.trim();
      if (!text) return;
      var range = document.createRange();
      range.selectNodeContents(span);
      out.push({ text: text, range: range, id: span.id });
    });
    return out;
  }

  ZR.sentences = function (para) {
    var built = builtSentences(para);
    if (built) return built;
    var flat = textNodes(para), text = flat.text, out = [];
    if (!flat.nodes.length) return out;
    var start = 0, i = 0;
    while (i < text.length) {
      if (SENTENCE_END.indexOf(text[i]) >= 0 || i === text.length - 1) {
        var end = i + 1;
        while (end < text.length && (CLOSING.indexOf(text[end]) >= 0 || SENTENCE_END.indexOf(text[end]) >= 0)) end++;
        var raw = text.slice(start, end), left = start + (raw.length - raw.replace(/^\s+/, "").length);
        var right = end - (raw.length - raw.replace(/\s+$/, "").length);
        if (right > left) {
          var range = document.createRange();
          var a = position(flat.nodes, left, false), b = position(flat.nodes, right, true);
          range.setStart(a.node, a.offset);
          range.setEnd(b.node, b.offset);
          out.push({ text: text.slice(left, right), range: range });
        }
        start = i = end;
        continue;
      }
      i++;
    }
    return out;
  };

  ZR.sentenceOf = function (word) {
    var para = word && word.closest(".zh");
    if (!para) return null;
    var list = ZR.sentences(para);
    for (var i = 0; i < list.length; i++) {
      if (list[i].range.intersectsNode(word)) return { text: list[i].text, range: list[i].range, index: i, id: list[i].id || "" };
    }
    return null;
  };
})();
