"""Pages from the annotated corpus: articles, glossary, quotes, my words, the article lists.

``Pages`` renders one build's generated pages (Markdown with raw HTML blocks) from a
``corpus.Corpus`` through the Jinja templates in ``templates/``, and owns the
``deferral.Deferral`` that keeps their annotated HTML out of Python-Markdown.  Links
between generated pages are computed by the caller (``href``), because only MkDocs
knows the final URLs (they differ between the hosted site and the offline bundle).
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from functools import cached_property
from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .annotate import Vocabulary, annotate_tokens, esc, highlight, md_inline
from .corpus import GLOSSARY_MARK, AnnotatedArticle, Corpus, Occurrence
from .deferral import UNINDEXED_LIST, Deferral
from .glossary_index import (INDEX_PAGE, by_letter, by_pinyin, category_counts, entry_page, index_letter,
                             letter_page, letter_slug)
from . import abbreviations, cache, listing, names
from .searchterms import entry_index_text, index_block, section_heading
from .sentences import english_html, quote_anchor
from .sources import Article
from .vocabscript import vocab_script_url

TEMPLATES = Path(__file__).parent / "templates"
GLOSSARY_JSON = "glossary/glossary.json"   # the glossary as downloads (glossary_export), beside its page
GLOSSARY_CSV = "glossary/glossary.csv"
MY_WORDS = "my-words.md"                    # saved and known words, kept in the browser

Href = Callable[[str], str]   # target path (as in docs/) → URL relative to the current page
_ENTRY_LINK = re.compile(re.escape(esc(GLOSSARY_MARK)) + r"#([a-z0-9-]+)")   # annotate's link to an entry


@functools.lru_cache(maxsize=1)
def jinja_environment() -> Environment:
    """The templates' environment: autoescaped, strict, ``md`` for user text in a Markdown heading.

    One per process: its templates are compiled once (Jinja reloads one whose file changed)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["md"] = md_inline   # user text inside a Markdown heading
    return env


