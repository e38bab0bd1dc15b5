"""The glossary at thousands of entries: a light index (a line per entry, A–Z jump list, category
filter, downloads) and a page per letter with the entries in full; no giant TOC."""

from __future__ import annotations

import csv
import gzip
import html as htmllib
import io
import json
import re
import unicodedata

import pytest
import yaml

from conftest import ROOT

GLOSSARY = "glossary/"
LETTER_GZIP_BUDGET = 100_000   # bytes, gzip: a letter page's most (a phone loads a page whole)
INDEX_LINE = 160           # bytes per entry on the index, which lists them all (in the service worker's shell)
PAGE_CHROME = 40_000       # bytes of the index that are not entry lines


def _page(site) -> str:
    return (site / "glossary" / "index.html").read_text(encoding="utf-8")


def _source() -> list[dict]:
    return yaml.safe_load((ROOT / "glossary.yaml").read_text(encoding="utf-8"))


def _letter_pages(site) -> dict[str, str]:
    """Letter page name (a, b, 0-9 …) → its HTML."""
    return {path.parent.name: path.read_text(encoding="utf-8") for path in sorted((site / "glossary").glob("*/index.html"))}


def _entries_in_page_order(html: str) -> list[tuple[str, str, str]]:
    """(id, category, letter) of each full entry, as a letter page lists them."""
    return re.findall(r'<div class="entry" data-term="([^"]+)" data-category="([^"]+)" data-letter="([^"]+)">', html)


LINE = re.compile(r'<li id="([^"]+)"><a href="([^"]+)" lang="zh">([^<]*)</a>(.*?) · <small>([^<]+)</small></li>')


def _lines(html: str) -> list[tuple[str, str, str, str, str]]:
    """(id, href, term, "pinyin · English" part, category) of each line of the index, in order."""
    return LINE.findall(html)


def _groups(html: str) -> list[tuple[str, str, str, str]]:
    """(group id, letter, letter page link, body) of each letter's group on the index."""
    return re.findall(r'<div class="gloss-group" id="([^"]+)" data-letter="([^"]+)" data-search-exclude>\n'
                      r'<h2>[^<]+</h2>\n<p class="gloss-full"><a href="([^"]+)">.*?</a></p>\n(.*?)</div>', html, re.S)


