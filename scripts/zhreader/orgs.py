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

A company's registered name (``registered``) says it is one by its ending (有限公司 "limited
company"): there the name may be any two to four characters, words or not (赛博英杰, 星云智联),
after the place it is registered in (北京, 深圳市) and before its trade (科技, 信息技术). What is
uncertain is where it begins, so it is joined only where that shows: after a place, or after the
start of the text, a punctuation mark, a function word or a verb (由|上海|谷川|信息技术|有限公司);
not after a noun (公司|星云|科技|有限公司 could be "the company's nebula …"), and never over a
glossary term (深圳市|腾讯|计算机|系统|有限公司: 腾讯 keeps its entry).
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
def _data() -> dict[str, frozenset[str]]:
    """``data/orgs.yaml``, read once: each list as a set."""
    return {key: frozenset(words) for key, words in yaml.safe_load(DATA.read_text(encoding="utf-8")).items()}


def cues() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = _data()
    return data["endings"], data["stop"], data["not_name_tags"]


def registered_cues() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = _data()
    return data["registered"], data["trades"], data["not_in_names"]


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from . import postags
    return postags.tagged_words(frozenset({"ns"}))


@lru_cache(maxsize=4096)
def is_place(view: str) -> bool:
    """A place a company is registered in: 北京, 杭州, 深圳市: a place word of jieba's that CC-CEDICT
    has as a proper noun (jieba also tags 智联 and 谷川 as places)."""
    from .cedict import load_index
    stem = view[:-1] if len(view) > 2 and view[-1] in "省市区县" else view
    return len(stem) > 1 and stem in _places() and any(reading[:1].isupper() for reading, _ in load_index().get(stem) or [])


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


def _opens(token, view: str) -> bool:
    """Whether a registered name may begin right after this token: punctuation, a space, a function
    word or a verb (jieba's tags), a one-character function word."""
    _, stop, _ = cues()
    return (not any("\u3400" <= c <= "\u9fff" for c in view) or view in _not_names()
            or (len(view) == 1 and view in stop))


def registered(tokens: list, views: list[str]) -> list:
    """``tokens`` with each company's registered name (北京|赛博英杰|科技|有限公司, see the module's
    docstring) made one token: parts the name (with its place), each trade word, the ending."""
    endings, trades, generic = registered_cues()
    out, last = [], 0
    for k, (token, view) in enumerate(zip(tokens, views)):
        if view not in endings or token.entry_id or k < last:
            continue
        j = k
        while j > last and views[j - 1] in trades and not tokens[j - 1].parts and not tokens[j - 1].name:
            j -= 1
        start, chars = j, 0
        while True:                            # the name, back to where it shows its start
            before = start - 1
            if before < last or _opens(tokens[before], views[before]):
                break
            t, v = tokens[before], views[before]
            if is_place(v):                      # where it is registered: the name's start
                start, chars = (before, chars) if chars else (start, 0)
                break
            if (t.entry_id or t.parts or t.name or chars + len(v) > 4 or v in generic or v in trades
                    or not all("\u3400" <= c <= "\u9fff" for c in v)):
                chars = 0                      # not a name we can bound: leave the words as cut
                break
            chars += len(v)
            start = before
        if chars < 2:
            continue
        name = "".join(t.text for t in tokens[start:j])
        parts = (name, *(t.text for t in tokens[j:k + 1]))
        out += tokens[last:start]
        out.append(replace(tokens[start], text="".join(parts), parts=parts, name=True, reading=None, entry_id=None))
        last = k + 1
    return out + tokens[last:] if out else tokens