class Pages:
    """One build's generated pages, and the HTML they kept out of Markdown (``deferral``)."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.env = jinja_environment()
        _forget_cuts_unless(getattr(getattr(corpus.segmenter, "memo", None), "path", None))
        self.deferral = Deferral()

    @property
    def glossary_pages(self) -> list[str]:
        """The glossary's pages (as in docs/): the index, then one page per letter."""
        return [INDEX_PAGE, *(letter_page(letter) for letter, _ in self._glossary_letters)]

    @cached_property
    def _glossary_letters(self) -> list[tuple[str, list]]:
        """``(letter, its entries)``, A–Z by pinyin (``glossary_index``)."""
        return by_letter(by_pinyin(self.corpus.glossary.entries))

    def entry_url(self, entry_id: str, href: Href) -> str:
        """The URL of a glossary entry, in full on its letter's page."""
        return href(self._entry_pages[entry_id]) + "#" + entry_id

    @cached_property
    def _entry_pages(self) -> dict[str, str]:
        return {entry.id: entry_page(entry) for entry in self.corpus.glossary.entries}

    def link_entries(self, html: str, href: Href) -> str:
        """Point annotated text's term links (``GLOSSARY_MARK#id``) at their entries' letter pages."""
        return _ENTRY_LINK.sub(lambda m: esc(self.entry_url(m.group(1), href)), html)

    def render_article(self, item: AnnotatedArticle, href: Href) -> str:
        defer = self.deferral.defer
        href = _memo(href)    # a few hundred term links, to a few dozen pages
        glossary_url = href(INDEX_PAGE)
        paragraphs = {pid: defer(self.link_entries(html, href)) for pid, html in item.paragraphs.items()}
        return self.deferral.defer_blocks(self.env.get_template("article.md.j2").render(
            a=item.article, item=item, paragraphs=paragraphs, vocab_url=vocab_script_url(item, href),
            csv_url=href(item.csv_path), apkg_url=href(item.apkg_path), glossary_url=glossary_url,
            entry_url=lambda entry_id: self.entry_url(entry_id, href),
            stats=self.corpus.article_stats(item), english=english_html(item.article), search={pid: tuple(defer(html) if html else html for html in pair)
                    for pid, pair in paragraph_search_html(item).items()},
        ))

    def render_quotes(self, href: Href) -> str:
        """The quotes page: every article's curated quotes, annotated like the article."""
        defer = self.deferral.defer
        vocab = Vocabulary(self.corpus.lookup)
        href = _memo(href)
        groups = []
        for item in self.corpus.articles:
            quotes = []
            people = item.names                                                  # the article's names, as in it
            for quote in item.article.quotes:
                tokens = abbreviations.again(names.again(self.corpus.segmenter.segment_text(quote["zh"], item.article.slug), people),
                                             item.abbreviations)
                html = defer(self.link_entries(annotate_tokens(tokens, vocab, quote["id"], GLOSSARY_MARK), href))
                link = href(item.page_path) + "#" + quote_anchor(item.article, quote)
                quotes.append((quote, html, link, citation(item.article, quote)))
            if quotes:
                groups.append((item, href(item.page_path), quotes))
        return self.deferral.defer_blocks(self.env.get_template("quotes.md.j2").render(groups=groups, reported=REPORTED, vocab_json=defer(vocab.as_json())))

    def render_glossary(self, href: Href) -> str:
        """The glossary's index: a line per entry A–Z by pinyin (``glossary_index``), each linking its
        full entry; a jump list, the category filter, downloads."""
        href = _memo(href)
        urls = (tuple(href(page) for page in self.glossary_pages), href(GLOSSARY_JSON), href(GLOSSARY_CSV))
        # It shows the glossary alone: kept while the corpus keeps its glossary (a text edit under
        # `mkdocs serve` rendered its 2,500 lines again).
        by_urls = _index_markdown.get(self.corpus.glossary, lambda glossary: {})
        if urls not in by_urls:
            ordered = [entry for _, entries in self._glossary_letters for entry in entries]
            groups = [(letter, href(letter_page(letter)), entries) for letter, entries in self._glossary_letters]
            def entry_lines(entries) -> Markup:
                return Markup("".join(_index_line(entry, self.entry_url(entry.id, href)) for entry in entries))
            by_urls[urls] = self.env.get_template("glossary.md.j2").render(
                groups=groups, count=len(ordered), categories=category_counts(ordered), group_id=group_id,
                entry_lines=entry_lines, json_url=href(GLOSSARY_JSON), csv_url=href(GLOSSARY_CSV))
        return self.deferral.defer_blocks(by_urls[urls])

    def render_glossary_letter(self, path: str, href: Href) -> str:
        """A letter's page of the glossary (``path``, one of ``glossary_pages``): its entries in full, the
        first places each term occurs in context, a jump list to the other letters."""
        href = _memo(href)
        groups = self._glossary_letters
        letter, chosen = next((letter, group) for letter, group in groups if letter_page(letter) == path)
        template = self.env.get_template("glossary_entry.html.j2")
        base = href(INDEX_PAGE)      # the URLs' form: hosted site or offline bundle
        entries = []
        for entry in chosen:
            found = self.corpus.occurrences_of(entry.id)
            # An entry's HTML is kept while the entry is the same object and its occurrences are the
            # same (a corpus keeps an unchanged article's occurrences, the same objects: the quick
            # test; an edited article's are new, but most are where they were): a rebuild renders
            # only the entries an edit really moved.  Article titles go in as markers, filled below,
            # so an edited title renders no entry again.
            key = (path, base, entry.id)
            kept = _entry_html.get(key)
            if kept is not None and kept[0] is entry and len(kept[1]) == len(found):
                if all(map(operator.is_, kept[1], found)):
                    entries.append(kept[3])
                    continue
                where = _places(found)
                if where == kept[2]:
                    _entry_html[key] = (entry, found, where, kept[3])
                    entries.append(kept[3])
                    continue
            shown = [(o, href(f"articles/{o.article.slug}.md") + "#" + o.paragraph_id, highlight(o.context, o.form))
                     for o in found[:SNIPPETS_PER_TERM]]
            html = Markup(template.render(entry=entry, total=len(found), shown=shown, title=_title_marker,
                                          more=more_occurrences(found[SNIPPETS_PER_TERM:], href, _title_marker),
                                          search_html=_search_marker, index_letter=index_letter))
            if len(_entry_html) > 50_000:
                _entry_html.clear()
            _entry_html[key] = (entry, found, _places(found), html)
            entries.append(html)
        titles = {item.article.slug: item.article.title for item in self.corpus.articles}
        html = _TITLE_MARKER.sub(lambda m: escape(titles[m.group(1)]), "\n".join(entries))
        html = _SEARCH_MARKER.sub(lambda m: glossary_search_html(self.corpus.glossary.by_id[m.group(1)]), html)
        # Every occurrence of every term: by far the most tags of any page, and excluded from search.
        html = UNINDEXED_LIST.sub(lambda m: self.deferral.defer_unindexed(m.group(0)), html)
        page = self.env.get_template("glossary_letter.md.j2").render(
            letter=letter, entries=self.deferral.defer_block(html), count=len(chosen), total=len(self.corpus.glossary.entries),
            letters=[(name, None if name == letter else href(letter_page(name))) for name, _ in groups],
            index_url=href(INDEX_PAGE))
        return self.deferral.defer_blocks(page)

    def render_my_words(self, href: Href) -> str:
        """The "My words" page: a frame the browser fills from its local storage (reader/words.js)."""
        return self.env.get_template("my_words.md.j2").render(home_url=href("index.md"))

    def render_home_list(self, href: Href) -> str:
        """The home page's latest articles (``listing``)."""
        return listing.render_home_list(self.env, self.corpus.articles, href, self.corpus.article_stats)

    def render_list_page(self, page: listing.ListPage, href: Href) -> str:
        """One page of "All articles" (``listing``)."""
        return listing.render_list_page(self.env, page, self.corpus.articles, href, self.corpus.article_stats)


