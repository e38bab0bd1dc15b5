"""The glossary's order on its page (A–Z by pinyin) and its downloads (JSON, CSV for spreadsheets)."""

from __future__ import annotations

import csv
import io
import json

from zhreader.glossary import Entry, Sense
from zhreader.glossary_export import glossary_csv, glossary_json
from zhreader.glossary_index import (by_letter, by_pinyin, category_counts, entry_page, index_letter, letter_index,
                                     letter_slug)

HEADER = ["id", "term", "pinyin", "en", "alternatives", "category", "definition", "note",
          "aliases", "traditional", "senses"]


def _entry(id, term, pinyin="", category="concept", **more) -> Entry:
    return Entry(id=id, term=term, pinyin=pinyin, en=more.pop("en", id), category=category,
                 definition=more.pop("definition", f"About {id}."), note=more.pop("note", "Why."), **more)


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")          # UTF-8 BOM: Excel reads the Chinese right
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


# -- order and index --------------------------------------------------------------

def test_entries_sort_by_pinyin_without_tones_latin_terms_by_spelling():
    entries = [_entry("security", "安全", "ānquán"), _entry("zhipu", "智谱", "Zhìpǔ"), _entry("ai", "AI"),
               _entry("two-d", "2D"), _entry("alibaba", "阿里巴巴", "Ālǐbābā"), _entry("aigc", "AIGC"),
               _entry("gpu", "GPU", category="hardware"), _entry("ai-chip", "AI芯片", "AI xīnpiàn", category="hardware"),
               _entry("nvidia-lu", "律", "lǜ"), _entry("bytedance", "字节跳动", "Zìjié Tiàodòng"),
               _entry("china", "中国", "Zhōngguó"), _entry("guochan", "国产", "guóchǎn")]
    ordered = by_pinyin(entries)
    # Pinyin's initials ch, sh, zh sort as letters of their own, after c, s, z: 字节 zì before 智谱 zhì.
    assert [e.id for e in ordered] == ["two-d", "ai", "aigc", "ai-chip", "alibaba", "security", "gpu", "guochan",
                                       "nvidia-lu", "bytedance", "zhipu", "china"]
    assert [index_letter(e) for e in ordered] == ["0–9", "A", "A", "A", "A", "A", "G", "Gu", "L", "Z", "Zh", "Zho"]
    # One page per letter: glossary/0-9.md, glossary/a.md …, each with its letter's entries in page order;
    # zh, ch, sh have pages of their own, and so does the last stretch of a few (gu-, shu-, zho-, zhu-).
    assert letter_index(ordered) == [("0–9", "two-d"), ("A", "ai"), ("G", "gpu"), ("Gu", "guochan"), ("L", "nvidia-lu"),
                                     ("Z", "bytedance"), ("Zh", "zhipu"), ("Zho", "china")]
    assert [(letter, [e.id for e in group]) for letter, group in by_letter(ordered)] == [
        ("0–9", ["two-d"]), ("A", ["ai", "aigc", "ai-chip", "alibaba", "security"]), ("G", ["gpu"]), ("Gu", ["guochan"]),
        ("L", ["nvidia-lu"]), ("Z", ["bytedance"]), ("Zh", ["zhipu"]), ("Zho", ["china"])]
    assert [letter_slug(x) for x in ("0–9", "A", "Z", "Zh", "Zho", "#")] == ["0-9", "a", "z", "zh", "zho", "other"]
    assert [entry_page(e) for e in ordered[:2]] == ["glossary/0-9.md", "glossary/a.md"]
    assert index_letter(_entry("omega", "Ω")) == "#"        # no ASCII letter or digit to file it under
    assert category_counts(ordered) == [("concept", 10), ("hardware", 2)]


# -- JSON ---------------------------------------------------------------------------

def test_json_round_trips_every_entry_of_the_real_glossary(glossary):
    records = json.loads(glossary_json(glossary.entries))
    assert len(records) == len(glossary.entries)
    by_id = {r["id"]: r for r in records}
    assert set(by_id) == set(glossary.by_id)
    for entry in glossary.entries:
        record = by_id[entry.id]
        assert list(record) == HEADER
        assert (record["term"], record["pinyin"], record["en"], record["category"], record["definition"], record["note"]) == \
            (entry.term, entry.pinyin, entry.en, entry.category, entry.definition, entry.note)
        assert record["alternatives"] == entry.alternatives and record["aliases"] == entry.aliases
        assert record["traditional"] == entry.traditional
        assert record["senses"] == [{"en": s.en, "definition": s.definition, "cues": list(s.cues)} for s in entry.senses]
    assert any(r["senses"] for r in records) and any(r["traditional"] for r in records)


def test_json_keeps_text_exactly_as_written():
    entry = _entry("x", "=1+1", en="-x", alternatives=["@a", "b"], senses=[Sense("+s", "def", ("甲",))])
    [record] = json.loads(glossary_json([entry]))
    assert record["term"] == "=1+1" and record["en"] == "-x" and record["alternatives"] == ["@a", "b"]
    assert record["senses"] == [{"en": "+s", "definition": "def", "cues": ["甲"]}]


# -- CSV ----------------------------------------------------------------------------

def test_csv_has_bom_header_and_one_row_per_entry_of_the_real_glossary(glossary):
    rows = _rows(glossary_csv(glossary.entries))
    assert rows[0] == HEADER
    assert len(rows) == len(glossary.entries) + 1
    assert sorted(r[0] for r in rows[1:]) == sorted(glossary.by_id)
    assert all(len(r) == len(HEADER) for r in rows)
    by_id = {r[0]: dict(zip(HEADER, r)) for r in rows[1:]}
    nvidia = glossary.by_id["nvidia"]
    assert by_id["nvidia"]["term"] == "英伟达" and by_id["nvidia"]["pinyin"] == nvidia.pinyin
    assert by_id["nvidia"]["traditional"] == "; ".join(nvidia.traditional) and "英偉達" in nvidia.traditional


def test_csv_lists_and_senses_are_readable_cells():
    entry = _entry("reasoning", "推理", "tuīlǐ", alternatives=["inference", "reasoning"], aliases=["推論"],
                   senses=[Sense("inference", "Running a model.", ("部署",)), Sense("reasoning", "Thinking steps.")])
    row = dict(zip(HEADER, _rows(glossary_csv([entry]))[1]))
    assert row["alternatives"] == "inference; reasoning" and row["aliases"] == "推論"
    assert row["senses"] == "inference: Running a model. | reasoning: Thinking steps."


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_text():
    entry = _entry("danger", "=HYPERLINK(\"http://x\")", "+pinyin", en="-1+2", definition="@SUM(A1)",
                   note="\tcmd", alternatives=["\rx", "=y"], aliases=["ok"])
    row = dict(zip(HEADER, _rows(glossary_csv([entry]))[1]))
    assert row["term"] == "'=HYPERLINK(\"http://x\")"
    assert row["pinyin"] == "'+pinyin" and row["en"] == "'-1+2" and row["definition"] == "'@SUM(A1)"
    assert row["note"] == "'\tcmd"
    assert row["alternatives"] == "'\rx; =y"      # one cell: only its start can start a formula
    assert row["id"] == "danger" and row["aliases"] == "ok" and row["category"] == "concept"
