"""Measure the language layer on real texts kept outside the repository (none of them is committed).

    .venv/bin/python scripts/measure_terms.py DIR          # DIR/*.txt and DIR/terms.yaml
    .venv/bin/python scripts/measure_terms.py DIR --glossary OTHER.yaml   # e.g. an older glossary, for a before/after

terms.yaml maps a text's file name to the AI terms a person listed in it, as written.
For every occurrence of a listed term it reports whether a reader can tap it as one
word: a glossary term (our rendering and note), or one dictionary word (CC-CEDICT or our
word list), or not one word at all. For a traditional text (a `# script: traditional`
line) it also compares its word boundaries with those of its simplified conversion cut
as a simplified text, and the share of one-character tokens in each.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from zhreader import abbreviations, names, script  # noqa: E402
from zhreader.families import FAMILY  # noqa: E402
from zhreader.glossary import load_glossary  # noqa: E402
from zhreader.lookup import Lookup  # noqa: E402
from zhreader.segment import Segmenter  # noqa: E402


def _body(path: Path) -> tuple[str, bool]:
    lines = path.read_text(encoding="utf-8").split("\n")
    traditional = any(line.startswith("# script: traditional") for line in lines)
    return "\n".join(line for line in lines if not line.startswith("# ")).strip(), traditional


def _boundaries(tokens) -> set[int]:
    out, pos = set(), 0
    for t in tokens:
        pos += len(t.text)
        out.add(pos)
    return out


_QUOTES = "“”‘’\"'《》〈〉「」『』【】"
_LATIN = re.compile(r"[A-Za-z0-9]")


def _occurrences(text: str, terms: list[str]) -> list[tuple[str, int]]:
    """Where each listed term occurs, counted once per place: a term inside an occurrence of a longer
    listed term is that term's (the lists give the longest form: 推理芯片, not also its 芯片); a Latin
    term only as a whole word (AI, not the AI of GenAI); quotation marks a list kept (“人工智能+”) dropped."""
    terms = sorted({term.strip(_QUOTES) or term for term in terms}, key=lambda term: (-len(term), term))   # same order every run
    taken: set[int] = set()
    found = []
    for term in terms:
        at = text.find(term)
        while at >= 0:
            end = at + len(term)
            whole = not (_LATIN.match(term[0]) and at > 0 and _LATIN.match(text[at - 1])) and \
                not (_LATIN.match(term[-1]) and end < len(text) and _LATIN.match(text[end]))
            if whole and not taken & set(range(at, end)):
                taken.update(range(at, end))
                found.append((term, at))
            at = text.find(term, at + 1)
    return sorted(found, key=lambda item: item[1])


def _composed(at: int, term: str, starts: dict, lookup: Lookup) -> bool:
    """Whether the term's place is exactly a run of words, each a glossary term or a dictionary word
    of two or more characters (a space between them allowed): the reader explains it by its parts."""
    pos, end = at, at + len(term)
    while pos < end:
        token = starts.get(pos)
        if token is None or pos + len(token.text) > end:
            return False
        if not (token.entry_id or token.text.isspace() or
                (len(token.text) > 1 and token.is_chinese and lookup.lookup_word(token.text).source in ("cedict", "ours"))):
            return False
        pos += len(token.text)
    return True


def _is_part(term: str, offset: int, token, lookup: Lookup) -> bool:
    """Whether ``term`` is one part of the compound ``token`` (at ``offset`` in it) with a gloss, or inside a glossary part."""
    pos = 0
    for part in token.parts:
        pos = token.text.index(part, pos)   # a space between parts is in the text, not a part (CBD 算法)
        info = lookup.lookup_word(part)
        if pos == offset and part == term:
            return bool(info.entry_id or info.source in ("cedict", "ours"))
        if info.entry_id and pos <= offset and offset + len(term) <= pos + len(part):
            return True                  # inside a glossary term that is one of the parts (混元 in 腾讯混元|大模型)
        pos += len(part)
    return False


def main(folder: Path, glossary_path: Path = ROOT / "glossary.yaml") -> int:
    glossary = load_glossary(glossary_path)
    segmenter, lookup = Segmenter(glossary), Lookup(glossary)
    gold = yaml.safe_load((folder / "terms.yaml").read_text(encoding="utf-8"))
    totals: Counter = Counter()
    composed: list[str] = []
    misses: list[str] = []
    dictionary_hits: dict[str, str] = {}
    parts_hits: dict[str, str] = {}
    compound_hits: dict[str, str] = {}
    family_hits: set[str] = set()
    for name in sorted(gold):
        text, traditional = _body(folder / name)
        tokens = segmenter.segment_text(text)
        tokens = names.again(tokens, names.found([tokens], glossary))      # as the site reads an article (corpus)
        tokens = abbreviations.again(tokens, abbreviations.found([tokens], glossary))
        starts, covering, pos = {}, {}, 0
        for t in tokens:
            starts[pos] = t
            for i in range(pos, pos + len(t.text)):
                covering[i] = (pos, t)
            pos += len(t.text)
        counts: Counter = Counter()
        for term, at in _occurrences(text, gold[name]):
            token = starts.get(at)
            whole = token is not None and token.text == term
            if whole and token.entry_id:
                kind = "glossary"
            elif whole and token.is_chinese and lookup.lookup_word(term).source in ("cedict", "ours"):
                kind = "dictionary"
                dictionary_hits[term] = lookup.lookup_word(term).english[:60]
            elif whole and token.defined:
                kind = "defined"         # an abbreviation the article defines, glossed as it does (RTB: 实时竞价, Real-Time Bidding)
            elif whole and token.name:
                kind = "name"            # a person's or company's name no dictionary has, read and glossed as a name (names, orgs)
            elif whole and token.parts and token.sense == FAMILY:
                kind = "family"          # a product name built on a glossary name (Claude Design), glossed by its parts
                family_hits.add(term)
            elif whole and token.parts:
                kind = "compound"        # a free compound of known words, one tappable word glossed by its parts
                compound_hits[term] = lookup.lookup_word(term, parts=token.parts).english[:80]
            elif whole and token.is_chinese and lookup.lookup_word(term).source == "composed":
                kind = "parts"           # one tappable word CC-CEDICT lacks, glossed by its parts (并行|处理)
                parts_hits[term] = lookup.lookup_word(term).english[:60]
            elif (inside := covering.get(at)) and inside[1].entry_id and inside[0] + len(inside[1].text) >= at + len(term):
                kind = "inside"          # part of a longer glossary term (算力 in 推理算力), explained there
            elif (inside := covering.get(at)) and inside[1].parts and _is_part(term, at - inside[0], inside[1], lookup):
                kind = "part"            # one of a compound's parts (大模型 in 专业大模型), glossed there
            else:
                kind = "split"
                misses.append(f"{name}: {term}")
                if _composed(at, term, starts, lookup):
                    composed.append(term)
            counts[kind] += 1
        n = sum(counts.values())
        line = (f"{name}: {n} term occurrences; glossary {counts['glossary']} ({counts['glossary'] / n:.0%}), "
                f"one dictionary word {counts['dictionary']}, one word glossed by its parts {counts['parts']}, "
                f"a compound of known words {counts['compound']}, a part of one {counts['part']}, "
                f"a person's or company's name {counts['name']}, an abbreviation the text defines {counts['defined']}, "
                f"a product name built on a glossary name {counts['family']}, "
                f"inside a longer glossary term {counts['inside']}, "
                f"not one word {counts['split']}")
        if traditional:
            simple = segmenter.segment_text(script.to_simplified(text))
            a, b = _boundaries(tokens), _boundaries(simple)
            single = sum(len(t.text) == 1 for t in tokens if t.is_chinese) / max(1, sum(t.is_chinese for t in tokens))
            single_s = sum(len(t.text) == 1 for t in simple if t.is_chinese) / max(1, sum(t.is_chinese for t in simple))
            line += (f"; boundaries agree with its simplified conversion {len(a & b) / len(a | b):.1%}; "
                     f"one-character tokens {single:.0%} (simplified conversion {single_s:.0%})")
        print(line)
        totals.update(counts)
    n = sum(totals.values())
    print(f"ALL: {n} occurrences of listed terms; tappable as a glossary term {totals['glossary'] / n:.1%}; "
          f"as a glossary term or inside a longer one {(totals['glossary'] + totals['inside']) / n:.1%}; "
          f"as one word with a glossary or dictionary gloss, or inside a longer term "
          f"{(totals['glossary'] + totals['dictionary'] + totals['inside']) / n:.1%}; "
          f"one word glossed by its parts {totals['parts'] / n:.1%}; not one word {totals['split'] / n:.1%}")
    tappable = totals['glossary'] + totals['dictionary'] + totals['inside'] + totals['compound'] + totals['part'] + totals['name']
    print(f"with compounds: a compound of known words {totals['compound'] / n:.1%}, a part of one {totals['part'] / n:.1%}, "
          f"a person's or company's name {totals['name'] / n:.1%}; "
          f"tappable with a glossary, dictionary or compound gloss, or as a name (or inside a longer term or compound) {tappable / n:.1%}")
    print(f"with the text's own definitions: an abbreviation it defines {totals['defined'] / n:.1%}; "
          f"tappable with a gloss {(tappable + totals['defined']) / n:.1%}")
    print(f"with product names built on a glossary name (Claude Design, Gemini 2.5 Flash Image): {totals['family'] / n:.1%}; "
          f"tappable with a gloss {(tappable + totals['defined'] + totals['family']) / n:.1%}")
    print(f"of the rest, made of adjacent words that each have a glossary or dictionary gloss (AI|算力, H20|芯片): "
          f"{len(composed) / n:.1%} of all")
    print("not one word:", ", ".join(misses))
    print("of which made of known words:", ", ".join(f"{t} ×{k}" if k > 1 else t for t, k in Counter(composed).most_common()))
    print("one word glossed by its parts (check it fits):", "; ".join(f"{t} = {g}" for t, g in sorted(parts_hits.items())))
    print("product names built on a glossary name (check they are):", ", ".join(sorted(family_hits)))
    print("compounds (check they read right):", "; ".join(f"{t} = {g}" for t, g in sorted(compound_hits.items())))
    print("one dictionary word (check the gloss fits):", "; ".join(f"{t} = {g}" for t, g in sorted(dictionary_hits.items())))
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of texts (*.txt) with their terms.yaml")
    parser.add_argument("--glossary", type=Path, default=ROOT / "glossary.yaml", help="the glossary to measure with")
    arguments = parser.parse_args()
    sys.exit(main(arguments.folder, arguments.glossary))
