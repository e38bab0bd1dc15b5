"""Extra text for the search index: what Material's search needs to find our words.

Material's search (lunr in the browser) matches a query word only at the start
of an indexed token, and its Chinese tokens are our words (``keep_our_cuts``).  So, on its own,
模型 does not find 大模型, pinyin finds nothing, and a traditional spelling finds
only itself.  Each page therefore carries, for the indexer only, short blocks of
extra text (``index_block``), and each article paragraph gets a section heading
(``section_heading``) so a result leads to ``#p7``, not to the top of the page:

- a glossary entry: its forms, their traditional spellings (OpenCC), its pinyin
  without tones, with and without spaces (``shendu weizao``, ``shenduweizao``),
  and its compounds cut into sub-words (深度\u200b伪造);
- a paragraph: its compounds cut into sub-words (大\u200b模型, 文生\u200b视频), and for
  each glossary term in it the term's other forms and toneless pinyin.

A cut compound keeps its characters in order and is joined by U+200B, which
Material's tokenizer splits on and the results list shows as nothing: a hit on
模型 is shown as 大<mark>模型</mark>.

These elements exist only while Material indexes the page: ``strip_index_only``
removes them from the HTML readers get (``hidden`` keeps them out of sight and
out of the accessibility tree should they ever remain).
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

import jieba

from .annotate import esc
from .segment import Token
from .glossary import HAN, Entry, Glossary, traditional_spellings

ZWSP = "\u200b"
INDEX_ATTR = "data-zh-index"
_PURE_HAN = re.compile(f"^{HAN.pattern}+$")
_INDEX_ONLY = re.compile(rf'<(h2|p) hidden {INDEX_ATTR}[^>]*>[^<]*</\1>\n?')
_HAN_RUN = re.compile(f"{HAN.pattern}+")
_MAX_COMPOUND = 8          # longer Han runs are names or phrases jieba did not know; not worth cutting


# -- building blocks ------------------------------------------------------------

def index_block(words: list[str]) -> str:
    """A paragraph of index-only text: ``words`` (escaped here), each Chinese run between
    U+200B marks, as a word the indexer keeps (``keep_our_cuts``)."""
    text = _HAN_RUN.sub(lambda m: m.group().join((ZWSP, ZWSP)), " ".join(words))
    return f'<p hidden {INDEX_ATTR}>{esc(text)}</p>'


def section_heading(anchor: str, title: str) -> str:
    """An index-only heading: Material starts a search section at each heading with an id."""
    return f'<h2 hidden {INDEX_ATTR} id="{esc(anchor)}">{esc(title)}</h2>'


def strip_index_only(html: str) -> str:
    """Remove the index-only elements from a page's HTML (after Material indexed it)."""
    return _INDEX_ONLY.sub("", html)


# -- Material's own cutting ---------------------------------------------------

def keep_our_cuts() -> None:
    """Make Material's search plugin keep the words we cut instead of cutting them again.

    The plugin runs jieba (with its HMM guesses) over every run of Chinese characters it
    indexes.  Article text reaches it already cut, each word between U+200B marks
    (``annotate.search_view``), and index-only text too; cut again, it would index other
    words than the page shows (做文创时 as 做文|创时, not 做|文创|时) and spend most of the
    offline build's indexing time doing it.  So a run with a mark on both sides stays as
    it is; any other run (a title, a heading, the home page's list) is cut as before.
    Material 9.8's ``SearchIndex._segment_chinese``; a Material without it stops the build with a message.
    """
    from backrefs import bre
    from material.plugins.search.plugin import SearchIndex

    # A run of the plugin's own Han class (maximal) without a mark on both sides: only these are cut.
    han = r"\p{script: Han}"
    unmarked = bre.compile(rf"(?<![{han}{ZWSP}]){han}+|(?<![{han}]){han}+(?![{han}{ZWSP}])", bre.UNICODE)

    original = SearchIndex.__dict__.get("_segment_chinese")
    if original is None:
        raise RuntimeError("Material's search plugin has no SearchIndex._segment_chinese any more (an upgrade?): "
                           "searchterms.keep_our_cuts needs updating (DESIGN.md, Search)")
    if getattr(original, "keeps_our_cuts", False):
        return

    def segment_chinese(self, data: str) -> str:
        if ZWSP not in data:
            return original(self, data)
        return unmarked.sub(lambda m: original(self, m.group()).join((ZWSP, ZWSP)), data).strip(ZWSP)

    segment_chinese.keeps_our_cuts = True
    SearchIndex._segment_chinese = segment_chinese


