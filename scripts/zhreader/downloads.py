"""Vocabulary CSV and Anki deck from the annotated corpus.

An article's word list is one row per distinct Chinese word, in order of first
appearance (``CSV_HEADER``), its context the first sentence holding the word.
``Downloads`` turns it into the vocabulary CSV and the Anki deck (``.apkg``), byte
for byte reproducible.

The deck holds the rows worth a card (``AnkiOptions``: by default no function words,
nothing below HSK 3), one note per word, each tagged with its article and HSK level,
its context the word's own sentence with the word in bold.  Anki fields are HTML, so
every value is escaped here.  ``genanki`` stamps notes with the current time and
zips with the temp file's mtime; we pass a fixed timestamp and write the zip
ourselves with a fixed date, so two builds give identical bytes (and Anki
recognises re-imported notes by their GUID, derived from slug + word).
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import sqlite3
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import cache
from .corpus import AnnotatedArticle, Corpus, sentence_at, sentence_with
from .glossary_export import safe_cell
from .lookup import WordInfo
from .postags import dictionary_tags
from .sources import has_han

CSV_HEADER = ["word", "pinyin", "english", "hsk", "count", "context", "link"]

FIXED_TIMESTAMP = 1_704_067_200          # 2024-01-01T00:00:00Z: note/card "modified" time and id base
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
FIELDS = ["Word", "Pinyin", "English", "HSK", "Count", "Context", "Link"]   # = CSV_HEADER

CARD_FRONT = '<div class="zh" lang="zh">{{Word}}</div>'
CARD_BACK = """{{FrontSide}}
<hr id="answer">
<div class="py">{{Pinyin}}</div>
<div class="en" lang="en">{{English}}</div>
{{#HSK}}<div class="hsk">HSK {{HSK}}</div>{{/HSK}}
<div class="ctx" lang="zh">{{Context}}</div>
<div class="src">{{#Link}}<a href="{{Link}}">In the article</a> · {{/Link}}{{Count}}×</div>"""
CARD_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: center; }
.zh { font-size: 48px; } .py { font-size: 24px; } .ctx { margin-top: 1em; font-size: 18px; text-align: left; }
.ctx b { color: #c2185b; } .hsk, .src { color: #666; font-size: 14px; margin-top: .5em; }"""

# jieba's tags (first letter) for words that carry grammar rather than content: prepositions (于, 对于),
# conjunctions (而且), particles (的 uj, 了 ul, 着 uz …), modal particles, interjections, onomatopoeia,
# and the closed classes beside them: pronouns (其, 这种) and numerals with their measure word (一个, 第二).
FUNCTION_TAGS = ("p", "c", "u", "y", "e", "o", "r", "m")


@dataclass(frozen=True)
class AnkiOptions:
    """Which words get a card: ``extra.anki`` in mkdocs.yml (README, "Downloads")."""

    min_hsk: int = 3                # words of a lower HSK 3.0 level are left out (1 keeps them all)
    function_words: bool = False    # True keeps function words (``FUNCTION_TAGS``)

    @classmethod
    def from_config(cls, value) -> "AnkiOptions":
        """From mkdocs.yml's ``extra.anki`` mapping; a bad value raises ``ValueError`` naming the setting."""
        if value is None:
            return cls()
        if not isinstance(value, dict):
            raise ValueError(f"extra.anki must be a mapping (min_hsk, function_words), not {value!r}")
        unknown = sorted(set(value) - {"min_hsk", "function_words"})
        if unknown:
            raise ValueError(f"extra.anki: unknown setting {unknown[0]!r} (known: min_hsk, function_words)")
        min_hsk = value.get("min_hsk", cls.min_hsk)
        if isinstance(min_hsk, str) and min_hsk.strip().isdigit():
            min_hsk = int(min_hsk)
        if isinstance(min_hsk, bool) or not isinstance(min_hsk, int) or not 1 <= min_hsk <= 7:
            raise ValueError(f"extra.anki.min_hsk must be an HSK level from 1 to 7 (1 keeps every word), not {min_hsk!r}")
        function_words = value.get("function_words", cls.function_words)
        if isinstance(function_words, str) and function_words.lower() in ("true", "false"):
            function_words = function_words.lower() == "true"
        if not isinstance(function_words, bool):
            raise ValueError(f"extra.anki.function_words must be true or false, not {function_words!r}")
        return cls(min_hsk, function_words)

    def keeps(self, hsk: int | None, tag: str | None, term: bool) -> bool:
        """Whether a word of this HSK level and jieba tag gets a card (glossary terms always do)."""
        if term:
            return True
        if hsk is not None and hsk < self.min_hsk:
            return False
        return self.function_words or not (tag and tag[0] in FUNCTION_TAGS)


@dataclass(frozen=True)
class Card:
    """One note: a vocabulary CSV row, where the word starts in its context, and its tags."""

    row: tuple            # word, pinyin, english, hsk, count, context, link (CSV_HEADER)
    mark: int = -1        # offset of the word in the context sentence; -1: not marked
    tags: tuple[str, ...] = ()

    def fields(self) -> list[str]:
        """The note's fields as Anki HTML: every value escaped, the word bold in its sentence."""
        values = [html.escape(str(value), quote=True) for value in self.row]
        word, context, link = str(self.row[0]), str(self.row[5]), str(self.row[6])
        if self.mark >= 0 and context[self.mark:self.mark + len(word)] == word:
            values[5] = (html.escape(context[:self.mark]) + "<b>" + html.escape(word) + "</b>"
                         + html.escape(context[self.mark + len(word):]))
        if not link.startswith(("https://", "http://")):
            values[6] = ""       # a link relative to the site (no site URL configured) leads nowhere from Anki
        return values


def hsk_tag(label: str) -> str:
    """Anki tag for an HSK 3.0 label ("3", "7-9", "" = not in HSK)."""
    return f"HSK{label}" if label else "beyond-HSK"


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


def anki_deck(slug: str, title: str):
    """The article's deck, empty (a ``genanki.Deck`` with our model): its notes are ``note_rows``."""
    import genanki

    deck = genanki.Deck(stable_id("zhreader-deck", slug), f"中文 AI Reader::{title}",
                        description=html.escape(f"Vocabulary of “{title}”, in order of first appearance."))
    deck.add_model(anki_model(slug))
    return deck


def note_rows(slug: str, model_id: int, deck_id: int, cards: list[Card], first_id: int) -> tuple[list, list]:
    """The rows of the collection's ``notes`` and ``cards`` tables, as genanki's ``Note.write_to_db`` writes them.

    Written here in two ``executemany`` calls rather than note by note through genanki (a
    ``Note`` object, a tag and HTML check and two statements per word: most of a deck's time).
    Same values, same ids: a note and then its card take the next two ids from ``first_id``;
    one card per note, as our model has one template needing only the Word, never empty.
    ``tests/test_export.py`` compares the tables with genanki's own writing.
    """
    import genanki

    notes, rows, seen = [], [], {}
    next_id = first_id
    for card in cards:
        fields = card.fields()
        word = card.row[0]
        if not word:
            raise ValueError(f"{slug}: a card without a word")
        tags = " ".join(card.tags)
        if len(tags.split()) != len(card.tags):
            raise ValueError(f"{slug}: an Anki tag must be one word: {card.tags!r}")
        # Anki knows a note by its GUID (slug + word); a second reading of a word (为 wèi, wéi) adds its pinyin.
        # A third note of a word (a glossary term of two senses, and with neither chosen) adds its number.
        count = seen.get(word, 0)
        guid = (genanki.guid_for(slug, word) if count == 0 else genanki.guid_for(slug, word, card.row[1]) if count == 1
                else genanki.guid_for(slug, word, card.row[1], str(count)))
        seen[word] = count + 1
        notes.append((next_id, guid, model_id, FIXED_TIMESTAMP, -1, f" {tags} ",
                       "\x1f".join(fields), fields[0], 0, 0, ""))
        rows.append((next_id + 1, next_id, deck_id, 0, FIXED_TIMESTAMP, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ""))
        next_id += 2
    return notes, rows


def anki_memo() -> cache.Memo:
    """Decks kept between builds, by a digest of their content (see ``cache.Memo``)."""
    return cache.Memo("anki", [f"genanki {metadata.version('genanki')}"], [Path(__file__)], limit=100)


def anki_package_bytes(slug: str, title: str, cards: list[Card]) -> bytes:
    """The ``.apkg`` file (a zip holding the SQLite collection) for one article.

    genanki writes the collection, its deck and its model; the notes and cards go in as
    ``note_rows`` gives them.
    """
    import genanki

    deck = anki_deck(slug, title)
    model = next(iter(deck.models.values()))
    notes, rows = note_rows(slug, model.model_id, deck.deck_id, cards, FIXED_TIMESTAMP * 1000)
    conn = sqlite3.connect(":memory:")     # no scratch file: the collection's bytes come from memory
    try:
        cursor = conn.cursor()
        genanki.Package(deck).write_to_db(cursor, FIXED_TIMESTAMP, iter(()))   # no note takes an id
        cursor.executemany("INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?)", notes)
        cursor.executemany("INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


class Downloads:
    """The word lists of one corpus: rows, CSVs and decks, kept for as long as the corpus.

    One per corpus (``zhreader.shared``): the lists name the hosted page in both builds of
    a process, so each is computed once.
    """

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._anki = anki_memo()
        self._rows: dict[tuple[str, str], list[tuple[list, WordInfo, int]]] = {}
        # What the first build of a process made, for the second (both name the hosted page).
        self._csv: dict[tuple[str, str], str] = {}
        self._apkg: dict[tuple[str, str, AnkiOptions], bytes] = {}

    def save_cache(self) -> None:
        """Keep this build's decks for the next build (``cache.Memo``; once, as ``Corpus.save_caches``)."""
        self._anki.save()

    def render_csv(self, item: AnnotatedArticle, page_url: str) -> str:
        """Vocabulary CSV: one row per distinct Chinese word, in order of first appearance.

        UTF-8 with a byte order mark, which Excel needs to read it as UTF-8.
        """
        return _once(self._csv, (item.article.slug, page_url), lambda: self._csv_text(item, page_url))

    def _csv_text(self, item: AnnotatedArticle, page_url: str) -> str:
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        # A context sentence may start with @ (a Weibo mention), a gloss with - or =: shown as text,
        # never run as a formula by a spreadsheet.
        writer.writerows([safe_cell(c) if isinstance(c, str) else c for c in row]
                         for row in self.vocabulary_rows(item, page_url))
        return out.getvalue()

    def render_anki(self, item: AnnotatedArticle, page_url: str, options: AnkiOptions = AnkiOptions()) -> bytes:
        """The article's Anki deck; rebuilt only when its cards changed."""
        return _once(self._apkg, (item.article.slug, page_url, options), lambda: self._anki_bytes(item, page_url, options))

    def _anki_bytes(self, item: AnnotatedArticle, page_url: str, options: AnkiOptions) -> bytes:
        cards = self.anki_cards(item, page_url, options)
        key = hashlib.sha256(repr((item.article.slug, item.article.title, cards)).encode("utf-8")).hexdigest()
        return self._anki.get(key, lambda: anki_package_bytes(item.article.slug, item.article.title, cards))

    def anki_cards(self, item: AnnotatedArticle, page_url: str, options: AnkiOptions) -> list[Card]:
        """The vocabulary rows worth a card (``AnkiOptions``), tagged with article and HSK level."""
        rows = self._word_rows(item, page_url)
        tags = dictionary_tags(sorted({info.word for _, info, _ in rows}))
        return [Card(tuple(row), mark, (item.article.slug, hsk_tag(info.hsk_label),
                                        *(("glossary",) if info.entry_id else ())))
                for row, info, mark in rows if options.keeps(info.hsk, tags.get(info.word), bool(info.entry_id))]

    def vocabulary_rows(self, item: AnnotatedArticle, page_url: str) -> list[list]:
        """The word list (CSV and Anki deck): one row per distinct Chinese word, first appearance first."""
        return [row for row, _, _ in self._word_rows(item, page_url)]

    def _word_rows(self, item: AnnotatedArticle, page_url: str) -> list[tuple[list, WordInfo, int]]:
        """(row, the word's lookup, where the word starts in the row's context sentence)."""
        return _once(self._rows, (item.article.slug, page_url), lambda: word_rows(item, page_url))


def _once(store: dict, key, make):
    """``store[key]``, made by ``make()`` the first time it is asked for."""
    made = store.get(key)
    if made is None:
        made = store[key] = make()
    return made


def word_rows(item: AnnotatedArticle, page_url: str) -> list[tuple[list, WordInfo, int]]:
    """(row, the word's lookup, where the word starts in the row's context sentence) for each word."""
    by_id = {p.id: p for p in item.article.paragraphs}
    rows = []
    plain: dict[tuple[str, str], list] = {}      # (word, pinyin) → its row: a word the popup leads otherwise
    for info, count, pid in zip(item.vocab.infos, item.vocab.counts, item.vocab.first_paragraph):
        if not has_han(info.word):
            continue  # Latin glossary terms (Sora, GPT-4) are in the popup data, not the word list
        if not info.entry_id and (info.word, info.pinyin) in plain:
            plain[info.word, info.pinyin][4] += count      # 家 after a number and 家 "home": one row
            continue
        text = by_id[pid].text
        at = item.first_at.get((pid, info.word))
        context, mark = sentence_at(text, at) if at is not None else (sentence_with(text, info.word), -1)
        if mark < 0 and info.word in context:
            mark = context.index(info.word)
        row = [info.word, info.pinyin, info.english, info.hsk_label, count, context, f"{page_url}#{pid}"]
        if not info.entry_id:
            plain[info.word, info.pinyin] = row
        rows.append((row, info, mark))
    return rows
