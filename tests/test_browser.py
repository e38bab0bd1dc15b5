"""What a reader does, in Chromium: open the article, click a word, follow a glossary link, a quote link."""

import pytest

pytestmark = pytest.mark.browser
ARTICLE = "articles/zhou-hongyi-sora/"


def test_click_a_word_shows_pinyin_and_english(page, site_url):
    page.goto(site_url + ARTICLE)
    word = page.locator("#p4 .w", has_text="行业").first
    word.click()
    popup = page.locator("#zh-pop")
    popup.wait_for(state="visible")
    assert popup.locator(".zh-pop-word").inner_text() == "行业"
    assert popup.locator(".zh-pop-py").inner_text() == "hángyè"
    assert "industry" in popup.locator(".zh-pop-senses").inner_text()
    page.keyboard.press("Escape")
    assert popup.is_hidden()


def test_glossary_term_popup_links_to_its_entry(page, site_url):
    page.goto(site_url + ARTICLE)
    page.locator("#p1 a.w.t", has_text="文生视频").first.click()
    popup = page.locator("#zh-pop")
    popup.wait_for(state="visible")
    assert popup.locator(".zh-pop-py").inner_text() == "wén shēng shìpín"
    popup.locator("a", has_text="Glossary entry").click()
    page.wait_for_url("**/glossary/w/#*")                        # the entry's letter page (文生视频: W)
    entry_id = page.url.split("#", 1)[1]
    heading = page.locator(f"h2#{entry_id}")
    assert "文生视频" in heading.inner_text()
    assert heading.is_visible()


def test_quote_links_back_to_its_paragraph(page, site_url):
    page.goto(site_url + "quotes/")
    first = page.locator("figure.quote").first
    zh = first.locator("p.zh").inner_text()
    first.locator("a.quote-source").click()
    page.wait_for_url("**/articles/zhou-hongyi-sora/#p*")
    sid = page.url.split("#", 1)[1]                 # the sentence where the quote starts: #p8-s1
    sentence = page.locator(f"#{sid}")
    assert sentence.is_visible() and sentence.evaluate("s => s.closest('p.zh') !== null")
    assert zh.replace("¶", "").strip()[:10] in sentence.inner_text()


def test_note_reference_opens_its_note(page, site_url):
    page.goto(site_url + ARTICLE)
    ref = page.locator("sup.nref a").first
    target = ref.get_attribute("href").split("#", 1)[1]
    ref.click()
    note = page.locator(f"li#{target}")
    assert note.is_visible()
    assert note.locator(".note-type").inner_text() in ("Language", "Context")
