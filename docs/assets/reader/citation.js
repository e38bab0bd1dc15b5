/* The reader, part 5: citations.  Each paragraph gets a "Copy citation" button (added when the
 * paragraph is set up); quotes carry their own (.copy-cite[data-cite]).  ZR.copyText(text) and
 * ZR.announce(button, message) are for any other part that copies. */
(function () {
  "use strict";

  var ZR = window.zhReader;
  var el = ZR.el;

  /* The visible text of a node without pinyin, note numbers, permalinks and buttons. */
  ZR.textOf = function (node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll("rt, .nref, .pl, .zh-cite, .zh-copied, .zh-reveal").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  };

  function paragraphCitation(pair) {
    var en = pair.querySelector(".en:not(.pending)");
    return ZR.citation(ZR.textOf(pair.querySelector(".zh")), en ? ZR.textOf(en) : "", pair.id);
  }

  /* A citation of Chinese text (and its English, if any) at #anchor of this article. */
  ZR.citation = function (zh, en, anchor) {
    var head = document.querySelector(".article-head");
    var data = head ? head.dataset : {};
    var url = location.href.split("#")[0] + "#" + anchor;
    var who = [data.speaker, data.date].filter(Boolean).join(", ");
    return [
      "「" + zh + "」",
      en ? "“" + en + "”" : "",
      "— " + [(data.title || document.title) + (data.titleEn ? " (" + data.titleEn + ")" : ""), who].filter(Boolean).join(", ") + ".",
      data.source ? "Source: " + data.source + "." : "",
      url
    ].filter(Boolean).join("\n");
  };

  ZR.copyText = function (text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return legacyCopy(text);
  };

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

  ZR.announce = function (button, message) {
    var status = button.parentNode.querySelector(".zh-copied");
    if (!status) {
      status = el("span", "zh-copied");
      status.setAttribute("role", "status");
      button.insertAdjacentElement("afterend", status);
    }
    status.textContent = message;
    clearTimeout(status._timer);
    status._timer = setTimeout(function () { status.textContent = ""; }, 2500);
  };

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
    ZR.copyText(text).then(function () { ZR.announce(button, "Copied"); },
                           function () { ZR.announce(button, "Copy failed: select the text and copy it"); });
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

  /* Copying from the text gives only the text: no pinyin, note numbers, permalinks or button
   * labels (reader.css also makes them unselectable; this covers every browser's copy). */
  var NOT_TEXT = "rt, .nref, .pl, button, .zh-copied, [aria-hidden='true']";
  function onCopy(event) {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !event.clipboardData) return;
    var range = selection.getRangeAt(0);
    var start = range.commonAncestorContainer;
    var node = start.nodeType === 1 ? start : start.parentNode;
    if (!node.closest(".reader") && !node.querySelector(".reader")) return;
    var box = document.createElement("div");
    for (var i = 0; i < selection.rangeCount; i++) box.appendChild(selection.getRangeAt(i).cloneContents());
    box.querySelectorAll(NOT_TEXT).forEach(function (n) { n.remove(); });
    box.querySelectorAll("p, .pair, figure").forEach(function (n) { n.appendChild(document.createTextNode("\n")); });
    event.clipboardData.setData("text/plain", box.textContent.replace(/[ \t]*\n[ \t\n]*/g, "\n").trim());
    event.preventDefault();
  }

  ZR.on("paragraph", function (para) {
    var pair = para.closest(".reader .pair");
    if (pair) addCiteButton(pair);
  });
  document.addEventListener("click", onCopyClick);
  document.addEventListener("copy", onCopy);
})();
