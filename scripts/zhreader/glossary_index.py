"""The glossary's order, its pages and finding aids: A–Z by pinyin, one page a letter, categories.

Entries are sorted by their pinyin without tones (a Latin-only term, which has no
pinyin, by its own spelling), letter by letter with spaces and hyphens ignored, so
Latin and Chinese terms interleave as a reader of pinyin expects: AI, ài, AIGC, ānquán;
the initials ch, sh, zh sort as letters of their own, after c, s, z.
The index letter is the first letter of that key, or its first two for pinyin's
initials ch, sh, zh (a page each: 深度伪造 shēndù is on ``glossary/sh``), and a few spellings' last
stretch has a page of its own (``TAIL_PAGES``: 水印 shuǐyìn is on ``glossary/shu``); a term starting
with a digit (2D) is filed under ``0–9``.  The glossary is an index page (``glossary.md``: a line per
entry) and one page per letter (``letter_page``: ``glossary/a.md`` … ``glossary/0-9.md``)
with that letter's full entries, so no page grows with the whole glossary.
"""

from __future__ import annotations

import functools

import unicodedata

from .glossary import CATEGORIES, Entry

DIGITS = "0–9"
OTHER = "#"               # a term with no ASCII letter or digit to file it under (none so far)
INDEX_PAGE = "glossary.md"
# Pinyin's two-letter initials, each a page of its own: S alone outgrew a phone's page budget
# (tests/test_glossary_page.py) at 3,900 entries; shí, zhōng, chǎn begin many terms.
TWO_LETTER = ("ch", "sh", "zh")
# Keys starting so have a page of their own beside their initial's. Each is the end of its initial's
# keys in A–Z order (shu: nothing sorts after it among sh-; gu among g-; zho, then zhu, among zh-), so
# every page is one stretch of the A–Z list. sh reached 93 KB gzip of the 100 KB budget at 5,300
# entries, 157 of its 399 entries shù (数据, 数字 …) and its kin; at 5,309 entries g was 85 KB
# (99 KB with 1,000 articles' occurrences), 158 of its 359 entries gù, guó …, zh 79 KB, 139 of 337 zhōng, zhǔ ….
# At 5,821 entries, in a 300-article site, y was 93 KB (118 of its 338 entries yú, yuán, yún …) and
# d 84 KB (78 of 312 dū, duān, duō …).
TAIL_PAGES = ("du", "gu", "shu", "yu", "zho", "zhu")


@functools.lru_cache(maxsize=65_536)
def _plain(text: str) -> str:
    """Lowercase ASCII letters and digits of ``text``, tone marks removed (ǚ → u), spaces, hyphens dropped."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def sort_key(entry: Entry) -> tuple:
    spelled = entry.pinyin or entry.term
    plain = _plain(spelled)
    # By initial first, so that ch, sh, zh follow c, s, z whole (cù, then chá) as their pages do;
    # ties (shíjiān, shìjiàn) are broken by the toned pinyin, then by the term: always the same order.
    return (_initial(plain), plain, spelled.lower(), entry.term)


def _initial(plain: str) -> str:
    return plain[:2] if plain[:2] in TWO_LETTER else plain[:1]


def index_letter(entry: Entry) -> str:
    key = _plain(entry.pinyin or entry.term)
    if not key:
        return OTHER
    for tail in TAIL_PAGES:
        if key.startswith(tail):
            return tail.capitalize()
    if _initial(key) in TWO_LETTER:
        return key[:2].capitalize()
    return DIGITS if key[0].isdigit() else key[0].upper()


def by_pinyin(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=sort_key)


def letter_index(entries: list[Entry]) -> list[tuple[str, str]]:
    """``(letter, id of its first entry)`` for each letter in use, in page order (``entries`` sorted)."""
    return [(letter, group[0].id) for letter, group in by_letter(entries)]


def by_letter(entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """``(letter, its entries)`` for each letter in use, in page order (``entries`` sorted)."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(index_letter(entry), []).append(entry)
    # 0–9, then A … Z with each two-letter initial after its letter (S, Sh, T: shí files after sū), then #.
    return sorted(groups.items(), key=lambda item: (item[0] == OTHER, item[0] != DIGITS, item[0].lower()))


def letter_slug(letter: str) -> str:
    """The name of a letter's page: ``a`` … ``z``, ``ch``, ``sh``, ``shu``, ``zh``, ``0-9``, ``other``."""
    return {DIGITS: "0-9", OTHER: "other"}.get(letter, letter.lower())


def letter_page(letter: str) -> str:
    """The page (as in docs/) holding the full entries filed under ``letter``."""
    return f"glossary/{letter_slug(letter)}.md"


def entry_page(entry: Entry) -> str:
    """The page (as in docs/) holding ``entry`` in full: its letter's page."""
    return letter_page(index_letter(entry))


def category_counts(entries: list[Entry]) -> list[tuple[str, int]]:
    """``(category, number of entries)`` for each category in use, in the order of ``CATEGORIES``."""
    counts = {name: 0 for name in CATEGORIES}
    for entry in entries:
        counts[entry.category] = counts.get(entry.category, 0) + 1
    return [(name, n) for name, n in counts.items() if n]
