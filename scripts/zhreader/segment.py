"""Cut Chinese text into words with jieba, keeping glossary terms whole.

jieba's default tokenizer is global, and Material's search plugin segments
the search index with that same tokenizer (``jieba.cut``).  So the glossary
and override words are added to the global tokenizer here, in this one
place, and both our annotation and the search index see the same words.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba

from . import cache, compounds, context, families, names, orgs, postags, script, wordlist
from .glossary import HAN, HAN_TIER_TAIL, HAN_VERSION_TAIL, VERSION_SUFFIX, VERSION_TAIL, YEAR_TAIL, Glossary, case_insensitive, has_han, plain_phrase, plain_word
from .postags import dictionary_tags

from .overrides import OVERRIDES, load_overrides  # noqa: F401  (read here and by the lookup)
jieba.setLogLevel(logging.WARNING)

_configured: tuple | None = None
_taught: list[str] = []          # every change made to jieba's global tokenizer for the glossary configured, in order
_pristine: tuple | None = None   # (dictionary path, its word → frequency, total) as jieba loaded it
_tag_readings: dict[str, str] = {}   # word → reading its part-of-speech tag implies (see pos_readings)


@dataclass(frozen=True)
class Token:
    text: str
    entry_id: str | None = None   # glossary entry, when the token is a term or alias
    reading: str | None = None    # pinyin fixed by the word's part of speech (see pos_readings), else None
    sense: int | None = None      # for a glossary term with several senses: the one its sentence shows
    parts: tuple[str, ...] = ()   # a compound of known words (``compounds``): its words, glossed one by one
    name: bool = False            # a person's name no dictionary has (``names``): read and glossed as one;
                                  # with parts, a company's name and its ending (``orgs``)
    defined: tuple[str, ...] = ()  # an abbreviation the article defines (``abbreviations``): its Chinese, its
                                   # English, and the Chinese's words when the text cut it in several

    @property
    def is_chinese(self) -> bool:
        return has_han(self.text)


def _dated_events(tokens: list[Token], glossary: Glossary) -> list[Token]:
    """An event's year written against its Chinese name is the event's: 2025|世界人工智能大会 →
    2025世界人工智能大会 (one term, as WAIC 2025 is); not 2025年|世界人工智能大会, a date before it."""
    out: list[Token] = []
    for t in tokens:
        if out and t.entry_id and has_han(t.text[:1]) and _YEAR.fullmatch(out[-1].text) and not out[-1].entry_id \
                and glossary.by_id[t.entry_id].category == "event" and (len(out) < 2 or not out[-2].text[-1:].isdigit()):
            out[-1] = Token(out[-1].text + t.text, t.entry_id, sense=t.sense)
        else:
            out.append(t)
    return out


_YEAR = re.compile(r"(?:19|20)\d\d")


def _views(tokens: list[Token], view: str) -> list[str]:
    """Each token's text in the simplified view of the text they cut."""
    views, pos = [], 0
    for t in tokens:
        views.append(view[pos:pos + len(t.text)])
        pos += len(t.text)
    return views


