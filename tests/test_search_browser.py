"""Search as a reader uses it, in Chromium: 汉字, traditional, English, pinyin, sub-words.

The hosted site searches with Pagefind through our dialog (docs/assets/search.js): the header's
search button opens it, every change of the text searches, and the results are a list of links.
"First result" is where Enter in the search field takes the reader.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from zhreader.sources import load_articles

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "articles/zhou-hongyi-sora/"
QUERY = "#zh-search-input"
RESULTS = "#zh-search-results"
STATUS = "#zh-search-status"


def open_search(page, site_url):
    page.goto(site_url)
    page.locator("button.zh-search-open").click()
    page.locator(QUERY).wait_for(state="visible")


def wait_for_results(page, query):
    """Until the list shows the answer to ``query`` (the status names it, the list is not busy)."""
    page.wait_for_function("""q => document.querySelector("#zh-search-status").textContent.includes("“" + q + "”")
                                  && document.querySelector("#zh-search-results").getAttribute("aria-busy") === "false" """, arg=query)


def search(page, site_url, query):
    open_search(page, site_url)
    page.locator(QUERY).fill(query)
    wait_for_results(page, query)
    return page


def first_result(page, site_url, query) -> str:
    """Where Enter on the query leads: path and #fragment, relative to the site."""
    search(page, site_url, query)
    before = page.url
    page.locator(QUERY).press("Enter")
    page.wait_for_url(lambda url: url != before)
    url = urlsplit(page.url)
    return f"{url.scheme}://{url.netloc}{url.path}".removeprefix(site_url) + (f"#{url.fragment}" if url.fragment else "")


def result_links(page) -> list[dict]:
    return page.eval_on_selector_all(f"{RESULTS} a", """links => links.map(a => ({
        href: a.getAttribute("href"),
        marks: [...a.querySelectorAll("mark")].map(m => m.textContent),
        text: a.textContent,
        preview: (a.querySelector(".zh-search__text") || {}).textContent}))""")


def more_results(page) -> bool:
    """Presses "More results" if shown and waits for the batch it loads; False if it is not shown."""
    more = page.locator("[data-zh-search-more]")
    if not more.is_visible():
        return False
    count = page.locator(f"{RESULTS} > li").count()
    more.click()
    # The batch's first result comes a frame before the rest; the list is busy until all are in.
    page.wait_for_function("""n => document.querySelectorAll('#zh-search-results > li').length > n
                                  && document.querySelector('#zh-search-results').getAttribute('aria-busy') === 'false'""",
                           arg=count)
    return True


def all_result_links(page) -> list[dict]:
    """Every result: "More results" pressed until it is gone, then each article's "N more paragraphs"."""
    while more_results(page):
        pass
    parts = page.locator(".zh-search__parts-more")
    while parts.count():
        label = parts.first.inner_text()
        count = page.locator(f"{RESULTS} a").count()
        parts.first.click()
        page.wait_for_function("n => document.querySelectorAll('#zh-search-results a').length > n", arg=count)
        assert int(label.split()[0]) == page.locator(f"{RESULTS} a").count() - count, label    # as many as it said
    return result_links(page)


