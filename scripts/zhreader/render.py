"""Render whole pages (Markdown with raw HTML blocks) and the vocabulary CSV.

``Corpus`` loads and annotates every article once per build; the page
functions turn it into text for MkDocs.  Links between generated pages are
computed by the caller (``href``), because only MkDocs knows the final URLs
(they differ between the hosted site and the offline bundle).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .annotate import Vocabulary, annotate_tokens, esc, highlight, md_inline, note_ref, search_view
from .export import AnkiOptions, Card, anki_memo, anki_package_bytes, hsk_tag
from .glossary_export import safe_cell
from .glossary_index import by_pinyin, category_counts, index_letter, letter_index
from .lookup import Lookup, WordInfo
from .postags import dictionary_tags
from . import script
from .searchterms import entry_index_text, index_block, paragraph_index_text, section_heading
from .segment import Segmenter
from .sentences import english_html, quote_anchor, sentence_spans
from .sources import HAN, Article, Glossary, has_han, load_articles, load_glossary
from .vocabscript import vocab_script_url

TEMPLATES = Path(__file__).parent / "templates"
CSV_HEADER = ["word", "pinyin", "english", "hsk", "count", "context", "link"]
GLOSSARY_JSON = "glossary/glossary.json"   # the glossary as downloads (glossary_export), beside its page
GLOSSARY_CSV = "glossary/glossary.csv"
MY_WORDS = "my-words.md"                    # saved and known words, kept in the browser

Href = Callable[[str], str]   # target path (as in docs/) → URL relative to the current page


@dataclass
class Occurrence:
    article: Article
    paragraph_id: str
    form: str
    context: str
    entry_id: str = ""


@dataclass
class AnnotatedArticle:
    article: Article
    paragraphs: dict[str, str]            # paragraph id → annotated HTML (glossary links use GLOSSARY_MARK)
    vocab: Vocabulary
    notes: list[dict] = field(default_factory=list)         # numbered, in reading order
    occurrences: list[Occurrence] = field(default_factory=list)
    index_text: dict[str, list[str]] = field(default_factory=dict)   # paragraph id → search-only text
    tokens: dict[str, list] = field(default_factory=dict)            # paragraph id → its words (search_records)
    first_at: dict[tuple[str, str], int] = field(default_factory=dict)  # (paragraph id, word) → its first offset there

    @cached_property
    def vocab_json(self) -> str:
        """The popup data (``Vocabulary.as_json``), serialised once the article is annotated."""
        return self.vocab.as_json()

    @property
    def page_path(self) -> str:
        return f"articles/{self.article.slug}.md"

    @property
    def csv_path(self) -> str:
        return f"articles/{self.article.slug}/vocabulary.csv"

    @property
    def apkg_path(self) -> str:
        return f"articles/{self.article.slug}/vocabulary.apkg"


GLOSSARY_MARK = "\x00GLOSSARY\x00"   # replaced by the real relative URL when a page is rendered
DEFERRED = re.compile(r"<!-- zhreader:deferred (\d+) -->")
SEARCH_VIEW = re.compile(r"<!--zhreader:search (\d+)-->.*?<!--/zhreader:search-->", re.S)
# Lists Material's search skips anyway (data-search-exclude): neither Markdown nor the indexer need to parse them.
UNINDEXED_LIST = re.compile(r"^<ol class=\"occurrences\" data-search-exclude>\n.*?^</ol>$", re.S | re.M)


class Corpus:
    """Everything one build needs: sources, tools and annotated articles."""

    def __init__(self, root: Path, reuse: "Corpus | None" = None):
        """``reuse``: an earlier corpus of the same glossary and code (``zhreader.shared``), whose
        annotation of an article whose sources are unchanged is taken as is."""
        self.root = root
        self.glossary: Glossary = load_glossary(root / "glossary.yaml")
        self.articles_raw = load_articles(root / "texts")
        self.segmenter = Segmenter(self.glossary)
        self.lookup = Lookup(self.glossary)
        self._deferred: list[str] = []
        self._unindexed: set[int] = set()
        self._blocks: set[int] = set()
        self._anki = anki_memo()
        self._rows: dict[tuple[str, str], list[tuple[list, WordInfo, int]]] = {}
        earlier = {item.article.slug: item for item in reuse.articles} if reuse else {}
        self.articles = [item if (item := earlier.get(a.slug)) is not None and item.article == a else self._annotate(a)
                         for a in self.articles_raw]
        self.env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=True)
        self.env.filters["md"] = md_inline   # user text inside a Markdown heading

    def _annotate(self, article: Article) -> AnnotatedArticle:
        vocab = Vocabulary(self.lookup)
        annotated = AnnotatedArticle(article, {}, vocab, notes=number_notes(article))
        for para in article.paragraphs:
            tokens = self.segmenter.segment_text(para.text, article.slug)
            after: dict[int, list[str]] = {}
            for note in annotated.notes:
                if note["paragraph"] == para.id:
                    end = para.text.index(note["anchor"]) + len(note["anchor"])
                    after.setdefault(end, []).append(note_ref(note["number"]))
            annotated.paragraphs[para.id] = annotate_tokens(tokens, vocab, para.id, GLOSSARY_MARK, after,
                                                            sentence_spans(para.text))
            annotated.index_text[para.id] = paragraph_index_text(tokens, self.glossary)
            annotated.tokens[para.id] = tokens
            offset = 0
            for token in tokens:
                if token.is_chinese:
                    annotated.first_at.setdefault((para.id, token.text), offset)
                if token.entry_id:
                    annotated.occurrences.append(Occurrence(article, para.id, token.text,
                                                            _context(para.text, offset, len(token.text)), token.entry_id))
                offset += len(token.text)
        return annotated

    def save_caches(self) -> None:
        """Keep this build's segmentations, lookups, conversions and decks for the next build (``cache.Memo``).

        Once, when every page is rendered: a memo saved earlier would be cut back to what
        the build had used so far.
        """
        self.segmenter.save()
        self.lookup.save()
        script.save()
        self._anki.save()

    def render_anki(self, item: AnnotatedArticle, page_url: str, options: AnkiOptions = AnkiOptions()) -> bytes:
        """The article's Anki deck (``export``); rebuilt only when its cards changed."""
        cards = self.anki_cards(item, page_url, options)
        key = hashlib.sha256(repr((item.article.slug, item.article.title, cards)).encode("utf-8")).hexdigest()
        return self._anki.get(key, lambda: anki_package_bytes(item.article.slug, item.article.title, cards))

    def anki_cards(self, item: AnnotatedArticle, page_url: str, options: AnkiOptions) -> list[Card]:
        """The vocabulary rows worth a card (``AnkiOptions``), tagged with article and HSK level."""
        rows = self._word_rows(item, page_url)
        tags = dictionary_tags(sorted({info.word for _, info, _ in rows}))
        return [Card(tuple(row), mark, (item.article.slug, hsk_tag(info.hsk_label),
                                        *(("glossary",) if info.entry_id else ())))
                for row, info, mark in rows if options.keeps(info.hsk, tags.get(info.word), bool(info.entry_id))]

    def occurrences_of(self, entry_id: str) -> list[Occurrence]:
        return list(self._occurrences_by_entry.get(entry_id, ()))

    @cached_property
    def _occurrences_by_entry(self) -> dict[str, list[Occurrence]]:
        # One pass over all occurrences, not one per entry (the glossary page asks for every entry).
        by_entry: dict[str, list[Occurrence]] = {}
        for a in self.articles:
            for o in a.occurrences:
                by_entry.setdefault(o.entry_id, []).append(o)
        return by_entry

    # -- pages ------------------------------------------------------------------

    def render_article(self, item: AnnotatedArticle, href: Href) -> str:
        glossary_url = href("glossary.md")
        paragraphs = {pid: self.defer(html.replace(GLOSSARY_MARK, esc(glossary_url))) for pid, html in item.paragraphs.items()}
        return self.defer_blocks(self.env.get_template("article.md.j2").render(
            a=item.article, item=item, paragraphs=paragraphs, vocab_url=vocab_script_url(item, href),
            csv_url=href(item.csv_path), apkg_url=href(item.apkg_path), glossary_url=glossary_url,
            stats=self.article_stats(item), english=english_html(item.article), search={pid: tuple(self.defer(html) if html else html for html in pair)
                    for pid, pair in paragraph_search_html(item).items()},
        ))

    def defer(self, html: str) -> str:
        """A marker Markdown passes through untouched; ``fill_deferred`` puts ``html`` back.

        Python-Markdown re-parses every tag of a raw HTML block to find where it ends; for
        annotated text (an element per word) that was the largest per-page cost of a build.
        """
        self._deferred.append(html)
        return f"<!-- zhreader:deferred {len(self._deferred) - 1} -->"

    def defer_blocks(self, markdown: str) -> str:
        """Defer each top-level raw HTML block of a generated page as a whole.

        Python-Markdown parses a raw block's tags twice (``md_in_html`` and MkDocs' anchor
        scan) only to pass it through unchanged.  A block here starts at a line that opens
        one of ``BLOCK_TAGS`` and ends at the line closing it (as Python-Markdown reads raw
        HTML; ``tests/test_deferred_html.py`` compares the two); ``fill_for_search`` puts it
        back, with the markers inside it, before anything else reads the page.
        """
        lines = markdown.split("\n")
        out, i = [], 0
        while i < len(lines):
            end = _raw_block_end(lines, i)
            if end is None:
                out.append(lines[i])
                i += 1
                continue
            self._blocks.add(len(self._deferred))
            out.append(self.defer("\n".join(lines[i:end + 1])))
            i = end + 1
        return "\n".join(out)

    def _expand_blocks(self, html: str) -> str:
        return DEFERRED.sub(lambda m: self._deferred[k] if (k := int(m.group(1))) in self._blocks else m.group(0), html)

    def defer_unindexed(self, html: str) -> str:
        """Like ``defer``, for HTML the search index leaves out: the indexer sees nothing."""
        self._unindexed.add(len(self._deferred))
        return self.defer(html)

    def fill_for_search(self, html: str) -> str:
        """Put back the deferred text as Material's search plugin should index it.

        The same text without the word elements (``annotate.search_view``): the index
        is unchanged and the plugin parses a tenth of the tags.  ``fill_deferred``
        swaps in the full HTML once the page is indexed.
        """
        if "<!-- zhreader:deferred " not in html:
            return html
        html = self._expand_blocks(html)

        def view(m) -> str:
            k = int(m.group(1))
            text = "" if k in self._unindexed else search_view(self._deferred[k])
            return f"<!--zhreader:search {k}-->{text}<!--/zhreader:search-->"
        return DEFERRED.sub(view, html)

    def fill_deferred(self, html: str) -> str:
        """Put the deferred HTML back into a page's rendered content (or its search view)."""
        if "zhreader:" not in html:
            return html
        full = lambda m: self._deferred[int(m.group(1))]  # noqa: E731
        return DEFERRED.sub(full, SEARCH_VIEW.sub(full, self._expand_blocks(html)))

    def render_quotes(self, href: Href) -> str:
        """The quotes page: every article's curated quotes, annotated like the article."""
        vocab = Vocabulary(self.lookup)
        glossary_url = href("glossary.md")
        groups = []
        for item in self.articles:
            quotes = []
            for quote in item.article.quotes:
                html = self.defer(annotate_tokens(self.segmenter.segment_text(quote["zh"], item.article.slug), vocab, quote["id"], glossary_url))
                link = href(item.page_path) + "#" + quote_anchor(item.article, quote)
                quotes.append((quote, html, link, citation(item.article, quote)))
            if quotes:
                groups.append((item, href(item.page_path), quotes))
        return self.defer_blocks(self.env.get_template("quotes.md.j2").render(groups=groups, reported=REPORTED, vocab_json=self.defer(vocab.as_json())))

    def render_glossary(self, href: Href) -> str:
        """The glossary page: entries A–Z by pinyin (``glossary_index``), a jump list, category filter, downloads."""
        entries = []
        ordered = by_pinyin(self.glossary.entries)
        for entry in ordered:
            found = self.occurrences_of(entry.id)
            shown = [(o, href(f"articles/{o.article.slug}.md") + "#" + o.paragraph_id, highlight(o.context, o.form))
                     for o in found[:SNIPPETS_PER_TERM]]
            entries.append((entry, len(found), shown, more_occurrences(found[SNIPPETS_PER_TERM:], href)))
        page = self.env.get_template("glossary.md.j2").render(
            entries=entries, count=len(entries), search_html=glossary_search_html, letter=index_letter,
            letters=letter_index(ordered), categories=category_counts(ordered),
            json_url=href(GLOSSARY_JSON), csv_url=href(GLOSSARY_CSV))
        # Every occurrence of every term: by far the most tags of any page, and excluded from search.
        return self.defer_blocks(UNINDEXED_LIST.sub(lambda m: self.defer_unindexed(m.group(0)), page))

    def render_my_words(self, href: Href) -> str:
        """The "My words" page: a frame the browser fills from its local storage (reader/words.js)."""
        return self.env.get_template("my_words.md.j2").render(home_url=href("index.md"))

    def render_article_list(self, href: Href) -> str:
        return self.env.get_template("article_list.html.j2").render(
            items=[(a, href(a.page_path), self.article_stats(a)) for a in self.articles])

    def article_stats(self, item: AnnotatedArticle) -> dict:
        words = sum(item.vocab.counts)
        return {"paragraphs": len(item.article.paragraphs), "words": words,
                "distinct": len(item.vocab.infos),
                "terms": len({o.entry_id for o in item.occurrences}),
                "chars": sum(len(HAN.findall(p.text)) for p in item.article.paragraphs),
                "hsk": hsk_profile(item.vocab), "term_list": self.terms_in(item)}

    def terms_in(self, item: AnnotatedArticle) -> list:
        """The glossary entries an article uses, in order of first appearance."""
        seen: dict[str, object] = {}
        for occurrence in item.occurrences:
            seen.setdefault(occurrence.entry_id, self.glossary.by_id[occurrence.entry_id])
        return list(seen.values())

    def render_csv(self, item: AnnotatedArticle, page_url: str) -> str:
        """Vocabulary CSV: one row per distinct Chinese word, in order of first appearance.

        UTF-8 with a byte order mark, which Excel needs to read it as UTF-8.
        """
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        # A context sentence may start with @ (a Weibo mention), a gloss with - or =: shown as text,
        # never run as a formula by a spreadsheet.
        writer.writerows([safe_cell(c) if isinstance(c, str) else c for c in row]
                         for row in self.vocabulary_rows(item, page_url))
        return out.getvalue()

    def vocabulary_rows(self, item: AnnotatedArticle, page_url: str) -> list[list]:
        """The word list (CSV and Anki deck): one row per distinct Chinese word, first appearance first."""
        return [row for row, _, _ in self._word_rows(item, page_url)]

    def _word_rows(self, item: AnnotatedArticle, page_url: str) -> list[tuple[list, WordInfo, int]]:
        """(row, the word's lookup, where the word starts in the row's context sentence)."""
        cached = self._rows.get((item.article.slug, page_url))
        if cached is None:
            cached = self._rows[(item.article.slug, page_url)] = self._build_rows(item, page_url)
        return cached

    def _build_rows(self, item: AnnotatedArticle, page_url: str) -> list[tuple[list, WordInfo, int]]:
        by_id = {p.id: p for p in item.article.paragraphs}
        rows = []
        for info, count, pid in zip(item.vocab.infos, item.vocab.counts, item.vocab.first_paragraph):
            if not has_han(info.word):
                continue  # Latin glossary terms (Sora, GPT-4) are in the popup data, not the word list
            text = by_id[pid].text
            at = item.first_at.get((pid, info.word))
            context, mark = sentence_at(text, at) if at is not None else (sentence_with(text, info.word), -1)
            if mark < 0 and info.word in context:
                mark = context.index(info.word)
            rows.append(([info.word, info.pinyin, info.english, info.hsk_label, count, context,
                          f"{page_url}#{pid}"], info, mark))
        return rows