# -- words --------------------------------------------------------------------

def toneless_pinyin(pinyin: str) -> list[str]:
    """Ways a reader types ``pinyin`` without tones: spaced and unspaced, ü as u and as v."""
    plain = _strip_marks(pinyin.lower()).replace("'", "").replace("’", "").replace("-", " ")
    spaced = " ".join(plain.split())
    variants = []
    for form in (spaced, spaced.replace("ü", "u"), spaced.replace("ü", "v")):
        for candidate in (form, form.replace(" ", "")):
            if candidate and candidate not in variants:
                variants.append(candidate)
    return variants


def _strip_marks(text: str) -> str:
    # Drop tone marks, keep the diaeresis of ü (ǚ → ü).
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308"))


@lru_cache(maxsize=None)
def split_compound(word: str) -> tuple[str, ...] | None:
    """Cut a Chinese compound into known sub-words, e.g. 大模型 → (大, 模型).

    Pieces are jieba dictionary words or single characters; the cut with the
    fewest pieces wins (then the most common words).  ``None`` when the word is
    not pure Han, is too short or too long, or no piece has two characters.
    """
    n = len(word)
    if not 3 <= n <= _MAX_COMPOUND or not _PURE_HAN.match(word):
        return None
    # best[i] = (pieces, -log-frequency score, cut) for word[:i]
    best: list[tuple[int, float, tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = (0, 0.0, ())
    for end in range(1, n + 1):
        for start in range(end):
            piece = word[start:end]
            if best[start] is None or piece == word:
                continue
            freq = jieba.get_FREQ(piece) or 0
            if len(piece) > 1 and freq <= 0:
                continue
            count, cost, cut = best[start]
            candidate = (count + 1, cost - math.log(freq + 1), cut + (piece,))
            if best[end] is None or candidate[:2] < best[end][:2]:
                best[end] = candidate
    if best[n] is None:
        return None
    cut = best[n][2]
    return cut if any(len(piece) > 1 for piece in cut) else None


# -- what each page indexes -------------------------------------------------------

def entry_index_text(entry: Entry) -> list[str]:
    """Index-only text for one glossary entry, one block per kind."""
    forms = list(entry.forms)
    for form in entry.forms:
        forms += [t for t in traditional_spellings(entry, form) if t not in forms]
    blocks = [" ".join(forms)]
    if entry.pinyin:
        blocks.append(" ".join(toneless_pinyin(entry.pinyin)))
    blocks += [ZWSP.join(cut) for cut in (split_compound(form) for form in forms) if cut]
    return _unique(blocks)


def paragraph_index_text(tokens: list[Token], glossary: Glossary) -> list[str]:
    """Index-only text for one paragraph: its cut compounds, then its glossary terms' other names."""
    cuts, terms = [], []
    for token in tokens:
        parts = [p for p in token.parts if p.strip()] if token.parts and not token.name else []
        cut = tuple(parts) if parts else split_compound(token.text)
        if cut:
            cuts.append(ZWSP.join(cut))
        for word in parts or [token.text]:          # a compound: its parts as words (短视频 of 短视频|行业)
            if parts and (sub := split_compound(word)):
                cuts.append(ZWSP.join(sub))
            entry = glossary.by_id[token.entry_id] if token.entry_id else glossary.entry_for(word) if parts else None
            names = _other_names(entry, word) if entry is not None else []
            if names:
                terms.append(" ".join([word, *names]))
    return _unique(cuts + terms)


def _other_names(entry: Entry, seen: str) -> list[str]:
    # Chinese spellings and pinyin only: Latin aliases (OpenAl, Open AI) would make
    # short English queries ("ai") match every paragraph that names the company.
    names = [form for form in entry.forms if _PURE_HAN.match(form)]
    for form in list(names):
        names += traditional_spellings(entry, form)
    if entry.pinyin:
        names += toneless_pinyin(entry.pinyin)
    return [name for name in _unique(names) if name != seen]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))