@pytest.mark.parametrize("query, expected", [
    ("深度伪造", "glossary/sh/#deepfake"),        # the term as written
    ("深度偽造", "glossary/sh/#deepfake"),        # traditional alias
    ("deepfake", "glossary/sh/#deepfake"),        # English rendering
    ("deep forgery", "glossary/sh/#deepfake"),    # English alternative
    ("shendu weizao", "glossary/sh/#deepfake"),   # pinyin without tones, spaced
    ("shenduweizao", "glossary/sh/#deepfake"),    # ... and unspaced
    ("水印", "glossary/shu/#watermark"),
    ("watermark", "glossary/shu/#watermark"),
    ("shuiyin", "glossary/shu/#watermark"),
    ("英偉達", "glossary/y/#nvidia"),            # traditional alias of 英伟达
    ("yingweida", "glossary/y/#nvidia"),
    ("OpenAl", "glossary/o/#openai"),            # the source's typo, kept as an alias
    ("da moxing", "glossary/d/#large-model"),    # "da" alone would also match DALL-E and data
    ("模型", "glossary/m/#model"),
    ("wensheng shipin", "glossary/w/#text-to-video"),
    # Traditional spellings of a term and of its parts.
    ("人工智慧", "glossary/r/#artificial-intelligence"), # Taiwan's word for 人工智能
    ("幻覺", "glossary/h/#hallucination"),
    # Ranking: the entry named exactly as the query before longer terms that start with it.
    ("大模型", "glossary/d/#large-model"),            # not 大模型一体机 or 大模型备案
    ("人才密度", "glossary/r/#talent-density"),
    ("幻觉", "glossary/h/#hallucination"),            # not 幻觉率
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
    found = {link["href"].split("#", 1)[1] for link in all_result_links(page)
             if ARTICLE in link["href"] and "#p" in link["href"]}
    expected = {pid for pid, text in paragraphs.items() if query in text}
    assert expected and expected <= found, sorted(expected - found)


def test_sub_word_result_shows_the_word_it_is_part_of(page, site_url):
    # In ¶4, 视频 occurs only inside 短视频: the result shows 短<mark>视频</mark>.
    search(page, site_url, "视频")
    p4 = next(link for link in all_result_links(page) if ARTICLE in link["href"] and link["href"].endswith("#p4"))
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
    links = all_result_links(page)
    marks = {m for link in links for m in link["marks"]}
    assert set(words) <= marks, marks
    assert not [m for m in marks if len(m) == 1], marks        # no stray single characters (训 of 训练)
    both = {pid for pid, text in paragraphs.items() if all(w in text for w in words)}
    found = {link["href"].split("#", 1)[1] for link in links if "#p" in link["href"]}
    assert both <= found


def test_result_highlights_the_chinese_and_leads_to_the_paragraph(page, site_url):
    search(page, site_url, "水印")
    result = page.locator(f'{RESULTS} a[href*="{ARTICLE}"][href$="#p42"]')
    assert result.is_visible()
    assert "水印" in result.locator("mark").all_inner_texts()
    result.click()
    page.wait_for_url(lambda url: ARTICLE in url and url.endswith("#p42"))
    pair = page.locator("#p42")
    assert "水印" in pair.locator(".zh").inner_text()
    assert pair.is_visible()
    box = pair.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]


@pytest.mark.parametrize("query, hidden", [
    ("huanjue", ["huanjue", "幻覺", "¦", "⁂", "␣"]),       # pinyin and traditional: index-only
    ("shuiyin", ["shuiyin"]),
    ("模型", ["\u200b", "___"]),                           # sub-word splits, Pagefind's weight marks
])
def test_previews_show_the_sentence_never_index_only_words(page, site_url, paragraphs, query, hidden):
    search(page, site_url, query)
    links = all_result_links(page)
    assert links
    for link in links:
        assert not [word for word in hidden if word in link["text"]], link["text"]
    in_article = [link for link in links if ARTICLE in link["href"] and "#p" in link["href"]]
    assert in_article
    for link in in_article:
        pid = link["href"].split("#", 1)[1]
        # The preview is the paragraph's own text (a sentence or two of it), with the hit marked.
        for part in link["preview"].split("…"):
            assert part.strip() in paragraphs[pid], (part, paragraphs[pid])
        assert link["marks"], link


def test_pinyin_hit_marks_the_chinese_word(page, site_url):
    search(page, site_url, "huanjue")
    p75 = [link for link in result_links(page) if ARTICLE in link["href"] and "幻觉" in link["text"]]
    assert p75 and all("幻觉" in link["marks"] for link in p75)


def test_glossary_result_reads_term_pinyin_english_definition(page, site_url):
    search(page, site_url, "shuiyin")
    entry = next(link for link in result_links(page) if link["href"].endswith("glossary/shu/#watermark"))
    assert entry["text"].startswith("水印 shuǐyìn — watermark: A mark embedded in content"), entry["text"]
    assert entry["marks"][0] == "水印"


def test_search_opens_and_takes_a_query_before_its_script_has_loaded(page, site_url):
    """On a slow phone the button works from the first paint: the dialog opens, the query can be
    typed, and the results come when the script arrives; the close button works meanwhile."""
    held = []
    page.route("**/assets/search.js", lambda route: held.append(route))   # held back until the reader has typed
    page.goto(site_url, wait_until="commit")
    page.locator("button.zh-search-open").click()
    assert page.locator("#zh-search").evaluate("d => d.open")
    page.locator("[data-zh-search-close]").click()
    assert not page.locator("#zh-search").evaluate("d => d.open")
    page.locator("button.zh-search-open").click()
    page.locator(QUERY).fill("水印")
    assert page.locator(STATUS).inner_text() == "Loading search…"
    assert page.locator(f"{RESULTS} li").count() == 0
    held[0].continue_()
    wait_for_results(page, "水印")
    assert page.locator(f"{RESULTS} a").first.get_attribute("href").endswith("glossary/shu/#watermark")
    assert page.evaluate("document.activeElement.id") == "zh-search-input"


@pytest.mark.parametrize("save_data", [False, True])
def test_the_index_loads_once_the_page_has_loaded_unless_data_is_spared(page, site_url, save_data):
    """A reader who opens the search a moment after the page finds the index loading already (as
    Material's own search loads its index on every page); not on a connection marked Save-Data."""
    if save_data:
        page.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url, wait_until="load")
    if save_data:
        page.wait_for_timeout(3000)       # past search.js's idle wait (at most 2 s after the load event)
        assert not [url for url in requests if "/pagefind/" in url]
    else:
        page.wait_for_function("performance.getEntriesByType('resource').some(e => e.name.endsWith('/pagefind/pagefind.js'))")
    assert not page.locator("#zh-search").evaluate("d => d.open")
    page.locator("button.zh-search-open").click()
    page.locator(QUERY).fill("水印")
    wait_for_results(page, "水印")
    assert len([url for url in requests if url.endswith("/pagefind/pagefind.js")]) == 1


