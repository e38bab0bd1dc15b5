"""The glossary page at hundreds of entries: A–Z jump list, category filter, downloads, no giant TOC."""

from __future__ import annotations

import csv
import html as htmllib
import io
import json
import re
import unicodedata

import pytest
import yaml

from conftest import ROOT

GLOSSARY = "glossary/"


def _page(site) -> str:
    return (site / "glossary" / "index.html").read_text(encoding="utf-8")


def _entries_in_page_order(html: str) -> list[tuple[str, str, str]]:
    """(id, category, letter) of each entry, as the page lists them."""
    return re.findall(r'<div class="entry" data-term="([^"]+)" data-category="([^"]+)" data-letter="([^"]+)">', html)


def test_jump_list_links_each_letter_to_its_first_entry_in_pinyin_order(site):
    html = _page(site)
    nav = re.search(r'<nav class="gloss-az" aria-label="[^"]+">(.*?)</nav>', html, re.S).group(1)
    letters = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav)
    entries = _entries_in_page_order(html)
    assert len(entries) == len(yaml.safe_load((ROOT / "glossary.yaml").read_text(encoding="utf-8")))
    # Entries run letter by letter, in the jump list's order, and each link leads to its letter's first entry.
    order = [letter for _, letter in letters]
    page_letters = [letter for _, _, letter in entries]
    assert [htmllib.unescape(x) for x in order] == sorted(set(page_letters), key=page_letters.index)
    assert order[1:5] == ["A", "B", "C", "D"] and order[0] == "0–9"
    first = {}
    for entry_id, _, letter in entries:
        first.setdefault(letter, entry_id)
    assert [(entry_id, letter) for entry_id, letter in letters] == [(first[x], x) for x in order]
    for entry_id, _ in letters:
        assert f'<h2 id="{entry_id}"' in html
    # The page reads in pinyin order, tones and spaces aside (a Latin term by its spelling).
    source = {e["id"]: e for e in yaml.safe_load((ROOT / "glossary.yaml").read_text(encoding="utf-8"))}
    plain = [re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFD", (source[i].get("pinyin") or source[i]["term"]).lower()))
             for i, _, _ in entries]
    assert plain == sorted(plain)
    ids = [e[0] for e in entries]
    assert ids.index("openai") < ids.index("nvidia")            # OpenAI under O, 英伟达 Yīngwěidá under Y


def test_page_has_no_table_of_contents_and_the_filter_waits_for_javascript(site):
    html = _page(site)
    # Hundreds of headings: Material would write a TOC link per entry twice (sidebar and mobile menu).
    assert 'class="md-nav__link" href="#' not in html
    assert len(re.findall(r"<h2 id=", html)) > 500
    filter_row = re.search(r'<div class="gloss-filter" role="group" aria-label="[^"]+" hidden>(.*?)</div>', html, re.S).group(1)
    buttons = re.findall(r'<button type="button" data-category="([^"]*)" aria-pressed="(true|false)">([^<]+)<span class="n">(\d+)</span>', filter_row)
    entries = _entries_in_page_order(html)
    assert buttons[0][:2] == ("", "true") and int(buttons[0][3]) == len(entries)
    for category, _, label, count in buttons[1:]:
        assert label.strip() == category and int(count) == sum(1 for e in entries if e[1] == category) > 0
    assert {"policy", "business"} <= {b[0] for b in buttons}
    assert re.search(r"<script[^>]* src=\"../assets/glossary.js\"", html)


def test_downloads_beside_the_page_are_linked_from_the_lead(site):
    html = _page(site)
    lead = re.search(r'<p class="lead">(.*?)</p>', html, re.S).group(1)
    assert 'href="glossary.json"' in lead and 'href="glossary.csv"' in lead
    ids = [e[0] for e in _entries_in_page_order(html)]
    records = json.loads((site / "glossary" / "glossary.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == ids                     # same entries, same order as the page
    watermark = next(r for r in records if r["id"] == "watermark")
    assert watermark["term"] == "水印" and watermark["en"] and watermark["definition"]
    data = (site / "glossary" / "glossary.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:4] == ["id", "term", "pinyin", "en"] and [r[0] for r in rows[1:]] == ids


# -- in the browser -------------------------------------------------------------------

@pytest.mark.browser
def test_category_button_shows_only_that_category_and_letters_follow(page, site_url):
    page.goto(site_url + GLOSSARY)
    total = page.locator(".entry").count()
    button = page.locator(".gloss-filter button", has_text="policy")
    expected = int(button.locator(".n").inner_text())
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator(".gloss-filter button[aria-pressed=true]").count() == 1
    shown = page.locator(".entry:visible")
    assert shown.count() == expected < total
    assert set(shown.evaluate_all("els => els.map(e => e.dataset.category)")) == {"policy"}
    assert page.locator("h2[id]:visible").count() == expected        # headings go with their entries
    assert f"{expected} policy" in page.locator(".gloss-status").inner_text()
    # Each letter still offered leads to the first policy entry of that letter; the others are off.
    letters = page.locator(".gloss-az a[href]")
    assert 0 < letters.count() < page.locator(".gloss-az a").count()
    link = letters.nth(1)
    target = link.get_attribute("href").split("#")[1]
    assert page.locator(f".entry[data-term='{target}']").get_attribute("data-category") == "policy"
    link.click()
    page.wait_for_url(f"**/glossary/#{target}")
    assert _scrolled_to(page, f"h2#{target}")
    page.locator(".gloss-filter button", has_text="all").click()
    assert page.locator(".entry:visible").count() == total
    assert page.locator(".gloss-status").inner_text() == ""


@pytest.mark.browser
def test_letter_link_jumps_to_the_first_entry_of_that_letter(page, site_url):
    page.goto(site_url + GLOSSARY)
    link = page.locator(".gloss-az a", has_text="Y")
    target = link.get_attribute("href").split("#")[1]
    assert page.locator(f".entry[data-term='{target}']").get_attribute("data-letter") == "Y"
    assert not _in_viewport(page, f"h2#{target}")
    link.click()
    page.wait_for_url(f"**/glossary/#{target}")
    assert _scrolled_to(page, f"h2#{target}")


@pytest.mark.browser
def test_link_to_an_entry_the_filter_hides_shows_everything_again(page, site_url):
    page.goto(site_url + GLOSSARY)
    page.locator(".gloss-filter button", has_text="hardware").click()
    assert page.locator("h2#watermark").is_hidden()
    page.evaluate("location.hash = '#watermark'")
    page.locator("h2#watermark").wait_for(state="visible")
    assert page.locator(".gloss-filter button[data-category='']").get_attribute("aria-pressed") == "true"


@pytest.mark.browser
def test_axe_finds_no_violations_with_a_category_shown(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + GLOSSARY)
    page.locator(".gloss-filter button", has_text="person").click()
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
