"""Injection: HTML, script and Markdown in every field an author controls show up as text.

A fixture site is built (in a temporary folder) whose glossary, article text,
title, translation, notes, quotes and metadata all carry payloads.  Chromium
opens every page and popup; no dialog may appear, no payload may become an
element or an attribute, and each payload must be readable as text.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import FIXTURE, ROOT, run_mkdocs_build, serve

pytestmark = pytest.mark.browser

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
SVG = '"><svg onload=alert(1)>'
LINK = "[click](javascript:alert(1))"
MD = "*star* _under_ `tick` {: onclick=alert(1) } #"
PAYLOADS = [IMG, SCRIPT, SVG, LINK, MD]
# Harmless inside <title> unless something turns the escaped title back into markup (Material's
# `striptags` does, for a title taken from the heading): this one closes <title> first.
TITLE_BREAK = "</title><script>alert(1)</script>"
TITLE = f"标题{IMG}{LINK}{TITLE_BREAK}"

ZH = f"""{TITLE}

大模型的未来{IMG}很长。{SVG}行业。

深度伪造{SCRIPT}是双刃剑。{MD}

X{IMG}Y是一个术语。

@周鸿祎 =1+1 是一个公式吗？
"""

FILES = {
    "texts/xss/zh.txt": ZH,
    "texts/xss/en.yaml": {"title": f"Title {SVG} {LINK} {MD}",
                          "paragraphs": {"p1": f"One {IMG} {SCRIPT}", "p2": f"Two {SVG} {LINK}", "p3": f"Three {MD}",
                                         "p4": "@mention =1+1"}},
    "texts/xss/notes.yaml": [{"paragraph": "p1", "anchor": SVG, "type": "language", "text": f"Note {IMG} {SCRIPT} {LINK}"},
                             {"paragraph": "p2", "anchor": SCRIPT, "type": "context", "text": f"Note {SVG} {MD}"}],
    "texts/xss/quotes.yaml": [{"id": "payload", "zh": f"大模型的未来{IMG}很长。", "en": f"Quote {SCRIPT}",
                               "speaker": SVG, "date": "2024-02", "occasion": LINK, "why": f"{MD} {SCRIPT}"}],
    "texts/xss/meta.yaml": {"title_en": f"Meta {IMG}", "speaker": SVG, "date": SCRIPT, "source": f"{LINK} {IMG}",
                            "source_url": "https://example.com/?a='onmouseover='alert(1)", "credit": f"{MD} {SVG}"},
}

GLOSSARY_EXTRA = [{
    "id": "payload", "term": f"X{IMG}Y", "aliases": [f"Z{SCRIPT}"], "en": f"payload {SVG}",
    "alternatives": [LINK, IMG], "category": "security", "definition": f"Definition {IMG} {LINK} {MD}",
    "note": f"Note {SCRIPT} {SVG}",
}]

NO_PAYLOAD_ELEMENTS = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) bad.push(el.tagName + '[' + attr.name + ']');
      if (/^\\s*javascript:/i.test(attr.value)) bad.push(el.tagName + '[' + attr.name + '=' + attr.value + ']');
    }
  }
  for (const el of document.querySelectorAll('img[src="x"], svg:not([viewBox])')) bad.push(el.outerHTML);
  for (const s of document.scripts) {
    if (s.type !== 'application/json' && s.textContent.includes('alert(1)')) bad.push('script: ' + s.textContent.slice(0, 80));
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def payload_site_dir(tmp_path_factory):
    # The real site's configuration, pages and reader, with the fixture's texts and payloads.
    root = tmp_path_factory.mktemp("payload")
    src = root / "src"
    shutil.copytree(FIXTURE, src)
    for folder in ("docs", "overrides"):
        shutil.rmtree(src / folder, ignore_errors=True)
        shutil.copytree(ROOT / folder, src / folder)
    config = src / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - scripts/hook.py\n" in text
    config.write_text(text.replace("\n  - scripts/hook.py\n", f"\n  - {ROOT / 'scripts' / 'hook.py'}\n"), encoding="utf-8")
    glossary = yaml.safe_load((src / "glossary.yaml").read_text(encoding="utf-8"))
    glossary[0]["en"] = f"large model {IMG}"
    glossary[0]["note"] = f"{LINK} {SCRIPT}"
    (src / "glossary.yaml").write_text(yaml.safe_dump(glossary + GLOSSARY_EXTRA, allow_unicode=True), encoding="utf-8")
    for name, content in FILES.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
    result = run_mkdocs_build(config, root / "site")
    assert result.returncode == 0, result.stderr
    # The offline bundle of the same sources (what scripts/build_site.py zips), opened from file://.
    result = run_mkdocs_build(config, root / "offline", env={"OFFLINE": "true"})
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def payload_site(payload_site_dir):
    server, url = serve(payload_site_dir)
    yield url
    server.shutdown()


PAGES = {
    "": [IMG, LINK, SVG],                           # home: article list with titles, speaker
    "library/": [IMG, LINK, SVG],                   # all articles: the same list, filters by speaker
    "articles/xss/": PAYLOADS,
    "glossary/": [IMG, SVG],                        # the index: a line per entry (term, pinyin, English)
    "glossary/x/": PAYLOADS,                        # X<img …>Y in full: every field
    "glossary/d/": [IMG, SCRIPT, LINK],             # 大模型 dà móxíng: its English and note
    "quotes/": [IMG, SCRIPT, SVG, LINK, MD],
}


@pytest.mark.parametrize("path", PAGES)
def test_payloads_are_text_on_every_page_and_popup(page, payload_site, path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(payload_site + path)
    page.wait_for_load_state("networkidle")
    words = page.locator(".reader .w")
    for i in range(min(words.count(), 40)):
        words.nth(i).click()
        page.locator("#zh-pop").wait_for(state="visible")
        assert page.evaluate(NO_PAYLOAD_ELEMENTS) == []
        page.keyboard.press("Escape")
    assert dialogs == []
    assert page.evaluate(NO_PAYLOAD_ELEMENTS) == []
    text = page.evaluate("document.body.innerText")
    for payload in PAGES[path]:
        assert payload in text, payload
    if path == "articles/xss/":   # the title goes through a Markdown heading: still verbatim
        _title_is_text_everywhere(page)


def _title_is_text_everywhere(page):
    """The article title, a payload, as text: tab title, heading, header; not in the navigation (no article is)."""
    assert page.title() == f"{TITLE} - 中文 AI Reader"
    assert page.locator("h1").inner_text().rstrip("¶") == TITLE
    assert page.locator("h1").get_attribute("id") == "title"
    assert TITLE in page.locator(".md-header__topic").last.inner_text()
    assert page.locator(".md-nav__link", has_text="标题").count() == 0


def test_the_offline_bundle_shows_the_title_as_text(page, payload_site_dir):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((payload_site_dir.parent / "offline" / "articles" / "xss.html").as_uri())
    page.wait_for_load_state("load")
    _title_is_text_everywhere(page)
    assert page.evaluate(NO_PAYLOAD_ELEMENTS) == []
    assert dialogs == []


def test_payload_popup_shows_the_glossary_definition_as_text(page, payload_site):
    page.goto(payload_site + "articles/xss/")
    page.locator(".reader a.w.t", has_text="onerror").first.click()
    popup = page.locator("#zh-pop")
    popup.wait_for(state="visible")
    assert f"Definition {IMG} {LINK} {MD}" in popup.inner_text()
    assert page.evaluate(NO_PAYLOAD_ELEMENTS) == []


@pytest.mark.parametrize("query", ["onerror", "标题"])
def test_search_results_show_payloads_as_text(page, payload_site, query):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(payload_site + "glossary/")
    page.locator("button.zh-search-open").click()       # the search dialog (docs/assets/search.js)
    page.locator("#zh-search-input").fill(query)
    # The first search loads the index (its WebAssembly and chunks): on a busy machine, past the 10 s default.
    page.locator("#zh-search-results a").first.wait_for(state="visible", timeout=30_000)
    page.wait_for_function("document.querySelector('#zh-search-results').getAttribute('aria-busy') === 'false'")
    assert dialogs == []
    assert page.evaluate(NO_PAYLOAD_ELEMENTS) == []
    if query == "标题":   # the article's result carries its title, as text
        titles = page.locator("#zh-search-results a").all_inner_texts()
        assert any(TITLE_BREAK in t for t in titles), titles


def test_vocabulary_csv_cells_never_start_a_formula(payload_site_dir):
    import csv
    import io

    text = (payload_site_dir / "articles" / "xss" / "vocabulary.csv").read_text(encoding="utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert any(cell.startswith("'@周鸿祎") for cell in cells)            # a Weibo mention opens a sentence
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_payloads_leave_the_html_valid(payload_site_dir):
    from test_quality_gates import MATERIAL_KNOWN, nu_check

    errors = [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in nu_check(payload_site_dir)
              if m["type"] == "error" and not any(m["message"].startswith(k[0]) and k[1] in m.get("extract", "") for k in MATERIAL_KNOWN)]
    assert errors == []


def test_anki_deck_fields_carry_payloads_as_escaped_text(payload_site_dir, tmp_path):
    import sqlite3
    import zipfile

    with zipfile.ZipFile(payload_site_dir / "articles" / "xss" / "vocabulary.apkg") as deck:
        deck.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        fields = "\x1f".join(row[0] for row in db.execute("SELECT flds FROM notes"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in fields   # Anki renders fields as HTML
    assert "<img" not in fields and "<script" not in fields and "<svg" not in fields
