"""Turn segmented text into annotated HTML — the one door where values are escaped.

Every word is its own element carrying ``data-k``, an index into the page's
vocabulary (shipped once per page as JSON, so repeated words cost a few
bytes).  Glossary terms are links to their glossary entry.  Nothing reaches
the page without passing through ``esc`` or ``json_for_script`` here or
Jinja's autoescape in ``pages``.
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

from .lookup import Lookup, WordInfo
from .segment import Segmenter, Token


def esc(value) -> str:
    """Escape text for HTML element content and double-quoted attributes."""
    return html.escape(str(value), quote=True)


# Characters Markdown reads as inline syntax in a heading: links and images, emphasis,
# code, attribute lists, closing hashes, backslash escapes. (< and & are escaped by esc.)
_MARKDOWN_SYNTAX = "\\`*_[]{}#!"


def md_inline(value) -> Markup:
    """Escape text for a Markdown heading: one line, HTML-escaped, and no character
    that Markdown could turn into a link, emphasis or attribute (each is written as a
    numeric character reference, which Markdown passes through as text)."""
    text = " ".join(str(value).split())
    return Markup("".join(f"&#{ord(c)};" if c in _MARKDOWN_SYNTAX else esc(c) for c in text))


def json_for_script(data) -> str:
    """JSON safe to place inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class Vocabulary:
    """The distinct words of one page, in order of first appearance, with counts."""

    def __init__(self, lookup: Lookup):
        self.lookup = lookup
        self.index: dict[tuple, int] = {}
        self.infos: list[WordInfo] = []
        self.counts: list[int] = []
        self.first_paragraph: list[str] = []

    def add(self, word: str, paragraph_id: str, reading: str | None = None, sense: int | None = None,
            parts: tuple[str, ...] = (), name: bool = False, defined: tuple[str, ...] = ()) -> int:
        key = (word, reading, sense, parts, name, defined)
        k = self.index.get(key)
        if k is None:
            k = self.index[key] = len(self.infos)
            self.infos.append(self.lookup.lookup_word(word, reading, sense, parts, name, defined))
            self.counts.append(0)
            self.first_paragraph.append(paragraph_id)
        self.counts[k] += 1
        return k

    def as_json(self) -> str:
        """The popup data for the page: one row per distinct word."""
        rows = [[i.word, i.pinyin, i.senses, i.hsk_label, i.entry_id or "", i.source,
                 [list(p) for p in i.parts], i.definition, *([i.extras] if i.extras else [])] for i in self.infos]
        return json_for_script(rows)


def note_ref(number: int) -> str:
    """The superscript link from a place in the text to note ``number``."""
    return (f'<sup class="nref" id="nref-{number}"><a href="#note-{number}" '
            f'aria-label="Note {number}">{number}</a></sup>')


def _part_links(info: WordInfo, glossary_href: str) -> str:
    """The entries of a word's glossary parts, for the popup's links (rewritten like a term's href)."""
    ids = [part[3] for part in getattr(info, "parts", ()) if len(part) > 3 and part[3]]
    return f' data-g="{esc(" ".join(f"{glossary_href}#{i}" for i in ids))}"' if ids else ""


