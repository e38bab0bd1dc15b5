"""Vocabulary exports: the CSV and the Anki deck hold the same words, and the page links both."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sqlite3
import zipfile
from pathlib import Path

from zhreader.export import anki_package_bytes, stable_id

ARTICLE = Path("articles") / "zhou-hongyi-sora"


def read_csv(site: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO((site / ARTICLE / "vocabulary.csv").read_text(encoding="utf-8"))))


def open_collection(apkg: bytes, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(io.BytesIO(apkg)) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        db = tmp_path / "collection.anki2"
        db.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(db)


def test_anki_deck_holds_the_csv_rows(site, tmp_path):
    rows = read_csv(site)
    conn = open_collection((site / ARTICLE / "vocabulary.apkg").read_bytes(), tmp_path)
    notes = [[html.unescape(f) for f in flds.split("\x1f")] for (flds,) in conn.execute("SELECT flds FROM notes ORDER BY id")]
    assert notes == rows[1:]
    (cards,) = conn.execute("SELECT count(*) FROM cards").fetchone()
    assert cards == len(notes)
    (decks_json, models_json) = conn.execute("SELECT decks, models FROM col").fetchone()
    names = {d["name"] for d in json.loads(decks_json).values()}
    assert "中文 AI Reader::周鸿祎谈OpenAI大模型Sora" in names
    fields = [f["name"] for m in json.loads(models_json).values() for f in m["flds"]]
    assert fields == ["Word", "Pinyin", "English", "HSK", "Count", "Context", "Link"]


def test_csv_context_is_the_first_sentence_with_the_word_and_link_its_paragraph(site):
    rows = read_csv(site)
    header, body = rows[0], rows[1:]
    assert header == ["word", "pinyin", "english", "hsk", "count", "context", "link"]
    page = (site / ARTICLE / "index.html").read_text(encoding="utf-8")
    by_word = {r[0]: r for r in body}
    row = by_word["视频"]
    assert row[1] == "shìpín" and row[5].startswith("OpenAI于2024年2月15日") and row[5].endswith("。")
    for word, _, _, _, count, context, link in body[:50]:
        assert word in context
        pid = link.rsplit("#", 1)[1]
        assert re.fullmatch(r"p\d+", pid) and f'id="{pid}"' in page
        assert int(count) >= 1


def test_deck_is_byte_for_byte_reproducible_with_ids_from_the_slug():
    rows = [["模型", "móxíng", "model", "4", "3", "大模型。", "https://x/#p1"]]
    first = anki_package_bytes("demo", "标题", rows)
    assert first == anki_package_bytes("demo", "标题", rows)
    assert first != anki_package_bytes("other", "标题", rows)
    assert stable_id("zhreader-deck", "demo") == stable_id("zhreader-deck", "demo") != stable_id("zhreader-deck", "other")


def test_values_are_escaped_as_anki_html(tmp_path):
    rows = [["<b>", "", "a & b", "", "1", "<script>x</script>", "https://x/#p1"]]
    conn = open_collection(anki_package_bytes("demo", "t", rows), tmp_path)
    (flds,) = conn.execute("SELECT flds FROM notes").fetchone()
    assert "<b>" not in flds and "<script>" not in flds and "&lt;b&gt;" in flds


def test_article_page_links_both_downloads(site):
    page = (site / ARTICLE / "index.html").read_text(encoding="utf-8")
    for name in ("vocabulary.csv", "vocabulary.apkg"):
        href = re.search(r'href="([^"]*' + re.escape(name) + ')"', page).group(1)
        assert (site / ARTICLE / href).resolve() == (site / ARTICLE / name).resolve()
