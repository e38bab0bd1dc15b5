"""Annotate every article once: tokens, vocabulary, notes, occurrences, sentences.

``Corpus`` loads the glossary and the texts and annotates each article once per
build (or once per process: ``zhreader.shared``).  Every output reads it: the pages
(``pages``), the word lists and decks (``downloads``), the search records
(``search_records``) and the popup data (``vocabscript``).  Nothing here imports an
output; the outputs import this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .annotate import Vocabulary, annotate_tokens, note_ref
from .lookup import Lookup
from . import abbreviations, cache, names, script
from .searchterms import paragraph_index_text
from .segment import Segmenter
from .sentences import sentence_spans
from .sources import HAN, Article, Glossary, has_han, load_articles, load_glossary

GLOSSARY_MARK = "\x00GLOSSARY\x00"   # replaced by the real relative URL when a page is rendered


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
    names: frozenset[str] = frozenset()   # the names the article uses (``names.found``): its quotes read them as it does
    abbreviations: dict = field(default_factory=dict)   # the abbreviations it defines (``abbreviations.found``): likewise

    @cached_property
    def vocab_json(self) -> str:
        """The popup data (``Vocabulary.as_json``), serialised once the article is annotated."""
        return self.vocab.as_json()

    @cached_property
    def occurrences_by_entry(self) -> dict[str, list[Occurrence]]:
        """The occurrences grouped by glossary entry, in reading order (kept with the article)."""
        by_entry: dict[str, list[Occurrence]] = {}
        for o in self.occurrences:
            by_entry.setdefault(o.entry_id, []).append(o)
        return by_entry

    @property
    def page_path(self) -> str:
        return f"articles/{self.article.slug}.md"

    @property
    def csv_path(self) -> str:
        return f"articles/{self.article.slug}/vocabulary.csv"

    @property
    def apkg_path(self) -> str:
        return f"articles/{self.article.slug}/vocabulary.apkg"


class Corpus:
    """Everything one build needs: sources, tools and annotated articles."""

    def __init__(self, root: Path, reuse: "Corpus | None" = None, glossary_before: Glossary | None = None):
        """``reuse``: an earlier corpus of the same glossary and code (``zhreader.shared``), whose
        annotation of an article whose sources are unchanged is taken as is. ``glossary_before``:
        the glossary of an earlier corpus of the same code and data (``load_glossary(before=…)``)."""
        self.root = root
        self.articles_raw = load_articles(root / "texts")
        if reuse is not None:    # same glossary, data and code: its tools as they are (a glossary of 2,000 entries takes seconds to load)
            self.glossary, self.segmenter, self.lookup = reuse.glossary, reuse.segmenter, reuse.lookup
            self._stats = reuse._stats
        else:
            self.glossary: Glossary = load_glossary(root / "glossary.yaml", before=glossary_before)
            self.segmenter = Segmenter(self.glossary)
            self.lookup = Lookup(self.glossary)
            self._stats = cache.KeptWith(limit=4 * len(self.articles_raw) + 16)   # an article's stats, while it is unchanged
        earlier = {item.article.slug: item for item in reuse.articles} if reuse else {}
        self.articles = [item if (item := earlier.get(a.slug)) is not None and item.article == a else self._annotate(a)
                         for a in self.articles_raw]

    def _annotate(self, article: Article) -> AnnotatedArticle:
        vocab = Vocabulary(self.lookup)
        annotated = AnnotatedArticle(article, {}, vocab, notes=number_notes(article))
        cut = {para.id: self.segmenter.segment_text(para.text, article.slug) for para in article.paragraphs}
        people = annotated.names = names.found(cut.values(), self.glossary)   # a name found once (by its title) is a name wherever it recurs
        cut = {pid: names.again(tokens, people) for pid, tokens in cut.items()}
        defined = annotated.abbreviations = abbreviations.found(cut.values(), self.glossary)   # RTB, after 实时竞价（RTB）
        for para in article.paragraphs:
            tokens = abbreviations.again(cut[para.id], defined)
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
                elif token.parts and not token.name:
                    annotated.occurrences += self._term_parts(article, para, token, offset)
                offset += len(token.text)
        return annotated

    def _term_parts(self, article: Article, para, token, offset: int) -> list[Occurrence]:
        """The glossary terms a compound is made of (人工智能 in 人工智能|核心|芯片): each is an
        occurrence of its term, as the popup links it, though the page shows the compound as one word."""
        found, at = [], 0
        for part in token.parts:
            at = token.text.index(part, at)        # a space between parts is in the text, not a part
            entry = self.glossary.entry_for(part)
            if entry is not None:
                found.append(Occurrence(article, para.id, part, _context(para.text, offset + at, len(part)), entry.id))
            at += len(part)
        return found

    def save_caches(self) -> None:
        """Keep this build's segmentations, lookups and conversions for the next build (``cache.Memo``).

        Once, when every page is rendered: a memo saved earlier would be cut back to what
        the build had used so far.
        """
        self.segmenter.save()
        self.lookup.save()
        script.save()

    def occurrences_of(self, entry_id: str) -> list[Occurrence]:
        return list(self._occurrences_by_entry.get(entry_id, ()))

    @cached_property
    def _occurrences_by_entry(self) -> dict[str, list[Occurrence]]:
        # One pass over the articles, not one per entry (the glossary page asks for every entry);
        # each article's own grouping is kept with it, so a rebuild after one edit groups one article.
        by_entry: dict[str, list[Occurrence]] = {}
        for a in self.articles:
            for entry_id, found in a.occurrences_by_entry.items():
                by_entry.setdefault(entry_id, []).extend(found)
        return by_entry

    def article_stats(self, item: AnnotatedArticle) -> dict:
        """Counts, HSK profile and glossary terms of an annotated article (kept while the item is)."""
        return self._stats.get(item, self._article_stats)

    def _article_stats(self, item: AnnotatedArticle) -> dict:
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


def number_notes(article: Article) -> list[dict]:
    """Notes in reading order (paragraph, then position), numbered from 1."""
    order = {p.id: i for i, p in enumerate(article.paragraphs)}
    text = {p.id: p.text for p in article.paragraphs}
    ranked = sorted(article.notes, key=lambda n: (order[n["paragraph"]], text[n["paragraph"]].index(n["anchor"])))
    return [{**note, "number": i} for i, note in enumerate(ranked, start=1)]


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
