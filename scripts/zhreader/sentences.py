"""Chinese sentences: where a paragraph is cut for sentence-by-sentence English.

A sentence ends at 。！？ (and a run of them), at an ellipsis …… before more text, and at an ASCII
``.``, ``?`` or ``!`` that the source uses as a full stop, i.e. directly before a Han character
(``Runway.这很正常``; ``GPT-3.5`` and ``Yahoo!`` inside Latin text are left alone).  Closing
quotes and brackets after the stop stay with their sentence.  A semicolon does not end a
sentence: its clauses are usually one sentence in English too.

``en.yaml`` may give a paragraph as a list with one English item per Chinese sentence
(``sources._load_translation`` checks the count); the page wraps each sentence in
``<span class="s" id="p14-s3">`` and each English item in ``<span class="es" data-s="p14-s3">``.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

FULL_STOPS = "。！？"
ASCII_STOPS = ".?!"
CLOSING = "”’」』）)》】\"'"


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\U00020000" <= char <= "\U0003134f"


def _ends_here(text: str, i: int) -> bool:
    char = text[i]
    if char in FULL_STOPS:
        return True
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if char in ASCII_STOPS:
        return _is_han(nxt)
    if char == "…":
        return nxt != "…" and i > 0 and text[i - 1] == "…" and (nxt == "" or _is_han(nxt) or nxt in CLOSING)
    return False


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of a paragraph, in order, covering all of it but the
    spaces between sentences; a paragraph without a stop is one sentence."""
    spans, start, i = [], 0, 0
    while i < len(text):
        if _ends_here(text, i):
            end = i + 1
            while end < len(text) and (text[end] in CLOSING or text[end] in FULL_STOPS):
                end += 1
            _add(spans, text, start, end)
            start = i = end
            continue
        i += 1
    _add(spans, text, start, len(text))
    return tuple(spans)


def _add(spans: list, text: str, start: int, end: int) -> None:
    piece = text[start:end]
    left = start + len(piece) - len(piece.lstrip())
    right = end - (len(piece) - len(piece.rstrip()))
    if right > left:
        spans.append((left, right))


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def sentence_id(paragraph_id: str, number: int) -> str:
    """The sentence's anchor: ``p14-s3`` (a valid, CSS-safe id no heading on an article page can take)."""
    return f"{paragraph_id}-s{number}"


def english_html(article) -> dict[str, Markup]:
    """Per paragraph, the inside of its ``<p class="en">``: each English sentence in
    ``<span class="es" data-s="p4-s2" style="--i:2">`` when the translation is aligned (a list in
    en.yaml, or one text for a one-sentence paragraph), else the whole paragraph in one
    ``<span class="es">``.  The space after a sentence stays inside its element (a search
    indexer would drop a space standing alone between two elements)."""
    if not article.translation:
        return {}
    out = {}
    for para in article.paragraphs:
        value = article.translation["paragraphs"][para.id]
        if isinstance(value, str) and len(sentence_spans(para.text)) == 1:
            value = [value]
        if isinstance(value, str):
            out[para.id] = Markup('<span class="es">{}</span>').format(value)
            continue
        last = len(value)
        out[para.id] = Markup("").join(
            Markup('<span class="es" data-s="{}" style="--i:{}">{}</span>').format(
                sentence_id(para.id, n), n, text + (" " if n < last else ""))
            for n, text in enumerate(value, start=1))
    return out


def quote_anchor(article, quote: dict) -> str:
    """The sentence where a quote starts (``p8-s1``), in the paragraph it names."""
    para = next(p for p in article.paragraphs if p.id == quote["paragraph"])
    at = para.text.find(quote["zh"])
    for number, (start, end) in enumerate(sentence_spans(para.text), start=1):
        if at < end:
            return sentence_id(para.id, number)
    return para.id