def configure_jieba(glossary: Glossary) -> None:
    """Teach jieba's global tokenizer our dictionary, terms and overrides (idempotent).

    The words go in in their simplified view (``script.to_simplified``): texts are cut
    in that view, so a traditional form (演算法) needs its view (演算法) as a word.

    Each glossary is taught to the dictionary as loaded, never on top of an earlier
    glossary: ``jieba.add_word`` also grows the total every word's probability is
    divided by, so teaching a second glossary (a test fixture's, an edit under
    ``mkdocs serve``) would otherwise change how ordinary text is cut (关于软件 as one
    word). The result depends on this glossary alone, not on what came before.
    """
    global _configured, _tag_readings, _pristine
    key = tuple(glossary.jieba_words)
    if _configured == key:
        return
    overrides = load_overrides()
    wordlist.use_widened_dictionary()
    jieba.initialize()
    if _pristine is None or _pristine[0] != jieba.dt.dictionary:
        _pristine = (jieba.dt.dictionary, dict(jieba.dt.FREQ), jieba.dt.total)
    else:
        jieba.dt.FREQ, jieba.dt.total = dict(_pristine[1]), _pristine[2]
    _taught.clear()
    for word in overrides.get("words", []):
        jieba.add_word(word, freq=_whole_freq(word))
        _taught.append(f"+{word}")
    for form in glossary.jieba_words:
        if _PURE_HAN.match(form):
            jieba.add_word(form, freq=_whole_freq(form))
            _taught.append(f"+{form}")
    # add_word also added each frequency to the total every probability is divided by: give it back,
    # so that ordinary text is cut the same however many terms the glossary holds (a bigger total
    # favours fewer, longer words everywhere: 过完 for 过|完 once the glossary grew by 500 entries).
    jieba.dt.total = _pristine[2]
    # A glossary form now outweighs the dictionary words it is part of (黑客 in 黑客松 "hackathon",
    # 应用 in 应用程序, 模型 in 混合模型): each is raised again, as the widened dictionary raised it,
    # to the smallest frequency that keeps it whole on its own (``wordlist``).
    splits = overrides.get("splits", {})
    # CC-CEDICT words the widened dictionary leaves out, their characters being common words on their
    # own (会话 "session", 字段 "field"): taught like its words, at the smallest frequency that keeps
    # each whole alone, so neighbours still decide (开会|话题).
    for word in overrides.get("dictionary_words", []):
        jieba.add_word(word, freq=jieba.suggest_freq(word, tune=False))
        _taught.append(f"~{word}")
    for word in _holding_a_form(frozenset(f for f in glossary.jieba_words if _PURE_HAN.match(f))):
        if word not in splits and len(jieba.lcut(word, HMM=False)) > 1:
            jieba.add_word(word, freq=jieba.suggest_freq(word, tune=False))
            _taught.append(f"^{word}")
    jieba.dt.total = _pristine[2]
    for merged, parts in splits.items():
        jieba.del_word(merged)
        jieba.suggest_freq(tuple(parts), tune=True)
        _taught.append(f"-{merged}/" + "/".join(parts))
    rules = overrides.get("pos_readings", {})
    tags = dictionary_tags(sorted(rules))
    _tag_readings = {word: by_tag[tags[word]] for word, by_tag in rules.items() if tags.get(word) in by_tag}
    _configured = key


@lru_cache(maxsize=4096)
def _common_word(word: str) -> bool:
    """Whether CC-CEDICT has ``word`` as more than a name (元数据 "metadata"; not 于华, a name)."""
    from .cedict import load_index, unpack
    packed = load_index().packed(word) if load_index().get(word) is not None else None
    return bool(packed) and not all(reading[:1].isupper() for reading, _ in unpack(packed))


_holders: list = [None, ()]     # the last forms _holding_a_form was asked about, and its answer


def _holding_a_form(forms: frozenset[str]) -> list[str]:
    """CC-CEDICT's simplified headwords of three or more characters, not only a name, that hold one
    of ``forms`` and are more than it (黑客松 holds 黑客), in order.

    Asked again with a few forms added or removed (a glossary edit under ``mkdocs serve``), only the
    last answer and the headwords holding an added form are looked at, not all 120,000."""
    from .cedict import load_index
    last_forms, last = _holders
    longest = max((len(f) for f in forms), default=0)
    if last_forms is not None and len(forms ^ last_forms) <= 50:
        added = [f for f in forms - last_forms if len(f) >= 2]
        candidates = set(last)
        if added:
            candidates |= {word for word in load_index() if len(word) >= 3 and any(f in word for f in added)}
    else:
        candidates = load_index()
    out = []
    for word in candidates:
        n = len(word)
        if n < 3 or not _PURE_HAN.match(word):
            continue
        if not any(word[i:j] in forms for i in range(n) for j in range(i + 2, min(n, i + longest) + 1) if j - i < n):
            continue
        if script.to_simplified(word) != word:
            continue             # texts are cut in their simplified view
        if not _common_word(word):
            continue             # only a name (阿里地区, 百度知道): not raised over the form
        out.append(word)
    _holders[:] = [forms, tuple(out)]
    return sorted(out)


def _whole_freq(word: str) -> int:
    # High enough that the word beats any split of it in jieba's DAG.
    return max(jieba.suggest_freq(word, tune=False), 100_000)


_PURE_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
# Characters that end a place word after a noun (测试|中 "in the test", 网|上, 体系|内): a term starting
# with one (中试, 上市, 内卷) may have taken it from the word before (``Segmenter._regrouped``).
_LOCATIVES = frozenset("中上下里内外前后")
_SCRIPT_JUNCTION = re.compile(r"(?<=[A-Za-z0-9])(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])(?=[A-Za-z0-9])")
# What follows a number that counts or dates something (2个, 3月, 5倍), not a version.
_COUNTED = "[个款家位名年月日天周次倍种台亿万千百元块岁号代条件部只张人分秒点期成折组批]"
_NUMBER = re.compile(r"^[0-9.]+$")
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")


def _ends_a_number(view: str, start: int) -> bool:
    """Whether a word at ``start`` is the decimals of a number (the 5G of 5.5G: not the form 5G)."""
    return start >= 2 and view[start].isdigit() and view[start - 1] == "." and view[start - 2].isdigit()


