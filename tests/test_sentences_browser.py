"""Sentence by sentence (issue 13 #1): each Chinese sentence has its English, a permalink and a
citation; pointing at one lights the other; the English can sit under each paragraph, under each
sentence, behind a tap, or beside the Chinese on wide screens; quotes link to their sentence.
Phone (390×844, touch) and desktop, light and dark, hosted and from file:// (offline bundle)."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, hover_when_settled, page_factory, run_mkdocs_build

pytestmark = pytest.mark.browser
ARTICLE = "articles/zhou-hongyi-sora/"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def browser_context(chromium):
    yield from page_factory(chromium)


def set_layout(page, layout):
    """Choose the English layout (on a phone, in the settings sheet behind "Aa")."""
    toggle = page.locator(".zh-controls-toggle")
    sheet = toggle.is_visible()
    if sheet:
        toggle.tap()
    page.get_by_label("English", exact=False).and_(page.locator("select")).select_option(layout)
    if sheet:
        toggle.tap()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_the_seed_is_aligned_sentence_by_sentence(site):
    html = (site / ARTICLE / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<span class="s" id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"p\d+-s\d+", i) for i in ids)
    assert len([i for i in ids if i.startswith("p14-")]) == 7           # the seven sentences
    linked = re.findall(r'<span class="es" data-s="([^"]+)"', html)
    assert set(linked) <= set(ids) and len(linked) == len(ids)          # every sentence of the seed has its English
    en = yaml.safe_load((ROOT / "texts/zhou-hongyi-sora/en.yaml").read_text(encoding="utf-8"))["paragraphs"]
    assert isinstance(en["p14"], list) and en["p14"][0].startswith("Fourth, what's really impressive")


def test_highlight_links_permalink_and_citation_on_desktop(browser_context, site_url):
    page = browser_context()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + ARTICLE)
    # Pointing at a Chinese sentence lights its English, and back. The pointer events are handled
    # after the mouse move returns (Chromium dispatches them with the next frame), so wait for them.
    hover_when_settled(page.locator("#p14-s3 .w").nth(2))
    expect(page.locator('.es[data-s="p14-s3"]')).to_have_class("es is-hl")
    expect(page.locator("#p14-s3")).to_have_class("s is-hl")
    hover_when_settled(page.locator('.es[data-s="p14-s5"]'))
    expect(page.locator("#p14-s5")).to_have_class("s is-hl")
    expect(page.locator("#p14-s3")).to_have_class("s")
    # Keyboard focus on a word (the arrow keys move it with zhReader.setRover) lights its sentence.
    page.evaluate("zhReader.setRover(document.querySelector('#p14-s2 .w'))")
    expect(page.locator("#p14-s2")).to_have_class("s is-hl")
    # The popup names the sentence, links it and copies its citation.
    page.locator("#p14-s3 .w").first.click()
    popup = page.locator("#zh-pop")
    popup.wait_for(state="visible")
    link = popup.locator("a.zh-pop-sent-link")
    assert link.inner_text() == "Sentence 3 of ¶14" and link.get_attribute("href") == "#p14-s3"
    popup.get_by_role("button", name="Copy citation of sentence 3").click()
    assert popup.locator("[role=status]").inner_text() == "Copied"
    text = page.evaluate("navigator.clipboard.readText()")
    zh = page.locator("#p14-s3").inner_text().strip()
    en = page.locator('.es[data-s="p14-s3"]').inner_text().strip()
    assert text.startswith(f"「{zh}」\n“{en}”\n") and text.endswith(ARTICLE + "#p14-s3")
    assert "周鸿祎" in text and "Source:" in text
    link.click()
    page.wait_for_url("**#p14-s3")
    assert page.evaluate("document.querySelector(':target').id") == "p14-s3"
    # the jump may land a moment after the URL changes (scrolling, the popup closing): wait for it
    page.wait_for_function("""() => { const r = document.querySelector('#p14-s3').getBoundingClientRect();
                                      return r.height > 0 && r.top >= 0 && r.top < 900; }""")
    assert 0 <= box(page, "#p14-s3")["y"] < 900


def test_layouts_under_each_sentence_side_by_side_and_remembered(browser_context, site_url):
    page = browser_context()
    page.goto(site_url + ARTICLE)
    s1, e1, s2 = "#p14-s1", '.es[data-s="p14-s1"]', "#p14-s2"
    # Under each paragraph (default): all the Chinese, then the English.
    assert box(page, s2)["y"] < box(page, e1)["y"]
    set_layout(page, "sentence")
    assert box(page, s1)["y"] < box(page, e1)["y"] < box(page, s2)["y"]
    set_layout(page, "side")
    a, b = box(page, s1), box(page, e1)
    assert b["x"] >= a["x"] + a["width"] - 1 and abs(a["y"] - b["y"]) < 12          # beside it, same row
    assert box(page, s2)["y"] >= b["y"] + b["height"] - 1 or box(page, s2)["y"] > a["y"]
    page.reload()
    assert page.locator("select[data-setting=layout]").input_value() == "side"
    assert page.evaluate("document.documentElement.dataset.zhLayout") == "side"
    # A paragraph translated as one text keeps its English under the Chinese in every layout.
    assert page.locator("#p1 .es").count() == 1 and page.locator("#p1 .es[data-s]").count() == 1
    # English off hides it in every layout.
    page.get_by_role("button", name="English translation").click()
    assert page.locator(e1).is_hidden()
    page.get_by_role("button", name="English translation").click()
    assert page.locator(e1).is_visible()


def test_phone_tap_to_reveal_and_side_by_side_falls_back(browser_context, site_url):
    page = browser_context(**PHONE)
    page.goto(site_url + ARTICLE)
    set_layout(page, "reveal")
    english = page.locator('.es[data-s="p14-s2"]')
    assert english.is_hidden()
    reveal = page.get_by_role("button", name="Show English, sentence 2 of paragraph 14")
    reveal.scroll_into_view_if_needed()
    # Measured in one frame: paragraphs off screen are laid out as they come near (content-visibility),
    # so boxes read one after another can belong to different layouts.
    rb, s2, s3 = page.evaluate("""() => [
        document.querySelector('button[aria-label="Show English, sentence 2 of paragraph 14"]'),
        document.getElementById('p14-s2'), document.getElementById('p14-s3')
      ].map(el => { const r = el.getBoundingClientRect(); return {y: r.top, width: r.width, height: r.height}; })""")
    assert rb["height"] >= 44 and rb["width"] >= 44                       # a thumb-sized target
    assert rb["y"] > s2["y"] and rb["y"] < s3["y"]
    reveal.tap()
    assert english.is_visible() and reveal.is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('data-s')") == "p14-s2"
    assert page.locator('.es[data-s="p14-s3"]').is_hidden()               # only that sentence
    # Tapping an English sentence lights its Chinese.
    english.tap()
    assert page.locator("#p14-s2.is-hl").count() == 1
    # Side by side needs a wide screen: on a phone the English goes under each sentence.
    set_layout(page, "side")
    a, b = box(page, "#p14-s1"), box(page, '.es[data-s="p14-s1"]')
    assert b["y"] >= a["y"] + a["height"] - 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_quotes_link_to_their_sentence(browser_context, site_url):
    page = browser_context()
    page.goto(site_url + "quotes/")
    link = page.locator("#q-talent-density a.quote-source")
    assert link.get_attribute("href").endswith(ARTICLE + "#p11-s1")
    link.click()
    page.wait_for_url("**#p11-s1")
    assert "人才密度" in page.locator("#p11-s1").inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_every_layout(browser_context, site_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser_context(color_scheme=scheme)
    page.goto(site_url + ARTICLE)
    for layout in ("sentence", "reveal", "side"):
        set_layout(page, layout)
        page.locator("#p14-s2 .w").first.click()
        page.locator("#zh-pop").wait_for(state="visible")
        violations = axe.run(page).response["violations"]
        assert violations == [], (layout, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])
        page.keyboard.press("Escape")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """The offline bundle's pages (OFFLINE=true: .html links, no instant navigation)."""
    out = tmp_path_factory.mktemp("offline-sentences")
    result = run_mkdocs_build(ROOT / "mkdocs.yml", out, env={"OFFLINE": "true"})
    assert result.returncode == 0, result.stderr
    return out


def test_sentences_work_from_file(browser_context, bundle):
    page = browser_context(**PHONE)
    page.goto((bundle / "articles" / "zhou-hongyi-sora.html").as_uri())
    page.get_by_role("button", name="Aa: display settings").tap()     # the phone's settings sheet, offline
    assert page.locator(".zh-controls").is_visible()
    page.touchscreen.tap(150, 24)
    assert page.locator(".zh-controls").is_hidden()
    set_layout(page, "reveal")
    page.get_by_role("button", name="Show English, sentence 1 of paragraph 14").tap()
    assert page.locator('.es[data-s="p14-s1"]').is_visible()
    page.locator("#p14-s1 .w").first.tap()
    assert page.locator("#zh-pop a.zh-pop-sent-link").get_attribute("href") == "#p14-s1"
