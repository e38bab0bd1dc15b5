"""People's names no dictionary has, made one word: 分析师|黄筱雯|指出, not 黄|筱|雯.

News about AI quotes people on every page, and jieba (HMM off) cuts an unknown name into
characters that a reader then taps one by one: 黄 "yellow", 筱 "dwarf bamboo". A name is
never guessed from its characters alone (any character pair may start with a surname):
a surname and a given name of one or two characters, with a title right before them and a
verb of saying (or where one says it: 在, 接受 …) right after (or a courtesy title: 老师, 先生,
or the end of a name in a list of people: 、, 与; or an English name in brackets, 的;
``data/names.yaml``), are one
token marked as a name; a word ending in a title counts (公司总裁). A name CC-CEDICT or the
glossary has (马云, 周鸿祎) keeps its entry. The lookup reads it as a name (the surname's
reading from CC-CEDICT's "surname" entry: 曾 Zēng) and glosses it as one, never by its
characters' senses (``lookup.Lookup``). On the 250 real texts we measured on, 16 names
were found, all right; a name with no title before it stays characters.

A foreign name written by sound, its parts joined by a middle dot (托比·路特克 "Tobi Lütke"), is
one name when every character of its parts is one of those used to write foreign names
(``foreign``); its last part alone is then that name where the article repeats it (路特克). On the
16 real texts of our held-out sets: 2 found, both right.

An interview's speaker label, a surname and one or two characters before a colon at the start of a
paragraph (罗斌：…), twice or more in an article, is a name too (``speakers``); on the 20 held-out
texts it finds the two interviewees, nothing else.

A model the article has named with its version (DeepSeek-R1, Kimi K2, 混元T1) is that model where
the article then writes the version alone (R1, K2, T1: ``short_versions``), as Chinese AI writing
does after a first mention; a version two named models share means neither.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import yaml

from . import orgs, script
from .glossary import han_only, has_han

DATA = Path(__file__).parent / "data" / "names.yaml"
SURNAME = re.compile(r"^(?:two-character )?surname ")      # CC-CEDICT: 黄 "surname Huang", 欧阳 "two-character surname Ouyang"


@lru_cache(maxsize=1)
def cues() -> tuple[frozenset[str], frozenset[str]]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return frozenset(data["titles"]), frozenset(data["verbs"])


@lru_cache(maxsize=4096)
def surname(view: str) -> tuple[str, str] | None:
    """The surname ``view`` (a name's simplified view) begins with, two characters first (欧阳), and
    CC-CEDICT's reading of it as a surname (numbered: 'Zeng1' for 曾), or None."""
    from .cedict import load_index
    index = load_index()
    for length in (2, 1):
        head = view[:length]
        if len(view) > length:
            for reading, senses in index.get(head) or []:
                if reading[:1].isupper() and any(SURNAME.match(s) for s in senses):
                    return head, reading
    return None


def _in_dictionary(view: str) -> bool:
    from .cedict import load_index
    return bool(load_index().get(view))


FAMILIAR = ("老", "小")     # 老黄, 小李: a person called by the family name, familiarly


def nicknames(tokens: list, views: list[str]) -> list:
    """``tokens`` with 老 or 小 and a family name standing alone after it made one name token
    (老|黄 → 老黄, "Old Huang": never 黄 "yellow; pornographic")."""
    out, i = [], 0
    while i < len(tokens):
        t = tokens[i]
        if (views[i] in FAMILIAR and i + 1 < len(tokens) and len(views[i + 1]) == 1 and han_only(views[i + 1])
                and not t.entry_id and not tokens[i + 1].entry_id and not tokens[i + 1].parts and not tokens[i + 1].name
                and views[i + 1] not in NOT_IN_NAMES and family_reading(views[i + 1])
                and not (out and len(views[i - 1]) == 1 and family_reading(views[i - 1]) and not out[-1].entry_id)):
            # (徐|小|平 is one name, 徐小平, not 徐 and "young 平")
            out.append(replace(t, text=t.text + tokens[i + 1].text, reading=None, name=True))
            i += 2
            continue
        out.append(t)
        i += 1
    return out


def family_reading(char: str) -> str | None:
    """CC-CEDICT's reading of ``char`` as a family name (numbered, 'Huang2'), or None if it is none."""
    found = surname(char + "\x00")        # a surname followed by a given name: any character stands for it
    return found[1] if found and found[0] == char else None


def named(tokens: list, views: list[str]) -> list:
    """``tokens`` with each name between a title and a verb of saying made one token (``name=True``)."""
    titles, verbs = cues()
    out, i, n = [], 0, len(tokens)
    while i < n:
        out.append(tokens[i])
        if any(views[i][-k:] in titles for k in range(1, min(len(views[i]), 6) + 1)):   # 公司总裁 ends in 总裁
            for j in range(i + 2, min(n, i + 5)):        # the name: tokens i+1 … j-1, then the verb at j
                if views[j] not in verbs:
                    continue
                middle = tokens[i + 1:j]
                text = "".join(views[i + 1:j])
                known = len(middle) == 1 and _in_dictionary(text)      # 马云: CC-CEDICT says who
                # 老师|和|学生|在, 专家|和|评标: 和 after a title joins, it names no one
                family = surname(text) if text[:1] not in NOT_IN_NAMES else None
                if (family and 2 <= len(text) <= len(family[0]) + 2 and not known   # 李璇|突然 is no name of four
                        and all(has_han(t.text) and not t.entry_id and not t.parts for t in middle)
                        and han_only(text)):
                    out.append(replace(middle[0], text="".join(t.text for t in middle), reading=None, name=True))
                    i = j - 1
                break
        i += 1
    return out


# A foreign name written in Chinese characters by their sound, its parts joined by a middle dot:
# 托比·路特克 (Tobi Lütke), 约翰·冯·诺依曼. Its token's ``sense`` says so (the lookup reads it by its
# characters and glosses it as such a name, never 路 "road" + 特克 "special + to subdue").
FOREIGN = -4
DOTS = frozenset("·•．‧・")
# The characters of Xinhua's tables for writing foreign names by sound (in the simplified view). A
# name is found only where every character of the parts on both sides of a dot is one of them:
# 中国·上海 or 创新·发展 is not a name.
SOUND_CHARACTERS = frozenset(
    "阿埃艾爱安昂奥敖巴拜班邦包保鲍贝本比彼毕庇边宾波伯勃博布步采查察茨达代黛戴丹道德登邓狄迪蒂第丁东"
    "杜敦顿多厄恩尔法凡范梵菲斐费芬丰冯佛弗伏夫芙福富盖甘冈高戈哥格葛根贡古瓜圭桂哈海汉豪浩赫黑亨洪胡华"
    "怀惠霍基吉加嘉贾简杰捷金津居喀卡凯坎康考柯科可克肯孔库奎昆拉莱赖兰朗劳勒雷蕾冷里理力利丽莉立连廉"
    "列林琳铃留刘柳龙隆娄卢芦鲁陆路露伦罗洛吕马玛迈麦曼芒毛梅美门蒙孟米密敏明缪摩莫墨默姆木穆纳娜乃奈南"
    "内妮尼涅宁纽努诺欧帕派潘庞培佩彭皮珀蒲普齐奇琪契恰钱乔切钦琴琼丘屈让热仁任荣茹儒瑞若萨塞赛桑瑟森沙"
    "莎尚绍舍申圣施什史舒斯丝思松宋苏索塔泰坦汤唐特滕提田通图托瓦万旺威韦维魏温文翁沃乌伍武西希锡席夏"
    "香肖谢辛欣休修许雅亚延扬杨姚耶叶伊依易因尹英尤于宇约云泽扎詹章哲珍朱卓兹宗祖佐娅茜翰汀歇朵芭萝璐姬娃蓓婕弥迦赞平")


def foreign(tokens: list, views: list[str]) -> list:
    """``tokens`` with each foreign name written by sound (``FOREIGN``) made one token: parts of
    one to five characters of ``SOUND_CHARACTERS``, each made of whole tokens with no term or
    name among them, joined by a middle dot (``DOTS``)."""
    out, i, n = [], 0, len(tokens)
    while i < n:
        end, parts = i, 0
        while True:
            stop = _sound_part_end(tokens, views, end)
            if stop is None:
                break
            parts += 1
            if stop < n and views[stop] in DOTS:
                end = stop + 1
                continue
            end = stop
            break
        # not where a character of its own stands right before it (平|克·弗洛伊德 with 平 unlisted):
        # half a name is worse than none
        loose = i > 0 and len(views[i - 1]) == 1 and han_only(views[i - 1]) and views[i - 1] not in NOT_IN_NAMES \
            and not tokens[i - 1].entry_id and not tokens[i - 1].name
        if parts >= 2 and views[end - 1] not in DOTS and not loose:
            out.append(replace(tokens[i], text="".join(t.text for t in tokens[i:end]), reading=None,
                               name=True, sense=FOREIGN, parts=()))
            i = end
            continue
        out.append(tokens[i])
        i += 1
    return out


def _sound_part_end(tokens: list, views: list[str], start: int) -> int | None:
    """Where a part of a foreign name starting at token ``start`` ends (1–5 characters), or None."""
    end, size = start, 0
    while end < len(tokens) and views[end] and all(c in SOUND_CHARACTERS for c in views[end]) \
            and not tokens[end].entry_id and not tokens[end].name and not tokens[end].parts:
        size += len(views[end])
        end += 1
    return end if 1 <= size <= 5 else None


class Known(frozenset):
    """The names an article uses (``found``); ``companies``: those of them that are companies' names;
    ``entries``: a glossary company's short name → its entry (群核 of 群核科技); ``foreign``: the
    foreign names written by sound (``FOREIGN``), whole and by their last part (路特克)."""
    companies: frozenset[str] = frozenset()
    entries: dict[str, str] = {}
    foreign: frozenset[str] = frozenset()


def found(token_lists, glossary=None) -> Known:
    """The names in these tokens (an article's paragraphs): people's, found by their title and verb
    (``named``) or because the article repeats them (``repeated``); companies' names found with
    their ending (``orgs``: 北京|赛博英杰|科技 gives 赛博英杰); and, with the ``glossary``, a company
    entry's name without its trade (群核科技 gives 群核, which the article then writes alone, but
    which could not be a form of its own: 人群|核心)."""
    token_lists = list(token_lists)
    people = (frozenset(t.text for tokens in token_lists for t in tokens if t.name and not t.parts)
              | repeated(token_lists) | speakers(token_lists))
    # a foreign name's last part, which the article then writes alone: 托比·路特克 … 路特克表示
    surnames = frozenset(last for tokens in token_lists for t in tokens if t.name and t.sense == FOREIGN
                         for last in [re.split("[" + "".join(DOTS) + "]", t.text)[-1]]
                         if len(last) >= 2 and not _in_dictionary(script.to_simplified(last)))
    foreign_names = frozenset(t.text for tokens in token_lists for t in tokens if t.name and t.sense == FOREIGN) | surnames
    people |= surnames
    companies = frozenset(t.parts[0] for tokens in token_lists for t in tokens
                          if t.name and len(t.parts) >= 2 and 2 <= len(t.parts[0]) <= 4
                          and han_only(script.to_simplified(t.parts[0]))
                          and not _in_dictionary(script.to_simplified(t.parts[0])))
    trades = orgs.registered_cues()[1]
    entries = {}
    for tokens in token_lists if glossary is not None else ():
        for t in tokens:                 # a glossary company's name and its trade (群核|科技): the name alone
            if not t.entry_id or len(t.text) < 4:
                continue
            view = script.to_simplified(t.text)
            trade = next((view[k:] for k in range(2, len(view) - 1) if view[k:] in trades), None)
            if (trade
                    and glossary.by_id[t.entry_id].category in ("company", "organization")
                    and han_only(view[:-len(trade)]) and not _in_dictionary(view[:-len(trade)])):
                entries[t.text[:-len(trade)]] = t.entry_id
    if glossary is not None:
        entries.update(short_versions(token_lists, glossary))
    known = Known(people | companies | frozenset(entries))
    known.companies = companies - people
    known.entries = entries
    known.foreign = foreign_names
    return known



# A model's name and its version (DeepSeek-R1, DeepSeek V3.2, Kimi K2, 混元T1): a letter or two and a number.
# The version stands apart from a Latin name (Qwen3 is no "n3", RTX 5090 no "X5090").
_NAMED_VERSION = re.compile(r"^(?:[A-Za-z][A-Za-z0-9]*[- ]|[\u3400-\u9fff]+)([A-Za-z]{1,2}\d+(?:\.\d+)?)$")


def short_versions(token_lists, glossary) -> dict[str, str]:
    """Each version the article writes after a model's name, glossary models and products only
    (DeepSeek-R1 gives R1) → that entry; a version written after two entries' names (DeepSeek-R1,
    Psi R1) → neither."""
    found: dict[str, set[str]] = {}
    for tokens in token_lists:
        for t in tokens:
            if t.entry_id and glossary.by_id[t.entry_id].category in ("model", "product"):
                named = _NAMED_VERSION.match(script.to_simplified(t.text))
                if named and named.group(1) != t.text:
                    found.setdefault(named.group(1), set()).add(t.entry_id)
    return {version: ids.pop() for version, ids in found.items() if len(ids) == 1}


# Characters that rarely end a name of three: particles, pronouns and the commonest verbs and adverbs
# (王|也|说 is a surname and two words, not 王也说).
NOT_IN_NAMES = frozenset("的了是在和与及或也就都还又被把将对为从以而但这那其之等个们着过地得所说不没很会能要有上下中来去到给让向")
REPEATS = 3


def repeated(token_lists) -> frozenset[str]:
    """Three-character names no dictionary has that an article repeats: a surname and two characters,
    each standing alone as a one-character token (黄|晓|煌: jieba knows no word in them), none of them
    a particle or a common verb, at least ``REPEATS`` times. A feature names its subject again and
    again, often with no title (二十四岁的黄晓煌, 黄晓煌后来说); three lone characters that recur
    so are a name, not words."""
    counts: dict[str, int] = {}
    for tokens in token_lists:
        # each token's simplified view if it could be part of such a name (one Chinese character
        # standing alone, no term or name), else None
        views = [script.to_simplified(t.text) if len(t.text) == 1 and han_only(t.text)
                 and not t.entry_id and not t.parts and not t.name else None for t in tokens]
        for i in range(len(tokens) - 2):
            if views[i] and views[i + 1] and views[i + 2]:
                text = views[i] + views[i + 1] + views[i + 2]
                if not NOT_IN_NAMES & set(text):          # 和|评|标 is "and" + 评标, not Hé Píngbiāo
                    counts[text] = counts.get(text, 0) + 1
    return frozenset(text for text, n in counts.items()
                     if n >= REPEATS and (family := surname(text)) and family[0] == text[:1] and not _in_dictionary(text))


SPEAKER_MARKS = frozenset("：:")


def speakers(token_lists) -> frozenset[str]:
    """The names an interview puts before its answers: a paragraph that begins with a surname and
    one or two characters, then a colon (罗斌：…), at least twice in the article, and no word a
    dictionary has (记者：, 主持人：, 华为： are not people's names found so)."""
    counts: dict[str, int] = {}
    for tokens in _paragraphs(token_lists):
        head = []
        for t in tokens:
            if t.text in SPEAKER_MARKS:
                break
            if t.entry_id or t.parts or not han_only(script.to_simplified(t.text)) or len(head) > 3:
                head = None
                break
            head.append(t.text)
        else:
            head = None
        text = "".join(head or ())
        if 2 <= len(text) <= 3:
            counts[text] = counts.get(text, 0) + 1
    return frozenset(text for text, n in counts.items()
                     if n >= 2 and (family := surname(script.to_simplified(text))) and len(text) - len(family[0]) in (1, 2)
                     and not _in_dictionary(script.to_simplified(text)) and not NOT_IN_NAMES & set(script.to_simplified(text)[1:]))


def _paragraphs(token_lists):
    """Each paragraph's tokens: a list is one paragraph, or several where a token holds a line break
    (a whole text cut at once, as ``measure_terms`` cuts it)."""
    for tokens in token_lists:
        start = 0
        for i, t in enumerate(tokens):
            if "\n" in t.text:
                yield tokens[start:i]
                start = i + 1
        yield tokens[start:]


def again(tokens: list, known: frozenset[str]) -> list:
    """``tokens`` with each later mention of a name found elsewhere in the article (``known``, by its
    title and verb: 分析师|黄筱雯|指出) made one name token too: 黄|筱|雯|补充 → 黄筱雯|补充; a
    company's name (``Known.companies``) as one, with itself as its only part (群|核 → 群核). Only
    where the name's characters are whole tokens, no glossary term or compound among them, and not
    a word CC-CEDICT has."""
    if not known:
        return tokens
    longest = max(len(name) for name in known)
    out, i, n = [], 0, len(tokens)
    while i < n:
        for j in range(min(n, i + longest), i, -1):           # tokens i … j-1, longest first
            middle = tokens[i:j]
            text = "".join(t.text for t in middle)
            version = len(middle) == 1 and text in getattr(known, "entries", {}) and not has_han(text)   # R1 after DeepSeek-R1
            if (text in known and all((has_han(t.text) or version) and not t.entry_id and not t.parts and not t.name for t in middle)
                    and not (len(middle) == 1 and _in_dictionary(text))):
                entry = getattr(known, "entries", {}).get(text)
                if entry:                                                     # 群核, after 群核科技: its entry
                    out.append(replace(middle[0], text=text, reading=None, entry_id=entry))
                else:
                    company = text in getattr(known, "companies", ())         # read and glossed as a company's
                    sense = FOREIGN if text in getattr(known, "foreign", ()) else None
                    out.append(replace(middle[0], text=text, reading=None, name=True, sense=sense,
                                       parts=(text,) if company else ()))
                i = j
                break
        else:
            out.append(tokens[i])
            i += 1
    return out

