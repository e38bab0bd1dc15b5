"""Join the free compounds of AI writing into one tappable word, glossed by its parts.

Chinese AI texts build nouns freely from words a reader can already look up:
图像生成|模型, 高阶|推理|模型, H200|芯片, 人工智能|数据中心, 特朗普|政府. No dictionary
lists them and the glossary cannot (there are thousands), yet a reader wants to tap one
and read it whole. After segmentation, a run of up to ``MAX_WORDS`` modifier words that
ends in a head noun (``data/compounds.yaml``) becomes one token carrying its parts; the
lookup glosses it by those parts, each with its own reading and its glossary or
dictionary sense (``lookup.Lookup``), and never invents a gloss for the whole.

What may join is deliberately narrow, since a wrong join misreads a sentence:

- a head from ``heads`` (模型, 芯片 …); an everyday head from ``broad_heads`` (技术, 公司,
  政府 …) only when a modifier is a Latin code, a person's name, a field head or a glossary
  term (H20|企业, 特朗普|政府, 芯片|制造商, 人工智能|技术, Diffusion|技术; not 中国|企业), but
  not after a glossary name, which keeps its own link (OpenAI|公司); the popup links every
  glossary part, and the glossary counts it as one of the term's occurrences (``corpus``);
- modifiers of two or more characters that jieba's dictionary tags as nouns (or
  distinguishing words: 大型), glossary terms, and Latin names or codes written against
  the Chinese (AI, H200, GPU);
- never a verb: 理解|模型 in 理解模型如何学习 is "understand how the model learns"; a word
  is a verb when CC-CEDICT's first sense says "to …" (jieba tags 修正, 重塑, 消耗 as nouns; a
  glossary term too, whatever our rendering: 颠覆|行业 "to upend the industry", 落地|大模型|企业),
  and so is a rare jieba word CC-CEDICT lacks that ends in one (积极探索, 折射出),
  bar the few listed in ``modifier_verbs`` (仓储|机器人), and the nouns in ``actions`` read as
  actions there (用数据|训练|模型 "train the model on data"; a glossary term whose term is one:
  资金净流入|半导体, "funds flowed into chips"); never a pronoun, a determiner
  (所有, 整个: ``determiners``), a number or a one-character word; a person's name (jieba's tag)
  anchors an everyday head only if CC-CEDICT has it only as a proper noun (a name CC-CEDICT
  has as a common word modifies as a plain noun; one it lacks altogether does not modify);
- never where the next words show a longer name or word (高工机器人|产业研究所, 芯片架构|师:
  ``name_tails``), nor
  right after a hyphen (视觉 - 语言 - 动作|模型),
  and never across punctuation, nor a space but the one between a Latin word and the Chinese
  after it (H20 晶片, as Taiwan writes it);
- 智能 "smart" (and 智慧) before a word, as policy writing makes them (智能|转诊 "smart referral",
  智能|监测|预警: a second word only if jieba tags it a verbal noun), not after a degree word or
  是 (更|智能, 是|智能|进化) nor before an aspect mark (智能|发展|到); after a word only where the
  phrase ends (内生|智能（EI）, 感知|智能|的): "endogenous intelligence";
- a field head or a Latin code and an action done to it, as a noun (模型|训练 "model training",
  AI|推理, ``action_heads``), not where a mark after it makes it a verb (模型|训练|了, 模型|部署|在)
  nor after a preposition or causative, whose object the head is (为|AI|设计 "design for AI", 让|模型|推理);
- an attributive word (生成式, 分布式, 端到端: ``attributive``) and the noun or field's term after
  it, whatever that is (生成式|强化学习, 分布式|训练), but 大模型 (``own_heads``);
- a model's series: a glossary model or product, or a versioned Latin name, and 系列 or 家族
  (``series_heads``: Qwen|系列, o3|系列), the name's link among the parts; and such a name or a
  company's and 时刻 (``moment_heads``: ChatGPT|时刻, DeepSeek|时刻, "the DeepSeek moment");
- an acronym no glossary has, alone (NGC, BI, UMAP; not a glossary term, which keeps its own link:
  AI|差距, GitHub|仓库; nor a size: 2D|平面), and the plain noun after it that it names (NGC|目录,
  BI|门户, UMAP|可视化): a noun jieba tags n and no
  CC-CEDICT sense makes a verb (not LDM|定义|了), not where the phrase goes on with another word
  (AI|个人|健康|助手) nor after 给, 让 … whose object the code is (给|AI|时间);
- glossary terms alone only as a field's term before a field head (视频生成|模型, 芯片|算力,
  GRPO|算法, Transformer|模型) or its people (AI应用|开发者), or before a glossary term jieba has
  as a plain noun (大模型|幻觉, 模型|参数, AI|软件) when each term before it is a Latin code or a word
  jieba tags as nothing but a noun (not 适配 v, 合规 vn: ``other_tags``), and not one term twice
  (Agent|智能体, side by side, is apposition): never with a name among them
  (OpenAI|大模型, which keeps its own link), nor before a head the glossary argues a rendering
  for (``own_heads``: 文生视频|大模型, as the seed article reads);
- never a word a number counts as the first (70亿|参数|模型: ``counted``), nor right after a
  one-character prefix jieba left alone (多|主体|一致性|功能: ``prefixes``), nor ending in a
  head that is a verb with its object after it (国有资本|投资|新能源: ``verb_heads``).
Two independent reviews of the 286 joins the rules since 智能 added on our held-out texts found 14
wrong and 9 doubtful; the exceptions above (``counted``, ``prefixes``, ``verb_heads``, a modal before
智能, a list after an attributive word) come from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import script
from .postags import dictionary_tags
from .glossary import NAME_CATEGORIES, Glossary, han_only, has_han

DATA = Path(__file__).parent / "data" / "compounds.yaml"
MAX_WORDS = 4          # modifiers and head together
MAX_CHARS = 12         # Han characters; a Latin word or number counts one (Transformer|模型)
_NUMBER_START = re.compile(r"\d+(?:\.\d+)?")
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_CODE = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9.+-]*$")


@dataclass(frozen=True)
class Rules:
    heads: frozenset[str]
    broad_heads: frozenset[str]
    units: frozenset[str]
    actions: frozenset[str]
    noun_tags: frozenset[str]
    name_tags: frozenset[str]
    determiners: frozenset[str]
    modifier_verbs: frozenset[str]
    name_tails: frozenset[str]
    latin_units: frozenset[str]
    own_heads: frozenset[str]
    series_heads: frozenset[str]
    moment_heads: frozenset[str]
    smart: frozenset[str]
    not_before_smart: frozenset[str]
    not_after_smart: frozenset[str]
    single_after_smart: frozenset[str]
    counted: frozenset[str]
    people: frozenset[str]
    action_heads: frozenset[str]
    not_after_action: frozenset[str]
    not_before_action: frozenset[str]
    attributive: frozenset[str]
    prefixes: frozenset[str]
    verb_heads: frozenset[str]
    other_tags: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return Rules(*(frozenset(data[key]) for key in ("heads", "broad_heads", "units", "actions", "noun_tags", "name_tags",
                                                          "determiners", "modifier_verbs", "name_tails", "latin_units", "own_heads",
                                                          "series_heads", "moment_heads", "smart", "not_before_smart", "not_after_smart",
                                                          "single_after_smart", "counted", "people",
                                                          "action_heads", "not_after_action", "not_before_action",
                                                          "attributive", "prefixes", "verb_heads", "other_tags")))


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    from .postags import tagged_words
    return tagged_words(rules().noun_tags)


@lru_cache(maxsize=1)
def _plain_nouns() -> frozenset[str]:
    """Words jieba's dictionary tags as plain nouns (n): a glossary term among them may head a compound of terms."""
    from .postags import tagged_words
    return tagged_words(frozenset({"n"}))


