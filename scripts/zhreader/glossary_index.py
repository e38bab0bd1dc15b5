"""The glossary page's order and its finding aids: A–Z by pinyin, and the categories with counts.

Entries are sorted by their pinyin without tones (a Latin-only term, which has no
pinyin, by its own spelling), letter by letter with spaces and hyphens ignored, so
Latin and Chinese terms interleave as a reader of pinyin expects: AI, ài, AIGC, ānquán.
The index letter is the first letter of that key; a term starting with a digit (2D)
is filed under ``0–9``.
"""

from __future__ import annotations

import unicodedata

from .glossary import CATEGORIES, Entry

DIGITS = "0–9"


def _plain(text: str) -> str:
    """Lowercase ASCII letters and digits of ``text``, tone marks removed (ǚ → u), spaces, hyphens dropped."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def sort_key(entry: Entry) -> tuple:
    spelled = entry.pinyin or entry.term
    # Ties (shíjiān, shìjiàn) are broken by the toned pinyin, then by the term: always the same order.
    return (_plain(spelled), spelled.lower(), entry.term)


def index_letter(entry: Entry) -> str:
    first = _plain(entry.pinyin or entry.term)[:1]
    if not first:
        return "#"
    return DIGITS if first.isdigit() else first.upper()


def by_pinyin(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=sort_key)


def letter_index(entries: list[Entry]) -> list[tuple[str, str]]:
    """``(letter, id of its first entry)`` for each letter in use, in page order (``entries`` sorted)."""
    first: dict[str, str] = {}
    for entry in entries:
        first.setdefault(index_letter(entry), entry.id)
    return list(first.items())


def category_counts(entries: list[Entry]) -> list[tuple[str, int]]:
    """``(category, number of entries)`` for each category in use, in the order of ``CATEGORIES``."""
    counts = {name: 0 for name in CATEGORIES}
    for entry in entries:
        counts[entry.category] = counts.get(entry.category, 0) + 1
    return [(name, n) for name, n in counts.items() if n]