def _plain(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFD", text.lower()))


def _initial(plain: str) -> str:
    """The index letter of a plain spelling: pinyin's ch, sh, zh, else its first letter or digit."""
    return plain[:2] if plain[:2] in ("ch", "sh", "zh") else plain[:1]


def _page_letter(plain: str) -> str:
    """The letter of the page an entry is on: its index letter, but du-, gu-, shu-, yu-, zho- and zhu-
    spellings (the last stretch of their letters) have a page of their own."""
    return next((p for p in ("du", "gu", "shu", "yu", "zho", "zhu") if plain.startswith(p)), None) or _initial(plain)


def test_index_lists_every_entry_on_one_line_linking_its_full_entry(site):
    html = _page(site)
    lines = _lines(html)
    source = {e["id"]: e for e in _source()}
    assert len(lines) == len(source) == html.count("<li id=")
    # A–Z by pinyin, tones and spaces aside (a Latin term by its spelling); pinyin's initials
    # ch, sh, zh as letters of their own, after c, s, z (cù, then chá).
    plain = [_plain(source[i].get("pinyin") or source[i]["term"]) for i, *_ in lines]
    assert plain == sorted(plain, key=lambda p: (_initial(p), p))
    ids = [line[0] for line in lines]
    assert ids.index("openai") < ids.index("nvidia")            # OpenAI under O, 英伟达 Yīngwěidá under Y
    letters = _letter_pages(site)
    for entry_id, href, term, rest, category in lines:
        entry = source[entry_id]
        assert htmllib.unescape(term) == entry["term"] and category == entry["category"]
        assert htmllib.unescape(rest) == "".join([f" {entry['pinyin']}" if entry.get("pinyin") else "",
                                                  f" · {entry['en']}" if entry["en"] != entry["term"] else ""])
        # The line links the full entry, on its letter's page.
        page, anchor = re.fullmatch(r"([a-z0-9-]+)/#([a-z0-9-]+)", href).groups()
        assert anchor == entry_id and f'<h2 id="{entry_id}"' in letters[page], entry_id
    line = next(line for line in lines if line[0] == "watermark")
    assert line[1:4] == ("shu/#watermark", "水印", " shuǐyìn · watermark")   # shu has a page of its own


def test_each_letter_page_holds_exactly_that_letters_entries(site):
    lines = _lines(_page(site))
    groups = _groups(_page(site))
    letters = _letter_pages(site)
    seen = []
    for group_id, letter, href, body in groups:
        name = href.rstrip("/")
        html = letters[name]
        entries = _entries_in_page_order(html)
        # The page holds the entries of its letter, in the index's order, and no other.
        assert [e[0] for e in entries] == re.findall(r'<li id="([^"]+)">', body), name
        assert {htmllib.unescape(e[2]) for e in entries} == {htmllib.unescape(letter)}, name
        assert f'<h1 id="title">Glossary: {letter}<' in html and html.count("<h1") == 1
        # Its jump list: every other letter's page, its own letter marked; the lead links the index.
        nav = re.search(r'<nav class="gloss-az" aria-label="[^"]+">(.*?)</nav>', html, re.S).group(1)
        assert re.findall(r'<a href="\.\./([^"]+)/">', nav) == [g[2].rstrip("/") for g in groups if g[2] != href]
        assert f'<span aria-current="page">{letter}</span>' in nav
        assert '<a href="../">All ' in re.search(r'<p class="lead">(.*?)</p>', html, re.S).group(1)
        seen += [e[0] for e in entries]
    assert seen == [line[0] for line in lines]                  # every entry on exactly one letter page
    assert sorted(letters) == sorted(g[2].rstrip("/") for g in groups)
    assert {"a", "s", "sh", "z", "zh", "c", "ch", "0-9"} <= set(letters)


def test_jump_list_links_each_letter_to_its_group_in_pinyin_order(site):
    html = _page(site)
    nav = re.search(r'<nav class="gloss-az" aria-label="[^"]+">(.*?)</nav>', html, re.S).group(1)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav)
    groups = _groups(html)
    assert links == [(group_id, letter) for group_id, letter, _, _ in groups]
    order = [htmllib.unescape(letter) for _, letter in links]
    assert order[0] == "0–9" and order[1:6] == ["A", "B", "C", "Ch", "D"]
    source = {e["id"]: e for e in _source()}
    for _, letter, _, body in groups:              # a group holds the entries filed under its letter
        for entry_id in re.findall(r'<li id="([^"]+)">', body):
            first = _page_letter(_plain(source[entry_id].get("pinyin") or source[entry_id]["term"]))
            assert first.capitalize() == letter or (first.isdigit() and htmllib.unescape(letter) == "0–9")


def test_the_index_stays_light_and_no_letter_page_is_heavy(site):
    """The index is one short line per entry (2,566 entries: 409 KB; the single page was 2 MB at 1,800),
    and no letter page makes a phone download more than 100 KB (gzip, as a host sends it; at 3,976
    entries S alone was 101 KB, so pinyin's initials sh, zh, ch have pages of their own)."""
    assert len(_page(site).encode("utf-8")) < PAGE_CHROME + INDEX_LINE * len(_source())
    sizes = {name: len(gzip.compress(html.encode("utf-8"), 6)) for name, html in _letter_pages(site).items()}
    assert max(sizes.values()) < LETTER_GZIP_BUDGET, sizes


def test_pages_have_no_table_of_contents_and_the_filter_waits_for_javascript(site):
    html = _page(site)
    # Thousands of lines and hundreds of headings: Material would write a TOC link per heading twice.
    assert 'class="md-nav__link" href="#' not in html
    letter = _letter_pages(site)["s"]
    assert 'class="md-nav__link" href="#' not in letter and len(re.findall(r"<h2 id=", letter)) > 100
    assert html.count("<h1") == 1
    filter_row = re.search(r'<div class="gloss-filter" role="group" aria-label="[^"]+" hidden>(.*?)</div>', html, re.S).group(1)
    buttons = re.findall(r'<button type="button" data-category="([^"]*)" aria-pressed="(true|false)">([^<]+)<span class="n">(\d+)</span>', filter_row)
    lines = _lines(html)
    assert buttons[0][:2] == ("", "true") and int(buttons[0][3]) == len(lines)
    for category, _, label, count in buttons[1:]:
        assert label.strip() == category and int(count) == sum(1 for line in lines if line[4] == category) > 0
    assert {"policy", "business"} <= {b[0] for b in buttons}
    assert re.search(r"<script[^>]* src=\"../assets/glossary.js\"", html)