def group_id(letter: str) -> str:
    """The id of a letter's group on the glossary's index (``letter_a``, ``letter_0-9``): no entry id
    has an underscore (``glossary.SLUG``), so no entry's line can take it."""
    return "letter_" + letter_slug(letter)


def _memo(href: Href) -> Href:
    """``href`` remembering its answers: the same few targets, asked for hundreds of times."""
    return functools.lru_cache(maxsize=None)(href)


SNIPPETS_PER_TERM = 10     # the glossary shows this many occurrences of a term in context, then links:
PARAGRAPH_LINKS_UP_TO = 3  # to each paragraph, when the rest are in at most this many articles,
ARTICLES_LISTED = 50       # else to each article (its first paragraph), for at most this many


def more_occurrences(rest: list[Occurrence], href: Href, title: Callable[[Article], str] = operator.attrgetter("title"),
                     ) -> tuple[list[tuple[str, list[tuple[str, str]]]], int]:
    """The occurrences after the first few: ([(article title, [(label, url)])], articles not listed).

    The glossary page grows with the number of terms and articles, not with how
    often each term is used.
    """
    # An article's occurrences come one after another (the corpus groups them so): one step per
    # article, not per occurrence (模型 is used thousands of times at 300 articles, and this runs for
    # every term an edited article uses).
    listed: dict[str, tuple[Article, dict[str, None]]] = {}     # paragraphs: a dict as an ordered set
    unlisted: set[str] = set()
    for slug, run in itertools.groupby(rest, _ARTICLE_SLUG):
        if slug in listed or len(listed) < ARTICLES_LISTED:
            run = list(run)
            listed.setdefault(slug, (run[0].article, {}))[1].update(dict.fromkeys(o.paragraph_id for o in run))
        else:
            unlisted.add(slug)
    unlisted -= listed.keys()
    groups = []
    for article, paragraphs in listed.values():
        url = href(f"articles/{article.slug}.md")
        if len(listed) + len(unlisted) <= PARAGRAPH_LINKS_UP_TO:
            links = [(f"¶{pid[1:]}", f"{url}#{pid}") for pid in paragraphs]
        else:
            first = next(iter(paragraphs))
            links = [(f"{len(paragraphs)} paragraph{'s' if len(paragraphs) > 1 else ''}", f"{url}#{first}")]
        groups.append((title(article), links))
    return groups, len(unlisted)


