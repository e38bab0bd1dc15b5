"""``import jieba.posseg`` without re-reading jieba's dictionary on every build.

Importing ``jieba.posseg`` builds its global ``POSTokenizer``, which reads all
350 000 lines of jieba's ``dict.txt`` for the part-of-speech tags (about 0.7 s,
most of our fixed cost per build).  The tag table only changes with the
dictionary, so it is cached like CC-CEDICT (see ``cache``), keyed on jieba's
version and the dictionary file's size and time.  With a cache, the import is
handed an empty dictionary to read and then gets the cached table: the same
``word → tag`` mapping ``load_word_tag`` would have built.
"""

from __future__ import annotations

import io
import os
import sys
from importlib import metadata
from pathlib import Path

import jieba

from . import cache

FORMAT = 1


def load_posseg():
    """The ``jieba.posseg`` module, imported (once) with its tag table from the cache."""
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    path, file_banner = _cache_key()
    tags = cache.read_cache(path, file_banner)
    if not isinstance(tags, dict):
        import jieba.posseg as posseg                # reads dict.txt itself, once

        cache.write_cache(path, file_banner, posseg.dt.word_tag_tab)
        return posseg
    jieba.dt.get_dict_file = lambda: io.BytesIO(b"")   # shadows the method during the import only
    try:
        import jieba.posseg as posseg
    finally:
        del jieba.dt.get_dict_file
    posseg.dt.word_tag_tab = tags
    return posseg


def _cache_key() -> tuple[Path, bytes]:
    dictionary = Path(jieba.dt.dictionary or Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME)
    stat = os.stat(dictionary)
    version = metadata.version("jieba")
    source = f"jieba {version} part-of-speech tags of {dictionary.name} ({stat.st_size} bytes, mtime {int(stat.st_mtime)})"
    name = f"jieba-postags-{version}-{stat.st_size}-{int(stat.st_mtime)}-{FORMAT}.bin"
    return cache.CACHE_DIR / name, cache.banner(source, FORMAT)