HSK_BANDS = ["1", "2", "3", "4", "5", "6", "7-9", ""]   # "" = not in HSK 3.0


def hsk_profile(vocab: Vocabulary) -> list[dict]:
    """Share of the Chinese running words (and distinct words) at each HSK 3.0 band."""
    tokens = {band: 0 for band in HSK_BANDS}
    distinct = {band: 0 for band in HSK_BANDS}
    for info, count in zip(vocab.infos, vocab.counts):
        if not has_han(info.word):
            continue
        band = info.hsk_label if info.hsk_label in tokens else "7-9"
        tokens[band] += count
        distinct[band] += 1
    total = sum(tokens.values()) or 1
    return [{"band": band, "label": f"HSK {band}" if band else "Beyond HSK", "words": tokens[band],
             "distinct": distinct[band], "percent": round(100 * tokens[band] / total, 1)}
            for band in HSK_BANDS]


BLOCK_TAGS = ("div", "dl", "ol", "ul", "p", "details", "table", "figure", "script")
_BLOCK_OPEN = re.compile(r"<(" + "|".join(BLOCK_TAGS) + r")[\s>]")


def _raw_block_end(lines: list[str], start: int) -> int | None:
    """The last line of the raw HTML block starting at ``lines[start]``, or None if none starts there."""
    opening = _BLOCK_OPEN.match(lines[start])
    if opening is None:
        return None
    tag = opening.group(1)
    opens, closes = re.compile(rf"<{tag}[\s>]"), f"</{tag}>"
    depth = 0
    for end in range(start, len(lines)):
        depth += len(opens.findall(lines[end])) - lines[end].count(closes)
        if depth <= 0:
            # Text after the closing tag, or markdown="1" (md_in_html), is Markdown's to read.
            closed = depth == 0 and lines[end].rstrip().endswith(closes)
            plain = not any("markdown=" in line for line in lines[start:end + 1])
            return end if closed and plain else None
    return None


