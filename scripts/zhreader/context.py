"""What the words around a word decide: where jieba's word is two (``split``), which sense of a
plain word leads (``senses``: 将 before its object), and that a lone character after a number is
a measure word (``measures``: 3|家). Rules in ``data/overrides.yaml``; the segmenter applies them
to each text's tokens (``segment``), the lookup reads the marks (``lookup``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .overrides import load_overrides
from .postags import dictionary_tags

# A number, or what counts like one: 630, 1.5, 几, 十多, 10余.
A_NUMBER = re.compile(r"[0-9.,]+|[一二两三四五六七八九十百千万几数]+[多余]?|[0-9]+[多余]")
_HAN_ONLY = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")


# A plain token's ``sense`` when it is a measure word after a number (3|家|公司, 每|台, 200|則): the
# popup leads with its sense as one ("classifier for families or businesses", not "home").
MEASURE = -2
_POINTS = frozenset("这那每哪该某几各首多余")  # words that count or point like a number (100|多|家)
_NOT_AFTER_POINTS = frozenset("对")             # 这|对|我们 "this … to us": no pair


def measures(tokens: list, views: list[str]) -> list:
    """Each lone character after a number (past a space) or 这, 每 … marked ``MEASURE`` when
    CC-CEDICT has it as a classifier (or ``data/measures.yaml`` lists it)."""
    from .lookup import is_measure
    out = list(tokens)
    for i, (t, simplified) in enumerate(zip(tokens, views)):
        if i == 0 or len(simplified) != 1 or t.entry_id or t.parts or t.name or not _HAN_ONLY.match(simplified):
            continue
        before = views[i - 1].strip() or (views[i - 2].strip() if i > 1 else "")
        if (A_NUMBER.fullmatch(before) or (before in _POINTS and simplified not in _NOT_AFTER_POINTS)) and is_measure(simplified):
            out[i] = replace(t, sense=MEASURE)
    return out


def measure_splits(tokens: list, views: list[str]) -> list:
    """A word jieba made of a measure word and a noun after a number or 这, 每 … cut in two: 这|本书
    → 这|本|书 "this book", 三|家公司 → 三|家|公司, 这|部手机 → 这|部|手机 (the measure word is then
    marked as one, ``measures``). Only a word no dictionary has (个人 "individual", 位数 "digit" stay)
    whose first character can be a measure word and whose rest is a dictionary word."""
    from .cedict import load_index
    from .lookup import is_measure
    index = load_index()
    out = []
    for i, (t, simplified) in enumerate(zip(tokens, views)):
        before = views[i - 1] if i else ""       # right before it: "3 串接" is step 3, "connect" (串接)
        if (len(simplified) >= 2 and _HAN_ONLY.match(simplified) and not t.entry_id and not t.parts and not t.name
                and (A_NUMBER.fullmatch(before) or before in _POINTS) and is_measure(simplified[0])
                and not index.get(simplified) and index.get(simplified[1:])):
            out.append(replace(t, text=t.text[:1], reading=None, sense=None))
            out.append(replace(t, text=t.text[1:], reading=None, sense=None))
        else:
            out.append(t)
    return out


CONTEXT_LEAD = -3      # a plain token's ``sense`` when ``context_senses`` names the sense that leads


def senses(tokens: list, views: list[str]) -> list:
    """``context_senses``: 将 before a noun or pronoun marked ``CONTEXT_LEAD`` (the object marker leads)."""
    rules = load_overrides().get("context_senses") or {}
    out = list(tokens)
    for i, (t, simplified) in enumerate(zip(tokens, views)):
        rule = rules.get(simplified)
        if not rule or t.entry_id or t.parts or t.name or t.sense is not None:
            continue
        if rule.get("after_number"):                 # 10|多|年: "… odd", after a number
            before = views[i - 1].strip() or (views[i - 2].strip() if i > 1 else "") if i else ""
            if A_NUMBER.fullmatch(before):
                out[i] = replace(t, sense=CONTEXT_LEAD)
            continue
        j = i + 1 if i + 1 < len(views) and views[i + 1].strip() else i + 2
        following = views[j].strip() if j < len(views) else ""
        if not following:
            continue
        if (rule.get("next_latin") and following[:1].isascii() and following[:1].isalpha()) \
                or dictionary_tags([following]).get(following) in rule.get("next_tag", ()) \
                or (tokens[j].entry_id and "n" in rule.get("next_tag", ())):       # a glossary term is a noun
            out[i] = replace(t, sense=CONTEXT_LEAD)
    return out


def split(tokens: list, views: list[str]) -> list:
    """``context_splits``: a word cut in two where the words around it show it is two (才能 "talent"
    before a verb: 才|能 "only then can"; 年前 "before New Year" after a number: 14|年|前 "14 years ago";
    省得 "so as to avoid" before 多: 省|得|多 "save a lot"; 一句话 "in a word" after a verb: 发送|一句|话)."""
    rules = load_overrides().get("context_splits") or {}
    out = []
    for i, (t, simplified) in enumerate(zip(tokens, views)):
        rule = rules.get(simplified) if not t.entry_id else None
        if rule and rule.get("after_number"):          # 14|年前 → 14|年|前 "14 years ago"
            split = bool(i) and A_NUMBER.fullmatch(views[i - 1].strip() or (views[i - 2].strip() if i > 1 else "")) is not None
        else:
            after = views[i + 1] if i + 1 < len(tokens) and tokens[i + 1].is_chinese else None
            # A Chinese word must follow, unless the word before decides (only_after: 说了|一句|话。)
            split = bool(rule and (after is not None or "only_after" in rule) and after not in rule.get("not_before", ())
                         and not (i and views[i - 1] in rule.get("not_after", ()))
                         and ("only_before" not in rule or after in rule["only_before"])
                         and ("only_after" not in rule or (i and views[i - 1] in rule["only_after"])))
        if split:
            at = 0
            for part in rule["into"]:
                out.append(replace(t, text=t.text[at:at + len(part)], entry_id=None, reading=None, sense=None,
                                   parts=(), name=False))
                at += len(part)
        else:
            out.append(t)
    return out