@lru_cache(maxsize=1)
def _not_nouns() -> frozenset[str]:
    """Words jieba's dictionary tags as anything but a noun (适配 v, 合规 vn, 免费 vn)."""
    from .postags import tagged_words
    return tagged_words(frozenset(rules().other_tags))


@lru_cache(maxsize=1)
def _cedict():
    from .cedict import load_index
    return load_index()


def _entries(view: str) -> list[tuple[str, list[str]]]:
    return _cedict().get(view) or []


@lru_cache(maxsize=65_536)
def _verb(view: str) -> bool:
    """Whether CC-CEDICT's first sense of the word, read as a common word, is a verb ("to …")."""
    entries = _entries(view)
    common = [senses for reading, senses in entries if reading[:1].islower()] or [senses for _, senses in entries]
    first = next((sense for senses in common for sense in senses), "")
    return first.startswith("to ")


@lru_cache(maxsize=65_536)
def _proper(view: str) -> bool:
    """Whether CC-CEDICT has the word, and only as a proper noun (拜登 Bài dēng)."""
    entries = _entries(view)
    return bool(entries) and all(reading[:1].isupper() for reading, _ in entries)


RARE = 5        # jieba's count below which a word CC-CEDICT lacks is a phrase whose tag is not to be trusted


@lru_cache(maxsize=65_536)
def _rare_phrase_ending_in_a_verb(view: str) -> bool:
    """A rare jieba word (积极探索 3, 折射出 3; not 公共服务 7) whose last dictionary word is a verb."""
    import jieba
    if jieba.dt.FREQ.get(view, 0) >= RARE:
        return False
    tail = next((view[k:] for k in range(1, len(view)) if _entries(view[k:])), "")
    return bool(tail) and _verb(tail)