def test_pasted_and_ime_committed_queries_search_at_once(page, site_url):
    open_search(page, site_url)
    page.keyboard.insert_text("水印")                 # a paste or an IME commit: text, no key pressed
    wait_for_results(page, "水印")
    assert any(link["href"].endswith("#watermark") for link in result_links(page))
    # An IME that commits without a further input event: compositionend alone searches.
    page.locator(QUERY).evaluate("""el => { el.dispatchEvent(new CompositionEvent("compositionstart"));
        el.value = "幻觉"; el.dispatchEvent(new CompositionEvent("compositionend", {data: "幻觉"})); }""")
    wait_for_results(page, "幻觉")
    assert any(link["href"].endswith("#hallucination") for link in result_links(page))


def test_keyboard_and_screen_reader(page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")                          # opens the dialog, focus in the field
    field = page.locator(QUERY)
    field.wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "zh-search-input"
    assert page.locator("#zh-search-label").inner_text().strip()
    assert page.locator(STATUS).get_attribute("role") == "status"
    page.keyboard.type("watermark")
    wait_for_results(page, "watermark")
    assert page.locator(STATUS).inner_text().startswith(f"{len(result_links(page))} result") or \
        "results for" in page.locator(STATUS).inner_text()
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first == result_links(page)[0]["href"]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == result_links(page)[1]["href"]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "zh-search-input"
    page.keyboard.press("Escape")
    assert not page.locator("#zh-search").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('zh-search-open')")


def test_more_results_loads_one_batch_and_focus_follows_only_the_reader(page, site_url):
    search(page, site_url, "模型")                      # more than one batch of results
    items = page.locator(f"{RESULTS} > li")
    first_batch = items.count()
    page.evaluate("""() => { const more = document.querySelector("[data-zh-search-more]");
                             more.focus(); more.click(); more.click(); }""")     # twice: one batch
    page.wait_for_function("n => document.querySelectorAll('#zh-search-results > li').length > n", arg=first_batch)
    page.wait_for_timeout(300)
    assert items.count() <= 2 * first_batch
    added = items.nth(first_batch).locator("a").first.get_attribute("href")
    assert page.evaluate("document.activeElement.getAttribute('href')") == added     # read on from there
    # The reader moves back to the field before the next batch lands: focus stays there.
    count = items.count()
    page.evaluate("""() => { document.querySelector("[data-zh-search-more]").click();
                             document.querySelector("#zh-search-input").focus(); }""")
    page.wait_for_function("n => document.querySelectorAll('#zh-search-results > li').length > n", arg=count)
    assert page.evaluate("document.activeElement.id") == "zh-search-input"


def test_search_asks_only_this_site(page, site_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    search(page, site_url, "大模型训练")
    assert any("/pagefind/" in url for url in requests)
    assert not [url for url in requests if not url.startswith(site_url) and not url.startswith(("data:", "blob:"))]


def test_a_query_fetches_only_the_words_of_its_own_characters(page, site_url, site):
    """A phone searching 大模型训练 downloads the word files of 大, 模, 型, 训, 练 (a few kilobytes),
    not every word of every article; spaced pinyin brings the glossary's pinyin list."""
    from zhreader.search_records import SHARDS, WORDS
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    search(page, site_url, "大模型训练")
    fetched = {url.removeprefix(site_url + WORDS + "/") for url in requests if "/" + WORDS + "/" in url}
    assert fetched == {f"{ord(c) % SHARDS}.json" for c in "大模型训练"}
    assert sum((site / WORDS / name).stat().st_size for name in fetched) < 0.2 * sum(
        p.stat().st_size for p in (site / WORDS).iterdir())
    assert first_result(page, site_url, "大模型训练")          # cut into 大模型 训练: found
    requests.clear()
    search(page, site_url, "da moxing")
    assert [url for url in requests if url.endswith(WORDS + "/pinyin.json")]


def test_index_only_text_never_reaches_the_page(page, site_url):
    page.goto(site_url + ARTICLE)
    assert page.locator("[data-zh-index]").count() == 0
    assert "shuiyin" not in page.locator("article").inner_text()
    page.goto(site_url + "glossary/sh/")            # the letter page holding 深度伪造 shēndù wěizào in full
    assert page.locator("[data-zh-index]").count() == 0
    assert "shendu weizao" not in page.content()


def test_an_article_is_one_result_its_paragraphs_under_its_title(page, site_url, paragraphs):
    # 模型 is in many of the article's paragraphs: one result for the article, headed by its
    # title, a link to it since the title holds 大模型.
    search(page, site_url, "模型")
    article = page.locator(f"{RESULTS} > li.zh-search__item--article")
    while not article.count() and more_results(page):       # after the glossary's 模型 terms
        pass
    assert article.count() == 1
    heading = article.locator(".zh-search__link, .zh-search__heading").first
    assert heading.inner_text().endswith("周鸿祎谈OpenAI大模型Sora")
    assert heading.get_attribute("href").endswith(ARTICLE + "#title")     # the title has 大模型
    assert "模型" in heading.locator("mark").all_inner_texts()
    shown = article.locator(".zh-search__parts a")
    assert shown.count() == 3                                              # the best three first
    more = article.locator(".zh-search__parts-more")
    expected = sum(1 for text in paragraphs.values() if "模型" in text)
    assert more.inner_text() == f"{expected - 3} more paragraphs in this article"
    more.focus()
    page.keyboard.press("Enter")                                            # a button: keyboard works
    assert shown.count() == expected and not more.count()
    # Focus moves to the first paragraph it added, so the reader goes on from there.
    assert page.evaluate("document.activeElement.getAttribute('href')") == shown.nth(3).get_attribute("href")


def test_a_word_only_in_the_text_heads_the_article_with_its_plain_title(page, site_url):
    # 水印 is not in the title: the title heads the result as text, its paragraphs are the links.
    search(page, site_url, "水印")
    article = page.locator(f"{RESULTS} > li.zh-search__item--article")
    # Right after the entry named 水印: the article's paragraphs use it, other entries name it in passing.
    assert page.locator(f"{RESULTS} > li").nth(1).get_attribute("class") == article.get_attribute("class")
    assert article.locator(".zh-search__heading").inner_text().endswith("周鸿祎谈OpenAI大模型Sora")
    assert article.locator("a").first.get_attribute("href").split("#")[1].startswith("p")
