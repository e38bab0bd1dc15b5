"""``mkdocs serve``: an edit is served at once, and search finds it shortly after (issue 14).

Pagefind indexes every record again for any edit, so under ``mkdocs serve`` a rebuild serves its
pages with the last index and writes the new one in the background (zhreader/live_search.py); the
search dialog loads the new index when the site's has changed (docs/assets/search.js).
"""

from __future__ import annotations

import shutil
import socket
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from zhreader.serve_process import mkdocs_serve

ROOT = Path(__file__).resolve().parent.parent
WORD = "Quokkafax"          # in no text or glossary entry


def _get(url: str) -> tuple[int, bytes]:
    try:    # the server answers once a build under way is done
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except OSError:
        return 0, b""


def _wait(condition, timeout: float, what: str):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s: {what}")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """``mkdocs serve`` of a copy of the site's texts."""
    work = tmp_path_factory.mktemp("serve")
    for name in ("overrides", "scripts"):
        (work / name).symlink_to(ROOT / name)
    for name in ("mkdocs.yml", "glossary.yaml"):        # copies: only this test's edit rebuilds the site
        shutil.copy(ROOT / name, work / name)
    for name in ("docs", "texts"):
        shutil.copytree(ROOT / name, work / name)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with mkdocs_serve(Path(sys.executable).with_name("mkdocs"), work / "mkdocs.yml", port, work / "serve.log") as proc:
        url = f"http://127.0.0.1:{port}/"
        _wait(lambda: proc.poll() is not None or _get(url + "pagefind/pagefind-entry.json")[0] == 200, 180,
              "mkdocs serve to start")
        assert proc.poll() is None, (work / "serve.log").read_text(errors="replace")[-3000:]
        yield url, work


def _index_complete(url: str, tries: int = 3) -> bool:
    """The served index's entry point and the metadata it names are there (never half an index).

    A new index may be swapped in between the two requests: then the new entry is checked."""
    import json

    before = None
    for _ in range(tries):
        status, body = _get(url + "pagefind/pagefind-entry.json")
        if status != 200 or body == before:
            return False
        before = body
        if all(_get(url + f"pagefind/pagefind.{language['hash']}.pf_meta")[0] == 200
               for language in json.loads(body)["languages"].values()):
            return True
    return False


@pytest.mark.browser
def test_an_edit_is_served_then_found_by_an_open_search(served, chromium):
    url, work = served
    from playwright.sync_api import Error as PlaywrightError

    from zhreader.sources import load_articles

    article = load_articles(work / "texts")[0]
    page_url = url + f"articles/{article.slug}/"
    page = chromium.new_context(service_workers="block").new_page()
    page.set_default_timeout(10_000)
    page.goto(url)
    page.locator("button.zh-search-open").click()

    title_url = f"articles/{article.slug}/#title"

    def finds_title(query: str) -> bool:
        """Whether the search dialog's answer to ``query`` leads to the article's title first."""
        if not page.locator("#zh-search").evaluate("d => d.open"):
            page.locator("button.zh-search-open").click()
        page.locator("#zh-search-input").fill("")
        page.locator("#zh-search-input").fill(query)
        page.wait_for_function("""q => document.querySelector("#zh-search-status").textContent.includes("“" + q + "”")
                                  && document.querySelector("#zh-search-results").getAttribute("aria-busy") === "false" """,
                               arg=query, timeout=60_000)
        links = page.locator("#zh-search-results a")
        return links.count() > 0 and links.first.get_attribute("href").endswith(title_url)

    assert not finds_title(WORD)          # the index is loaded, without the word

    source = work / "texts" / article.slug / "zh.txt"
    title, rest = source.read_text(encoding="utf-8").split("\n", 1)
    source.write_text(f"{title} {WORD}\n{rest}", encoding="utf-8")
    start = time.monotonic()
    # The rebuilt page is served (the bench times this at 300 articles), and while the new index
    # is written and swapped in, the served one is always complete.
    complete = []
    _wait(lambda: complete.append(_index_complete(url)) or WORD.encode() in _get(page_url)[1], 120,
          "the edited title on the served page")
    served_after = time.monotonic() - start
    # Live reload reloads the open page once the pages are rebuilt; a search there may load the
    # index before the edit's is swapped in: the dialog then loads the new one (search.js).
    found = None
    while found is None and time.monotonic() - start < 120:
        complete.append(_index_complete(url))
        try:
            if finds_title(WORD):
                found = time.monotonic() - start
        except PlaywrightError:      # the page reloading under the test
            page.wait_for_load_state()
    assert all(complete), "a request found the search index missing or half-written"
    assert found is not None, ("the open search never found the edited title: "
                               + page.locator("#zh-search-status").inner_text() + " "
                               + repr([a.get_attribute("href") for a in page.locator("#zh-search-results a").all()]))
    print(f"page served after {served_after:.1f} s, found by the open search after {found:.1f} s")
    page.context.close()


def test_a_rebuild_makes_records_only_for_the_edited_article(tmp_path):
    """``corpus_records`` keeps an unchanged article's records (and the glossary's) between builds of
    one process, and they are the records a fresh computation gives."""
    from zhreader import search_records as sr
    from zhreader import shared
    from zhreader.glossary_index import entry_page

    shutil.copy(ROOT / "glossary.yaml", tmp_path / "glossary.yaml")
    real = next(p for p in sorted((ROOT / "texts").iterdir()) if (p / "zh.txt").is_file())
    text = (real / "zh.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    for slug in ("first", "second"):
        (tmp_path / "texts" / slug).mkdir(parents=True)
        (tmp_path / "texts" / slug / "zh.txt").write_text(f"{slug}标题\n{text}", encoding="utf-8")

    def records():
        corpus = shared.corpus(tmp_path)
        letters = {entry_page(entry): entry_page(entry)[:-3] + "/" for entry in corpus.glossary.entries}   # glossary/a/
        urls = {item.page_path: f"articles/{item.article.slug}/" for item in corpus.articles} | {"glossary.md": "glossary/"} | letters
        return corpus, urls, sr.corpus_records(corpus, urls)

    _, _, before = records()
    (tmp_path / "texts" / "second" / "zh.txt").write_text(f"second标题 {WORD}\n{text}", encoding="utf-8")
    corpus, urls, after = records()
    kept = {id(r) for r in before}
    first = [r for r in after if r.url.startswith("articles/first/")]
    second = [r for r in after if r.url.startswith("articles/second/")]
    glossary = [r for r in after if r.url.startswith("glossary/")]
    assert first and all(id(r) in kept for r in first + glossary)        # kept, not made again
    assert not any(id(r) in kept for r in second)
    assert WORD in sr.record_parts(second[0].content)[0]           # the article's title
    sr._made.clear()
    assert sr.corpus_records(corpus, urls) == after                     # what a first build makes
