"""Vocabulary exports: the CSV lists every word, the Anki deck the words worth a card, and the page links both."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, run_mkdocs_build
from zhreader.downloads import FIXED_TIMESTAMP, AnkiOptions, Card, anki_deck, anki_package_bytes, stable_id

ARTICLE = Path("articles") / "zhou-hongyi-sora"


def read_csv(site: Path) -> list[list[str]]:
    raw = (site / ARTICLE / "vocabulary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfword,")          # UTF-8 byte order mark: Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def deck_notes(apkg: bytes, tmp_path: Path) -> dict[str, tuple[list[str], set[str]]]:
    """word → (fields as stored, tags)."""
    conn = open_collection(apkg, tmp_path)
    return {flds.split("\x1f")[0]: (flds.split("\x1f"), set(tags.split()))
            for flds, tags in conn.execute("SELECT flds, tags FROM notes ORDER BY id")}


def open_collection(apkg: bytes, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(io.BytesIO(apkg)) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        db = tmp_path / "collection.anki2"
        db.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(db)


def test_anki_deck_holds_the_csv_rows_worth_a_card(site, tmp_path):
    rows = read_csv(site)[1:]
    conn = open_collection((site / ARTICLE / "vocabulary.apkg").read_bytes(), tmp_path)
    notes = [[html.unescape(f.replace("<b>", "").replace("</b>", "")) for f in flds.split("\x1f")]
             for (flds,) in conn.execute("SELECT flds FROM notes ORDER BY id")]
    # The CSV's rows, in its order, minus function words and HSK 1–2; no site URL configured,
    # so no link (a link relative to the site leads nowhere from Anki).
    by_word = {row[0]: row for row in rows}
    assert [n[0] for n in notes] == [r[0] for r in rows if r[0] in {n[0] for n in notes}]
    assert all(n[:6] == by_word[n[0]][:6] and n[6] == "" for n in notes)
    assert 200 < len(notes) < len(rows) - 100
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


def test_deck_leaves_out_function_words_and_hsk_1_2_marks_the_word_and_tags_article_and_level(site, tmp_path):
    rows = {row[0]: row for row in read_csv(site)[1:]}
    notes = deck_notes((site / ARTICLE / "vocabulary.apkg").read_bytes(), tmp_path)
    for word in ["的", "了", "年", "和", "是", "对于", "而且", "于", "一个", "其"]:   # particles, HSK 1–2, prepositions …
        assert word in rows and word not in notes, word
    for word in ["视频", "颠覆", "发布", "吊打"]:                                    # content words of HSK 3+ or none
        assert word in notes, word
    assert rows["人工智能"][3] and "人工智能" in notes and "glossary" in notes["人工智能"][1]   # a term always stays
    fields, tags = notes["激发"]
    assert tags == {"zhou-hongyi-sora", "HSK6"} and rows["激发"][3] == "6"
    assert notes["颠覆"][1] == {"zhou-hongyi-sora", "HSK7-9", "glossary"}
    assert notes["吊打"][1] == {"zhou-hongyi-sora", "beyond-HSK", "glossary"}
    # Context: the word's own sentence (not its paragraph), the word in bold.
    context = fields[5]
    assert context.count("<b>激发</b>") == 1 and html.unescape(context.replace("<b>", "").replace("</b>", "")) == rows["激发"][5]
    assert rows["激发"][5] == "周鸿祎认为,AI不一定那么快颠覆所有行业,但它能激发更多人的创作力。"


def test_anki_options_keep_every_word_or_stop_with_a_clear_message():
    every = AnkiOptions.from_config({"min_hsk": 1, "function_words": True})
    assert every.keeps(1, "uj", False) and every.keeps(None, None, False)
    default = AnkiOptions.from_config(None)
    assert not default.keeps(2, "n", False) and not default.keeps(5, "c", False) and default.keeps(3, "n", False)
    assert default.keeps(1, "uj", True)                      # glossary terms always stay
    assert AnkiOptions.from_config({"min_hsk": "1", "function_words": "true"}) == every   # from environment variables
    for bad, message in [({"min_hsk": 0}, "extra.anki.min_hsk must be an HSK level from 1 to 7"),
                         ({"min_hsk": "three"}, "extra.anki.min_hsk must be an HSK level from 1 to 7"),
                         ({"function_words": "yes"}, "extra.anki.function_words must be true or false"),
                         ({"min_hks": 3}, "extra.anki: unknown setting 'min_hks'"), ("all", "extra.anki must be a mapping")]:
        with pytest.raises(ValueError, match=message):
            AnkiOptions.from_config(bad)


def test_deck_keeps_every_word_with_the_switch_and_links_the_configured_site(tmp_path):
    out = tmp_path / "site"
    result = run_mkdocs_build(ROOT / "mkdocs.yml", out, env={"ANKI_MIN_HSK": "1", "ANKI_FUNCTION_WORDS": "true",
                                                             "SITE_URL": "https://example.org/reader/"})
    assert result.returncode == 0, result.stderr
    rows = read_csv(out)[1:]
    notes = deck_notes((out / ARTICLE / "vocabulary.apkg").read_bytes(), tmp_path)
    assert {"的", "了", "年", "于"} <= set(notes) and set(notes) == {row[0] for row in rows}
    assert rows[0][6] == "https://example.org/reader/articles/zhou-hongyi-sora/#p1"
    assert notes[rows[0][0]][0][6] == rows[0][6]
    bad = run_mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "bad", env={"ANKI_MIN_HSK": "0"})
    assert bad.returncode != 0 and "mkdocs.yml: extra.anki.min_hsk must be an HSK level from 1 to 7" in bad.stderr
    assert "Traceback" not in bad.stderr and not (tmp_path / "bad" / "index.html").exists()


def test_deck_is_byte_for_byte_reproducible_with_ids_from_the_slug():
    rows = [Card(("模型", "móxíng", "model", "4", "3", "大模型。", "https://x/#p1"), 1, ("demo", "HSK4"))]
    first = anki_package_bytes("demo", "标题", rows)
    assert first == anki_package_bytes("demo", "标题", rows)
    assert first != anki_package_bytes("other", "标题", rows)
    assert stable_id("zhreader-deck", "demo") == stable_id("zhreader-deck", "demo") != stable_id("zhreader-deck", "other")


def test_deck_holds_what_genanki_writes_note_by_note(tmp_path):
    """The notes and cards go in by bulk insert (downloads.note_rows): every table holds exactly
    what genanki's own Note.write_to_db writes for the same deck, ids and GUIDs included."""
    import genanki

    cards = [Card(("模型", "móxíng", "model", "4", "3", "大模型。", "https://x/#p1"), 1, ("demo", "HSK4")),
             Card(("为", "wèi", "for", "1", "5", "以下为全文。", "https://x/#p2"), 2, ("demo", "HSK1")),
             Card(("为", "wéi", "to be", "1", "5", "以下为全文。", "https://x/#p2"), 2, ("demo", "HSK1")),
             Card(("智能体", "zhìnéngtǐ", "agent", "", "2", "<智能体>", ""), 1, ("demo", "beyond-HSK", "glossary"))]
    deck = anki_deck("demo", "标题")
    model = next(iter(deck.models.values()))
    for card in cards:
        guid = genanki.guid_for("demo", card.row[0]) if card.row[0] != "为" or card.row[1] == "wèi" \
            else genanki.guid_for("demo", card.row[0], card.row[1])
        deck.add_note(genanki.Note(model=model, fields=card.fields(), tags=list(card.tags), guid=guid))
    reference = tmp_path / "genanki.anki2"
    with sqlite3.connect(reference) as conn:
        genanki.Package(deck).write_to_db(conn.cursor(), FIXED_TIMESTAMP, iter(range(FIXED_TIMESTAMP * 1000, 1 << 62)))
    ours = open_collection(anki_package_bytes("demo", "标题", cards), tmp_path)
    theirs = sqlite3.connect(reference)
    for table in ("col", "notes", "cards", "revlog", "graves"):
        rows = ours.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        assert rows == theirs.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall(), table
    assert len(ours.execute("SELECT * FROM notes").fetchall()) == 4 == len(ours.execute("SELECT * FROM cards").fetchall())