def test_downloads_beside_the_index_are_linked_from_the_lead(site):
    html = _page(site)
    lead = re.search(r'<p class="lead">(.*?)</p>', html, re.S).group(1)
    assert 'href="glossary.json"' in lead and 'href="glossary.csv"' in lead
    ids = [line[0] for line in _lines(html)]
    records = json.loads((site / "glossary" / "glossary.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == ids                     # same entries, same order as the page
    watermark = next(r for r in records if r["id"] == "watermark")
    assert watermark["term"] == "水印" and watermark["en"] and watermark["definition"]
    data = (site / "glossary" / "glossary.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:4] == ["id", "term", "pinyin", "en"] and [r[0] for r in rows[1:]] == ids


def test_article_links_lead_to_entries_on_their_letter_pages(site):
    """A word's link, the "terms in this text" list and the quotes page name the entry's letter page."""
    letters = _letter_pages(site)
    article = (site / "articles" / "zhou-hongyi-sora" / "index.html").read_text(encoding="utf-8")
    words = re.findall(r'<a class="w t" href="([^"]+)"', article)
    terms = re.findall(r'<a href="([^"]+)"><span lang="zh">', re.search(r'<p class="terms-present">.*?</p>', article, re.S).group(0))
    quotes = (site / "quotes" / "index.html").read_text(encoding="utf-8")
    quoted = re.findall(r'<a class="w t" href="([^"]+)"', quotes)
    assert len(words) > 100 and terms and quoted
    for href, prefix in [*((h, "../../glossary/") for h in words + terms), *((h, "../glossary/") for h in quoted)]:
        page, anchor = re.fullmatch(re.escape(prefix) + r"([a-z0-9-]+)/#([a-z0-9-]+)", href).groups()
        assert f'<h2 id="{anchor}"' in letters[page], href
    assert "../../glossary/r/#artificial-intelligence" in words       # 人工智能 réngōng zhìnéng under R


# -- in the browser -------------------------------------------------------------------

@pytest.mark.browser
def test_category_button_shows_only_that_category_and_letters_follow(page, site_url):
    page.goto(site_url + GLOSSARY)
    lines = page.locator(".gloss-index > li")
    total = lines.count()
    button = page.locator(".gloss-filter button", has_text="policy")
    expected = int(button.locator(".n").inner_text())
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator(".gloss-filter button[aria-pressed=true]").count() == 1
    shown = page.locator(".gloss-index > li:visible")
    assert shown.count() == expected < total
    assert set(shown.evaluate_all("els => els.map(e => e.querySelector('small').textContent)")) == {"policy"}
    groups = page.locator(".gloss-group:visible")        # a letter without policy entries goes, heading and all
    assert 0 < groups.count() < page.locator(".gloss-group").count()
    assert page.locator("h2:visible").count() == groups.count()
    assert f"{expected} policy" in page.locator(".gloss-status").inner_text()
    # Each letter still offered leads to its group, which shows policy entries; the others are off.
    letters = page.locator(".gloss-az a[href]")
    assert letters.count() == groups.count() < page.locator(".gloss-az a").count()
    link = letters.nth(1)
    target = link.get_attribute("href").split("#")[1]
    assert page.locator(f"#{target} .gloss-index > li:visible").count() > 0
    link.click()
    page.wait_for_url(f"**/glossary/#{target}")
    assert _scrolled_to(page, f"#{target} h2")
    page.locator(".gloss-filter button", has_text="all").click()
    assert page.locator(".gloss-index > li:visible").count() == total
    assert page.locator(".gloss-status").inner_text() == ""


@pytest.mark.browser
def test_letter_link_jumps_to_that_letters_group(page, site_url):
    page.goto(site_url + GLOSSARY)
    link = page.get_by_role("link", name="Y", exact=True).and_(page.locator(".gloss-az a"))
    target = link.get_attribute("href").split("#")[1]
    assert page.locator(f"#{target}").get_attribute("data-letter") == "Y"
    assert not _in_viewport(page, f"#{target} h2")
    link.click()
    page.wait_for_url(f"**/glossary/#{target}")
    assert _scrolled_to(page, f"#{target} h2")


@pytest.mark.browser
def test_old_link_to_an_entry_lands_on_its_line_in_the_index(chromium, site_url):
    """/glossary/#watermark, as the single glossary page was linked: its line, without JavaScript too."""
    for script in (False, True):
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=script)
        page = context.new_page()
        page.goto(site_url + GLOSSARY + "#watermark")
        line = page.locator("li#watermark")
        assert "水印" in line.inner_text() and "watermark" in line.inner_text()
        assert _scrolled_to(page, "li#watermark") if script else _in_viewport(page, "li#watermark")
        with page.expect_navigation():
            line.locator("a").click()           # and its link opens the full entry
        assert page.url.endswith("/glossary/shu/#watermark")
        assert _in_viewport(page, "h2#watermark")
        context.close()


@pytest.mark.browser
def test_a_link_to_an_entry_that_moved_letter_pages_reaches_it(page, site_url):
    # 水印 shuǐyìn was on S until sh had a page of its own, then on sh until shu had: both old links work.
    for old in ("glossary/s/#watermark", "glossary/sh/#watermark"):
        page.goto(site_url + old)
        page.wait_for_url(f"**/{GLOSSARY}#watermark")
        line = page.locator("li#watermark")
        assert "水印" in line.inner_text()
        with page.expect_navigation():
            line.locator("a").click()
        assert page.url.endswith("/glossary/shu/#watermark") and _in_viewport(page, "h2#watermark")
    page.goto(site_url + "glossary/s/#suanli-unknown")     # no such entry anywhere: the index, no loop
    page.wait_for_url(f"**/{GLOSSARY}#suanli-unknown")
    page.goto(site_url + "glossary/s/")                     # a letter's own page stays put
    assert page.url.endswith("/glossary/s/")


@pytest.mark.browser
def test_a_words_glossary_link_opens_its_letter_page_at_the_entry(page, site_url):
    page.goto(site_url + "articles/zhou-hongyi-sora/")
    page.locator("#p1 a.w.t:text-is('人工智能')").first.click()
    link = page.locator("#zh-pop a.zh-pop-link")
    link.wait_for(state="visible")
    link.click()
    page.wait_for_url("**/glossary/r/#artificial-intelligence")
    assert page.locator("h1").inner_text().startswith("Glossary: R")
    assert _scrolled_to(page, "h2#artificial-intelligence")
    assert "artificial intelligence" in page.locator(".entry[data-term='artificial-intelligence']").inner_text()


@pytest.mark.browser
def test_link_to_an_entry_the_filter_hides_shows_everything_again(page, site_url):
    page.goto(site_url + GLOSSARY)
    page.locator(".gloss-filter button", has_text="hardware").click()
    assert page.locator("li#watermark").is_hidden()
    page.evaluate("location.hash = '#watermark'")
    page.locator("li#watermark").wait_for(state="visible")
    assert page.locator(".gloss-filter button[data-category='']").get_attribute("aria-pressed") == "true"


@pytest.mark.browser
def test_axe_finds_no_violations_on_the_index_with_a_category_shown_and_on_a_letter_page(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + GLOSSARY)
    page.locator(".gloss-filter button", has_text="person").click()
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    page.goto(site_url + GLOSSARY + "0-9/")
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def _in_viewport(page, selector) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"]


def _scrolled_to(page, selector) -> bool:
    """The element lands at the top of the window, under the header (the jump may be smooth, and
    land a moment after the URL changes)."""
    page.wait_for_function("""(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                                         const settled = window.__lastTop === r.top; window.__lastTop = r.top;
                                         return settled && r.height > 0 && r.top >= 0 && r.top < 200; }""",
                           arg=selector, polling=200)
    return _in_viewport(page, selector)


def test_a_name_linked_only_with_its_version_says_so_on_its_entry(site):
    """{form: 星火, with_version: true} is listed with the forms the entry is written in, and says when it links."""
    x = _letter_pages(site)["x"]
    entry = x[x.index('<h2 id="iflytek-spark">'):]
    entry = entry[:entry.index("</dl>")]
    assert re.search(r'<span class="alias" lang="zh">星火</span> \(only with a version\)', entry)
