"""The glossary as downloads beside its page: ``glossary/glossary.json`` and ``glossary/glossary.csv``.

Both list every entry in the page's order (``glossary_index.by_pinyin``) with the same
fields (``FIELDS``).  In JSON, list fields stay lists and a sense is
``{en, definition, cues}``.  The CSV is for spreadsheets: UTF-8 with a byte order mark
(Excel otherwise reads it in the local code page), lists joined with ``"; "``, senses as
``en: definition`` joined with ``" | "``, and every cell that a spreadsheet would run
as a formula (starting with ``= + - @``, a tab or a carriage return) prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import json

from . import cache
from .glossary import Entry
from .glossary_index import by_pinyin

FIELDS = ["id", "term", "pinyin", "en", "alternatives", "category", "definition", "note",
          "aliases", "traditional", "senses"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def entry_record(entry: Entry) -> dict:
    """One entry as plain data, with the keys of ``FIELDS`` in that order."""
    return {
        "id": entry.id, "term": entry.term, "pinyin": entry.pinyin, "en": entry.en,
        "alternatives": list(entry.alternatives), "category": entry.category,
        "definition": entry.definition, "note": entry.note, "aliases": list(entry.aliases),
        "traditional": list(entry.traditional),
        "senses": [{"en": s.en, "definition": s.definition, "cues": list(s.cues)} for s in entry.senses],
    }


def _kept(make):
    """``make(entries)`` kept for a given list of entries (``cache.KeptWith``: a corpus keeps its
    glossary between the builds of a process, ``mkdocs serve`` rebuilds and ``make build``'s two)."""
    values = cache.KeptWith(limit=4)

    def kept(entries: list[Entry]):
        return values.get(entries, make)
    kept.__doc__ = make.__doc__
    return kept


# Each entry's part of the two files, kept while the entry is the same object: after a glossary
# edit under `mkdocs serve`, every entry the edit left alone is (glossary.load_glossary).
_entry_json, _entry_row = cache.KeptWith(limit=50_000), cache.KeptWith(limit=50_000)


@_kept
def glossary_json(entries: list[Entry]) -> str:
    # What json.dumps(records, indent=1) writes, one kept entry at a time.
    parts = [_entry_json.get(e, _json_item) for e in by_pinyin(entries)]
    return ("[\n" + ",\n".join(parts) + "\n]" if parts else "[]") + "\n"


def _json_item(entry: Entry) -> str:
    # A list item of json.dumps(..., indent=1): one level deeper (a newline in a value is written \n).
    return "\n".join(" " + line for line in json.dumps(entry_record(entry), ensure_ascii=False, indent=1).split("\n"))


def safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading ``'`` before what would start a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_row(record: dict) -> list[str]:
    cells = []
    for name in FIELDS:
        value = record[name]
        if name == "senses":
            value = " | ".join(f"{s['en']}: {s['definition']}" for s in value)
        elif isinstance(value, list):
            value = "; ".join(value)
        cells.append(safe_cell(value))
    return cells


@_kept
def glossary_csv(entries: list[Entry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    writer.writerows(_entry_row.get(e, lambda entry: csv_row(entry_record(entry))) for e in by_pinyin(entries))
    return (BOM + out.getvalue()).encode("utf-8")
