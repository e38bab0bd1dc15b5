"""Which new glossary forms take characters from the ordinary words next to them.

    python scripts/form_takeovers.py OLD.yaml            # glossary.yaml against an older copy
    python scripts/form_takeovers.py OLD.yaml NEW.yaml

Every glossary form is kept whole by the segmenter, so a new one can take the start or end of
the word beside it: 大硅片 took 扩大 in 扩大硅片 (扩|大硅片), 模型层 took 层面 in 在模型层面. For
each Chinese form in NEW and not in OLD, and each common word of jieba's dictionary that shares
its first or last one or two characters (扩大 + 大硅片 → 扩大硅片; 训练侧 + 侧重 → 训练侧重), this
cuts the joined string with both glossaries and prints those where the word came out whole
before and no longer does, the commonest words first. Most such strings never occur in real
writing (没有 + 有限风险: a writer writes 没有有限风险); a person reads the list and, for each
that does (在模型层面), drops the form or adds the string to ``regroups`` in
``scripts/zhreader/data/overrides.yaml``. Editors only; readers never see it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from zhreader.errors import SourceError  # noqa: E402
from zhreader.glossary import load_glossary  # noqa: E402
from zhreader.postags import jieba_dictionary  # noqa: E402
from zhreader.segment import Segmenter  # noqa: E402

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
MIN_FREQUENCY = 3000        # a word jieba's dictionary counts at least this often is common
SHARED = (1, 2)             # characters a word and a form share


def common_words(minimum: int = MIN_FREQUENCY) -> dict[str, int]:
    """jieba's dictionary words of two Chinese characters or more counted at least ``minimum`` times."""
    words = {}
    with open(jieba_dictionary()[0], encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) >= 2 and _HAN.match(parts[0]) and len(parts[0]) >= 2 and int(parts[1]) >= minimum:
                words[parts[0]] = int(parts[1])
    return words


def test_strings(forms: list[str], words: dict[str, int]) -> list[tuple[str, str, str]]:
    """``(form, word, string)``: each word that ends with a form's first characters, then the form
    (扩大 + 大硅片 → 扩大硅片), and the form, then each word that starts with its last characters."""
    ends, starts = defaultdict(list), defaultdict(list)
    for word in words:
        for k in SHARED:
            if len(word) > k:
                ends[word[-k:]].append(word)
                starts[word[:k]].append(word)
    out = []
    for form in forms:
        for k in SHARED:
            if len(form) <= k:
                continue
            out += [(form, w, w[:-k] + form) for w in ends.get(form[:k], ())
                    if not form.startswith(w) and not w.endswith(form)]
            out += [(form, w, form[:-k] + w) for w in starts.get(form[-k:], ())
                    if not form.endswith(w) and not w.startswith(form)]
    return out


def takeovers(old_path: Path, new_path: Path, minimum: int = MIN_FREQUENCY) -> list[tuple[str, str, str, list[str], list[str]]]:
    """``(form, word, string, cut now, cut before)`` for each string whose word the new form breaks."""
    old, new = load_glossary(old_path), load_glossary(new_path)
    forms = sorted({f for f in new.jieba_words if _HAN.match(f)} - {f for f in old.jieba_words if _HAN.match(f)})
    words = common_words(minimum)
    tests = test_strings(forms, words)
    cut_new = {s: [t.text for t in Segmenter(new).segment_text(s)] for _, _, s in tests}
    cut_old = {s: [t.text for t in Segmenter(old).segment_text(s)] for _, _, s in tests}
    found = [(form, w, s, cut_new[s], cut_old[s]) for form, w, s in tests
             if w in cut_old[s] and w not in cut_new[s] and form in cut_new[s]]
    return sorted(found, key=lambda row: (-words[row[1]], row[0], row[2]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the glossary before the new entries")
    parser.add_argument("new", type=Path, nargs="?", default=ROOT / "glossary.yaml", help="the glossary with them")
    parser.add_argument("--min-frequency", type=int, default=MIN_FREQUENCY, help="how common a word must be")
    args = parser.parse_args(argv)
    try:
        found = takeovers(args.old, args.new, args.min_frequency)
    except SourceError as error:
        print("the glossary has problems:\n  " + "\n  ".join(error.problems), file=sys.stderr)
        return 1
    for form, word, string, now, before in found:
        print(f"{form}\t{word}\t{string}\t{'|'.join(now)}\t(before {'|'.join(before)})")
    print(f"{len(found)} strings where a new form breaks a common word; "
          f"{len({row[0] for row in found})} forms", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