def annotate_tokens(tokens: list[Token], vocab: Vocabulary, paragraph_id: str, glossary_href: str,
                    after: dict[int, list[str]] | None = None,
                    sentences: tuple[tuple[int, int], ...] = ()) -> str:
    """HTML for one paragraph's tokens (no wrapper element).

    ``after`` maps a character offset to HTML (already built here, e.g. note
    references) placed after the token that reaches that offset.  ``sentences``
    (``sentences.sentence_spans``) wraps each sentence in
    ``<span class="s" id="p4-s2" style="--i:2">`` (the index places it in the reader's
    sentence layouts); spaces between sentences stay outside.  A word and the note
    numbers after it share a ``<span class="nw">`` (no line break between them).
    """
    out = []
    pending = sorted((after or {}).items())
    offset = 0
    todo = list(enumerate(sentences, start=1))
    open_until = None
    for token in tokens:
        offset += len(token.text)
        if open_until is None and todo and offset > todo[0][1][0] and token.text.strip():
            number, (_, open_until) = todo.pop(0)
            out.append(f'<span class="s" id="{paragraph_id}-s{number}" style="--i:{number}">')
        if token.entry_id:
            k = vocab.add(token.text, paragraph_id, sense=token.sense)
            out.append(f'<a class="w t" href="{esc(glossary_href)}#{esc(token.entry_id)}" data-k="{k}">{esc(token.text)}</a>')
        elif token.name:     # a person's name (a foreign one written by sound: names.FOREIGN), or a company's (with its parts: name, ending)
            k = vocab.add(token.text, paragraph_id, sense=token.sense, parts=token.parts, name=True)
            out.append(f'<span class="w n" data-k="{k}">{esc(token.text)}</span>')
        elif token.parts:    # a compound (大模型|幻觉), or a product name built on a glossary name (families.FAMILY: Claude Design)
            k = vocab.add(token.text, paragraph_id, sense=token.sense, parts=token.parts)
            out.append(f'<span class="w c" data-k="{k}"{_part_links(vocab.infos[k], glossary_href)}>{esc(token.text)}</span>')
        elif token.defined:  # an abbreviation the article defines (RTB after 实时竞价（RTB）), its Chinese's glossary words linked
            k = vocab.add(token.text, paragraph_id, defined=token.defined)
            out.append(f'<span class="w" data-k="{k}"{_part_links(vocab.infos[k], glossary_href)}>{esc(token.text)}</span>')
        elif token.is_chinese:
            k = vocab.add(token.text, paragraph_id, token.reading, sense=token.sense)   # a measure word (3|家) has one
            out.append(f'<span class="w" data-k="{k}">{esc(token.text)}</span>')
        else:
            out.append(esc(token.text))
        notes = []
        while pending and pending[0][0] <= offset:
            notes.extend(pending.pop(0)[1])
        if notes:        # the note number stays on the word's line
            out[-1] = '<span class="nw">' + out[-1] + "".join(notes) + "</span>"
        if open_until is not None and offset >= open_until:
            out.append("</span>")
            open_until = None
            while todo and todo[0][1][1] <= offset:   # a sentence inside one token (none in practice)
                todo.pop(0)
    for _, extra in pending:
        out.extend(extra)
    if open_until is not None:
        out.append("</span>")
    return "".join(out)


_WORD_ELEMENT = re.compile(r'<(?:span class="w(?: c)?"|a class="w t")[^>]*>([^<]*)</(?:span|a)>')
_SPACE_RUN = re.compile(r"(?:^|(?<=>))(\s+)(?=<|$)")


_SPAN_TAG = re.compile(r"<span\b[^>]*>|</span>")


def _without_sentences(html: str) -> str:
    """``html`` without its sentence and word-with-note elements (``<span class="s" …>``, ``<span class="nw">``)."""
    if '<span class="s" ' not in html and '<span class="nw">' not in html:
        return html
    out, stack, last = [], [], 0
    for m in _SPAN_TAG.finditer(html):
        if m.group().startswith("</"):
            drop = stack.pop() if stack else False
        else:
            drop = m.group().startswith(('<span class="s" ', '<span class="nw">'))
            stack.append(drop)
        if drop:
            out.append(html[last:m.start()])
            last = m.end()
    out.append(html[last:])
    return "".join(out)


def search_view(html: str) -> str:
    """``annotate_tokens`` HTML without its word and sentence elements, for a search indexer.

    An HTML parser sees the same text in the same order, each word between two U+200B
    marks (Material's search splits on them; ``searchterms.keep_our_cuts``): the offline
    index holds the words the page shows.  Runs of whitespace between elements stay
    separate text nodes (wrapped in a bare ``<span>``), as Material's search plugin
    treats a whitespace-only node differently from spaces inside text.
    """
    return _WORD_ELEMENT.sub("\u200b\\1\u200b", _SPACE_RUN.sub(r"<span>\1</span>", _without_sentences(html)))


def annotate_paragraph(text: str, segmenter: Segmenter, vocab: Vocabulary, paragraph_id: str, glossary_href: str) -> str:
    """Segment and annotate one paragraph of Chinese."""
    return annotate_tokens(segmenter.segment_text(text), vocab, paragraph_id, glossary_href)


def highlight(text: str, needle: str) -> str:
    """Escape ``text`` and wrap each occurrence of ``needle`` in ``<mark>``."""
    parts = text.split(needle)
    return f"<mark>{esc(needle)}</mark>".join(esc(p) for p in parts)