# A number before a word that begins with a number's units (四|千亿参数): the units are the number's.
_NUMBER_UNITS = "十百千万亿萬億"
_NUMERAL = re.compile(r"^[0-9０-９零〇一二三四五六七八九十百千万亿两兩几幾数數萬億]+$")


def _in_english(view: str, start: int, end: int) -> bool:
    """A lowercase English word inside an English phrase quoted whole (soft skills, the agent): not a term."""
    return start >= 2 and view[start - 1] == " " and view[start - 2].islower() and view[start - 2].isascii() \
        and view[start:end].isascii() and view[start:end].isalpha() and view[start:end].islower()


def _form_pattern(form: str, versioned: bool = False, han_versioned: bool = False, dated: bool = False) -> str:
    """Regex for a form (in its simplified view).

    Latin letters or digits at its edges must not touch more of them (token, not
    tokenizer). A lowercase or capitalised word matches in any case and as a plural
    (Token, tokens); an acronym or mixed-case name only as written (GPU, MoE).
    """
    left = "(?<![A-Za-z0-9])" if form[0].isascii() and form[0].isalnum() else ""
    if form[0].isascii() and form[0].isdigit():
        left += r"(?<!\d\.)"                       # 5G is not the 5G of 5.5G
    right = r"(?![A-Za-z0-9]|\.\d)" if form[-1].isascii() and form[-1].isalnum() else ""   # GPT-4 is not GPT-4.5
    # Where Latin meets Han (AI助手), writers often put a space (AI 助手): allow one.
    body = " ?".join(re.escape(part) for part in _SCRIPT_JUNCTION.split(form))
    body = body.replace(r"\ ", "[ -]")              # OpenAI o1 as OpenAI-o1 too
    if case_insensitive(form):
        body = f"(?i:{body}{'s?' if plain_word(form) or plain_phrase(form) else ''})"
    if versioned:                                    # and a variant: GPT-4o-mini, DeepSeek-V3.2-Speciale, Qwen-Audio
        body += f"(?:{VERSION_TAIL}|{VERSION_SUFFIX})?"
        if form.isascii() and form.isalpha() and form.isupper() and not case_insensitive(form):
            # An acronym's name in lowercase, as APIs write model ids, only with its version: gpt-4o-mini.
            body = f"(?:{body}|{re.escape(form.lower())}(?=-\\d)(?:{VERSION_TAIL})(?:{VERSION_SUFFIX})?)"
    if dated:                                        # an event and its year: WAIC 2025
        body += YEAR_TAIL + "?"
    if han_versioned:                                # a Chinese name only with its version: 千问3
        body += HAN_VERSION_TAIL                     # not a count or a date: 元宝2个, 豆包3月
        right = r"(?![A-Za-z0-9%％]|\.\d|" + _COUNTED + ")"
    return left + body + right


def segmentation_memo(glossary: Glossary, name: str = "segments", limit: int = 5_000) -> cache.Memo:
    """Segmentations kept between builds, for texts that have not changed (see ``cache.Memo``).

    They depend on jieba and its dictionary, on everything taught to its global
    tokenizer for this glossary (``_taught``: our words, splits and glossary forms),
    on which entry each form belongs to
    (and where a restricted form may match, which names link only with a version, and each
    sense's cues), and on this code, the glossary's (its version and year tails), the word list,
    the overrides and the rules that join compounds and names.
    """
    return cache.Memo(name, [postags.jieba_dictionary()[1], *_glossary_parts(glossary), "\n".join(_taught)],
                      [Path(__file__), Path(sys.modules[Glossary.__module__].__file__),   # its version and year tails
                       Path(postags.__file__), Path(wordlist.__file__), OVERRIDES, Path(context.__file__),
                       Path(compounds.__file__), compounds.DATA,            # and what finds names in the cut
                       Path(names.__file__), names.DATA, Path(orgs.__file__), orgs.DATA, Path(families.__file__)],
                      limit=limit)   # paragraphs: about 100 articles


_parts_of: list = [None, ()]     # the last glossary and what its segmentations depend on (both memos ask)


