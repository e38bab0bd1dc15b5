"""The author's word report: what an article uses that no dictionary or glossary knows.

    make words                      # every article in texts/
    python scripts/words.py FILE…   # any UTF-8 text (e.g. a draft before it becomes an article)

For each text it prints
- words no dictionary knows (not in the glossary, our word list or CC-CEDICT): the reader
  sees them as parts only — add a glossary entry (an AI term) or a line to
  scripts/zhreader/data/words.yaml (an everyday word); a number and its measure word
  (一批, 两年, 这次) is left out: its two parts say all there is;
- frequent multi-character sequences cut into several words, that look like terms
  (the same characters at least twice, not starting or ending with a function word);
- Latin words that are not glossary forms (Token, MoE …);
- abbreviations the text defines that are not glossary forms (实时竞价（RTB）: RTB = 实时竞价),
  with the Chinese and English the text gives them (``abbreviations``): glossary candidates.
Readers never see this report.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from zhreader import abbreviations, names, script  # noqa: E402
from zhreader.errors import SourceError  # noqa: E402
from zhreader.glossary import has_han, load_glossary  # noqa: E402
from zhreader.lookup import COUNTS, Lookup  # noqa: E402
from zhreader.segment import Segmenter  # noqa: E402
from zhreader.sources import load_articles  # noqa: E402

# Characters that rarely start or end a term: particles, pronouns, common verbs and prepositions.
EDGE = set("的了是在和与及或也都就还又被把将对为从以而但这那其之等个们着过地得所")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9\-]+")


def counted(parts) -> bool:
    """A number (or 这, 每, 余 …) and the one character it counts: 一|批, 两|年, 这|次."""
    return len(parts) == 2 and COUNTS.fullmatch(script.to_simplified(parts[0][0])) is not None and len(parts[1][0]) == 1


def report(name: str, paragraphs: list[str], segmenter: Segmenter, lookup: Lookup, slug: str | None = None) -> str:
    unknown: Counter = Counter()
    runs: Counter = Counter()
    latin: Counter = Counter()
    joined: Counter = Counter()
    people: Counter = Counter()
    companies: Counter = Counter()
    defined: dict[str, abbreviations.Definition] = {}
    cut = [segmenter.segment_text(text, slug) for text in paragraphs]
    found = names.found(cut, segmenter.glossary)
    for tokens in cut:
        tokens = names.again(tokens, found)                  # as the site reads the article (corpus)
        for definition in abbreviations.defined(tokens):
            if not lookup.lookup_word(definition.abbreviation).entry_id:
                defined.setdefault(definition.abbreviation, definition)
        for token in tokens:
            if token.name:               # a name found by its title and verb (or again), or its company ending: check it reads right
                (companies if token.parts else people)[token.text] += 1
                continue
            if token.parts:              # a compound of known words, glossed by its parts: a glossary candidate if frequent
                joined[token.text] += 1
                continue
            if token.is_chinese and not token.entry_id:
                info = lookup.lookup_word(token.text)
                if info.source == "composed" and not counted(info.parts):
                    unknown[token.text] += 1
            if not token.entry_id:
                latin.update(m for m in _LATIN.findall(token.text))
        for size in (2, 3, 4):       # runs of 2–4 tokens of Chinese, not linked, forming a possible term
            for i in range(len(tokens) - size + 1):
                window = tokens[i:i + size]
                if all(t.is_chinese and not t.entry_id and t.text not in EDGE for t in window):
                    run = "".join(t.text for t in window)
                    if 2 <= len(run) <= 8 and run[0] not in EDGE and run[-1] not in EDGE and has_han(run):
                        runs[run] += 1
    frequent = [(run, n) for run, n in runs.most_common() if n >= 2 and len(run) >= 3
                and not any(run != other and run in other and m == n for other, m in runs.items())]
    lines = [f"== {name}"]
    lines.append(f"words no dictionary knows ({len(unknown)}): " + (", ".join(f"{w}×{n}" for w, n in unknown.most_common()) or "none"))
    lines.append(f"frequent sequences that may be terms ({len(frequent)}): " + (", ".join(f"{w}×{n}" for w, n in frequent[:40]) or "none"))
    lines.append(f"compounds glossed by their parts ({len(joined)}): " + (", ".join(f"{w}×{n}" for w, n in joined.most_common()) or "none"))
    lines.append(f"people's names found by a title and a verb ({len(people)}): " + (", ".join(f"{w}×{n}" for w, n in people.most_common()) or "none"))
    lines.append(f"companies' names found by their ending ({len(companies)}): " + (", ".join(f"{w}×{n}" for w, n in companies.most_common()) or "none"))
    lines.append(f"Latin words not in the glossary ({len(latin)}): " + (", ".join(f"{w}×{n}" for w, n in latin.most_common()) or "none"))
    lines.append(f"abbreviations the text defines, not in the glossary ({len(defined)}): " + (", ".join(
        f"{d.abbreviation} = {' / '.join(side for side in (d.chinese, d.english) if side)}" for d in defined.values()) or "none"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="texts to report on (default: every article)")
    args = parser.parse_args(argv)
    try:
        glossary = load_glossary(ROOT / "glossary.yaml")
        articles = [] if args.files else load_articles(ROOT / "texts")
    except SourceError as error:
        print("the texts or glossary have problems:\n  " + "\n  ".join(error.problems), file=sys.stderr)
        return 1
    segmenter, lookup = Segmenter(glossary), Lookup(glossary)
    for article in articles:
        print(report(f"texts/{article.slug}", [p.text for p in article.paragraphs], segmenter, lookup, article.slug))
    for path in args.files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            print(f"{path}: cannot read it as UTF-8 text ({error.__class__.__name__})", file=sys.stderr)
            return 1
        body = "\n".join(line for line in text.split("\n") if not line.startswith("# "))   # comment lines
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        print(report(str(path), paragraphs, segmenter, lookup))
    return 0


if __name__ == "__main__":
    sys.exit(main())
