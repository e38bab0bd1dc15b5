"""Abbreviations an article defines for itself, in brackets after the words they stand for
(实时竞价（Real-Time Bidding，RTB）, Decision Transformer (DT)) or before them (PM（产品经理）).

Chinese AI writing introduces the field's new acronyms this way, and a later ``DT`` means
what the article said it did. ``defined`` reads one paragraph's tokens and returns each
abbreviation with the Chinese words and the English expansion the text gives it, as the
article wrote them (nothing is invented: a side the text does not give stays empty).

What counts, so that a bracket that only adds a remark (``Claude Chat（2023 年）``,
``多模态内容（如文本、图像）``) defines nothing:

- the abbreviation is a Latin word of ten characters at most with two capitals or more (RTB,
  AutoML, VQ-VAE), alone
  in the bracket or one of its comma-separated pieces, after ``简称`` and the like if any;
- the English expansion is the run of Latin words right before the bracket (or in it)
  whose initials spell the abbreviation (Decision Transformer → DT, Return to Go → RTG);
- the Chinese words are those right before the bracket, back to punctuation, a function
  word, a number, an ordinal or a verb (``通往``, ``走向``), at most ``MAX_WORDS`` words: 命令列工具 in
  这是一个命令列工具（CLI）; or, after an abbreviation, the bracket's Chinese, unless it
  starts an example or a gloss of another kind (如, 即, 指 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

MAX_WORDS = 4          # Chinese words before the bracket
MAX_CHARS = 12         # their characters
_ABBREVIATION = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})(?=.{2,10}$)[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
_BRACKET = re.compile(r"[（(]\s*([^（）()\n]{1,80}?)\s*[）)]")
_PIECES = re.compile(r"\s*[，,、；;/]\s*")
_LEAD = re.compile(r"^(?:以下简称|以下称|下称|简称|英文简称|英文全称|英文名|英文|英语|全称|又称|即)[：:]?\s*")
_LATIN_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-–][A-Za-z0-9]+)*(?: [A-Za-z][A-Za-z0-9]*(?:[-–][A-Za-z0-9]+)*)*$")
_HAN = re.compile(r"^[\u3400-\u9fff]+$")
# Words that end the Chinese before a bracket: particles, pronouns, prepositions, conjunctions.
_STOPS = frozenset("的了是在和与及或也都就还又被把将对为从以而但这那其之等个们着过地得所即如")
# A bracket's Chinese that starts an example, a paraphrase or a remark defines nothing.
_REMARK = re.compile(r"^(?:如|例如|比如|即|指|包括|包含|含|约|注|笑|下同|见|详见|图|表)")
_QUOTES = "“”‘’\"'「」『』《》"


@dataclass(frozen=True)
class Definition:
    abbreviation: str
    chinese: str = ""        # the Chinese words it stands for, as written
    english: str = ""        # the English expansion, as written
    words: tuple[str, ...] = ()   # the Chinese as the text was cut, when that is several words (实时, 竞价)

    @property
    def carried(self) -> tuple[str, ...]:
        """What a mention's token carries (``Token.defined``): the Chinese, the English, the Chinese's words."""
        return (self.chinese, self.english, *self.words)


def _initials(words: list[str]) -> str:
    return "".join(part[0] for word in words for part in re.split(r"[-–]", word) if part).lower()


def _expansion(latin: str, abbreviation: str) -> str:
    """The shortest run of the Latin words ending ``latin`` whose initials spell ``abbreviation``
    (small words may be left out of it: Return to Go → RTG), else ""."""
    words = latin.split(" ")
    want = re.sub(r"[^a-z]", "", abbreviation.lower())
    for start in range(len(words) - 1, -1, -1):
        run = words[start:]
        full = _initials(run)
        major = _initials([w for w in run if not (w.islower() and len(w) <= 3)])
        if want and (full == want or major == want) and len(run) > 1 or (len(run) == 1 and "-" in run[0] and full == want):
            return " ".join(run)
    return ""


def _chinese_before(tokens: list, verb) -> tuple[str, ...]:
    """The Chinese words at the end of ``tokens`` (see the module's docstring), or ()."""
    taken: list[str] = []
    for k in range(len(tokens) - 1, -1, -1):
        text = tokens[k].text
        if not _HAN.match(text) or text in _STOPS \
                or text[0] in "一二三四五六七八九十几两每各该此这那第":
            break
        if taken and verb(text):
            break
        taken.insert(0, text)
        if len(taken) == MAX_WORDS:
            break
    while taken and (len(taken[0]) == 1 or taken[0][0] in _STOPS):
        taken.pop(0)                     # a stray character left of the words (在|存在 …)
    return tuple(taken) if 2 <= len("".join(taken)) <= MAX_CHARS else ()


def _verb(word: str) -> bool:
    """CC-CEDICT's first sense is "to …", or jieba's dictionary tags it a verb (走向 v, "direction" first)."""
    from . import script
    from .compounds import _verb as first_sense_is_a_verb
    from .postags import tagged_words
    view = script.to_simplified(word)
    return first_sense_is_a_verb(view) or view in tagged_words(frozenset({"v", "vd", "vi", "vg"}))


def defined(tokens: list, verb=_verb) -> list[Definition]:
    """The abbreviations one paragraph's ``tokens`` define, in order; ``verb(word)`` tells a verb
    (CC-CEDICT's first sense "to …": the Chinese before a bracket stops at one, as in
    通往|通用人工智能（AGI）)."""
    text = "".join(t.text for t in tokens)
    ends, pos = [], 0
    for t in tokens:
        pos += len(t.text)
        ends.append(pos)
    found: list[Definition] = []
    for m in _BRACKET.finditer(text):
        pieces = [_LEAD.sub("", piece).strip(_QUOTES + " ") for piece in _PIECES.split(m.group(1))]
        before = text[:m.start()].rstrip(" " + _QUOTES)
        abbreviations = [p for p in pieces if _ABBREVIATION.fullmatch(p)]
        latin_before = _LATIN_WORDS.search(before)
        if len(abbreviations) == 1:
            abbreviation = abbreviations[0]
            english = next((_expansion(p, abbreviation) for p in pieces if p != abbreviation and _LATIN_WORDS.fullmatch(p)), "")
            chinese: tuple[str, ...] = ()
            if latin_before:
                english = english or _expansion(latin_before.group(), abbreviation)
            elif before and _HAN.match(before[-1]):
                cut = next((k for k, end in enumerate(ends) if end >= len(before)), None)
                if cut is not None and ends[cut] == len(before):
                    chinese = _chinese_before(tokens[:cut + 1], verb)
            if chinese or english:
                found.append(Definition(abbreviation, "".join(chinese), english, chinese if len(chinese) > 1 else ()))
        elif latin_before and len(pieces) == 1 and not abbreviations:
            abbreviation = latin_before.group().split(" ")[-1]
            inner = pieces[0]
            if not _ABBREVIATION.fullmatch(abbreviation):
                continue
            if _HAN.match(inner) and 2 <= len(inner) <= MAX_CHARS and not _REMARK.match(inner):
                found.append(Definition(abbreviation, chinese=inner))
            elif _LATIN_WORDS.fullmatch(inner) and (english := _expansion(inner, abbreviation)):
                found.append(Definition(abbreviation, english=english))
    return found


def found(cuts, glossary) -> dict[str, Definition]:
    """Every abbreviation an article's paragraphs (``cuts``: each a list of tokens) define that is not a
    glossary form, with its first definition: what a later ``DT`` in the article means."""
    out: dict[str, Definition] = {}
    for tokens in cuts:
        for definition in defined(tokens):
            if glossary.entry_for(definition.abbreviation) is None:
                out.setdefault(definition.abbreviation, definition)
    return out


def again(tokens: list, known: dict[str, Definition]) -> list:
    """``tokens`` with each mention of an abbreviation the article defines (``known``, from ``found``)
    carrying its definition (``Token.defined``: ``Definition.carried``), and each run of words that is
    the Chinese of one (实时|竞价 for RTB) one word made of them, as a compound is: the article
    names it as one term. Only where the run's words are whole tokens, none a glossary term,
    compound or name already."""
    if not known:
        return tokens
    runs = {d.chinese: d for d in known.values() if d.chinese}
    longest = max((len(c) for c in runs), default=0)
    out, i, n = [], 0, len(tokens)
    while i < n:
        t = tokens[i]
        if t.text in known and not t.entry_id and not t.parts and not t.name:
            d = known[t.text]
            out.append(replace(t, defined=d.carried))
            i += 1
            continue
        for j in range(min(n, i + MAX_WORDS), i + 1, -1):        # tokens i … j-1, two or more, longest first
            middle = tokens[i:j]
            text = "".join(m.text for m in middle)
            if len(text) <= longest and text in runs and all(_HAN.match(m.text) and not m.entry_id and not m.parts
                                                               and not m.name for m in middle):
                out.append(replace(middle[0], text=text, reading=None, sense=None, parts=tuple(m.text for m in middle)))
                i = j
                break
        else:
            out.append(t)
            i += 1
    return out
