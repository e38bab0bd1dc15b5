"""``data/overrides.yaml``: our rules for jieba and pypinyin on real texts (data, reviewed by hand).

Read by the segmenter (words kept whole, splits, quantity words), by ``context`` (splits, senses
and readings the words around a word decide) and by the lookup (readings, lead senses).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

OVERRIDES = Path(__file__).parent / "data" / "overrides.yaml"


@lru_cache(maxsize=1)
def load_overrides() -> dict:
    """The file's rules, read once per process (checked in, reviewed by hand). Not to be changed."""
    return yaml.safe_load(OVERRIDES.read_text(encoding="utf-8"))
