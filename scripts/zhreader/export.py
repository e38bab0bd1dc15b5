"""Export an article's vocabulary as an Anki deck (``.apkg``), byte for byte reproducible.

The deck holds exactly the rows of the article's vocabulary CSV (``render.CSV_HEADER``):
one note per distinct word, in order of first appearance.  Anki fields are HTML, so
every value is escaped here.  ``genanki`` stamps notes with the current time and
zips with the temp file's mtime; we pass a fixed timestamp and write the zip
ourselves with a fixed date, so two builds give identical bytes (and Anki
recognises re-imported notes by their GUID, derived from slug + word).
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import sqlite3
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

from . import cache

FIXED_TIMESTAMP = 1_704_067_200          # 2024-01-01T00:00:00Z: note/card "modified" time and id base
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
FIELDS = ["Word", "Pinyin", "English", "HSK", "Count", "Context", "Link"]   # = render.CSV_HEADER

CARD_FRONT = '<div class="zh" lang="zh">{{Word}}</div>'
CARD_BACK = """{{FrontSide}}
<hr id="answer">
<div class="py">{{Pinyin}}</div>
<div class="en" lang="en">{{English}}</div>
{{#HSK}}<div class="hsk">HSK {{HSK}}</div>{{/HSK}}
<div class="ctx" lang="zh">{{Context}}</div>
<div class="src"><a href="{{Link}}">In the article</a> · {{Count}}×</div>"""
CARD_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: center; }
.zh { font-size: 48px; } .py { font-size: 24px; } .ctx { margin-top: 1em; font-size: 18px; text-align: left; }
.hsk, .src { color: #666; font-size: 14px; margin-top: .5em; }"""


def stable_id(*parts: str) -> int:
    """A 31-bit id derived from ``parts`` (same slug, same deck/model id on every build)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def anki_model(slug: str):
    import genanki   # imported here: a rebuild with unchanged word lists reuses the decks

    return genanki.Model(
        stable_id("zhreader-model", slug), "中文 AI Reader vocabulary",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Recognise", "qfmt": CARD_FRONT, "afmt": CARD_BACK}],
        css=CARD_CSS,
    )


def anki_deck(slug: str, title: str, rows: list[list]):
    """One deck for one article (a ``genanki.Deck``); ``rows`` are the CSV rows without the header."""
    import genanki

    model = anki_model(slug)
    deck = genanki.Deck(stable_id("zhreader-deck", slug), f"中文 AI Reader::{title}",
                        description=html.escape(f"Vocabulary of “{title}”, in order of first appearance."))
    for row in rows:
        fields = [html.escape(str(value), quote=True) for value in row]
        deck.add_note(genanki.Note(model=model, fields=fields, guid=genanki.guid_for(slug, row[0])))
    return deck


def anki_memo() -> cache.Memo:
    """Decks kept between builds, by a digest of their content (see ``cache.Memo``)."""
    return cache.Memo("anki", [f"genanki {metadata.version('genanki')}"], [Path(__file__)], limit=100)


def anki_package_bytes(slug: str, title: str, rows: list[list]) -> bytes:
    """The ``.apkg`` file (a zip holding the SQLite collection) for one article."""
    import genanki

    package = genanki.Package(anki_deck(slug, title, rows))
    handle, db_path = tempfile.mkstemp(suffix=".anki2")
    os.close(handle)
    try:
        conn = sqlite3.connect(db_path)
        # A scratch file read back at once: skip fsync and the on-disk journal (same bytes, half the time).
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA journal_mode = MEMORY")
        package.write_to_db(conn.cursor(), FIXED_TIMESTAMP, iter(range(FIXED_TIMESTAMP * 1000, 1 << 62)))
        conn.commit()
        conn.close()
        with open(db_path, "rb") as db:
            collection = db.read()
    finally:
        os.unlink(db_path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()