SNIPPETS_PER_TERM = 10     # the glossary shows this many occurrences of a term in context, then links:
PARAGRAPH_LINKS_UP_TO = 3  # to each paragraph, when the rest are in at most this many articles,
ARTICLES_LISTED = 50       # else to each article (its first paragraph), for at most this many


def more_occurrences(rest: list[Occurrence], href: Href) -> tuple[list[tuple[str, list[tuple[str, str]]]], int]:
    """The occurrences after the first few: ([(article title, [(label, url)])], articles not listed).

    The glossary page grows with the number of terms and articles, not with how
    often each term is used.
    """
    by_article: dict[str, tuple[Article, list[str]]] = {}
    for o in rest:
        article, paragraphs = by_article.setdefault(o.article.slug, (o.article, []))
        if o.paragraph_id not in paragraphs:
            paragraphs.append(o.paragraph_id)
    groups = []
    for article, paragraphs in list(by_article.values())[:ARTICLES_LISTED]:
        url = href(f"articles/{article.slug}.md")
        if len(by_article) <= PARAGRAPH_LINKS_UP_TO:
            links = [(f"¶{pid[1:]}", f"{url}#{pid}") for pid in paragraphs]
        else:
            links = [(f"{len(paragraphs)} paragraph{'s' if len(paragraphs) > 1 else ''}", f"{url}#{paragraphs[0]}")]
        groups.append((article.title, links))
    return groups, max(0, len(by_article) - ARTICLES_LISTED)