def test_values_are_escaped_as_anki_html(tmp_path):
    rows = [Card(("<b>", "", "a & b", "", "1", "<script><b>x</script>", "https://x/#p1"), 8)]
    conn = open_collection(anki_package_bytes("demo", "t", rows), tmp_path)
    (flds,) = conn.execute("SELECT flds FROM notes").fetchone()
    assert "<script>" not in flds and flds.split("\x1f")[0] == "&lt;b&gt;"
    assert flds.split("\x1f")[5] == "&lt;script&gt;<b>&lt;b&gt;</b>x&lt;/script&gt;"   # only the mark is markup


def test_article_page_links_both_downloads(site):
    page = (site / ARTICLE / "index.html").read_text(encoding="utf-8")
    for name in ("vocabulary.csv", "vocabulary.apkg"):
        href = re.search(r'href="([^"]*' + re.escape(name) + ')"', page).group(1)
        assert (site / ARTICLE / href).resolve() == (site / ARTICLE / name).resolve()


def test_a_word_the_popup_leads_two_ways_is_one_row_of_the_word_list(tmp_path):
    """家 after a number leads with its classifier sense, 家 "home" with its own: one row, counted twice."""
    from zhreader.corpus import Corpus
    from zhreader.downloads import word_rows

    (tmp_path / "texts" / "one").mkdir(parents=True)
    (tmp_path / "glossary.yaml").symlink_to(ROOT / "glossary.yaml")
    (tmp_path / "texts" / "one" / "zh.txt").write_text("一个标题\n\n名单上有 3 家公司。他们回到了家。\n", encoding="utf-8")
    item = Corpus(tmp_path).articles[0]
    rows = [row for row, _, _ in word_rows(item, "https://example.org/one/") if row[0] == "家"]
    assert len(rows) == 1 and rows[0][4] == 2
    assert len({(info.word, tuple(info.senses)) for info in item.vocab.infos if info.word == "家"}) == 2   # the popup: two


def test_every_note_of_a_deck_has_its_own_guid_even_a_words_third():
    from zhreader.downloads import note_rows

    row = ["推理", "tuīlǐ", "inference", "", 1, "推理很快。", "https://example.org/#p1"]
    cards = [Card(tuple(row)), Card(tuple(row[:2] + ["reasoning"] + row[3:])), Card(tuple(row[:2] + ["inference; reasoning"] + row[3:]))]
    notes, _ = note_rows("one", 1, 2, cards, 1000)
    assert len({note[1] for note in notes}) == 3
