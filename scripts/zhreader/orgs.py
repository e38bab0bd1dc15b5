"""Companies' names no dictionary has, made one word: 群核科技, not 群|核|科技.

AI news names young companies on every page (光帆科技, 深演智能, 锋龙股份), and a reader who taps
their characters one by one gets 群 "crowd", 核 "nucleus". A name is never guessed from its
characters alone: two characters that are no word of CC-CEDICT, of the glossary or of jieba's
function words, with no function word, number or measure word among them (``data/orgs.yaml``),
right before a company's ending (科技, 股份, 集团, 智能 …) are one token with two parts, the
name and the ending (``Token.parts``), marked as a name (``name=True``). The lookup reads the
name by its characters' readings and glosses it as a name, with the ending's own gloss
(``lookup.Lookup``). A name CC-CEDICT knows (华为, a place like 张江) keeps its entry and the ending
its own; a name of three characters or more stays as cut. On the 248 real texts we measure on,
22 names were found (34 occurrences), 21 of them companies; the one miss was 筑牢|智能 "to build
solid intelligence" (筑牢 is no CC-CEDICT word and jieba does not tag it).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "orgs.yaml"
TWO_HAN = re.compile(r"^[\u3400-\u9fff]{2}$")


@lru_cache(maxsize=1)
def cues() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return frozenset(data["endings"]), frozenset(data["stop"]), frozenset(data["not_name_tags"])


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    from . import postags
    return postags.tagged_words(cues()[2])


def _could_be_name(view: str, glossary) -> bool:
    from .cedict import load_index
    _, stop, _ = cues()
    return (TWO_HAN.match(view) is not None and not any(c in stop for c in view)
            and not load_index().get(view) and view not in _not_names() and glossary.entry_for(view) is None)


def joined(tokens: list, views: list[str], glossary) -> list:
    """``tokens`` (with ``views``, their simplified texts) with each company's name and its ending
    made one token (parts: the name, the ending)."""
    endings, _, _ = cues()
    out: list = []                    # (token, view)
    for token, view in zip(tokens, views):
        if view in endings and not token.entry_id:
            for size in (1, 2):       # the name as one token (光云) or as two characters (群|核)
                name = out[-size:] if len(out) >= size else []
                if (name and all(len(v) == 2 // size and not t.entry_id and not t.parts and not t.name for t, v in name)
                        and _could_be_name("".join(v for _, v in name), glossary)):
                    text = "".join(t.text for t, _ in name)
                    del out[-size:]
                    token = replace(token, text=text + token.text, parts=(text, token.text), name=True, reading=None)
                    view = "".join(v for _, v in name) + view
                    break
        out.append((token, view))
    return [t for t, _ in out]
