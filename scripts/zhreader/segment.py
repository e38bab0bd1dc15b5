"""Cut Chinese text into words with jieba, keeping glossary terms whole.

jieba's default tokenizer is global, and Material's search plugin segments
the search index with that same tokenizer (``jieba.cut``).  So the glossary
and override words are added to the global tokenizer here, in this one
place, and both our annotation and the search index see the same words.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
import yaml

from . import cache, postags
from .postags import dictionary_tags
from .sources import Glossary, has_han

OVERRIDES = Path(__file__).parent / "data" / "overrides.yaml"
jieba.setLogLevel(logging.WARNING)

_configured: tuple | None = None
_taught: list[str] = []          # every change made to jieba's global tokenizer in this process, in order
_tag_readings: dict[str, str] = {}   # word → reading its part-of-speech tag implies (see pos_readings)


@dataclass(frozen=True)
class Token:
    text: str
    entry_id: str | None = None   # glossary entry, when the token is a term or alias
    reading: str | None = None    # pinyin fixed by the word's part of speech (see pos_readings), else None

    @property
    def is_chinese(self) -> bool:
        return has_han(self.text)


def configure_jieba(glossary: Glossary) -> None:
    """Teach jieba's global tokenizer our terms and overrides (idempotent)."""
    global _configured, _tag_readings
    key = tuple(sorted(glossary.by_form))
    if _configured == key:
        return
    overrides = load_overrides()
    jieba.initialize()
    for word in overrides.get("words", []):
        jieba.add_word(word, freq=_whole_freq(word))
        _taught.append(f"+{word}")
    for form in glossary.by_form:
        if _PURE_HAN.match(form):
            jieba.add_word(form, freq=_whole_freq(form))
            _taught.append(f"+{form}")
    for merged, parts in overrides.get("splits", {}).items():
        jieba.del_word(merged)
        jieba.suggest_freq(tuple(parts), tune=True)
        _taught.append(f"-{merged}/" + "/".join(parts))
    rules = overrides.get("pos_readings", {})
    tags = dictionary_tags(sorted(rules))
    _tag_readings = {word: by_tag[tags[word]] for word, by_tag in rules.items() if tags.get(word) in by_tag}
    _configured = key


@lru_cache(maxsize=1)
def load_overrides() -> dict:
    """``data/overrides.yaml``: words, splits and readings (checked in, reviewed by hand)."""
    return yaml.safe_load(OVERRIDES.read_text(encoding="utf-8"))


def _whole_freq(word: str) -> int:
    # High enough that the word beats any split of it in jieba's DAG.
    return max(jieba.suggest_freq(word, tune=False), 100_000)


_PURE_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")


def _form_pattern(form: str) -> str:
    """Regex for a form; Latin letters or digits at its edges must not touch more of them."""
    left = "(?<![A-Za-z0-9])" if form[0].isascii() and form[0].isalnum() else ""
    right = "(?![A-Za-z0-9])" if form[-1].isascii() and form[-1].isalnum() else ""
    return left + re.escape(form) + right


def segmentation_memo(glossary: Glossary) -> cache.Memo:
    """Segmentations kept between builds, for texts that have not changed (see ``cache.Memo``).

    They depend on jieba and its dictionary, on everything taught to its global
    tokenizer in this process (``_taught``: our words, splits and glossary forms,
    which a long ``mkdocs serve`` accumulates), on which entry each form belongs to,
    and on this code and the overrides.
    """
    forms = "\n".join(f"{form}\t{entry.id}" for form, entry in sorted(glossary.by_form.items()))
    taught = "\n".join(_taught)
    return cache.Memo("segments", [postags.jieba_dictionary()[1], forms, taught], [Path(__file__), Path(postags.__file__), OVERRIDES],
                      limit=5_000)   # paragraphs: about 100 articles


class Segmenter:
    """Glossary-aware word segmentation for one glossary."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        configure_jieba(glossary)
        self.memo = segmentation_memo(glossary)
        # Forms jieba cannot keep whole (Latin, mixed script, inner punctuation)
        # are matched first by a regex, longest first; pure-Han forms go to jieba.
        special = sorted((f for f in glossary.by_form if not _PURE_HAN.match(f)), key=len, reverse=True)
        self._latin = re.compile("|".join(_form_pattern(f) for f in special)) if special else None
        # A match can only start at a form's first character: skip to those (the alternation
        # with look-behinds is slow to try at every position).
        self._first = re.compile("[" + "".join(sorted({re.escape(f[0]) for f in special})) + "]") if special else None

    def segment_text(self, text: str) -> list[Token]:
        """Return tokens whose texts join back to exactly ``text``."""
        return [Token(word, entry or None, reading or None)
                for word, entry, reading in self.memo.get(text, lambda: self._segment_fresh(text))]

    def save(self) -> None:
        """Keep this build's segmentations for the next build."""
        self.memo.save()

    def _segment_fresh(self, text: str) -> list[tuple[str, str, str]]:
        return [(t.text, t.entry_id or "", t.reading or "") for t in self.segment_uncached(text)]

    def segment_uncached(self, text: str) -> list[Token]:
        """``segment_text`` without the memo (what a first build does)."""
        tokens: list[Token] = []
        pos = 0
        for match in self._special_forms(text):
            tokens += self._cut(text[pos:match.start()])
            tokens.append(Token(match.group(0), self.glossary.by_form[match.group(0)].id))
            pos = match.end()
        tokens += self._cut(text[pos:])
        return _with_tag_readings(tokens)

    def _special_forms(self, text: str):
        """Same matches as ``self._latin.finditer(text)``, found faster."""
        pos = 0
        while self._first is not None:
            candidate = self._first.search(text, pos)
            if candidate is None:
                return
            match = self._latin.match(text, candidate.start())   # look-behinds still see text before it
            if match:
                yield match
                pos = match.end()
            else:
                pos = candidate.start() + 1

    def _cut(self, text: str) -> list[Token]:
        # HMM off: its guesses merge unrelated characters (微博发, 能斗, 做文).
        by_form = self.glossary.by_form
        return [Token(w, by_form[w].id if w in by_form else None) for w in jieba.cut(text, HMM=False) if w]


def _with_tag_readings(tokens: list[Token]) -> list[Token]:
    """Give polyphones listed in ``pos_readings`` the reading their part of speech implies.

    The tag is the word's tag in jieba's dictionary: exactly what ``jieba.posseg.cut``
    with HMM off gives a dictionary word, without a second segmentation pass.
    """
    if not any(t.text in _tag_readings for t in tokens):
        return tokens
    return [Token(t.text, t.entry_id, _tag_readings[t.text]) if t.text in _tag_readings else t for t in tokens]
