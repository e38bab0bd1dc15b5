"""The reader in Chromium as a learner uses it: popup by mouse, hover, keyboard and touch;
display settings that stick; citations; print; accessibility (axe-core) in light and dark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import page_factory

pytestmark = pytest.mark.browser
ARTICLE = "articles/zhou-hongyi-sora/"
ROOT = Path(__file__).resolve().parent.parent
DESKTOP = {"width": 1280, "height": 900}

CONTRAST_JS = """([fgSel, bgSel]) => {
  const rgba = (s) => s.match(/[\\d.]+/g).map(Number).concat([1]).slice(0, 4);
  const blend = (c, under) => c.slice(0, 3).map((v, i) => v * c[3] + under[i] * (1 - c[3]));
  const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = (c) => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  const bg = rgba(getComputedStyle(document.querySelector(bgSel)).backgroundColor);
  const fg = blend(rgba(getComputedStyle(document.querySelector(fgSel)).color), bg);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def open_popup_on(page, selector):
    page.locator(selector).first.click()
    popup = page.locator("#zh-pop")
    popup.wait_for(state="visible")
    return popup


def popup_for_row(page, site_url, row, class_name, links=None):
    """Open the popup of a word the seed article lacks, given the row the build makes for it:
    the row joins the page's vocabulary and a word element for it starts the first paragraph."""
    page.goto(site_url + ARTICLE)
    page.wait_for_function("(self.zhVocab || {})['zhou-hongyi-sora']")
    page.evaluate("""([row, className, links]) => {
      const vocab = self.zhVocab['zhou-hongyi-sora'];
      vocab.push(row);
      const span = document.createElement('span');
      span.className = className; span.dataset.k = vocab.length - 1; span.textContent = row[0];
      if (links) span.dataset.g = links;
      document.querySelector('#p1 .s').prepend(span);
    }""", [row, class_name, links])
    return open_popup_on(page, "#p1 .s > .w:first-child")


def seed_vocabulary():
    from zhreader.annotate import Vocabulary
    from zhreader.lookup import Lookup
    from zhreader.sources import load_glossary
    glossary = load_glossary(ROOT / "glossary.yaml")
    return glossary, Vocabulary(Lookup(glossary))


def box_inside_viewport(page, selector) -> bool:
    box = page.locator(selector).bounding_box()
    vp = page.viewport_size
    # bounding_box is relative to the viewport
    return box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= vp["width"] and box["y"] + box["height"] <= vp["height"]


@pytest.fixture
def fresh(chromium):
    """A new browser context per test (clean localStorage); call with context options."""
    yield from page_factory(chromium, DESKTOP)


# -- popup ----------------------------------------------------------------------

def test_popup_shows_word_pinyin_english_hsk_and_only_one_at_a_time(page, site_url):
    page.goto(site_url + ARTICLE)
    popup = open_popup_on(page, "#p4 .w:text-is('行业')")
    assert popup.locator(".zh-pop-word").inner_text() == "行业"
    assert popup.locator(".zh-pop-py").inner_text() == "hángyè"
    assert "industry" in popup.locator(".zh-pop-senses").inner_text()
    assert popup.locator(".zh-pop-hsk").inner_text().startswith("HSK ")
    assert popup.get_attribute("role") == "dialog" and popup.get_attribute("aria-modal") == "false"
    assert page.locator("#zh-pop-word").inner_text() == "行业"     # the dialog's accessible name
    assert box_inside_viewport(page, "#zh-pop")
    page.locator("#p2 .w").nth(2).click()
    assert page.locator(".zh-pop").count() == 1 and page.locator(".zh-pop:visible").count() == 1
    assert popup.locator(".zh-pop-word").inner_text() == page.locator("#p2 .w").nth(2).inner_text()
    page.locator("h1").click()
    assert popup.is_hidden()


def test_glossary_term_popup_has_definition_and_link(page, site_url):
    page.goto(site_url + ARTICLE)
    popup = open_popup_on(page, "#p1 a.w.t:text-is('人工智能')")
    assert "artificial intelligence" in popup.locator(".zh-pop-senses").inner_text()
    assert len(popup.locator(".zh-pop-def").inner_text()) > 40
    # The entry in full, on its letter's page (人工智能 réngōng zhìnéng: R), as the word's own link.
    assert popup.locator("a.zh-pop-link").evaluate("a => a.href") == site_url + "glossary/r/#artificial-intelligence"


def test_composed_word_popup_says_how_it_was_composed(page, site_url):
    page.goto(site_url + ARTICLE)
    page.wait_for_function("(self.zhVocab || {})['zhou-hongyi-sora']")      # loaded by the reader (vocabulary.js)
    vocab = page.evaluate("self.zhVocab['zhou-hongyi-sora']")
    k = next(i for i, row in enumerate(vocab) if row[5] == "composed")
    popup = open_popup_on(page, f".reader .w[data-k='{k}']")
    parts = popup.locator(".zh-pop-parts").inner_text()
    assert "Not in any dictionary" in parts and all(part[0] in parts for part in vocab[k][6])
    assert popup.locator(".zh-pop-hsk").inner_text() == "Beyond HSK 3.0"


def test_compound_popup_glosses_its_parts_and_links_a_glossary_part(page, site_url):
    # The seed article has no compound: give its first paragraph one, with the row the build makes for it.
    glossary, vocab = seed_vocabulary()
    vocab.add("专业大模型", "p1", parts=("专业", "大模型"))
    row = json.loads(vocab.as_json())[0]
    entry = glossary.entry_for("大模型").id
    popup = popup_for_row(page, site_url, row, "w c", f"../../glossary/d/#{entry}")
    assert popup.locator(".zh-pop-word").inner_text() == "专业大模型"
    assert popup.locator(".zh-pop-py").inner_text() == "zhuānyè dà móxíng"
    assert popup.locator(".zh-pop-senses").count() == 0              # no gloss invented for the whole
    parts = popup.locator(".zh-pop-parts").inner_text()
    assert parts.startswith("A compound of words we know; its parts: 专业 zhuānyè ‘")
    assert f"大模型 dà móxíng ‘{glossary.entry_for('大模型').en}’" in parts
    link = popup.locator(".zh-pop-parts a")
    assert link.count() == 1 and link.inner_text() == "大模型" and link.get_attribute("lang") == "zh"
    assert link.evaluate("a => a.href") == site_url + f"glossary/d/#{entry}"
    assert "CC-CEDICT" not in popup.locator(".zh-pop-meta").inner_text()


def test_a_product_name_built_on_a_glossary_name_says_what_the_name_is(page, site_url):
    # The seed article names no such product: give its first paragraph one, with the row the build makes for it.
    from zhreader.families import FAMILY
    glossary, vocab = seed_vocabulary()
    vocab.add("Claude Design", "p1", sense=FAMILY, parts=("Claude", "Design"))
    entry = glossary.entry_for("Claude")
    popup = popup_for_row(page, site_url, json.loads(vocab.as_json())[0], "w c", f"../../glossary/d/#{entry.id}")
    assert popup.locator(".zh-pop-word").inner_text() == "Claude Design"
    assert popup.locator(".zh-pop-senses").count() == 0 and popup.locator(".zh-pop-py").count() == 0
    assert popup.locator(".zh-pop-def").inner_text().startswith("Claude: " + entry.definition.split(",")[0])
    assert popup.locator(".zh-pop-parts").inner_text() == "A name built on one in our glossary; its parts: Claude + Design"
    link = popup.locator(".zh-pop-parts a")
    assert link.inner_text() == "Claude" and link.evaluate("a => a.href") == site_url + f"glossary/d/#{entry.id}"
    popup.get_by_role("button", name="Save").click()                  # My words keeps what the name is
    assert "\"en\":\"Claude: " + entry.definition.split(",")[0] in page.evaluate("Object.values(localStorage).join(' ')")


def test_name_popup_reads_it_as_a_name_not_by_its_characters(page, site_url):
    # The seed article names no one the dictionaries lack: give its first paragraph a name, with the build's row.
    _, vocab = seed_vocabulary()
    vocab.add("刘佳音", "p1", name=True)
    popup = popup_for_row(page, site_url, json.loads(vocab.as_json())[0], "w n")
    assert popup.locator(".zh-pop-word").inner_text() == "刘佳音"
    assert popup.locator(".zh-pop-py").inner_text() == "Liú Jiāyīn"
    assert popup.locator(".zh-pop-senses").count() == 0 and popup.locator(".zh-pop-parts").count() == 0
    assert popup.locator(".zh-pop-def").inner_text() == "A person's name: family name 刘 (Liú)."
    assert "a name by its place in the sentence" in popup.locator(".zh-pop-meta").inner_text()
    popup.get_by_role("button", name="Save").click()                  # My words keeps what it is
    saved = page.evaluate("Object.values(localStorage).join(' ')")
    assert "\"en\":\"A person's name: family name 刘 (Liú).\"" in saved


def test_an_abbreviation_the_article_defines_reads_as_it_defines_it(page, site_url):
    # The seed article defines no abbreviation: give its first paragraph one, with the build's row
    # (实时竞价（Real-Time Bidding，RTB）, the text cut 实时|竞价).
    _, vocab = seed_vocabulary()
    vocab.add("RTB", "p1", defined=("实时竞价", "Real-Time Bidding", "实时", "竞价"))
    popup = popup_for_row(page, site_url, json.loads(vocab.as_json())[0], "w")
    assert popup.locator(".zh-pop-word").inner_text() == "RTB"
    assert popup.locator(".zh-pop-py").count() == 0
    assert popup.locator(".zh-pop-senses").inner_text() == "Real-Time Bidding"
    parts = popup.locator(".zh-pop-parts").inner_text()
    assert parts.startswith("The article’s Chinese for it: 实时 shíshí ‘") and " + 竞价 jìngjià ‘" in parts
    assert "as this article defines it" in popup.locator(".zh-pop-meta").inner_text()
    popup.get_by_role("button", name="Save").click()                  # My words keeps what it stands for
    assert "\"en\":\"Real-Time Bidding\"" in page.evaluate("Object.values(localStorage).join(' ')")


def test_hover_opens_after_a_short_delay_and_closes_on_leave(page, site_url):
    page.goto(site_url + ARTICLE)
    word = page.locator("#p3 .w").nth(4)
    word.hover()
    popup = page.locator("#zh-pop")
    popup.wait_for(state="visible")
    assert popup.locator(".zh-pop-word").inner_text() == word.inner_text()
    assert page.evaluate("document.activeElement.tagName") == "BODY"     # hover does not steal focus
    page.mouse.move(5, 5)
    popup.wait_for(state="hidden")


def test_keyboard_only_tab_enter_escape_returns_focus(page, site_url):
    page.goto(site_url + ARTICLE)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('#p1')"):
            break
    first = page.evaluate("document.activeElement.textContent")
    assert first == "OpenAI"
    page.keyboard.press("ArrowRight")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "于"
    page.keyboard.press("Enter")
    popup = page.locator("#zh-pop")
    popup.wait_for(state="visible")
    assert popup.locator(".zh-pop-word").inner_text() == "于"
    page.keyboard.press("Tab")                                   # into the popup (focus stayed on the word)
    assert page.evaluate("document.getElementById('zh-pop').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert popup.is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "于"


def test_touch_on_a_360px_phone_keeps_the_popup_on_screen(fresh, site_url):
    page = fresh(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    page.goto(site_url + ARTICLE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for pid in ("p1", "p5", "p9"):
        words = page.locator(f"#{pid} .w")
        for index in (0, words.count() - 1):
            words.nth(index).scroll_into_view_if_needed()
            words.nth(index).tap()
            page.locator("#zh-pop").wait_for(state="visible")
            assert box_inside_viewport(page, "#zh-pop"), (pid, index)
            page.locator("#zh-pop .zh-pop-close").tap()
            page.locator("#zh-pop").wait_for(state="hidden")


# -- settings --------------------------------------------------------------------

def font_px(page, selector):
    return page.evaluate(f"parseFloat(getComputedStyle(document.querySelector({selector!r})).fontSize)")


def test_each_control_changes_the_page_and_sticks_across_reload_and_navigation(fresh, site_url):
    page = fresh()
    page.goto(site_url + ARTICLE)
    assert page.locator("#p1 rt:visible").count() == 0
    base_size = font_px(page, "#p1 .zh")

    page.get_by_label("Pinyin").select_option("terms")
    assert page.locator("#p1 a.t rt:visible").count() > 0
    assert page.locator("#p1 span.w:not([data-g]) rt:visible").count() == 0
    # A compound with a glossary term among its parts is marked and read as a term is (人工智能技术).
    compound = page.locator(".reader span.w.c[data-g]").first
    compound.scroll_into_view_if_needed()
    assert compound.locator("rt").is_visible()
    assert "underline" in compound.evaluate("e => getComputedStyle(e).textDecorationLine")
    page.evaluate("window.scrollTo(0, 0)")
    page.get_by_label("Pinyin").select_option("all")
    assert page.locator("#p1 span.w rt:visible").first.inner_text() == "yú"
    page.get_by_role("button", name="Word boundaries").click()
    assert page.evaluate("getComputedStyle(document.querySelector('#p1 .w')).marginLeft") != "0px"
    page.get_by_role("button", name="Highlight terms").click()
    assert "none" in page.evaluate("getComputedStyle(document.querySelector('#p1 a.t')).textDecorationLine")
    page.get_by_role("button", name="English translation").click()
    assert page.locator("#p1 .en").is_hidden()
    page.get_by_role("button", name="Larger text").click()
    page.get_by_role("button", name="Larger text").click()
    assert font_px(page, "#p1 .zh") == pytest.approx(base_size * 1.25, rel=0.02)

    def check_state(p):
        assert p.get_by_label("Pinyin").input_value() == "all"
        assert p.get_by_role("button", name="Word boundaries").get_attribute("aria-pressed") == "true"
        assert p.get_by_role("button", name="Highlight terms").get_attribute("aria-pressed") == "false"
        assert p.get_by_role("button", name="English translation").get_attribute("aria-pressed") == "false"
        assert p.locator(".reader .en").first.is_hidden()
        assert p.locator(".reader span.w rt:visible").count() > 0

    page.reload()
    check_state(page)
    assert font_px(page, "#p1 .zh") == pytest.approx(base_size * 1.25, rel=0.02)
    # Following a link to another page of the site (a page load: no instant navigation, see mkdocs.yml).
    page.locator(".md-nav__link", has_text="Annotated quotes").first.click()
    page.wait_for_url("**/quotes/")
    page.locator(".zh-controls").wait_for()
    check_state(page)
    popup = open_popup_on(page, ".reader span.w")
    word = page.locator(".reader span.w").first.evaluate("w => w.querySelector('ruby').firstChild.textContent")
    assert popup.locator(".zh-pop-word").inner_text() == word
    # and back: the controls reset the defaults
    page.get_by_label("Pinyin").select_option("off")
    page.get_by_role("button", name="English translation").click()
    page.goto(site_url + ARTICLE)
    assert page.locator("#p1 rt:visible").count() == 0 and page.locator("#p1 .en").is_visible()


def test_saved_settings_apply_before_reader_js_runs(fresh, site_url):
    page = fresh()
    page.goto(site_url + ARTICLE)
    page.evaluate("localStorage.setItem('zh-reader', JSON.stringify({english: false, size: 2, pinyin: 'all'}))")
    page.route("**/assets/reader/*.js", lambda route: route.abort())
    page.goto(site_url + ARTICLE)
    root = page.evaluate("[document.documentElement.dataset.zhEnglish, document.documentElement.dataset.zhPinyin,"
                         " document.documentElement.style.getPropertyValue('--zh-scale')]")
    assert root == ["off", "all", "1.25"]
    assert page.locator("#p1 .en").is_hidden()


def test_pinyin_stays_out_of_the_search_index(site):
    import gzip

    from zhreader.search_records import record_parts, shown_text

    # Pagefind's records as the browser reads them: gzip, a 12-byte signature, JSON.
    records = [json.loads(gzip.decompress(path.read_bytes())[12:])
               for path in (site / "pagefind" / "fragment").glob("*.pf_fragment")]
    article = " ".join(shown_text(part) for r in records if r["url"].startswith(ARTICLE)
                       for part in record_parts(r["content"]))
    assert "正式" in article
    for noise in ("zhèngshì", "Copy citation", "Word boundaries"):
        assert noise not in article


# -- citations, print, profile ------------------------------------------------------

def test_copy_citation_of_a_paragraph_and_a_quote(fresh, site_url):
    page = fresh()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + ARTICLE)
    page.get_by_label("Pinyin").select_option("all")
    page.get_by_role("button", name="Copy citation, paragraph 3", exact=True).click()
    assert page.locator("#p3 [role=status]").inner_text() == "Copied"
    text = page.evaluate("navigator.clipboard.readText()")
    zh = page.evaluate("""(() => { const c = document.querySelector('#p3 .zh').cloneNode(true);
        c.querySelectorAll('rt, .nref, .pl, .zh-cite, .zh-copied').forEach(n => n.remove()); return c.textContent.trim(); })()""")
    assert text.startswith("「" + zh + "」\n“")
    assert page.locator("#p3 .en").inner_text()[:40] in text
    assert "周鸿祎谈OpenAI大模型Sora" in text and "Source: 中国基金报" in text and "2024-02-16" in text
    assert text.endswith(ARTICLE + "#p3")
    assert "shì" not in text                       # pinyin ruby is not copied

    page.goto(site_url + "quotes/")
    quote = page.locator("figure.quote").first
    quote.get_by_role("button", name="Copy citation").click()
    assert quote.locator("[role=status]").inner_text() == "Copied"
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.startswith(quote.get_by_role("button", name="Copy citation").get_attribute("data-cite") + "\n")
    assert text.endswith("quotes/#" + quote.get_attribute("id"))


def test_print_shows_chinese_and_english_without_chrome(fresh, site_url):
    page = fresh()
    page.goto(site_url + ARTICLE)
    page.get_by_role("button", name="English translation").click()       # hidden on screen …
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.locator("#p1 .en").is_visible()                            # … but printed beneath
    assert page.locator(".article-head .meta").is_visible()                # the details, folded on screen
    for chrome in (".md-header", ".md-sidebar--primary", ".zh-controls", "#p1 .zh-cite", ".md-footer"):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.locator("ol.notes li").first.is_visible()


def test_article_header_profile(page, site_url):
    page.goto(site_url + ARTICLE)
    page.locator("details.about > summary").click()              # folded: the text comes first
    page.locator(".profile summary").click()
    rows = page.locator(".hsk-table tbody tr")
    labels = [rows.nth(i).locator("th").inner_text().strip() for i in range(rows.count())]
    assert labels == ["HSK 1", "HSK 2", "HSK 3", "HSK 4", "HSK 5", "HSK 6", "HSK 7-9", "Beyond HSK"]
    shares = [float(rows.nth(i).locator("td").first.inner_text().rstrip("%")) for i in range(rows.count())]
    assert sum(shares) == pytest.approx(100, abs=0.5) and shares[0] > 20
    terms = page.locator(".terms-present a")
    assert terms.count() > 20
    assert terms.first.get_attribute("href").split("#")[1] == "openai"
    text = page.locator(".article-head .meta").inner_text()
    assert "characters" in text and "distinct" in text


# -- accessibility -------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(fresh, site_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = fresh(color_scheme=scheme)
    for path in ("", ARTICLE, "glossary/", "glossary/0-9/", "quotes/"):
        page.goto(site_url + path)
        if path == ARTICLE:
            page.get_by_label("Pinyin").select_option("all")
            open_popup_on(page, "#p1 a.w.t")
        if path == "glossary/":      # one category's lines: the same markup as all 4,000, a tenth of axe's time
            page.locator(".gloss-filter button", has_text="company").click()
        violations = axe.run(page).response["violations"]
        assert violations == [], (path, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])


def test_dark_mode_popup_and_pinyin_are_readable(fresh, site_url):
    page = fresh(color_scheme="dark")
    page.goto(site_url + ARTICLE)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.get_by_label("Pinyin").select_option("all")
    open_popup_on(page, "#p1 a.w.t")
    assert page.evaluate(CONTRAST_JS, [".zh-pop-word", ".zh-pop"]) >= 7
    assert page.evaluate(CONTRAST_JS, [".zh-pop-meta", ".zh-pop"]) >= 4.5
    assert page.evaluate(CONTRAST_JS, ["#p1 rt", "body"]) >= 4.5


# -- light and dark ---------------------------------------------------------------------

SCHEME_JS = """() => [document.body.getAttribute('data-md-color-scheme'),
  getComputedStyle(document.documentElement).colorScheme === 'dark' ? 'dark' : 'light',
  [...document.querySelectorAll('[data-zh-palette] label')].filter(l => !l.hidden).map(l => l.title)]"""


@pytest.mark.parametrize("system, first, other", [
    ("light", ["default", "light", ["Switch to dark mode"]], ["slate", "dark", ["Switch to light mode"]]),
    ("dark", ["slate", "dark", ["Switch to light mode"]], ["default", "light", ["Switch to dark mode"]]),
])
def test_light_dark_toggle_follows_the_system_until_chosen_then_sticks(fresh, site_url, system, first, other):
    """The scheme is the system's on a first visit, set by the page's inline script before the
    first paint (so with every script file blocked too: no flash of the other scheme); the one
    toggle button switches it, by mouse or by Enter on the focused option, and the choice holds
    on the next page."""
    page = fresh(color_scheme=system)
    page.route("**/*.js", lambda route: route.abort())
    page.goto(site_url + ARTICLE)
    assert page.evaluate(SCHEME_JS) == first
    page.unroute("**/*.js")
    page.reload()
    assert page.evaluate(SCHEME_JS) == first
    page.locator("[data-zh-palette] label:not([hidden])").click()
    assert page.evaluate(SCHEME_JS) == other
    page.goto(site_url + "glossary/", wait_until="domcontentloaded")
    assert page.evaluate(SCHEME_JS) == other
    page.locator("[data-zh-palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(SCHEME_JS) == first
    page.reload()
    assert page.evaluate(SCHEME_JS) == first
    theme = page.wait_for_function("document.querySelector('meta[name=theme-color]')?.content").json_value()
    assert theme.startswith("#") and len(theme) == 7      # the address bar takes the header's colour