def _glossary_parts(glossary: Glossary) -> tuple[str, ...]:
    """What of ``glossary`` a segmentation depends on, as text (``segmentation_memo``)."""
    if _parts_of[0] is glossary:
        return _parts_of[1]
    forms = "\n".join(f"{form}\t{entry.id}" for form, entry in sorted(glossary.by_form.items()))
    restricted = "\n".join(f"{form}\t{entry.id}\t{','.join(slugs)}" for entry in glossary.entries
                           for form, slugs in sorted(entry.restricted.items()))
    with_version = "\n".join(f"{form}\t{entry.id}" for entry in glossary.entries for form in entry.with_version)
    senses = "\n".join(f"{entry.id}\t{sense.cues}" for entry in glossary.entries for sense in entry.senses)
    joins = "\n".join(f"{entry.id}\t{entry.category}\t{compounds.verb_like(entry)}" for entry in glossary.entries)   # see compounds
    _parts_of[:] = [glossary, (forms, restricted, with_version, senses, joins)]
    return _parts_of[1]


_LATIN_RUN = re.compile(r"[A-Za-z0-9]+")
_PROSE_CHINESE = re.compile(rf"\S*(?:{HAN.pattern}|[+#])\S*")    # and C++, C#: words in jieba's dictionary
_PROSE_PLAIN = re.compile(r"[A-Za-z0-9]+|.", re.S)


def _loose(text: str) -> str:
    """``text`` lowercased without spaces and hyphens: what a form's regex can match of it at most
    (case rules, "AI 助手" for AI助手, "OpenAI-o1" for OpenAI o1)."""
    return text.lower().replace(" ", "").replace("-", "")


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    """One Latin form's regex, compiled once per process (``re``'s own cache holds only 512)."""
    return re.compile(pattern)


class _Lazy(dict):
    """A dict whose values are made on first use from the zero-argument functions it was given:
    a build whose paragraphs are all in the memo compiles none of the glossary's hundreds of
    form regexes (3 s at 3,300 entries), a fresh one only those its texts' characters need."""

    def __init__(self, makers: dict):
        super().__init__()
        self._makers = makers

    def __missing__(self, key):
        value = self[key] = self._makers[key]()
        return value

    def __contains__(self, key) -> bool:
        return key in self._makers


_matchers: dict[tuple, object] = {}    # the last glossary's general matcher, by its forms


def _general_matcher(make, forms: list[str], versioned: set[str], han_versioned: set[str], dated: set[str]):
    """``Segmenter._matcher`` of these forms, made once while they stay the same (a glossary edit
    under ``mkdocs serve`` that changed no form: its regexes are the same)."""
    key = (frozenset(forms), frozenset(versioned), frozenset(han_versioned), frozenset(dated))
    found = _matchers.get(key)
    if found is None:
        _matchers.clear()
        found = _matchers[key] = make(forms, versioned, han_versioned, dated)
    return found


