"""Learner tools in Chromium: read aloud (a stubbed Mandarin voice: headless Chromium has none),
saved and known words with the "My words" page and its downloads, reading position and
"Continue reading" — on a phone and a desktop, with axe-core on the new UI.  The same tools
from file:// (the offline zip) are in tests/test_offline.py."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

pytestmark = pytest.mark.browser
ARTICLE = "articles/zhou-hongyi-sora/"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SENTENCE_OF_HANGYE = "周鸿祎认为,AI不一定那么快颠覆所有行业,但它能激发更多人的创作力。"

# speechSynthesis as a browser with voices has it: the voices arrive after the page (voiceschanged),
# every speak() is recorded, and the test plays the queue (__next starts one, __end ends it).
SPEECH_STUB = """((langs) => {
  const voices = langs.map((lang, i) => ({name: 'Voice ' + lang, lang, localService: true, default: i === 0, voiceURI: lang}));
  const synth = new EventTarget();
  let ready = false;
  window.__spoken = [];
  window.__queue = [];
  synth.getVoices = () => ready ? voices.slice() : [];
  synth.speak = (u) => { window.__spoken.push({text: u.text, lang: u.lang, rate: u.rate, voice: u.voice && u.voice.name}); window.__queue.push(u); };
  synth.cancel = () => { window.__queue = []; window.__cancelled = (window.__cancelled || 0) + 1; };
  synth.speaking = false; synth.pending = false;
  window.__next = () => { const u = window.__queue.shift(); window.__current = u; if (u && u.onstart) u.onstart(); return !!u; };
  window.__end = () => { const u = window.__current; if (u && u.onend) u.onend(); };
  class Utterance { constructor(text) { this.text = text; this.lang = ''; this.rate = 1; this.voice = null; } }
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  Object.defineProperty(window, 'SpeechSynthesisUtterance', {value: Utterance, configurable: true});
  setTimeout(() => { ready = true; synth.dispatchEvent(new Event('voiceschanged')); }, 50);
})(%s)"""


# The text under the "being read" highlight (CSS Custom Highlight API), without note numbers.
READING = """(() => {
  const h = CSS.highlights.get('zh-reading');
  if (!h) return null;
  const text = [...h][0].cloneContents();
  text.querySelectorAll('rt, .nref, button').forEach((n) => n.remove());
  return text.textContent;
})()"""


def speech_stub(*langs: str) -> str:
    return SPEECH_STUB % json.dumps(list(langs))


@pytest.fixture
def open_page(chromium):
    """A page in a new context (clean localStorage, no service worker); collects script errors."""
    contexts = []

    def make(device=DESKTOP, init_script=None, **options):
        context = chromium.new_context(**{**device, "service_workers": "block", "accept_downloads": True, **options})
        contexts.append(context)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


def open_popup(page, selector):
    page.locator(selector).first.click()
    popup = page.locator("#zh-pop")
    popup.wait_for(state="visible")
    return popup


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def show_settings(page):
    """On a phone the display settings are a sheet behind the "Aa" button."""
    toggle = page.locator(".zh-controls-toggle")
    if toggle.count() and toggle.first.is_visible() and toggle.first.get_attribute("aria-expanded") != "true":
        toggle.first.click()


def spoken(page):
    return page.evaluate("window.__spoken")


def test_read_aloud_word_sentence_and_paragraph_with_a_mandarin_voice(open_page, site_url):
    page = open_page(PHONE, speech_stub("en-US", "zh-HK", "zh-CN"), color_scheme="dark")
    page.goto(site_url + ARTICLE)
    page.locator(".zh-rate").wait_for(state="attached")          # there once the voices arrive
    show_settings(page)
    rate = page.get_by_label("Reading speed")
    assert page.locator("#p4 .zh-say").is_visible()
    # A word and its sentence from the popup, in the Mandarin (zh-CN) voice.
    popup = open_popup(page, "#p4 .w:text-is('行业')")
    popup.get_by_role("button", name="▶ Word").click()
    popup.get_by_role("button", name="▶ Sentence").click()
    assert spoken(page) == [{"text": "行业", "lang": "zh-CN", "rate": 1, "voice": "Voice zh-CN"},
                            {"text": SENTENCE_OF_HANGYE, "lang": "zh-CN", "rate": 1, "voice": "Voice zh-CN"}]
    assert axe_violations(page) == []                  # popup with its actions, speed control, dark
    page.keyboard.press("Escape")
    # The speed applies to what is read next and is remembered.
    show_settings(page)
    rate.select_option("0.8")
    page.keyboard.press("Escape")
    # A paragraph, sentence by sentence, the sentence being read highlighted.
    button = page.locator("#p4 .zh-say")
    assert button.get_attribute("aria-label") == "Read aloud paragraph 4"
    button.click()
    sentences = [s["text"] for s in spoken(page)[2:]]
    assert len(sentences) == 3 and sentences[1] == SENTENCE_OF_HANGYE and all(s["rate"] == 0.8 for s in spoken(page)[2:])
    assert "".join(sentences) == page.evaluate("zhReader.sentences(document.querySelector('#p4 .zh')).map(s => s.text).join('')")
    assert button.get_attribute("aria-pressed") == "true" and button.get_attribute("aria-label") == "Stop reading paragraph 4"
    page.evaluate("window.__next()")
    assert page.evaluate(READING) == sentences[0] and page.locator("#p4 .zh").get_attribute("data-zh-reading") == "1"
    page.evaluate("window.__end(); window.__next()")
    assert page.evaluate(READING) == sentences[1]
    assert page.evaluate("getComputedStyle(document.querySelector('#p4 .zh-say'), '::before').content") == '"■ Stop"'
    button.click()                                     # stop
    assert page.evaluate(READING) is None and button.get_attribute("aria-pressed") == "false"
    page.reload()
    page.locator(".zh-rate").wait_for(state="attached")
    assert page.locator(".zh-rate").input_value() == "0.8"
    # The buttons' labels are CSS, so copying a paragraph never takes "Read aloud".
    assert "Read" not in page.evaluate("document.querySelector('#p4 .zh').textContent")
    assert page.errors == []


def test_read_aloud_is_hidden_without_a_mandarin_voice(open_page, site_url):
    for stub in (speech_stub("en-US", "yue-HK"),                                     # voices, none Mandarin
                 "Object.defineProperty(window, 'speechSynthesis', {value: undefined})"):  # no speech at all
        page = open_page(DESKTOP, stub)
        page.goto(site_url + ARTICLE)
        page.wait_for_timeout(200)                     # past the stub's voiceschanged
        popup = open_popup(page, "#p4 .w:text-is('行业')")
        assert popup.get_by_role("button", name="Save").is_visible()          # the popup works …
        assert popup.get_by_role("button", name="▶ Word").count() == 0         # … with nothing to play
        assert page.locator(".zh-say, .zh-rate").count() == 0
        assert page.evaluate("document.documentElement.dataset.zhSpeech") == "off"
        assert page.errors == []


def test_saved_and_known_words_my_words_page_and_its_downloads(open_page, site_url, tmp_path):
    page = open_page(DESKTOP)
    page.goto(site_url + ARTICLE)
    # Save 行业 (HSK 5) and 的 (HSK 1) from the popup; mark 颠覆 known.
    popup = open_popup(page, "#p4 .w:text-is('行业')")
    save = popup.get_by_role("button", name="Save")
    save.click()
    assert save.get_attribute("aria-pressed") == "true" and popup.get_by_role("status").inner_text() == "Saved to My words"
    open_popup(page, "#p1 .w:text-is('的')").get_by_role("button", name="Save").click()
    share = page.locator(".zh-known-share")
    assert share.inner_text().startswith("You know 0% ")
    dianfu = "#p4 .w[data-k='%s']" % page.locator("#p4 .w:text-is('颠覆')").first.get_attribute("data-k")
    open_popup(page, dianfu).get_by_role("button", name="Known").click()
    known = page.locator(".reader .w.zh-known")
    assert known.count() >= 2 and set(known.all_inner_texts()) == {"颠覆"}
    count = known.count()
    total = page.evaluate("document.querySelectorAll('.reader .w[data-k]').length") - \
        page.evaluate("[...document.querySelectorAll('.reader .w[data-k]')].filter(w => !/[\\u3400-\\u9fff]/.test(w.textContent)).length")
    assert re.search(rf"\({count} of {total}\)", share.inner_text())
    # Pinyin over the words not marked known only; remembered like the other settings.
    page.keyboard.press("Escape")
    page.get_by_label("Pinyin").select_option("unknown")
    assert page.locator("#p4 .w:not(.zh-known) rt:visible").count() > 10
    assert page.locator(".reader .w.zh-known rt:visible").count() == 0
    page.reload()
    assert page.evaluate("document.documentElement.dataset.zhPinyin") == "unknown"
    assert page.get_by_label("Pinyin").input_value() == "unknown"
    assert open_popup(page, dianfu).get_by_role("button", name="Known").get_attribute("aria-pressed") == "true"

    # My words: both words with pinyin, gloss, their sentence and the way back.
    page.locator("#zh-pop").get_by_role("link", name="My words").click()
    page.wait_for_url("**/my-words/")
    cards = page.locator(".zh-word-card")
    assert cards.count() == 2
    first = cards.first
    assert first.locator(".zh-words-word").inner_text() == "行业" and first.locator(".zh-words-py").inner_text() == "hángyè"
    assert "industry" in first.locator(".zh-words-en").inner_text() and first.locator(".zh-words-hsk").inner_text() == "HSK 5"
    assert first.locator(".zh-words-sentence").inner_text() == SENTENCE_OF_HANGYE
    assert first.locator(".zh-words-sentence mark").inner_text() == "行业"
    assert "Words marked known (1)" in page.locator(".zh-known-list summary").inner_text()
    assert axe_violations(page) == []
    # The HSK filter applies to the list and the downloads.
    page.get_by_label("Show and export").select_option("3")
    assert cards.count() == 1 and page.get_by_role("status").first.inner_text().startswith("1 of 2 saved words")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    raw = open(download.value.path(), "rb").read()
    assert download.value.suggested_filename == "my-words.csv" and raw.startswith(b"\xef\xbb\xbfword,pinyin,")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["word", "pinyin", "english", "hsk", "sentence", "article", "link"]
    assert [r[0] for r in rows[1:]] == ["行业"] and rows[1][4] == SENTENCE_OF_HANGYE
    assert rows[1][6] == site_url + ARTICLE + "#p4-s2" and rows[1][5].endswith("¶4")      # its sentence's anchor
    with page.expect_download() as download:
        page.get_by_role("button", name="Download for Anki (.txt)").click()
    lines = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert lines[:5] == ["#separator:tab", "#html:true", "#notetype:Basic", "#deck:中文 AI Reader::My words", "#tags column:3"]
    front, back, tags = lines[5].split("\t")
    assert len(lines) == 6 and front == "行业" and tags == "zh-ai-reader zhou-hongyi-sora HSK5"
    assert "<div>hángyè</div>" in back and "所有<b>行业</b>,但" in back and f'href="{site_url}{ARTICLE}#p4-s2"' in back
    # Back to the word's paragraph; removing a word; the list survives a reload.
    page.get_by_label("Show and export").select_option("1")
    page.get_by_role("button", name="Remove 的").click()
    page.reload()
    assert cards.count() == 1
    cards.first.get_by_role("link").click()
    page.wait_for_url("**/" + ARTICLE + "#p4-s2")
    page.wait_for_function("Math.abs(document.getElementById('p4-s2').getBoundingClientRect().top) < 150")
    assert page.errors == []


def test_reading_position_is_kept_and_the_home_page_offers_to_continue(open_page, site_url):
    page = open_page(PHONE)
    page.goto(site_url)
    assert page.locator(".zh-continue").count() == 0                  # nothing read yet
    page.goto(site_url + ARTICLE)
    page.locator("#p12").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('p12').scrollIntoView({block: 'start'})")
    page.wait_for_function("(JSON.parse(localStorage.getItem('zh-reader-progress') || '{}')['zhou-hongyi-sora'] || {}).p === 'p12'")
    page.goto(site_url + ARTICLE)                                     # opened again: back at ¶12
    page.wait_for_function("Math.abs(document.getElementById('p12').getBoundingClientRect().top) < 120")
    page.goto(site_url)
    box = page.locator(".zh-continue")
    assert box.get_by_role("heading").inner_text() == "Continue reading"
    link = box.get_by_role("link")
    assert link.get_attribute("href").endswith("#p12") and "¶12 of 43" in box.inner_text()
    assert axe_violations(page) == []
    link.click()
    page.wait_for_url("**/" + ARTICLE + "#p12")
    # An address with a paragraph wins over the remembered position.
    page.goto(site_url + ARTICLE + "#p3")
    page.wait_for_timeout(300)
    assert abs(page.evaluate("document.getElementById('p3').getBoundingClientRect().top")) < 120
    assert page.errors == []