# An article's title in a glossary entry's HTML, filled in per page (``render_glossary_letter``).
_TITLE_MARKER = re.compile(r"<!--zhreader:title ([a-z0-9-]+)-->")


def _title_marker(article: Article) -> Markup:
    return Markup(f"<!--zhreader:title {article.slug}-->")       # a slug is [a-z0-9-] (sources.SLUG)


# Likewise its index-only text, which depends on how jieba cuts its forms (``glossary_search_html``),
# so that the rest of its HTML stays right when an edit teaches jieba another term.
_SEARCH_MARKER = re.compile(r"<!--zhreader:search ([a-z0-9-]+)-->")


def _search_marker(entry) -> Markup:
    return Markup(f"<!--zhreader:search {entry.id}-->")          # an id is [a-z0-9-] (glossary.SLUG)


def _places(found: list[Occurrence]) -> tuple:
    """What an entry's HTML shows of its occurrences (titles aside)."""
    return tuple((o.article.slug, o.paragraph_id, o.form, o.context) for o in found)


_ARTICLE_SLUG = operator.attrgetter("article.slug")


def paragraph_search_html(item: AnnotatedArticle) -> dict[str, tuple[str, str]]:
    """Per paragraph: a search-section heading (results lead to #pN) and index-only text."""
    # One element per paragraph: the indexer's cost is per tag, and a space separates the texts as well.
    return {p.id: (section_heading(p.id, f"¶{i}"), index_block(item.index_text[p.id]) if item.index_text[p.id] else "")
            for i, p in enumerate(item.article.paragraphs, start=1)}


def glossary_search_html(entry) -> str:
    """Index-only text for a glossary entry (pinyin without tones, traditional forms, sub-words).

    Kept for as long as the entry object is (a corpus reuses its glossary between builds)."""
    return _entry_search_html.get(entry, _entry_search_html_made)


def _entry_search_html_made(entry) -> str:
    texts = entry_index_text(entry)
    return index_block(texts) if texts else ""


_entry_search_html = cache.KeptWith(limit=20_000)
_cut_by: list = [None]    # the segmentation (its memo's path) _entry_search_html's cuts were made with


def _forget_cuts_unless(segmentation) -> None:
    """Drop the kept index-only texts when words are cut differently now (a glossary edit taught
    jieba another term): a glossary edit keeps every unchanged entry's object."""
    if segmentation != _cut_by[0]:
        _entry_search_html.clear()
        _cut_by[0] = segmentation
_index_markdown = cache.KeptWith(limit=4)       # glossary → {its pages' URLs: the index page's Markdown}
_index_lines = cache.KeptWith(limit=50_000)    # entry → {its URL: its line in the glossary's index}


def _index_line(entry, url: str) -> str:
    """An entry's line in the glossary's index (a list item linking its full entry), kept while the
    entry is the same object: after a glossary edit, only the edited entries' lines are made again."""
    by_url = _index_lines.get(entry, lambda entry: {})
    if url not in by_url:
        pinyin = f" {escape(entry.pinyin)}" if entry.pinyin else ""
        english = f" · {escape(entry.en)}" if entry.en != entry.term else ""
        by_url[url] = (f'<li id="{escape(entry.id)}"><a href="{escape(url)}" lang="zh">{escape(entry.term)}</a>{pinyin}{english}'
                       f" · <small>{escape(entry.category)}</small></li>\n")
    return by_url[url]
_entry_html: dict[tuple[str, str, str], tuple[object, list, tuple, Markup]] = {}   # (page, its URLs' base, entry id) → (entry, occurrences, their places, HTML)


REPORTED = ", as reported (not a direct quotation)"   # words the source paraphrases rather than quotes


def citation(article: Article, quote: dict) -> str:
    """Plain-text citation of a quote (the page adds its own link)."""
    source = article.meta.get("source", "")
    return "\n".join(filter(None, [
        f"「{quote['zh']}」", f"“{quote['en']}”",
        f"— {quote['speaker']}{REPORTED if quote.get('reported') else ''}, {quote['occasion']}, {quote['date']}.",
        f"Source: {source}." if source else "", f"Article: {article.title}",
    ]))