class Segmenter:
    """Glossary-aware word segmentation for one glossary.

    A text is cut in its simplified view (``script.to_simplified``: same length,
    character for character), so traditional and mixed texts get exactly the cuts
    of their simplified conversion; tokens carry the original characters.
    """

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._jieba_key = tuple(glossary.jieba_words)
        configure_jieba(glossary)
        self.memo = segmentation_memo(glossary)
        # The glossary's definitions (segment_prose) in their own memo: cut after the articles, they
        # would be evicted from the paragraphs' memo whenever it is over its limit when the corpus saves.
        self.prose_memo = segmentation_memo(glossary, "definitions", limit=20_000)
        self._joiner = compounds.Joiner(glossary)
        self._quantity_words = frozenset(load_overrides().get("quantity_words", ()))
        self._regroups = load_overrides().get("regroups") or {}
        self._regroup_pattern = re.compile("|".join(map(re.escape, sorted(self._regroups, key=len, reverse=True)))) \
            if self._regroups else None
        # Forms jieba cannot keep whole (Latin, mixed script) are matched first by a regex,
        # longest first; pure-Han forms go to jieba. Restricted forms only in their articles.
        special = [f for f in glossary.by_form if not has_han(f)]
        special += [script.to_simplified(f) for f in [*glossary.by_form, *glossary.by_simplified]
                    if has_han(f) and not _PURE_HAN.match(f)]              # matched in the simplified view
        versioned, han_versioned, dated = set(glossary.versioned), set(glossary.versioned_han), set(glossary.dated)
        self._general = _general_matcher(self._matcher, special, versioned, han_versioned, dated)
        self._by_article = _Lazy({slug: (lambda forms=forms: self._matcher(
            special + [script.to_simplified(f) for f in forms], versioned, han_versioned, dated))
            for slug, forms in glossary.restricted_by_article.items()})

    @staticmethod
    def _matcher(forms: list[str], versioned: set[str] = frozenset(), han_versioned: set[str] = frozenset(),
                 dated: set[str] = frozenset()):
        """({first character: regex of the forms that can start with it, longest first}; regex of
        those characters), or None. One regex per first character: a regex engine tries
        alternatives one by one, and thousands of forms (English renderings among them) would be
        tried at every Latin letter.

        A model or product name in ``versioned`` may carry a version (``VERSION_TAIL``); a Chinese
        one in ``han_versioned`` is matched here only with its version (``HAN_VERSION_TAIL``); an
        event's Latin name in ``dated`` may carry a year (``YEAR_TAIL``).
        """
        alternatives = [(f, _form_pattern(f, f in versioned, dated=f in dated)) for f in set(forms)]
        alternatives += [(f, _form_pattern(f, han_versioned=True)) for f in han_versioned]
        if not alternatives:
            return None
        # Longest first; a Chinese name with its version before the same name plain.
        alternatives.sort(key=lambda item: (len(item[0]), HAN_VERSION_TAIL in item[1]), reverse=True)
        by_first: dict[str, list[str]] = {}
        for form, pattern in alternatives:
            for c in {form[0], form[0].lower(), form[0].upper()}:
                by_first.setdefault(c, []).append(pattern)
        patterns = _Lazy({c: (lambda group=group: re.compile("|".join(group))) for c, group in by_first.items()
                          if not (c.isascii() and c.isalnum())})
        # A form starting with a Latin letter or digit is tried only where the text's Latin word
        # begins with the form's own first word (its leading letters and digits, any case): the
        # 861 forms under "a" made one regex that took half a second to compile and was tried
        # branch by branch at every English word of every glossary definition. ``by_run`` holds
        # them by that first word, in the order above, so a position's few candidates keep it.
        by_run: dict[str, list[tuple[int, str, str]]] = {}
        for order, (form, pattern) in enumerate(alternatives):
            if form[0].isascii() and form[0].isalnum():
                by_run.setdefault(_LATIN_RUN.match(form).group().lower(), []).append((order, pattern, _loose(form)))
        # A form starting with a Latin letter or digit never starts inside a Latin word (its
        # pattern's look-behind): tried at word starts only, not at every letter of English text.
        latin = sorted(re.escape(c) for c in by_first if c.isascii() and c.isalnum())
        other = sorted(re.escape(c) for c in by_first if not (c.isascii() and c.isalnum()))
        first = "|".join(([f"(?<![A-Za-z0-9])[{''.join(latin)}]"] if latin else []) + ([f"[{''.join(other)}]"] if other else []))
        # by_run's candidates for a text's Latin word (its forms under each prefix of the word, in
        # order), found once per distinct word: English definitions repeat their words.
        return patterns, re.compile(first), by_run, {}

    def segment_text(self, text: str, article: str | None = None) -> list[Token]:
        """Return tokens whose texts join back to exactly ``text``.

        ``article`` (a slug) enables the glossary's forms restricted to that article.
        """
        article = article if article in self._by_article else None
        key = text if article is None else f"{article}\x00{text}"
        return [Token(word, entry or None, reading or None, None if sense == -1 else sense,
                      tuple(parts.split("\x1f")) if parts else (), bool(name))
                for word, entry, reading, sense, parts, name in self.memo.get(key, lambda: self._segment_fresh(text, article))]

    def segment_prose(self, text: str) -> list[str]:
        """The words of mostly English ``text`` (a glossary definition), as ``segment_text`` cuts it.

        Only its Chinese pieces go through ``segment_text`` (8 ms a definition on the whole text, for
        4,750 definitions on a first build); a piece is all that touches the Chinese up to the spaces
        around it (AI+教育, 书生·浦语), so mixed forms stay whole; so does a word with + or # (C++,
        C#).  Between pieces the glossary's Latin forms are matched as ``segment_text`` matches them
        (text-to-video, GPT-4o) and the rest is cut as it would cut it: a run of letters or digits,
        any other character.  The result is kept between builds (``prose_memo``).
        """
        return self.prose_memo.get(text, lambda: self._prose_fresh(text))

    def _prose_fresh(self, text: str) -> list[str]:
        words: list[str] = []
        pos = 0
        for piece in _PROSE_CHINESE.finditer(text):
            words += self._plain_words(text[pos:piece.start()])
            words += [token.text for token in self.segment_text(piece.group())]
            pos = piece.end()
        return words + self._plain_words(text[pos:])

    def _plain_words(self, text: str) -> list[str]:
        words: list[str] = []
        pos = 0
        for match in self._special_forms(text, self._general):
            words += _PROSE_PLAIN.findall(text, pos, match.start())
            words.append(match.group())
            pos = match.end()
        return words + _PROSE_PLAIN.findall(text, pos)

    def save(self) -> None:
        """Keep this build's segmentations for the next build."""
        self.memo.save()
        self.prose_memo.save()

    def _segment_fresh(self, text: str, article: str | None = None) -> list[tuple[str, str, str, int, str, int]]:
        return [(t.text, t.entry_id or "", t.reading or "", -1 if t.sense is None else t.sense, "\x1f".join(t.parts),
                 int(t.name)) for t in self.segment_uncached(text, article)]

    def segment_uncached(self, text: str, article: str | None = None) -> list[Token]:
        """``segment_text`` without the memo (what a first build does)."""
        if _configured != self._jieba_key:      # another glossary was taught since (a second Segmenter)
            configure_jieba(self.glossary)
        view = script.to_simplified(text)
        simplified_text = view == text              # no traditional character: no Taiwan word links (regional_views)
        matcher = self._by_article[article] if article else self._general
        pieces: list[tuple[int, int, bool]] = []      # (start, end, is a special form)
        pos = 0
        for match in self._special_forms(view, matcher):
            if match.start() < pos:
                continue                              # inside a tier word taken below
            end = match.end()
            if view[end - 1:end].isdigit() and has_han(match.group()) and (tier := HAN_TIER_TAIL.match(view, end)):
                end = tier.end()                      # 豆包1.5 pro: a Chinese name's version and its tier
            pieces += self._cut(view, pos, match.start())
            pieces.append((match.start(), end, True))
            pos = end
        pieces += self._cut(view, pos, len(view))
        pieces = self._recut(view, self._regrouped(view, pieces))
        tokens = []
        for start, end, special in pieces:
            original, simplified = text[start:end], view[start:end]
            english = _in_english(view, start, end)
            entry = None if _ends_a_number(view, start) or english else self.glossary.entry_for(original)
            if entry is None and special and not english:
                entry = self.glossary.entry_for(simplified) or self.glossary.restricted_entry(original, article)
            if entry is not None and simplified_text and simplified in self.glossary.regional_views:
                entry = None             # Taiwan's 推論 (inference) written 推论 in a simplified text: "to infer"
            tokens.append(Token(original, entry.id if entry else None,
                                sense=choose_sense(entry, view, start, end) if entry else None))
        tokens = _dated_events(tokens, self.glossary)
        tokens = context.split(tokens, _views(tokens, view))
        tokens = self._joined(_with_tag_readings(context.measure_splits(tokens, _views(tokens, view)), view), view)
        tokens = orgs.registered(tokens, _views(tokens, view))
        tokens = names.named(tokens, _views(tokens, view))
        tokens = names.nicknames(tokens, _views(tokens, view))
        tokens = names.foreign(tokens, _views(tokens, view))
        tokens = orgs.joined(tokens, _views(tokens, view), self.glossary)
        tokens = families.joined(tokens, self.glossary)
        views = _views(tokens, view)
        return context.senses(context.measures(tokens, views), views)

    def _regrouped(self, view: str, pieces: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
        """A glossary term not cut in two by another that starts inside it: 人工|智能客服 → 人工智能|客服.

        Every glossary form has the same weight in jieba, so whether 人工智能客服 is cut after 人工
        or after 人工智能 depends on which of 人工 and 客服 is the commoner word.  Where a plain word
        and the glossary term after it can be cut again as a glossary term and a word (of two
        characters or more, in jieba's dictionary or the glossary), the glossary term on the left
        wins: it was written first, and the reader reads it first.

        And a glossary term before a plain word gives its end to that word where both then are
        glossary terms: AI算力|中心 → AI|算力中心 (both read as ours, and one compound).

        Likewise a word for "many, more" (``quantity_words`` in ``data/overrides.yaml``) takes its 多
        back from a word of three characters or more that starts with it when the rest is a word:
        更|多智能体 → 更多|智能体 (more agents), 很|多模态 → 很多|模态, 更|多用户 → 更多|用户.
        """
        out = list(pieces)
        quantity = self._quantity_words
        for i in range(len(out) - 1):
            (a0, a1, _), (b0, b1, _) = out[i], out[i + 1]
            left, right = view[a0:a1], view[b0:b1]
            units = len(right) - len(right.lstrip(_NUMBER_UNITS))
            if units and _NUMERAL.match(left) and len(right) > units and (
                    jieba.dt.FREQ.get(right[units:]) or self.glossary.entry_for(right[units:]) is not None):
                # 四|千亿参数 → 四千亿|参数: a number's units are the number's, not a term's (400 billion
                # parameters, not "four" and "hundred-billion-parameter"); so is 数|千亿参数 (hundreds of billions)
                out[i], out[i + 1] = (a0, b0 + units, False), (b0 + units, b1, False)
                continue
            if (len(left) == 2 and left[0] in _LOCATIVES and len(right) == 1 and i and _PURE_HAN.match(view[out[i - 1][0]:a1])
                    and jieba.dt.FREQ.get(left[1] + right) and self.glossary.entry_for(left) is not None
                    and self.glossary.entry_for(left[1] + right) is None):
                # 测试|中试|用 → 测试|中|试用: after a word, 中 (in), 上, 内 … end it, and the term's
                # second character begins the word after (试用, 试点, 试验); the term itself (中试,
                # pilot-scale testing) is followed by a word of its own (中试|基地) or by nothing.
                out[i], out[i + 1] = (a0, a0 + 1, False), (a0 + 1, b1, False)
                continue
            if (len(left) == 1 and _PURE_HAN.match(left) and _PURE_HAN.match(right) and len(right) > 3
                    and self.glossary.entry_for(right) is not None and self.glossary.entry_for(left) is None):
                # 元|数据质量 → 元数据|质量: a lone character and the glossary term after it are a longer
                # word (three characters or more, so 做|大模型 stays) and a word
                j = next((j for j in range(2, len(right) - 1)
                          if (_common_word(left + right[:j]) or self.glossary.entry_for(left + right[:j]) is not None)
                          and (jieba.dt.FREQ.get(right[j:]) or self.glossary.entry_for(right[j:]) is not None)), None)
                if j is not None:
                    out[i], out[i + 1] = (a0, b0 + j, False), (b0 + j, b1, False)
                    continue
            if (left + right[:1] in quantity and len(right) > 2 and self.glossary.entry_for(left) is None
                    and (jieba.dt.FREQ.get(right[1:]) or self.glossary.entry_for(right[1:]) is not None)):
                # 更|多智能体 → 更多|智能体, 更|多用户 (CC-CEDICT's "multiuser") → 更多|用户
                out[i], out[i + 1] = (a0, b0 + 1, False), (b0 + 1, b1, out[i + 1][2])
                continue
            if (len(left) > 1 and _PURE_HAN.match(right) and self.glossary.entry_for(right) is None
                    and self.glossary.entry_for(left) is not None):
                k = next((k for k in range(1, len(left)) if _PURE_HAN.match(left[k:])
                          and self.glossary.entry_for(left[:k]) is not None
                          and self.glossary.entry_for(left[k:] + right) is not None), None)
                if k is not None:
                    out[i], out[i + 1] = (a0, a0 + k, True), (a0 + k, b1, True)    # AI算力|中心 → AI|算力中心
                continue
            if (len(left) < 2 or not _PURE_HAN.match(left) or not _PURE_HAN.match(right)
                    or self.glossary.entry_for(left) is not None or self.glossary.entry_for(right) is None):
                continue
            for j in range(1, len(right) - 1):
                rest = right[j:]
                if (self.glossary.entry_for(left + right[:j]) is not None
                        and (jieba.dt.FREQ.get(rest) or self.glossary.entry_for(rest) is not None)):
                    out[i], out[i + 1] = (a0, b0 + j, True), (b0 + j, b1, True)
                    break
        return out

    def _recut(self, view: str, pieces: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
        """The strings ``regroups`` (``data/overrides.yaml``) names cut into its words, whatever the cut
        before: 在|模型层|面 → 在|模型|层面, where the glossary form 模型层 took the start of 层面."""
        if self._regroup_pattern is None:
            return pieces
        for match in self._regroup_pattern.finditer(view):
            start, end = match.span()
            words, at = [], start
            for word in self._regroups[match.group()]:
                words.append((at, at + len(word), False))
                at += len(word)
            out = []
            for piece in pieces:
                s, e, special = piece
                if e <= start or s >= end:
                    out.append(piece)
                    continue
                if s < start:
                    out.append((s, start, False))
                if words:
                    out += words
                    words = []
                if e > end:
                    out.append((end, e, False))
            pieces = out
        return pieces

    def _joined(self, tokens: list[Token], view: str) -> list[Token]:
        """The free compounds among ``tokens`` made one token each (see ``compounds``)."""
        views = _views(tokens, view)
        spans = self._joiner.join(tokens, views)
        if not spans:
            return tokens
        out, last = [], 0
        for first, end in spans:
            out += tokens[last:first]
            words = tokens[first:end + 1]
            parts: list[str] = []
            for t in words:              # a number cut at its point (1|.|4) is one part; a space is none
                if not t.text.strip():
                    continue
                if parts and _NUMBER.match(t.text) and _NUMBER.match(parts[-1]):
                    parts[-1] += t.text
                else:
                    parts.append(t.text)
            out.append(Token("".join(t.text for t in words), parts=tuple(parts)))
            last = end + 1
        return out + tokens[last:]

    @staticmethod
    def _special_forms(text: str, matcher):
        """Matches of the special-form regex, tried only where a form's first character stands."""
        if matcher is None:
            return
        patterns, first, by_run, candidates_of = matcher
        pos = 0
        while True:
            candidate = first.search(text, pos)
            if candidate is None:
                return
            start = candidate.start()
            if candidate.group().isascii() and candidate.group().isalnum():
                run = _LATIN_RUN.match(text, start).group().lower()
                candidates = candidates_of.get(run)
                if candidates is None:
                    candidates = candidates_of[run] = sorted(
                        item for size in range(1, len(run) + 1) for item in by_run.get(run[:size], ()))
                match, here = None, _loose(text[start:start + 200]) if candidates else ""
                for _, pattern, loose in candidates:
                    # Cheap first: a form matches only where the text begins with it, case, spaces
                    # and hyphens aside (its regex, compiled on first use, has the rules).
                    if here.startswith(loose) and (match := _compiled(pattern).match(text, start)):
                        break
            else:
                match = patterns[candidate.group()].match(text, start)   # look-behinds still see text before it
            if match:
                yield match
                pos = match.end()
            else:
                pos = candidate.start() + 1

    @staticmethod
    def _cut(view: str, start: int, end: int) -> list[tuple[int, int, bool]]:
        # HMM off: its guesses merge unrelated characters (微博发, 能斗, 做文).
        pieces, pos = [], start
        for word in jieba.cut(view[start:end], HMM=False):
            if word:
                pieces.append((pos, pos + len(word), False))
                pos += len(word)
        return pieces


def choose_sense(entry, view: str, start: int, end: int) -> int | None:
    """The sense of a several-sense term that its sentence makes clear, else None (show all).

    A sense wins when more of its cue words stand in the same sentence than any other's.
    """
    if not entry.senses:
        return None
    left = max((m.end() for m in _SENTENCE_END.finditer(view, 0, start)), default=0)
    right_match = _SENTENCE_END.search(view, end)
    sentence = view[left:start] + "\x00" + view[end:right_match.start() if right_match else len(view)]
    scores = [sum(sentence.count(cue) for cue in sense.cues) for sense in entry.senses]
    best = max(scores)
    return scores.index(best) if best and scores.count(best) == 1 else None


_CLAUSE_END = frozenset("，。；：！？、,.;:!?（）()“”「」\n")


def _in_clause(views: list[str], i: int, words, reach: int = 12) -> bool:
    """Whether one of ``words`` is a token before token ``i`` in its clause (at most ``reach`` back)."""
    for j in range(i - 1, max(-1, i - 1 - reach), -1):
        if views[j].strip() in _CLAUSE_END and views[j].strip():
            return False
        if views[j] in words:
            return True
    return False


@lru_cache(maxsize=8)
def _words_tagged(tags: tuple[str, ...]) -> frozenset[str]:
    """The words jieba's dictionary tags with one of ``tags`` (v: verbs)."""
    return postags.tagged_words(frozenset(tags))


def _with_tag_readings(tokens: list[Token], view: str) -> list[Token]:
    """Give polyphones the reading their context implies.

    ``pos_readings``: the word's part-of-speech tag in jieba's dictionary — exactly what
    ``jieba.posseg.cut`` with HMM off gives a dictionary word, without a second pass.
    ``context_readings``: the token just before or after (以下|为 → wéi), a word earlier in the
    clause (以|应用|为|导向 → wéi), or a verb just before (开发|过 → guo).
    """
    rules = load_overrides().get("context_readings", {})
    views, pos = [], 0
    for t in tokens:
        views.append(view[pos:pos + len(t.text)])
        pos += len(t.text)
    out = []
    for i, (t, simplified) in enumerate(zip(tokens, views)):
        reading = _tag_readings.get(simplified)
        for candidate, where in rules.get(simplified, {}).items():
            if ((i and views[i - 1] in where.get("before", ())) or (i + 1 < len(views) and views[i + 1] in where.get("after", ()))
                    or (where.get("clause") and _in_clause(views, i, where["clause"]))
                    or (i and where.get("after_tag") and views[i - 1] in _words_tagged(tuple(where["after_tag"]))
                        and views[i - 1] not in where.get("not_after", ()))
                    or (i and where.get("after_number") and context.A_NUMBER.fullmatch(
                        views[i - 1].strip() or (views[i - 2].strip() if i > 1 else "")))):    # 630 行: past the space
                reading = candidate
        out.append(Token(t.text, t.entry_id, reading, t.sense) if reading else t)
    return out
