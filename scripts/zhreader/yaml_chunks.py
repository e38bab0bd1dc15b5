"""A YAML list read again after an edit: only the items whose text changed are parsed.

``glossary.yaml`` is thousands of entries; reading and checking all of them takes over a second,
which under ``mkdocs serve`` an author waits for after every save (issue 14: 2 s).  A file that is
one block sequence at column 0 (every item starts with ``- `` at the start of a line; before the
first item only comments and blank lines) is cut into its items' texts (``items``); an item whose
text is the same as in the last good read is not parsed again (``glossary.load_glossary``), and
each new item is parsed alone, at its own line numbers (``parse_item``).

Anything this cut could get wrong gives ``None``, and the caller reads the whole file as before:
document markers (``---``, ``...``, ``%`` directives), anchors and aliases (an item's value could
come from another item), and any new item that is not exactly one list item on its own (a quoted
text running past the next ``- ``, a parse error: the whole read then reports it in context).
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import LineMap, Problems, parse_yaml

_ITEM_START = re.compile(r"^-(?: |$)", re.M)
# What could make an item's meaning depend on text outside it: document markers and directives at
# a line start, an anchor or an alias where a value starts (after a space, ``[``, ``{`` or ``,``:
# "Q&A" and "R&D" inside words are text).
_MARKER = re.compile(r"^(?:---|\.\.\.|%)", re.M)
_ANCHOR_OR_ALIAS = re.compile(r"[&*]")
_PREAMBLE_LINE = re.compile(r"[ \t]*(?:#.*)?")


def items(text: str) -> list[tuple[int, str]] | None:
    """``[(first line, text of the item)]`` in order (each item's text runs to the next item:
    its comments and blank lines after it are its own), or None where the file is not such a list."""
    starts = [m.start() for m in _ITEM_START.finditer(text)]
    if not starts or _MARKER.search(text) or _has_anchor_or_alias(text):
        return None
    if not all(_PREAMBLE_LINE.fullmatch(line) for line in text[: starts[0]].split("\n")[:-1]):
        return None
    found, line = [], text.count("\n", 0, starts[0]) + 1
    for start, end in zip(starts, [*starts[1:], len(text)]):
        chunk = text[start:end]
        found.append((line, chunk))
        line += chunk.count("\n")
    return found


def _has_anchor_or_alias(text: str) -> bool:
    """Whether an & or * stands where a value starts: at a line start or after a space, [, { or ,
    and before something that is not a space or a closing bracket. (A regex for this took 0.1 s over
    the glossary; & and * are rare, so each is looked at.)"""
    for match in _ANCHOR_OR_ALIAS.finditer(text):
        at = match.start()
        before = text[at - 1] if at else "\n"
        after = text[at + 1] if at + 1 < len(text) else " "
        if before in " \t\n[{," and not after.isspace() and after not in "]},":
            return True
    return False


class ItemLines(LineMap):
    """Line numbers of a list read item by item: ``line(i)`` is item i's first line; inside an
    item parsed in this read (``node`` given), its keys' lines as ``LineMap`` finds them."""

    def __init__(self, rows: list[tuple[int, object | None]]):
        super().__init__(None)
        self.rows = rows      # per item: (its first line, its node or None)

    def line(self, *path: int | str) -> int | None:
        if not path:
            return 1
        index, rest = path[0], path[1:]
        if not isinstance(index, int) or not 0 <= index < len(self.rows):
            return 1
        first, node = self.rows[index]
        if node is None or not rest:
            return first
        return LineMap(node).line(*rest) + first - 1     # the item was parsed alone, from its line 1


def parse_item(chunk: str, path: Path):
    """``(value, node)`` of one item parsed alone (its node's lines count from the item's first), or
    None where it is not exactly one clean list item (the caller then reads the whole file, which
    reports what is wrong)."""
    problems = Problems()
    data, lines = parse_yaml(chunk, path, problems)
    if problems.messages or not isinstance(data, list) or len(data) != 1 or lines is None or lines.node is None:
        return None
    return data[0], lines.node.value[0]
