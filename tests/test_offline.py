"""Offline reading: the file:// bundle (zip) and the hosted site after a first visit.

The bundle is unzipped and opened from file:// with every request recorded:
only file:, data: and blob: URLs may appear.  The hosted site is loaded once,
then the browser goes offline and reloads the quotes page.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

from zhreader.offline import OFFLINE_FULL_TEXT_CHARS, precache_manifest, write_service_worker_files, zip_site
from conftest import local_addresses, serve

ROOT = Path(__file__).resolve().parent.parent
ZIP = "downloads/zh-ai-reader-offline.zip"
ZIP_TOP = "zh-ai-reader/"
LOCAL_SCHEMES = {"file", "data", "blob"}
PUBLISHED = "https://example.org/zh-ai-reader/"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The README's `make build`: hosted site plus the offline zip in downloads/."""
    out = tmp_path_factory.mktemp("built") / "site"
    # As the Pages workflow builds it: with the published address in SITE_URL.
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", str(out)],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "SITE_URL": PUBLISHED})
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def bundle(built, tmp_path_factory) -> Path:
    """The offline zip, unzipped as a reader would."""
    dest = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built / ZIP) as archive:
        archive.extractall(dest)
    return dest / "zh-ai-reader"


def test_home_page_links_the_offline_zip(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    assert f'href="{ZIP}"' in html
    names = zipfile.ZipFile(built / ZIP).namelist()
    assert "zh-ai-reader/index.html" in names
    assert "zh-ai-reader/articles/zhou-hongyi-sora.html" in names       # file:// needs .html URLs
    assert "zh-ai-reader/search/search_index.js" in names                # search without a server
    assert "zh-ai-reader/search/search_index.json" not in names          # its twin, never read from file://
    deck = zipfile.ZipFile(built / ZIP).getinfo("zh-ai-reader/articles/zhou-hongyi-sora/vocabulary.apkg")
    assert deck.compress_type == zipfile.ZIP_STORED                      # a zip already: not deflated again


def test_word_lists_link_the_published_site_and_nothing_names_a_local_address(built):
    """The hosted site and every file of the zip (decks included) name only the configured address;
    the bundle's word lists link the hosted page (a spreadsheet or deck is read outside the bundle)."""
    hits = [hit for path in sorted(built.rglob("*")) if path.is_file()
            for hit in local_addresses(str(path.relative_to(built)), path.read_bytes())]
    assert hits == []
    page = (built / "articles" / "zhou-hongyi-sora" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLISHED}articles/zhou-hongyi-sora/">' in page
    with zipfile.ZipFile(built / ZIP) as archive:
        for name in ("zh-ai-reader/articles/zhou-hongyi-sora/vocabulary.csv", "articles/zhou-hongyi-sora/vocabulary.csv"):
            csv_text = (archive.read(name) if name.startswith(ZIP_TOP) else (built / name).read_bytes()).decode("utf-8-sig")
            assert csv_text.splitlines()[1].endswith(f",{PUBLISHED}articles/zhou-hongyi-sora/#p1"), name
        bundle_page = archive.read("zh-ai-reader/articles/zhou-hongyi-sora.html").decode("utf-8")
    assert 'rel="canonical"' not in bundle_page                # the bundle has no address of its own


def test_zip_is_reproducible(built, tmp_path):
    site = tmp_path / "s"
    (site / "a").mkdir(parents=True)
    (site / "a" / "x.html").write_text("x")
    (site / "index.html").write_text("i")
    zip_site(site, tmp_path / "1.zip", "top")
    (site / "index.html").touch()
    zip_site(site, tmp_path / "2.zip", "top")
    assert (tmp_path / "1.zip").read_bytes() == (tmp_path / "2.zip").read_bytes()
    assert zipfile.ZipFile(tmp_path / "1.zip").namelist() == ["top/a/x.html", "top/index.html"]


def test_precache_is_the_shell_only(site):
    """A first visit caches the shell (scripts, styles, home, article lists, glossary, the search
    entry point), no article and no index chunk: under 3 MB whatever the number of articles."""
    manifest = json.loads((site / "precache.json").read_text(encoding="utf-8"))
    urls = manifest["urls"]
    for url in ["./", "library/", "glossary/", "my-words/", "assets/search.js", "assets/reader/core.js",
                "assets/reader/popup.js", "assets/offline.js", "pagefind/pagefind.js"]:
        assert url in urls
    # Pagefind's index and the query words are fetched as readers search, a few files per query:
    # never precached whole.
    assert (site / "pagefind" / "fragment").is_dir() and (site / "pagefind" / "index").is_dir()
    assert (site / "search" / "words" / "pinyin.json").is_file()
    assert not [u for u in urls if u.startswith(("articles/", "quotes/", "pagefind/fragment/", "pagefind/index/",
                                                  "search/"))
                or "vocabulary" in u or u.endswith(".map") or u.startswith("downloads/")]
    # The glossary's index is in the shell; its letters' pages (the entries in full) are cached as read.
    assert (site / "glossary" / "s" / "index.html").is_file()
    assert not [u for u in urls if re.fullmatch(r"glossary/.+/", u)]
    files = [site / (u if not u.endswith("/") else u + "index.html") for u in urls]
    assert manifest["bytes"] == sum(f.stat().st_size for f in files) <= 3_000_000


def _record(context) -> list[str]:
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    return requests


@pytest.mark.browser
def test_bundle_works_from_file_with_no_network(chromium, bundle):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    requests = _record(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto((bundle / "index.html").as_uri())
    # Article: a word popup and the display controls.
    page.locator(".article-list a", has_text="周鸿祎谈").first.click()
    page.wait_for_url("**/articles/zhou-hongyi-sora.html")
    page.locator("#p4 .w", has_text="行业").first.click()
    popup = page.locator("#zh-pop")
    popup.wait_for(state="visible")
    assert popup.locator(".zh-pop-py").inner_text() == "hángyè"
    page.keyboard.press("Escape")
    assert page.locator(".reader-controls button, .reader-controls select").count() > 0
    assert page.locator("ol.notes li").count() > 0
    # A term's glossary link opens its letter's page at the entry.
    page.locator("#p1 a.w.t:text-is('人工智能')").first.click()
    popup.locator("a.zh-pop-link").click()
    page.wait_for_url("**/glossary/r.html#artificial-intelligence")
    assert page.locator("h2#artificial-intelligence").is_visible()
    # Quotes: a popup there too.
    page.goto((bundle / "quotes.html").as_uri())
    page.locator("figure.quote .w").first.click()
    popup.wait_for(state="visible")
    # Search, from file:// (the vendored iframe-worker shim runs the worker).
    page.goto((bundle / "glossary.html").as_uri() + "#watermark")     # the index: a line per entry
    page.locator("li#watermark a").click()                             # … linking the entry in full
    page.wait_for_url("**/glossary/shu.html#watermark")
    assert page.locator("h2#watermark").count() == 1
    page.locator("input.md-search__input").click()     # from file://, the index loads on first use
    page.locator("input.md-search__input").fill("shuiyin")
    page.locator("input.md-search__input").press("End")
    hit = page.locator('a.md-search-result__link[href*="glossary/shu.html"][href$="#watermark"]')
    hit.first.wait_for()
    assert "the full text of every article" in page.locator(".zh-search-scope").inner_text()   # says what it searches
    context.close()
    remote = [url for url in requests if urlparse(url).scheme not in LOCAL_SCHEMES]
    assert requests and not remote, remote


@pytest.mark.browser
def test_learner_tools_work_from_file_on_a_phone(chromium, bundle):
    """Read aloud, saved words with their downloads, reading position: from file://, no network."""
    from test_learner_browser import PHONE, SENTENCE_OF_HANGYE, speech_stub

    context = chromium.new_context(**PHONE, accept_downloads=True)
    context.add_init_script(speech_stub("zh-TW"))
    requests = _record(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    article = (bundle / "articles" / "zhou-hongyi-sora.html").as_uri()
    page.goto(article)
    page.locator("#p4 .w:text-is('行业')").first.click()
    popup = page.locator("#zh-pop")
    popup.get_by_role("button", name="▶ Sentence").click()
    assert page.evaluate("window.__spoken") == [{"text": SENTENCE_OF_HANGYE, "lang": "zh-TW", "rate": 1, "voice": "Voice zh-TW"}]
    popup.get_by_role("button", name="Save").click()
    page.keyboard.press("Escape")
    page.evaluate("document.getElementById('p9').scrollIntoView({block: 'start'})")
    page.wait_for_function("(JSON.parse(localStorage.getItem('zh-reader-progress') || '{}')['zhou-hongyi-sora'] || {}).p === 'p9'")
    page.goto((bundle / "index.html").as_uri())
    link = page.locator(".zh-continue").get_by_role("link")
    assert link.get_attribute("href") == article + "#p9"
    page.goto((bundle / "my-words.html").as_uri())
    card = page.locator(".zh-word-card")
    assert card.locator(".zh-words-word").inner_text() == "行业"
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    raw = open(download.value.path(), "rb").read().decode("utf-8")
    assert raw.startswith("\ufeffword,") and f"行业,hángyè," in raw and article + "#p4-s2" in raw
    card.get_by_role("link").click()
    page.wait_for_url(article + "#p4-s2")
    context.close()
    assert errors == []
    remote = [url for url in requests if urlparse(url).scheme not in LOCAL_SCHEMES]
    assert requests and not remote, remote


@pytest.mark.browser
def test_hosted_site_requests_nothing_from_other_hosts(page, site_url):
    requests = _record(page.context)
    for path in ["", "articles/zhou-hongyi-sora/", "glossary/", "quotes/", "about/"]:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    page.locator("button.zh-search-open").click()       # search: Pagefind, from this site
    page.locator("#zh-search-input").fill("水印")
    page.locator("#zh-search-results a").first.wait_for()
    host = urlparse(site_url).netloc
    others = [url for url in requests if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != host]
    assert requests and not others, others


def _serve_on(directory: Path):
    return serve(directory)[0]


def _cached(context, path: str) -> bool:
    worker = context.service_workers[0]
    return worker.evaluate(f"caches.match(new Request(registration.scope + {json.dumps(path)})).then(r => !!r)")


def _wait_until_cached(context, page, path: str) -> None:
    """Wait until the service worker itself finds ``path`` in its cache.

    (A page can see a cache entry a few hundred milliseconds before the service
    worker does, so the check runs in the worker.)
    """
    worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
    check = f"caches.match(new Request(registration.scope + {json.dumps(path)})).then(r => !!r)"
    for _ in range(150):
        if worker.evaluate(check):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError(f"the service worker never cached {path}")
    # Cached is not enough: offline navigations are only served once the worker is
    # active and controls the page (activate + clients.claim may still be running).
    active = "navigator.serviceWorker.ready.then(r => !!(r.active && r.active.state === 'activated' && navigator.serviceWorker.controller))"
    for _ in range(150):
        if page.evaluate(active):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the service worker never took control of the page")


@pytest.mark.browser
def test_hosted_site_readable_offline_after_first_visit(chromium, site, tmp_path):
    root = tmp_path / "site"                  # a copy: the test changes a page later
    shutil.copytree(site, root)
    day_ago = time.time() - 86_400             # deployed yesterday: the HTTP cache would call it fresh
    for path in root.rglob("*"):
        os.utime(path, (day_ago, day_ago))
    server = _serve_on(root)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(url)                            # the first visit: the service worker caches the shell
    _wait_until_cached(context, page, "glossary/")
    assert not _cached(context, ARTICLE) and not _cached(context, "quotes/")    # no article precached
    assert not _cached(context, "glossary/shu/")                                  # nor a glossary letter's page
    page.goto(url + "glossary/shu/")           # a letter's page read online is kept, as an article is
    _wait_until_cached(context, page, "glossary/shu/")
    page.goto(url + ARTICLE)                  # read online, no word opened: its page and popup data are kept
    vocab = re.search(r'data-vocab="([^"]+)"', (root / ARTICLE / "index.html").read_text(encoding="utf-8")).group(1)
    _wait_until_cached(context, page, ARTICLE + vocab)
    context.set_offline(True)
    # Offline: the glossary's index (part of the shell, never opened), the letter page and the
    # article read once, reloaded, its popups.
    page.goto(url + "glossary/")
    assert page.locator("li#watermark").count() == 1
    page.goto(url + "glossary/shu/#watermark")
    assert page.locator("h2#watermark").count() == 1
    page.goto(url + ARTICLE)
    page.reload()
    page.locator("#p42 .zh").scroll_into_view_if_needed()   # a paragraph off screen is laid out when it nears the view
    page.wait_for_function("document.querySelector('#p42 .zh').innerText.includes('水印')")
    page.locator("#p4 .w", has_text="行业").first.click()
    popup = page.locator("#zh-pop")
    popup.wait_for(state="visible")
    assert popup.locator(".zh-pop-py").inner_text() == "hángyè"
    # Back online: the reader gets the current page, not the cached copy.
    article = root / ARTICLE / "index.html"
    article.write_text(article.read_text(encoding="utf-8").replace("</h1>", " (revised)</h1>", 1), encoding="utf-8")
    context.set_offline(False)
    page.goto(url + ARTICLE)
    assert "(revised)" in page.locator("h1").first.inner_text()
    context.close()
    server.shutdown()
    server.server_close()


ARTICLE = "articles/zhou-hongyi-sora/"
VOCAB = ARTICLE + "vocabulary.js"


def _deploy_update(root: Path) -> tuple[list, str]:
    """Change the article's popup vocabulary (new content, new ?v=) and the glossary page, as a
    rebuild would; write precache.json and sw.js as the build does.  Return the new rows and version."""
    script = root / VOCAB
    text = script.read_text(encoding="utf-8")
    found = re.search(r'\)\["zhou-hongyi-sora"\] = (\[.*\]);\n$', text, re.S)
    rows = json.loads(found.group(1))
    rows[0] = [*rows[0], "updated by the second deploy"]
    script.write_text(text[:found.start(1)] + json.dumps(rows, ensure_ascii=False) + ";\n", encoding="utf-8")
    page = root / ARTICLE / "index.html"
    html = page.read_text(encoding="utf-8")
    old = re.search(r'vocabulary\.js\?v=([0-9a-f]+)"', html).group(1)
    page.write_text(html.replace(f"vocabulary.js?v={old}", "vocabulary.js?v=5ec0ndd3p10y"), encoding="utf-8")
    glossary = root / "glossary" / "index.html"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("</h1>", " (second deploy)</h1>", 1), encoding="utf-8")
    shutil.copy(ROOT / "docs" / "sw.js", root / "sw.js")     # the build stamps the source's sw.js
    version = write_service_worker_files(root, {VOCAB: "v=5ec0ndd3p10y"})
    return rows, version


@pytest.mark.browser
def test_offline_readers_get_the_new_deploy_and_its_own_vocabulary(chromium, site, tmp_path):
    """An article kept offline ("Keep offline") survives a deploy: the service worker installs
    again (sw.js carries the site's version), caches the new shell and fetches the kept article
    again into a new cache, and drops the old one; offline, the article then gets the vocabulary
    its page was built with, never a cached older one, and the glossary is the new one."""
    root = tmp_path / "site"
    shutil.copytree(site, root)
    day_ago = time.time() - 86_400             # deployed yesterday: the HTTP cache would call it fresh
    for path in root.rglob("*"):
        os.utime(path, (day_ago, day_ago))
    first = json.loads((root / "precache.json").read_text(encoding="utf-8"))
    assert f'const VERSION = "{first["version"]}";' in (root / "sw.js").read_text(encoding="utf-8")
    assert not [u for u in first["urls"] if u.startswith(ARTICLE)]     # not precached: kept by the reader
    server = _serve_on(root)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(url + ARTICLE)                     # first visit
    _wait_until_cached(context, page, "glossary/")
    page.locator("details.about > summary").click()
    keep = page.get_by_role("button", name="Keep offline")
    assert keep.get_attribute("aria-pressed") == "false"
    keep.click()
    kept = page.get_by_role("button", name="Kept offline ✓")
    kept.wait_for()
    assert kept.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("status").filter(has_text="readable offline").count() == 1
    rows, version = _deploy_update(root)
    assert version != first["version"]
    page.goto(url)                                # online again: the browser finds a new sw.js
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    # Installed (its shell and the kept article in its own cache), activated (the old cache deleted,
    # the list of kept articles kept), in control.
    updated = f"""navigator.serviceWorker.getRegistration().then(async r => {{
        if (!r || r.installing || r.waiting || !r.active || r.active.state !== 'activated') return false;
        if (!navigator.serviceWorker.controller) return false;
        const names = (await caches.keys()).filter(name => name !== 'zh-reader-kept');
        if (names.length !== 1 || names[0] !== 'zh-reader-{version}') return false;
        return !!(await (await caches.open(names[0])).match(new URL('{VOCAB}?v=5ec0ndd3p10y', r.scope).href));
    }})"""
    for _ in range(150):
        if page.evaluate(updated):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the new service worker never took over with its own cache")
    context.set_offline(True)
    page.goto(url + ARTICLE)
    page.wait_for_function("() => window.zhVocab && window.zhVocab['zhou-hongyi-sora']")
    assert page.evaluate("window.zhVocab['zhou-hongyi-sora']") == rows
    page.locator("details.about > summary").click()
    assert page.get_by_role("button", name="Kept offline ✓").get_attribute("aria-pressed") == "true"
    page.goto(url + "glossary/")                  # the second deploy's shell
    assert "(second deploy)" in page.locator("h1").first.inner_text()
    context.close()
    server.shutdown()
    server.server_close()


def test_service_worker_version_follows_the_content(tmp_path):
    """The version covers every file (an article's too), the precache list only the shell."""
    site = tmp_path / "s"
    (site / "a").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "a" / "index.html").write_text("one")
    (site / "a" / "vocabulary.js").write_text("x")
    (site / "assets" / "x.js").write_text("js")
    (site / "index.html").write_text("home")
    shutil.copy(ROOT / "docs" / "sw.js", site / "sw.js")
    same = precache_manifest(site, {"a/vocabulary.js": "v=1"})
    assert json.loads(same)["urls"] == ["assets/x.js", "./"] and json.loads(same)["bytes"] == 6
    assert precache_manifest(site, {"a/vocabulary.js": "v=1"}) == same          # reproducible
    (site / "a" / "index.html").write_text("two")
    assert json.loads(precache_manifest(site, {"a/vocabulary.js": "v=1"}))["version"] != json.loads(same)["version"]
    version = write_service_worker_files(site)
    assert f'const VERSION = "{version}";' in (site / "sw.js").read_text(encoding="utf-8")


# Our own sentences, repeated into one long article: past OFFLINE_FULL_TEXT_CHARS of text.
LONG_TITLE = "长文测试：算力账本"
LONG_PARAGRAPH = ("我们写这段话只为测试离线搜索。模型越来越大，算力账本越来越厚，"
                  "工程师每天核对显卡的用电和散热。有人问，这本账本什么时候才能合上？") * 6


def test_a_large_bundle_indexes_article_titles_and_says_so(tmp_path):
    """Past OFFLINE_FULL_TEXT_CHARS, the bundle's one-file search index (which a browser loads whole)
    holds each article by its titles, with the glossary and quotes; the page keeps its annotated text
    and the search dialog says what offline search covers."""
    for name in ("overrides", "scripts", "docs"):
        (tmp_path / name).symlink_to(ROOT / name)
    for name in ("mkdocs.yml", "glossary.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    count = OFFLINE_FULL_TEXT_CHARS // len(LONG_PARAGRAPH) // 2 + 1      # two articles (one may hold 200,000)
    for slug in ("long", "long-2"):
        (tmp_path / "texts" / slug).mkdir(parents=True)
        (tmp_path / "texts" / slug / "zh.txt").write_text(
            f"{LONG_TITLE}{slug[-1]}\n\n" + "\n\n".join([LONG_PARAGRAPH] * count) + "\n", encoding="utf-8")
    shutil.copytree(ROOT / "texts" / "zhou-hongyi-sora", tmp_path / "texts" / "zhou-hongyi-sora")
    out = tmp_path / "bundle"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--config", str(tmp_path / "mkdocs.yml"),
                             "--build-into", str(out), "OFFLINE=true"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = lambda doc: (doc["title"] + " " + doc["text"]).replace("\u200b", "")   # noqa: E731
    articles = [doc for doc in index if doc["location"].startswith("articles/")]
    assert {doc["location"] for doc in articles} == {"articles/long.html", "articles/long-2.html", "articles/zhou-hongyi-sora.html"}
    assert any(LONG_TITLE in text(doc) for doc in articles)
    assert not any("核对" in text(doc) for doc in index)                  # a word of its body only
    assert not any("水印" in text(doc) for doc in articles)                # nor of the seed's
    assert any(doc["location"].startswith("glossary/") and "watermark" in text(doc) for doc in index)
    assert any(doc["location"].startswith("quotes.html") for doc in index)
    page = (out / "articles" / "long.html").read_text(encoding="utf-8")
    assert page.count(">核对<") == 6 * count                                # every paragraph, annotated
    home = (out / "index.html").read_text(encoding="utf-8")
    scope = re.search(r'<p class="zh-search-scope">([^<]*)</p>', home).group(1)
    assert "article titles and quotes" in scope and "full text of every article" not in scope