def paragraph_search_html(item: AnnotatedArticle) -> dict[str, tuple[str, str]]:
    """Per paragraph: a search-section heading (results lead to #pN) and index-only text."""
    # One element per paragraph: the indexer's cost is per tag, and a space separates the texts as well.
    return {p.id: (section_heading(p.id, f"¶{i}"), index_block(" ".join(item.index_text[p.id])) if item.index_text[p.id] else "")
            for i, p in enumerate(item.article.paragraphs, start=1)}


def glossary_search_html(entry) -> str:
    """Index-only text for a glossary entry (pinyin without tones, traditional forms, sub-words)."""
    texts = entry_index_text(entry)
    return index_block(" ".join(texts)) if texts else ""


def number_notes(article: Article) -> list[dict]:
    """Notes in reading order (paragraph, then position), numbered from 1."""
    order = {p.id: i for i, p in enumerate(article.paragraphs)}
    text = {p.id: p.text for p in article.paragraphs}
    ranked = sorted(article.notes, key=lambda n: (order[n["paragraph"]], text[n["paragraph"]].index(n["anchor"])))
    return [{**note, "number": i} for i, note in enumerate(ranked, start=1)]


REPORTED = ", as reported (not a direct quotation)"   # words the source paraphrases rather than quotes


def citation(article: Article, quote: dict) -> str:
    """Plain-text citation of a quote (the page adds its own link)."""
    source = article.meta.get("source", "")
    return "\n".join(filter(None, [
        f"「{quote['zh']}」", f"“{quote['en']}”",
        f"— {quote['speaker']}{REPORTED if quote.get('reported') else ''}, {quote['occasion']}, {quote['date']}.",
        f"Source: {source}." if source else "", f"Article: {article.title}",
    ]))


