/* The reader, part 2: the display-settings bar ([data-zh-controls]) and applying settings.
 *
 * Settings live as data-zh-* attributes on <html> (CSS does the rest); pinyin <ruby> is built
 * here, in the browser, so the search index (built from the HTML) never contains it.
 */
(function () {
  "use strict";

  var ZR = window.zhReader;
  var el = ZR.el;
  // The pinyin choices as the bar offers them (words.js adds "unknown words"; see ZR.CHOICES).
  ZR.PINYIN_LABELS = [["all", "all words"], ["terms", "glossary terms"], ["off", "off"]];

  /* Writes only what changed: each change on <html> restyles the whole page, and the
   * early script (zh-settings.html) has usually set all of it before the first paint. */
  ZR.applySettings = function (settings) {
    var root = document.documentElement;
    var attrs = {
      "data-zh-pinyin": settings.pinyin,
      "data-zh-boundaries": settings.boundaries ? "on" : "off",
      "data-zh-terms": settings.terms ? "on" : "off",
      "data-zh-english": settings.english ? "on" : "off",
      "data-zh-layout": settings.layout
    };
    Object.keys(attrs).forEach(function (name) {
      if (root.getAttribute(name) !== attrs[name]) root.setAttribute(name, attrs[name]);
    });
    var scale = String(1 + settings.size * 0.125);
    if (root.style.getPropertyValue("--zh-scale") !== scale) root.style.setProperty("--zh-scale", scale);
    if (settings.pinyin !== "off") ZR.withVocab(addRuby);
    syncControls(settings);
    ZR.emit("settings", settings);
  };

  ZR.change = function (name, value) {
    var settings = ZR.loadSettings();
    settings[name] = value;
    settings.size = Math.min(ZR.SIZES[1], Math.max(ZR.SIZES[0], settings.size));
    ZR.saveSettings(settings);
    ZR.applySettings(settings);
  };

  function toggleButton(name, label) {
    var button = el("button", "md-button zh-toggle", label);
    button.type = "button";
    button.setAttribute("data-setting", name);
    button.addEventListener("click", function () {
      ZR.change(name, button.getAttribute("aria-pressed") !== "true");
    });
    return button;
  }

  /* A labelled <select> for a setting with named values. */
  function choice(name, text, options) {
    var label = el("label", "zh-choice-label zh-" + name + "-label", text);
    var select = el("select", "zh-choice zh-" + name);
    select.setAttribute("data-setting", name);
    options.forEach(function (pair) {
      var option = el("option", null, pair[1]);
      option.value = pair[0];
      select.appendChild(option);
    });
    select.addEventListener("change", function () { ZR.change(name, select.value); });
    label.appendChild(select);
    return label;
  }

  /* Phones: the bar is a bottom sheet behind a round "Aa" button (reader.css shows the button and
   * hides the sheet below 45em); wider screens: the bar itself, sticky under the header. */
  function setSheet(box, open) {
    box.classList.toggle("is-open", open);
    var toggle = box.querySelector(".zh-controls-toggle");
    if (toggle) toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function buildControls(box, index) {
    box.textContent = "";
    var toggle = el("button", "zh-controls-toggle", "Aa");
    toggle.type = "button";
    toggle.setAttribute("aria-label", "Aa: display settings");
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", "zh-controls-" + index);
    toggle.addEventListener("click", function () { setSheet(box, !box.classList.contains("is-open")); });
    box.appendChild(toggle);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && box.classList.contains("is-open")) {
        event.stopPropagation();
        setSheet(box, false);
        toggle.focus();
      }
    });
    var group = el("div", "zh-controls");
    group.id = "zh-controls-" + index;
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Display settings");

    var label = el("label", "zh-pinyin-label", "Pinyin ");
    var select = el("select", "zh-pinyin");
    select.setAttribute("data-setting", "pinyin");
    ZR.PINYIN_LABELS.forEach(function (pair) {
      var option = el("option", null, pair[1]);
      option.value = pair[0];
      select.appendChild(option);
    });
    select.addEventListener("change", function () { ZR.change("pinyin", select.value); });
    label.appendChild(select);
    group.appendChild(label);
    group.appendChild(choice("layout", "English ", [["paragraph", "under each paragraph"], ["sentence", "under each sentence"],
                                                    ["reveal", "tap to reveal"], ["side", "side by side"]]));

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
      button.addEventListener("click", function () { ZR.change("size", ZR.loadSettings().size + spec[2]); });
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
      button.disabled = settings.size + step < ZR.SIZES[0] || settings.size + step > ZR.SIZES[1];
    });
  }

  /* Pinyin above each word: <span class="w"><ruby>词<rt>cí</rt></ruby></span>.
   * Built once per page (CSS shows all, terms only or none).  The <rt> is
   * aria-hidden so screen readers read the word once, not word + pinyin. */
  function addRuby() {
    var vocab = ZR.vocab;
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

  /* A tap outside the open sheet closes it. */
  document.addEventListener("click", function (event) {
    document.querySelectorAll("[data-zh-controls].is-open").forEach(function (box) {
      if (!box.contains(event.target)) setSheet(box, false);
    });
  });

  /* A link to a paragraph or sentence, and the arrow keys, scroll their target clear of the
   * sticky bar (reader.css reads its height as --zh-bar; 0 where the bar does not stick). */
  function measureBar() {
    var box = document.querySelector("[data-zh-controls]");
    var sticky = box && getComputedStyle(box).position === "sticky";
    var height = (sticky ? box.offsetHeight : 0) + "px";
    // On the reader only, and only when it changed: a custom property set on <html> restyles the
    // whole page (on a phone that was one of the page's longest tasks).
    document.querySelectorAll(".reader").forEach(function (reader) {
      if (reader.style.getPropertyValue("--zh-bar") !== height) reader.style.setProperty("--zh-bar", height);
    });
  }
  var observer = window.ResizeObserver ? new ResizeObserver(measureBar) : null;
  window.addEventListener("resize", measureBar);
  // A printed article carries its details (speaker, date, source), folded on screen.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".article-head details.about").forEach(function (d) { d.open = true; });
  });

  ZR.on("start", function () {
    document.querySelectorAll("[data-zh-controls]").forEach(buildControls);
    var box = document.querySelector("[data-zh-controls]");
    // The observer measures the bar once laid out (and on every resize), when a read costs nothing.
    if (observer) { observer.disconnect(); if (box) observer.observe(box); }
    if (!observer || !box) measureBar();
    ZR.applySettings(ZR.loadSettings());
  });
  window.addEventListener("storage", function (event) {
    if (event.key === ZR.KEY) ZR.applySettings(ZR.loadSettings());
  });
})();
