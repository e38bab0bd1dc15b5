"""MkDocs hook: wire the ``zhreader`` stages to MkDocs events, nothing more.

- ``on_config``: load and validate sources, teach jieba our words (this also
  shapes Material's search index, which uses jieba's global tokenizer);
  a data error becomes one clean abort listing every problem.
- ``on_files``: add the generated pages (articles, glossary index and letters, quotes, my words), CSVs, Anki decks, popup vocabularies
  and the glossary's JSON and CSV downloads.
- ``on_page_markdown``: put the generated article list into the home page.
- ``on_env``: keep the theme's compiled templates between builds (``zhreader.rebuild``).
- ``on_page_content``: put back the annotated text that skipped Markdown (as plain text for search);
  give the page a title that is text in ``<title>`` too.
- ``on_page_context``: drop the index-only search text and restore the annotated text once Material has indexed it.
- ``on_post_build``: list the pages and assets the service worker caches; stamp its version;
  write the Pagefind search index (``zhreader.search_records``) when Material's search is off
  (under ``mkdocs serve``, after the first build, in the background: ``zhreader.live_search``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).parent))  # make scripts/zhreader importable

from zhreader.annotate import esc  # noqa: E402
from zhreader.errors import SourceError  # noqa: E402
from zhreader.corpus import Corpus  # noqa: E402
from zhreader.downloads import AnkiOptions, Downloads  # noqa: E402
from zhreader.glossary_export import glossary_csv, glossary_json  # noqa: E402
from zhreader import listing, shared  # noqa: E402
from zhreader.pages import GLOSSARY_CSV, GLOSSARY_JSON, MY_WORDS, Pages  # noqa: E402
from zhreader.offline import PRECACHE_BUDGET, download_link_html, offline_full_text, write_service_worker_files  # noqa: E402
from zhreader.searchterms import keep_our_cuts, strip_index_only  # noqa: E402
from zhreader.search_records import corpus_records  # noqa: E402
from zhreader import live_search, rebuild  # noqa: E402
from zhreader.vocabscript import vocab_script, vocab_script_path, vocab_script_url  # noqa: E402

log = get_plugin_logger(__name__)
_corpus: Corpus | None = None
_pages: Pages | None = None           # this build's pages and the HTML they kept out of Markdown
_downloads: Downloads | None = None   # the corpus's word lists and decks (shared by both builds)
_queries: dict[str, str] = {}    # file → the query its pages request it with (vocabulary.js?v=…)
_anki = AnkiOptions()
_site_url = ""                   # the configured site URL (SITE_URL), "" when there is none
_page_urls: dict[str, str] = {}  # generated page (as in docs/) → its URL in this build (search records)
_outputs: rebuild.Outputs | None = None   # this build's generated files, and which the last build left as they are
_titles_only: set[str] = set()   # article pages the offline index holds by their titles (offline_full_text)
_full_pages: dict[str, str] = {} # such a page's content while Material indexes its title only
ARTICLE_LIST_MARK = "<!-- article-list -->"
OFFLINE_MARK = "<!-- offline-download -->"


def on_startup(command, dirty):
    # Under `mkdocs serve` a rebuild serves its pages before the search index is written
    # (zhreader.live_search); MkDocs calls this once per process, zhreader remembers it.
    live_search.set_command(command)
    rebuild.set_dirty(dirty)      # `mkdocs serve --dirty`: an edit rewrites only what it changed


def on_config(config):
    global _corpus, _pages, _downloads, _anki, _site_url
    live_search.build_started()   # no index is swapped into the site folder while MkDocs cleans it
    root = Path(config.config_file_path).parent
    try:
        _anki = AnkiOptions.from_config(config.extra.get("anki"))
    except ValueError as error:
        raise PluginError(f"{Path(config.config_file_path).name}: {error}") from None
    try:
        _corpus = shared.corpus(root)   # annotated once per process: both builds of make build share it
    except SourceError as error:
        raise PluginError("the texts or glossary have problems:\n  " + "\n  ".join(error.problems)) from None
    _pages, _downloads = Pages(_corpus), shared.downloads(_corpus)
    _site_url = config.site_url or ""
    rebuild.keep_theme_listing(config.theme)       # under `mkdocs serve --dirty` only
    if _material_search(config):
        try:
            keep_our_cuts()       # the offline index holds our words, not jieba's second guess
        except RuntimeError as error:
            raise PluginError(str(error)) from None
    if _offline_bundle(config):
        # From file://, Material 9.8's instant navigation completes `document$` before it
        # emits, so no page script (popups, controls, search) would ever start: never in the
        # bundle, whatever mkdocs.yml says (the hosted site leaves it off for speed).
        config.theme["features"] = [f for f in config.theme.get("features", []) if f != "navigation.instant"]
        # The bundle has no address of its own: no canonical links or sitemap naming the
        # hosted site's pages under the bundle's .html names.
        config.site_url = None
        # Its search holds the articles' full text while the index stays small (zhreader.offline).
        config.extra["offline_full_text"] = offline_full_text(_corpus.articles)
    _titles_only.clear()
    if not config.extra.get("offline_full_text", True):
        _titles_only.update(item.page_path for item in _corpus.articles)
    return config


def _offline_bundle(config) -> bool:
    return any(name.endswith("offline") and plugin.config.enabled for name, plugin in config.plugins.items())


def on_files(files, config):
    global _outputs
    corpus = _corpus
    generated = {}
    _queries.clear()
    for item in corpus.articles:
        generated[item.page_path] = File.generated(config, item.page_path, content="")
        generated[item.csv_path] = File.generated(config, item.csv_path, content="")
        generated[item.apkg_path] = File.generated(config, item.apkg_path, content=b"")
        path = vocab_script_path(item)     # the article's popup data, loaded by the reader (assets/reader/core.js)
        generated[path] = File.generated(config, path, content="")
        _queries[path] = vocab_script_url(item, lambda target: target).split("?", 1)[1]
    for path in _pages.glossary_pages:          # the index, then a page per letter
        generated[path] = File.generated(config, path, content="")
    # The glossary as downloads beside its page (linked from its lead paragraph).
    generated[GLOSSARY_JSON] = File.generated(config, GLOSSARY_JSON, content=glossary_json(corpus.glossary.entries))
    generated[GLOSSARY_CSV] = File.generated(config, GLOSSARY_CSV, content=glossary_csv(corpus.glossary.entries))
    if any(item.article.quotes for item in corpus.articles):
        generated["quotes.md"] = File.generated(config, "quotes.md", content="")
    generated[MY_WORDS] = File.generated(config, MY_WORDS, content="")
    lists = listing.list_pages(corpus.articles)      # "All articles", paged, and by speaker, year, topic
    for page in lists:
        generated[page.path] = File.generated(config, page.path, content="")
    for file in generated.values():
        files.append(file)
    _page_urls.clear()
    _page_urls.update({path: file.url for path, file in generated.items() if path.endswith(".md")})

    def href_from(page: File):
        return lambda target: get_relative_url(files.get_file_from_path(target).url, page.url)

    index, *letters = _pages.glossary_pages
    generated[index].content_string = _pages.render_glossary(href_from(generated[index]))
    for path in letters:
        generated[path].content_string = _pages.render_glossary_letter(path, href_from(generated[path]))
    if "quotes.md" in generated:
        generated["quotes.md"].content_string = _pages.render_quotes(href_from(generated["quotes.md"]))
    generated[MY_WORDS].content_string = _pages.render_my_words(href_from(generated[MY_WORDS]))
    for page in lists:
        generated[page.path].content_string = _pages.render_list_page(page, href_from(generated[page.path]))

    # Under `mkdocs serve --dirty`, what the last build wrote from the same sources is left as it is
    # (zhreader.rebuild): an unchanged article is not even rendered.
    full = {path: _pages.deferral.fill_deferred(file.content_string) for path, file in generated.items()
            if path.endswith(".md") and not path.startswith("articles/")}
    in_nav = {path: text for path, text in full.items() if "/" not in path}    # their titles are on every page
    custom = config.theme.custom_dir
    _outputs = rebuild.Outputs(config.site_dir, rebuild.context(
        config.config_file_path, Path(custom) if custom else None, Path(config.docs_dir), in_nav))
    for item in corpus.articles:
        page = generated[item.page_path]
        page_url = _absolute_page_url(config, page)
        made_from = (item, page.url, page_url, _anki)
        outputs = [(kind, generated[path]) for kind, path in (("page", item.page_path), ("csv", item.csv_path),
                                                              ("apkg", item.apkg_path), ("vocab", vocab_script_path(item)))]
        if all([_outputs.unchanged(file, (kind, *made_from)) for kind, file in outputs]):
            continue
        page.content_string = _pages.render_article(item, href_from(page))
        generated[item.csv_path].content_string = _downloads.render_csv(item, page_url)
        generated[item.apkg_path].content_bytes = _downloads.render_anki(item, page_url, _anki)
        generated[vocab_script_path(item)].content_string = vocab_script(item)
    for path, file in generated.items():
        if path in in_nav or path == listing.INDEX:   # populated, or the navigation on every page lacks its title
            rebuild.always_written(file)
        elif not path.startswith("articles/"):
            _outputs.unchanged(file, rebuild.digest(full[path] if path in full else file.content_bytes))
    ours = {id(file) for file in generated.values()}
    for file in files:
        if file.src_uri == "sw.js" or (file.is_documentation_page() and id(file) not in ours):
            rebuild.always_written(file)      # the home page lists the articles; sw.js is stamped below
    corpus.save_caches()
    _downloads.save_cache()
    return files


def on_nav(nav, config, files):
    # Home, all articles, glossary, then the rest: a new article needs no nav edit.  No article is
    # in the navigation (every page would carry a link to each: a site growing with N²); the
    # "All articles" pages (zhreader.listing) list them, paged, by speaker, year and topic.
    # Nor is a glossary letter's page: the glossary's index links them.
    index = next(page for page in nav.pages if page.file.src_uri == listing.INDEX)
    index.title = "All articles"
    listed = [item for item in nav.items if _nav_key(item) not in ("articles", "library", "glossary")]
    nav.items = [*listed, index]
    order = {"index.md": 0, listing.INDEX: 1, "glossary.md": 2, "quotes.md": 3, MY_WORDS: 4}
    nav.items.sort(key=lambda item: order.get(_nav_key(item), 9))
    index.parent = None
    for page in nav.pages:      # articles and other lists: no section, no previous/next links
        page.parent = page.previous_page = page.next_page = None
    nav.pages = [item for item in nav.items if getattr(item, "file", None) is not None]
    for previous, following in zip(nav.pages, nav.pages[1:]):
        previous.next_page, following.previous_page = following, previous
    return nav


def _nav_key(item) -> str:
    if getattr(item, "file", None) is not None:
        return item.file.src_uri
    return (item.title or "").lower()


def on_page_markdown(markdown, page, config, files):
    if ARTICLE_LIST_MARK in markdown:
        href = lambda target: get_relative_url(files.get_file_from_path(target).url, page.file.url)  # noqa: E731
        markdown = markdown.replace(ARTICLE_LIST_MARK, _pages.render_home_list(href))
    if OFFLINE_MARK in markdown:
        zip_url = config.extra.get("offline_zip")   # set by scripts/build_site.py, which builds the zip
        link = download_link_html(get_relative_url(zip_url, page.file.url)) if zip_url else ""
        markdown = markdown.replace(OFFLINE_MARK, link)
    return markdown


def on_env(env, config, files):
    if env.bytecode_cache is None:
        env.bytecode_cache = rebuild.templates   # Material's templates compiled once per process
    return env


@event_priority(100)   # before any plugin reads the page's HTML
def on_page_content(html, page, config, files):
    _safe_title(page)
    # Annotated text skips Markdown (which re-parses every word's tag): put it back now;
    # for Material's search (the offline bundle) first without the word elements, which it would parse too.
    if not _material_search(config):
        return _pages.deferral.fill_deferred(html)
    if page.file.src_uri in _titles_only:
        # A large bundle's index holds an article by its title: Material indexes that alone, and
        # on_page_context puts the page back.
        _full_pages[page.file.src_uri] = html
        return "\n".join(m.group() for m in TITLES.finditer(html))
    return _pages.deferral.fill_for_search(html)


# An article's heading and English title: what the offline index holds of it past OFFLINE_FULL_TEXT_CHARS.
TITLES = re.compile(r'<h1\b[^>]*>.*?</h1>|<p class="title-en"[^>]*>.*?</p>', re.S)


def _safe_title(page) -> None:
    """Make the page title safe wherever Material writes it, ``<title>`` included.

    MkDocs takes the title from the rendered heading, as HTML (``&lt;`` for ``<``);
    Material writes it as is in the header and navigation, but as
    ``page.title | striptags`` in ``<title>``, which turns ``&lt;/title&gt;&lt;script&gt;``
    back into markup.  A title given in ``page.meta`` is written as is there too, so
    the title's plain text, escaped once, goes there: every place shows the same text.
    """
    if page.meta.get("title") is None and page.title:
        page.meta["title"] = esc(Markup(page.title).striptags())


@event_priority(-50)   # after Material's search plugin has indexed the page
def on_page_context(context, page, config, nav):
    # Index-only headings and text (zhreader.searchterms) are for the search index, not for readers;
    # the annotated text replaces the plain text Material indexed (see on_page_content).
    content = _full_pages.pop(page.file.src_uri, None) or page.content
    page.content = strip_index_only(_pages.deferral.fill_deferred(content))
    if "toc" in (page.meta.get("hide") or ()):
        # Material only hides such a table of contents, and writes it twice (sidebar, mobile
        # navigation): for the glossary's hundreds of headings, the bulk of the page. Indexed, so drop it.
        page.toc = TableOfContents([])
    return context


def on_post_build(config):
    _outputs.remove_stale()       # before anything reads the site folder
    if not _material_search(config):
        # Search without Material's lunr index: Pagefind, fed our records (zhreader.search_records).
        try:
            # Under `mkdocs serve`, after the first build, the last index now and this one in the background.
            # The records are made where the index is written: after a glossary edit, every
            # definition is cut again (seconds), which the edited page need not wait for.
            sizes = live_search.build_finished(_records_maker(_corpus, dict(_page_urls)), _corpus.glossary, Path(config.site_dir))
        except Exception as error:   # the indexer is a separate program: say what failed, in one line
            raise PluginError(f"search index (Pagefind): {error}") from None
        indexed = f" (Pagefind CPU {sizes['indexer_cpu']:.1f} s)" if sizes.get("indexer_cpu") else ""
        log.info(f"search index: {sizes['records']} records, {sizes['bytes'] / 1e6:.1f} MB in pagefind/{indexed}")
    # What the service worker (docs/sw.js) caches on a first visit (the shell, with the search
    # index's entry point, hence after it), and the site's version in sw.js (a new version makes
    # browsers install it again); file:// has no service worker.
    if not _offline_bundle(config):
        write_service_worker_files(Path(config.site_dir), _queries)
        precache = json.loads((Path(config.site_dir) / "precache.json").read_text(encoding="utf-8"))["bytes"]
        over = f", over the {PRECACHE_BUDGET / 1e6:.0f} MB budget (zhreader/offline.py)" if precache > PRECACHE_BUDGET else ""
        log.info(f"service worker: a first visit precaches {precache / 1e6:.2f} MB{over}")
    _outputs.finish()
    live_search.build_done()      # the site folder is complete: a newer search index may be swapped in


def _records_maker(corpus, page_urls: dict[str, str]):
    def made():
        with shared.LOCK:        # no new corpus re-teaches jieba while these are cut (in another thread)
            return corpus_records(corpus, page_urls)
    return made


def _material_search(config) -> bool:
    """Whether Material's own search (lunr) runs in this build: only in the offline bundle (mkdocs.yml)."""
    plugin = config.plugins.get("material/search")
    return bool(plugin and plugin.config.enabled)


def _absolute_page_url(config, page: File) -> str:
    """The page's address in the word lists: on the configured site, else relative to the site's root.

    With a site URL, the offline bundle's lists link the hosted page too (its directory
    URL, not the bundle's ``.html`` name): a deck or spreadsheet is read outside the bundle.
    """
    hosted = File(page.src_uri, "", "", use_directory_urls=True).url
    if not _site_url:
        # The same in both builds, so the bundle's word lists and decks are the hosted site's files
        # (computed once: zhreader.shared).
        return hosted
    return _site_url.rstrip("/") + "/" + hosted