def _context(text: str, start: int, length: int, size: int = 24) -> str:
    left = max(0, start - size)
    right = min(len(text), start + length + size)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def sentence_with(text: str, word: str) -> str:
    """The first sentence of ``text`` that contains ``word``."""
    for start, end in _sentence_spans(text):
        if word in text[start:end]:
            return text[start:end]
    return text


def sentence_at(text: str, offset: int) -> tuple[str, int]:
    """The sentence of ``text`` holding the character at ``offset``, and that offset within it."""
    for start, end in _sentence_spans(text):
        if start <= offset < end:
            return text[start:end], offset - start
    return text, offset


SENTENCE_END = "。！？!?；;"
CLOSING = "”’」』）)》】"     # a closing quote or bracket after the full stop stays with its sentence


@lru_cache(maxsize=4096)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, surrounding spaces left out; split once per paragraph."""
    spans, start, i = [], 0, 0
    while i < len(text):
        if text[i] in SENTENCE_END or i == len(text) - 1:
            end = i + 1
            while end < len(text) and (text[end] in CLOSING or text[end] in SENTENCE_END):
                end += 1
            left = start + (len(text[start:end]) - len(text[start:end].lstrip()))
            right = end - (len(text[start:end]) - len(text[start:end].rstrip()))
            if right > left:
                spans.append((left, right))
            start = i = end
            continue
        i += 1
    return tuple(spans)
