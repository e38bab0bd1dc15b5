"""Part-of-speech tags of a few words, from jieba's dictionary, without ``jieba.posseg``.

``pos_readings`` in ``data/overrides.yaml`` gives a few single-character
polyphones the reading their tag implies (地 uv → de).  With HMM off,
``jieba.posseg`` tags a dictionary word with its tag in ``dict.txt`` and
nothing else, so the tag is read from the dictionary directly.  Importing
``jieba.posseg`` instead built a table of all 350 000 words (and a second
segmentation pass per paragraph) for these few.  The tags found are cached
like CC-CEDICT (see ``cache``), keyed on jieba's version, the dictionary
file's size and time, and the words asked for.
"""

from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path

import jieba

from . import cache

FORMAT = 2


def dictionary_tags(words: list[str]) -> dict[str, str]:
    """``{word: tag}`` for those of ``words`` that jieba's main dictionary tags."""
    if not words:
        return {}
    dictionary, described = jieba_dictionary()
    version = metadata.version("jieba")
    wanted = "\n".join(sorted(words))
    digest = hashlib.sha256(wanted.encode("utf-8")).hexdigest()[:12]
    source = f"part-of-speech tags of {len(words)} words ({digest}) in {described}"
    path = cache.CACHE_DIR / f"jieba-tags-{version}-{digest}-{FORMAT}.bin"
    file_banner = cache.banner(source, FORMAT)
    tags = cache.read_cache(path, file_banner)
    if not isinstance(tags, dict):
        tags = _scan(dictionary, set(words))
        cache.write_cache(path, file_banner, tags)
    return tags


def jieba_dictionary() -> tuple[Path, str]:
    """jieba's main dictionary file, and a description that changes when it does."""
    dictionary = Path(jieba.dt.dictionary or Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME)
    stat = os.stat(dictionary)
    return dictionary, (f"jieba {metadata.version('jieba')} {dictionary.name} "
                        f"({stat.st_size} bytes, mtime {int(stat.st_mtime)})")


def _scan(dictionary: Path, words: set[str]) -> dict[str, str]:
    # dict.txt: "word frequency tag" per line, as jieba.posseg's load_word_tag reads it.
    tags = {}
    with open(dictionary, "rb") as lines:
        for raw in lines:
            parts = raw.decode("utf-8").strip().split(" ")
            if len(parts) == 3 and parts[0] in words:
                tags[parts[0]] = parts[2]
    return tags


def tagged_words(tags: frozenset[str]) -> frozenset[str]:
    """Every word jieba's main dictionary tags with one of ``tags`` (cached like ``dictionary_tags``):
    one scan of the dictionary, for ``compounds``, which asks about words it cannot know in advance."""
    dictionary, described = jieba_dictionary()
    wanted = ",".join(sorted(tags))
    digest = hashlib.sha256(wanted.encode("utf-8")).hexdigest()[:12]
    path = cache.CACHE_DIR / f"jieba-tagged-{metadata.version('jieba')}-{digest}-{FORMAT}.bin"
    file_banner = cache.banner(f"words tagged {wanted} in {described}", FORMAT)
    words = cache.read_cache(path, file_banner)
    if not isinstance(words, list):
        words = []
        with open(dictionary, "rb") as lines:
            for raw in lines:
                parts = raw.decode("utf-8").strip().split(" ")
                if len(parts) == 3 and parts[2] in tags:
                    words.append(parts[0])
        cache.write_cache(path, file_banner, words)
    return frozenset(words)
