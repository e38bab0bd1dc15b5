"""Search as a reader uses it, in Chromium: 汉字, traditional, English, pinyin, sub-words.

Queries are typed the way Material's search notices them (fill, then End; see
DESIGN.md, "Search").  "First result" is where Enter takes the reader: Material's best
match in the first group of results.
"""

from pathlib import Path

import pytest

from zhreader.sources import load_articles

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "articles/zhou-hongyi-sora/"
QUERY = "input.md-search__input"


def search(page, site_url, query):
    page.goto(site_url)
    page.locator(QUERY).fill(query)
    page.locator(QUERY).press("End")
    page.locator(".md-search-result__item").first.wait_for()
    return page


def first_result(page, site_url, query) -> str:
    """Where Enter on the query leads: path and #fragment, relative to the site."""
    search(page, site_url, query)
    before = page.url
    page.locator(QUERY).press("Enter")
    page.wait_for_url(lambda url: url != before)
    url = page.url.split("?", 1)[0] + ("#" + page.url.split("#", 1)[1] if "#" in page.url else "")
    return url.removeprefix(site_url)


def result_links(page) -> list[dict]:
    return page.eval_on_selector_all("a.md-search-result__link", """links => links.map(a => ({
        href: a.getAttribute("href"),
        marks: [...a.querySelectorAll("mark")].map(m => m.textContent.replace(/\\u200b/g, "")),
        text: a.textContent.replace(/\\u200b/g, "")}))""")


@pytest.mark.parametrize("query, expected", [
    ("深度伪造", "glossary/#deepfake"),          # the term as written
    ("深度偽造", "glossary/#deepfake"),          # traditional alias
    ("deepfake", "glossary/#deepfake"),          # English rendering
    ("deep forgery", "glossary/#deepfake"),      # English alternative
    ("shendu weizao", "glossary/#deepfake"),     # pinyin without tones, spaced
    ("shenduweizao", "glossary/#deepfake"),      # ... and unspaced
    ("水印", "glossary/#watermark"),
    ("watermark", "glossary/#watermark"),
    ("shuiyin", "glossary/#watermark"),
    ("英偉達", "glossary/#nvidia"),              # traditional alias of 英伟达
    ("yingweida", "glossary/#nvidia"),
    ("OpenAl", "glossary/#openai"),              # the source's typo, kept as an alias
    ("da moxing", "glossary/#large-model"),      # "da" alone would also match DALL-E and data
    ("模型", "glossary/#model"),
    ("wensheng shipin", "glossary/#text-to-video"),
])
def test_query_leads_to_glossary_entry_first(page, site_url, query, expected):
    assert first_result(page, site_url, query) == expected


@pytest.fixture(scope="module")
def paragraphs():
    article = next(a for a in load_articles(ROOT / "texts") if a.slug == "zhou-hongyi-sora")
    return {p.id: p.text for p in article.paragraphs}


@pytest.mark.parametrize("query", ["模型", "视频", "伪造"])
def test_sub_word_finds_every_paragraph_containing_it(page, site_url, paragraphs, query):
    # 模型 is inside 大模型 and 扩散模型, 视频 inside 文生视频 and 短视频: a prefix-only
    # search would miss those paragraphs.
    search(page, site_url, query)
    found = {link["href"].split("#", 1)[1] for link in result_links(page)
             if ARTICLE in link["href"] and "#p" in link["href"]}
    expected = {pid for pid, text in paragraphs.items() if query in text}
    assert expected and expected <= found, sorted(expected - found)


def test_sub_word_result_shows_the_word_it_is_part_of(page, site_url):
    # In ¶4, 视频 occurs only inside 短视频: the result shows 短<mark>视频</mark>.
    search(page, site_url, "视频")
    p4 = next(link for link in result_links(page) if ARTICLE in link["href"] and link["href"].endswith("#p4"))
    assert "视频" in p4["marks"]
    assert "短视频" in p4["text"]


@pytest.mark.parametrize("query, words", [
    ("大模型训练", ["大模型", "训练"]),
    ("大模型幻觉", ["大模型", "幻觉"]),        # Material's own cutter drops 幻觉
    ("视频水印", ["视频", "水印"]),
    ("人才密度芯片", ["人才密度", "芯片"]),
])
def test_unspaced_two_word_query_searches_both_words(page, site_url, paragraphs, query, words):
    search(page, site_url, query)
    links = result_links(page)
    marks = {m for link in links for m in link["marks"]}
    assert set(words) <= marks, marks
    assert not [m for m in marks if len(m) == 1], marks        # no stray single characters (训 of 训练)
    both = {pid for pid, text in paragraphs.items() if all(w in text for w in words)}
    found = {link["href"].split("#", 1)[1] for link in links if "#p" in link["href"]}
    assert both <= found


def test_result_highlights_the_chinese_and_leads_to_the_paragraph(page, site_url):
    search(page, site_url, "水印")
    result = page.locator(f'a.md-search-result__link[href*="{ARTICLE}"][href$="#p42"]')
    assert result.is_visible()          # shown up front, not folded under "more on this page"
    assert "水印" in [m.replace("\u200b", "") for m in result.locator("mark").all_inner_texts()]
    result.click()
    page.wait_for_url(lambda url: ARTICLE in url and url.endswith("#p42"))
    pair = page.locator("#p42")
    assert "水印" in pair.locator(".zh").inner_text()
    assert pair.is_visible()
    box = pair.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]


def test_index_only_text_never_reaches_the_page(page, site_url):
    page.goto(site_url + ARTICLE)
    assert page.locator("[data-zh-index]").count() == 0
    assert "shuiyin" not in page.locator("article").inner_text()
    page.goto(site_url + "glossary/")
    assert page.locator("[data-zh-index]").count() == 0
    assert "shendu weizao" not in page.content()