def verb_like(entry) -> bool:
    """A glossary term rendered as a verb (赋能 "to empower"): it takes an object, not a head."""
    return entry.en.startswith("to ")


@lru_cache(maxsize=65_536)
def _verbal_noun(view: str) -> bool:
    from .postags import tagged_words
    return view in tagged_words(frozenset({"vn"}))


_COUNT = re.compile(r"(?:\d+(?:\.\d+)?|[零一二三四五六七八九十两百千万亿億萬]+)[万亿億萬千百]?$")


def _counts(view: str) -> bool:
    """A number (70, 70亿, 四千亿): what a counted word after it (参数) belongs with."""
    return bool(_COUNT.search(view)) and (view[-1:].isdigit() or view[-1:] in "零一二三四五六七八九十两百千万亿億萬")


# What may follow a phrase-final 智能 (内生|智能（EI）, 感知|智能|的|到来): punctuation or 的.
_PHRASE_END = frozenset("，。、；：！？（）()《》“”,.;:!?的")


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    from .postags import tagged_words
    return tagged_words(frozenset(rules().name_tags))


class Joiner:
    """Finds compounds in one glossary's segmentations (see the module's docstring)."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self.rules = rules()
        self._units_folded = {u.lower() for u in self.rules.latin_units if len(u) > 1}

    def _is_head(self, view: str, entry_id: str | None) -> str | None:
        """'field' or 'broad' when the word (simplified view) can end a compound, else None.
        A glossary term ending in a field head is one too (大型语言模型), and one whose term is a
        head (Taiwan's 資料中心 of 数据中心)."""
        entry = self.glossary.by_id.get(entry_id or "")
        if entry is not None and entry.category in ("company", "organization", "person"):
            return None                  # 银河通用机器人 is a company, not a robot
        # A Chinese form whose term is a head: Taiwan's 資料中心 (数据中心), 演算法 (算法); not Agent (智能体)
        term = script.to_simplified(entry.term) if entry is not None and has_han(view) else view
        if view in self.rules.heads or term in self.rules.heads:      # 資料中心: its term is 数据中心
            return "field"
        if view in self.rules.broad_heads or term in self.rules.broad_heads:
            return "broad"
        if entry_id and any(view.endswith(h) for h in self.rules.heads if len(h) > 1 and len(view) > len(h)):
            return "field"
        if entry is not None and entry.category not in NAME_CATEGORIES and not verb_like(entry) and not _verb(view) \
                and view in _plain_nouns():
            return "term"                # a glossary term jieba has as a plain noun (幻觉, 参数): after terms only
        return None

    def _modifier(self, text: str, view: str, entry_id: str | None) -> str | None:
        """'anchor' (a glossary term, Latin name, person's name or field head: enough for a broad
        head), 'plain' (another noun), or None when the word cannot modify a head."""
        if view in self.rules.actions or view in self.rules.determiners:
            return None
        if entry_id:
            entry = self.glossary.by_id.get(entry_id)      # its term an action too: 资金净流入 (净流入)
            if entry is None or verb_like(entry) or script.to_simplified(entry.term) in self.rules.actions:
                return None
            if entry.category not in NAME_CATEGORIES and _verb(view) and view not in self.rules.modifier_verbs:
                return None                   # 落地 "to land" in 落地|大模型|企业: our noun rendering aside
            return "anchor"
        if _LATIN_CODE.match(text):           # a code or acronym no glossary has (H20, MEMS); not an English word
            if self._latin_measure(text):
                return None                   # 305GB, 2.3s: a measure
            return "anchor" if (any(c.isdigit() for c in text) or text.isupper()) and len(text) >= 2 else None
        if len(view) < 2 or not all("\u3400" <= c <= "\u9fff" for c in view):
            return None
        if view in self.rules.heads:
            return "anchor"              # 芯片|制造商
        if _verb(view) and view not in self.rules.modifier_verbs:
            return None                  # jieba tags 修正, 重塑, 消耗 as nouns: CC-CEDICT says "to …"
        if view in _names():             # a person's name, if CC-CEDICT agrees: 拜登|政府; jieba also tags
            if _proper(view):            # 康复 and 高阶 names (plain words), and 大力支持 (no word at all)
                return "anchor"
            return "plain" if _entries(view) else None
        if view in _nouns():
            if not _entries(view) and _rare_phrase_ending_in_a_verb(view):
                return None              # jieba's 积极探索, 折射出 "n": phrases, not nouns
            return "plain"
        return None

    def _smart(self, tokens: list, views: list[str], i: int) -> int | None:
        """The last index of 智能|X (智能|转诊 "smart referral", 智能|监测|预警) or X|智能 (内生|智能
        "endogenous intelligence") starting at ``i``, else None (see ``smart`` in the rules)."""
        n = len(views)
        if i + 1 >= n or (views[i] not in self.rules.smart and views[i + 1] not in self.rules.smart) \
                or not all(self._smart_word(t, v) for t, v in zip(tokens[i:i + 2], views[i:i + 2])):
            return None
        before = views[i - 1] if i else ""
        if views[i] in self.rules.smart and views[i + 1] not in self.rules.smart | self.rules.not_before_smart \
                and before not in self.rules.not_before_smart:
            end = i + 1
            following = end + 1 < n and self._smart_word(tokens[end + 1], views[end + 1]) and views[end + 1] not in self.rules.smart
            if following and (_verbal_noun(views[end + 1]) or (
                    _verbal_noun(views[end]) and views[end + 1] in _nouns()
                    and views[end + 1] not in self.rules.heads | self.rules.broad_heads)):
                end += 1                        # 智能|监测|预警, 智能|辅助|决策 (not 智慧|监管|格局: a head of its own)
            elif following and not _verbal_noun(views[end]):
                return None                     # 智能|血液|管理系统, 智能|中医|诊疗: "smart" to the whole phrase
            after = views[end + 1] if end + 1 < n else ""
            if len(after) == 1 and han_only(after) and after not in _PHRASE_END | self.rules.single_after_smart:
                return None                     # 智能|服务业|态: a stray character shows a wrong cut (服务|业态)
            return end if after not in self.rules.not_after_smart else None
        after = views[i + 2] if i + 2 < n else ""
        if views[i + 1] in self.rules.smart and views[i] not in self.rules.smart | self.rules.not_before_smart \
                and not tokens[i].entry_id and (not after.strip() or after in _PHRASE_END):
            return i + 1                        # 内生|智能（EI）: the phrase ends with it (not 大模型|智能, two terms)
        return None

    def _prefix_left_out(self, views: list[str], i: int) -> bool:
        """Whether a one-character prefix jieba left alone belongs to the first word (的|多|主体|一致性|功能:
        多主体 "multi-subject"; 低|算力|训练: 低算力): the join would leave it outside, so none is made."""
        return i > 0 and views[i - 1] in self.rules.prefixes and (i < 2 or views[i - 2] not in self.rules.prefixes)

    def _attributive(self, tokens: list, views: list[str], i: int) -> int | None:
        """``i + 1`` when an attributive word (生成式, 分布式: ``attributive``) is before a noun or a
        field's term, any noun, not a head only: 生成式|强化学习 "generative reinforcement learning"."""
        if views[i] not in self.rules.attributive or i + 1 >= len(views):
            return None
        t, view = tokens[i + 1], views[i + 1]
        entry = self.glossary.by_id.get(t.entry_id or "")
        if t.name or t.parts or len(view) < 2 or not han_only(view) or view in self.rules.own_heads | self.rules.determiners:
            return None
        if i + 2 < len(views) and views[i + 2] in ("、", "，"):
            return None                          # 多模态|语音、视觉: it qualifies the whole list
        if entry is not None:
            return i + 1 if entry.category not in NAME_CATEGORIES and not verb_like(entry) else None
        return i + 1 if view in _nouns() and not _verb(view) else None

    @staticmethod
    def _phrase_goes_on(after: str) -> bool:
        """Whether the word after a code's noun continues the phrase (AI|个人|健康 …): a Chinese word of
        two characters or more that jieba does not tag as a verb, adverb, preposition or conjunction."""
        if len(after) < 2 or not has_han(after):
            return False
        tag = dictionary_tags([after]).get(after, "n")
        return tag == "vn" or tag[:1] not in ("v", "d", "p", "c")

    def _code_head(self, code, token, view: str) -> bool:
        """Whether ``view`` is a plain noun (jieba's n, two characters or more, in CC-CEDICT, no verb)
        that an acronym no glossary has, alone before it, names: NGC|目录, BI|门户, UMAP|可视化 (not a
        glossary term's, which keeps its own link: AI|差距, GitHub|仓库; nor a size's: 2D|平面)."""
        if token.entry_id or token.name or token.parts or len(view) < 2 or not han_only(view):
            return False
        if code.name or code.parts or code.entry_id or not code.text.isascii() or not code.text.isalpha() \
                or not code.text.isupper() or len(code.text) < 2:
            return False                 # a glossary term keeps its own link (AI|差距); a size is no code (2D|平面)
        senses = [sense for _, found in _entries(view) for sense in found]
        return view in _plain_nouns() and bool(senses) and not any(sense.startswith("to ") for sense in senses) \
            and view not in self.rules.actions | self.rules.determiners      # not 定义 "to define" (LDM|定义|了)

    def _term_modifier(self, token, view: str) -> bool:
        """A glossary term that may modify a glossary term after it: a Latin code, or one jieba never
        tags as anything but a noun (合规 vn, 适配 v are not); see ``_is_head``'s "term"."""
        return bool(token.entry_id) and (bool(_LATIN_CODE.match(token.text)) or view not in _not_nouns())

    def _smart_word(self, token, view: str) -> bool:
        """A word 智能 may join: two characters or more, Chinese, no name, no determiner or pronoun."""
        if token.name or token.parts or len(view) < 2 or not han_only(view) or view in self.rules.determiners:
            return False
        entry = self.glossary.by_id.get(token.entry_id or "")
        return entry is None or entry.category not in NAME_CATEGORIES

    def _acted_on(self, token, view: str) -> bool:
        """A field head (模型, 芯片) or a Latin code (AI, GPU) that an action after it is done to."""
        if token.name or token.parts:
            return False
        entry = self.glossary.by_id.get(token.entry_id or "")
        if entry is not None and entry.category in NAME_CATEGORIES:
            return False
        return view in self.rules.heads or (bool(_LATIN_CODE.match(token.text)) and not self._latin_measure(token.text)
                                            and (token.text.isupper() or any(c.isdigit() for c in token.text)))

    def _model_name(self, token) -> bool:
        """A glossary model or product (Qwen, o3, 混元), or a versioned Latin name none has (Step-1V)."""
        entry = self.glossary.by_id.get(token.entry_id or "")
        if entry is not None:
            return entry.category in ("model", "product")
        return bool(_LATIN_CODE.match(token.text)) and any(c.isdigit() for c in token.text) and not self._latin_measure(token.text)

    def _latin_measure(self, text: str) -> bool:
        """A number and a unit (305GB, 2.5s): units of two letters or more in any case, one letter as written."""
        number = _NUMBER_START.match(text)
        unit = text[number.end():] if number else ""
        return unit in self.rules.latin_units or (len(unit) > 1 and unit.lower() in self._units_folded)

    def _measure(self, views: list[str], i: int) -> int | None:
        """The index of the unit ending a number written before it (2|纳米, 1|.|4|奈米), else None."""
        k = i
        while k < len(views) and (views[k].isdigit() or (views[k] == "." and k > i and k + 1 < len(views) and views[k + 1].isdigit())):
            k += 1
        return k if i < k < len(views) and views[k] in self.rules.units and views[k - 1].isdigit() else None

    def _worth_joining(self, words: list) -> bool:
        """Glossary terms alone, each a word with our rendering already, only as a field's term before
        a field head (视频生成|模型, GRPO|算法): a name keeps its own link (OpenAI|大模型, Sora|模型), and
        a head in ``own_heads`` its own word (文生视频|大模型)."""
        entries = [self.glossary.by_id.get(t.entry_id or "") for t in words]
        if not all(entries):
            return True
        if any(a.id == b.id for a, b in zip(entries, entries[1:])):
            return False                 # one term twice, as 大模型竞技场 Chatbot Arena: apposition, not a compound
        head = script.to_simplified(words[-1].text)
        if any(e.category in NAME_CATEGORIES for e in entries) or head in self.rules.own_heads:
            return False
        return self._is_head(head, words[-1].entry_id) in ("field", "term") or head in self.rules.people | self.rules.action_heads

    def join(self, tokens: list, views: list[str]) -> list[tuple[int, int]]:
        """Spans ``(first, last)`` of token indexes to join, left to right, longest first. A space
        between a Latin word and the Chinese after it, as Taiwan writes them (H20 晶片), is inside."""
        kept = [k for k, v in enumerate(views)
                if not (v == " " and 0 < k < len(views) - 1 and _LATIN_END.search(views[k - 1]) and has_han(views[k + 1][:1]))]
        if len(kept) == len(views):
            return self._join(tokens, views)
        return [(kept[a], kept[b]) for a, b in self._join([tokens[k] for k in kept], [views[k] for k in kept])]

    def _join(self, tokens: list, views: list[str]) -> list[tuple[int, int]]:
        spans, i, n = [], 0, len(tokens)
        while i < n:
            best, anchored, name_seen = None, False, False
            start = i
            before = next((v for v in reversed(views[max(0, i - 3):i]) if v.strip()), "")
            if before in ("-", "－", "–", "—"):
                i += 1                   # the end of a hyphenated name (视觉-语言-动作|模型): not a compound of its own
                continue
            if views[i] in self.rules.counted and i and _counts(views[i - 1]):
                i += 1                   # 70亿|参数|模型: the number counts the parameters, not a compound's word
                continue
            unit = self._measure(views, i)
            if unit is not None:         # 2|纳米, 1|.|4|奈米: a size, a word of its own and a modifier (3纳米|芯片)
                best, anchored, start = unit, True, unit + 1
            for j in range(start, min(n, start + MAX_WORDS - (start > i))):
                t, view = tokens[j], views[j]
                if j == i + 1 and view in self.rules.action_heads and self._acted_on(tokens[i], views[i]):
                    after = views[j + 1] if j + 1 < n else ""
                    before = next((v for v in reversed(views[:i]) if v.strip()), "")
                    if after not in self.rules.not_after_smart | self.rules.not_after_action \
                            and before not in self.rules.not_before_action:
                        best = j                 # 模型|训练 "model training", GPU|推理: the head's own action
                    break
                if j == i + 1 and view in self.rules.series_heads and not t.entry_id:
                    if self._model_name(tokens[i]):
                        best = j                 # Qwen|系列, o3|系列: a model's series
                    break
                if j == i + 1 and view in self.rules.moment_heads and not t.entry_id:
                    entry = self.glossary.by_id.get(tokens[i].entry_id or "")
                    if self._model_name(tokens[i]) or (entry is not None and entry.category == "company"):
                        best = j                 # ChatGPT|时刻, DeepSeek|时刻: "the ChatGPT moment"
                    break
                if j > i:
                    kind = self._is_head(view, t.entry_id)
                    chars = sum(len(v) if has_han(v) else 1 for v in views[i:j + 1])   # a Latin word counts one
                    inside_name = "".join(views[j + 1:j + 2]) in self.rules.name_tails or \
                        "".join(views[j + 1:j + 3]) in self.rules.name_tails or \
                        (len("".join(views[j + 2:j + 3])) == 1 and "".join(views[j + 2:j + 3]) in self.rules.name_tails
                         and len(views[j + 1]) > 1 and has_han(views[j + 1])) or \
                        (j + 1 < n and len(views[j + 1]) > 1 and has_han(views[j + 1])          # 芯片|架构师: a person
                         and views[j + 1][-1] in self.rules.name_tails)                         # word next, one token
                    object_after = view in self.rules.verb_heads and j + 1 < n and len(views[j + 1]) > 1 and views[j + 1] in _nouns()
                    if kind == "term" and (name_seen or not all(self._term_modifier(tokens[k], views[k]) for k in range(i, j))):
                        kind = None              # 大模型|幻觉, AI|软件; not 赋能|场景 ("empower scenarios")
                    if kind is None and j == i + 1 and self._code_head(tokens[i], t, view) \
                            and next((v for v in reversed(views[:i]) if v.strip()), "") not in self.rules.not_before_action \
                            and not self._phrase_goes_on(views[j + 1] if j + 1 < n else ""):
                        kind = "code"            # NGC|目录, BI|门户: an acronym and the plain noun it names
                                                 # (not where the phrase goes on: AI|个人|健康|助手, WAIC|全球|创新;
                                                 # nor after 给, 让 …, whose object the code is: 给|AI|时间)
                    if kind and chars <= MAX_CHARS and (kind in ("field", "term", "code") or (anchored and not name_seen)) and not inside_name \
                            and not object_after:      # 国有资本|投资|人工智能领域: 投资 "invest" takes an object
                        best = j
                role = self._modifier(t.text, view, t.entry_id)
                if role is None:
                    break
                anchored = anchored or role == "anchor"
                named = bool(t.entry_id) and self.glossary.by_id[t.entry_id].category in NAME_CATEGORIES
                name_seen = name_seen or named          # OpenAI|公司: no everyday head after a name
            if best is None:
                end = self._smart(tokens, views, i)
                end = self._attributive(tokens, views, i) if end is None else end
                if end is not None and not self._prefix_left_out(views, i):
                    spans.append((i, end))
                i = i + 1 if end is None else end + 1
            elif not self._worth_joining(tokens[i:best + 1]) or self._prefix_left_out(views, i):
                i = best + 1             # nor any shorter run inside it (文生视频|大模型 of 人工智能|文生视频|大模型)
            else:
                spans.append((i, best))
                i = best + 1
        return spans
