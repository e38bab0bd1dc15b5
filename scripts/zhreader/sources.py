"""Load and validate the articles, ``texts/<slug>/`` (the glossary: ``glossary.py``).

Every problem is collected with its file and line; ``SourceError`` is raised
once at the end so an author sees all mistakes in one run.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LineMap, Problems, load_yaml, read_text
from .sentences import sentences

from .glossary import _kind  # noqa: E402  (one description of a YAML value's kind, shared)
from .glossary import (CATEGORIES, GLOSSARY_FIELDS, HAN, SLUG, Entry, Glossary, Sense,  # noqa: F401  (re-exported)
                       has_han, load_glossary, pinyin_problem)

ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")   # used with fullmatch (``$`` lets "2024\n" through)
MAX_PARAGRAPH = 20_000
MAX_TITLE = 200           # characters: a title is one line, in <title>, the navigation and every list
MAX_ARTICLE = 200_000     # characters of one zh.txt (~50× the seed article; its page stays a few MB)


# -- articles -----------------------------------------------------------------

META_FIELDS = ("title_en", "speaker", "date", "source", "source_url", "credit", "topics")


@dataclass
class Paragraph:
    id: str          # "p1", "p2", … (stable: position in zh.txt)
    text: str
    line: int        # line in zh.txt where it starts


@dataclass
class Article:
    slug: str
    folder: Path
    title: str
    paragraphs: list[Paragraph]
    meta: dict = field(default_factory=dict)
    translation: dict | None = None      # {"title": str, "paragraphs": {pid: str, or [str] one per Chinese sentence}}
    notes: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)

    @property
    def title_en(self) -> str:
        if self.translation and self.translation.get("title"):
            return self.translation["title"]
        return self.meta.get("title_en", "")


def load_articles(texts_dir: Path) -> list[Article]:
    """Load every ``texts/<slug>/``; raise ``SourceError`` listing every problem."""
    problems = Problems()
    articles = []
    if not texts_dir.is_dir():
        problems.add(texts_dir, None, "folder not found (articles live in texts/<slug>/zh.txt)")
        problems.raise_if_any()
    entries = sorted(p for p in texts_dir.iterdir() if not p.name.startswith("."))
    for stray in (p for p in entries if _link_ok(p, texts_dir, problems) and not p.is_dir()):
        problems.add(stray, None, "is not inside an article folder; put it in texts/<slug>/ (it would be ignored)")
    for folder in (p for p in entries if p.is_dir() and _link_ok(p, texts_dir, problems, report=False)):
        signature = _folder_signature(folder)
        kept = _kept_articles.get(folder)
        if signature is not None and kept is not None and kept[0] == signature:
            article = kept[1]
        else:
            reported = len(problems.messages)
            article = _load_article(folder, problems)
            if article is not None and signature is not None and len(problems.messages) == reported:
                _kept_articles[folder] = (signature, article)
        if article is not None:
            articles.append(article)
    _check_unique_titles(articles, problems)
    _check_unique_quote_ids(articles, problems)
    problems.raise_if_any()
    return articles


# An article loaded without problems, kept while its folder's files are the same (name, size,
# modification time, inode): under `mkdocs serve` every rebuild read and checked all the texts.
_kept_articles: dict[Path, tuple[tuple, Article]] = {}


def _folder_signature(folder: Path) -> tuple | None:
    """The folder's files as the file system describes them; None (never kept) with a link inside."""
    try:
        rows = []
        with os.scandir(folder) as found:
            for item in found:
                if item.is_symlink():
                    return None
                st = item.stat(follow_symlinks=False)
                rows.append((item.name, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ino))
        folder_stat = folder.lstat()
        return (folder_stat.st_mode, folder_stat.st_ino, *sorted(rows))
    except OSError:
        return None


def _load_article(folder: Path, problems: Problems) -> Article | None:
    if not SLUG.fullmatch(folder.name):
        problems.add(folder, None, f"folder name '{folder.name}' is not a valid slug; use lowercase ASCII letters, digits and hyphens (e.g. 'zhou-hongyi-sora')")
        return None
    if not all([_link_ok(path, folder.parent, problems) for path in sorted(folder.iterdir())]):
        return None
    zh = folder / "zh.txt"
    if not zh.is_file():
        problems.add(folder, None, "has no zh.txt; every article folder needs one (first line: title, then paragraphs separated by blank lines)")
        return None
    _check_folder_files(folder, problems)
    text = read_text(zh, problems)
    if text is None:
        return None
    blocks = split_paragraphs(text)
    if not blocks:
        problems.add(zh, None, "is empty; the first line must be the article's title")
        return None
    (title_line, title), *rest = blocks
    lines = text.split("\n")
    if title_line < len(lines) and lines[title_line].strip():
        problems.add(zh, title_line + 1, f"follows the title (line {title_line}) without a blank line; the title is one line, then a blank line, then the paragraphs")
        return None
    if not rest:
        problems.add(zh, title_line, "has a title but no paragraphs; add paragraphs after a blank line")
        return None
    if len(title) > MAX_TITLE:
        problems.add(zh, title_line, f"the title is {len(title):,} characters long; a title may have at most {MAX_TITLE} (it is one line of the page, the navigation and the browser tab)")
    if len(text) > MAX_ARTICLE:
        problems.add(zh, None, f"is {len(text):,} characters long; an article may have at most {MAX_ARTICLE:,} (split it into several articles)")
        return None
    for first, count, ends in _runs_of_sentence_lines(lines):
        problems.add(zh, first, f"lines {first}–{first + count - 1} have no blank line between them and {ends} of them end "
                                "a sentence: if they are paragraphs, put a blank line between them (the lines of one "
                                "paragraph are joined into one)")
    paragraphs = [Paragraph(f"p{i}", body, line) for i, (line, body) in enumerate(rest, start=1)]
    for para in paragraphs:
        if len(para.text) > MAX_PARAGRAPH:
            problems.add(zh, para.line, f"paragraph {para.id} is {len(para.text):,} characters long; split it with blank lines (at most {MAX_PARAGRAPH:,})")
    article = Article(folder.name, folder, title, paragraphs)
    article.meta = _load_meta(folder / "meta.yaml", problems)
    article.translation = _load_translation(folder / "en.yaml", article, problems)
    article.notes = _load_notes(folder / "notes.yaml", article, problems)
    article.quotes = _load_quotes(folder / "quotes.yaml", article, problems)
    return article


ARTICLE_FILES = ("zh.txt", "en.yaml", "notes.yaml", "quotes.yaml", "meta.yaml")


def _check_folder_files(folder: Path, problems: Problems) -> None:
    """A misnamed file (``en.yml``, ``note.yaml``) would be silently ignored: report it."""
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name.endswith("~") or path.name in ARTICLE_FILES:
            continue
        close = difflib.get_close_matches(path.name, ARTICLE_FILES, n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        problems.add(path, None, f"unknown file; an article folder holds {', '.join(ARTICLE_FILES)}{hint}")


_SENTENCE_END = re.compile(r"[。！？!?…][”’」』）)]*$")


def _runs_of_sentence_lines(lines: list[str]) -> list[tuple[int, int, int]]:
    """Blocks of two or more lines, a third of them or more ending a sentence: (first line number,
    lines, sentence ends). That is text pasted one paragraph a line (headings among them), which
    would be read as one paragraph; a paragraph wrapped by hand ends its lines mid-sentence."""
    found, block = [], []
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            block.append((number, line.strip()))
            continue
        ends = sum(1 for _, text in block if _SENTENCE_END.search(text))
        if len(block) >= 2 and ends >= 2 and 3 * ends >= len(block) and any(HAN.search(text) for _, text in block):
            found.append((block[0][0], len(block), ends))
        block = []
    return found


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """Split on blank lines; return ``(first_line, text)`` pairs, inner line breaks joined."""
    blocks, current, start = [], [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            blocks.append((start, _join_lines(current)))
            current = []
    if current:
        blocks.append((start, _join_lines(current)))
    return blocks


def _join_lines(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        glue = " " if (out[-1].isascii() and line[0].isascii()) else ""
        out += glue + line
    return out


def _check_unique_titles(articles: list[Article], problems: Problems) -> None:
    seen: dict[str, Article] = {}
    for article in articles:
        if article.title in seen:
            problems.add(article.folder / "zh.txt", 1, f"title '{article.title}' is already used by texts/{seen[article.title].slug}/zh.txt")
        seen.setdefault(article.title, article)


def _load_meta(path: Path, problems: Problems) -> dict:
    if not path.exists():
        return {}
    data, lines = load_yaml(path, problems)
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.add(path, 1, f"must be a mapping of fields (found {_kind(data)})")
        return {}
    meta = {}
    for key, value in data.items():
        if key == "title_zh":
            problems.add(path, lines.line(key), "unknown field 'title_zh' (the Chinese title is the first line of zh.txt)")
        elif key not in META_FIELDS:
            problems.add(path, lines.line(key), f"unknown field '{key}'{_did_you_mean(key, META_FIELDS)}")
        elif not _is_text(value):
            problems.add(path, lines.line(key), f"'{key}' must be text (found {_kind(value)})")
        elif key == "source_url" and not re.match(r"^https?://[^\s\"<>\\^`{|}]+$", _text(value)):
            problems.add(path, lines.line(key), "'source_url' must be an http:// or https:// address")
        else:
            meta[key] = _text(value)
    return meta


def _load_translation(path: Path, article: Article, problems: Problems) -> dict | None:
    if not path.exists():
        return None
    data, lines = load_yaml(path, problems)
    if data is None:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("paragraphs"), dict):
        problems.add(path, 1, "must be a mapping with 'title' and 'paragraphs' (a mapping p1, p2, … → English)")
        return None
    for key in data:
        if key not in ("title", "paragraphs"):
            problems.add(path, lines.line(key), f"unknown field '{key}'{_did_you_mean(key, ('title', 'paragraphs'))}")
    given = data["paragraphs"]
    ids = [p.id for p in article.paragraphs]
    out = {}
    for key, value in given.items():
        if key not in ids:
            problems.add(path, lines.line("paragraphs", key), f"paragraph '{key}' does not exist in zh.txt (it has p1–p{len(ids)})")
        elif value is None or (isinstance(value, str) and not value.strip()) or value == []:
            problems.add(path, lines.line("paragraphs", key), f"paragraph '{key}' has an empty translation")
        elif isinstance(value, list):
            items = _translation_sentences(value, key, ids, article, path, lines, problems)
            if items:
                out[key] = items
        elif not _is_text(value):
            problems.add(path, lines.line("paragraphs", key), f"paragraph '{key}' must be text or a list of sentences (found {_kind(value)})")
        else:
            out[key] = _squash(_text(value))
    for para in article.paragraphs:
        if para.id not in given:
            problems.add(path, lines.line("paragraphs"), f"paragraph '{para.id}' has no translation (zh.txt line {para.line}: {_excerpt(para.text)})")
    title = data.get("title")
    if title is not None and not _is_text(title):
        problems.add(path, lines.line("title"), f"'title' must be text (found {_kind(title)})")
    return {"title": _squash(_text(title)) if _is_text(title) else "", "paragraphs": out}


def _translation_sentences(value: list, key: str, ids: list[str], article: Article, path: Path, lines, problems: Problems) -> list[str] | None:
    """A paragraph given as a list: one English item per Chinese sentence (``sentences``), in order."""
    ok = True
    for i, item in enumerate(value):
        if not _is_text(item) or not _text(item).strip():
            found = "nothing" if item is None or (isinstance(item, str) and not item.strip()) else _kind(item)
            problems.add(path, lines.line("paragraphs", key, i), f"paragraph '{key}', sentence {i + 1}: must be text (found {found})")
            ok = False
    if not ok:
        return None
    chinese = sentences(article.paragraphs[ids.index(key)].text)
    if len(value) != len(chinese):
        listed = "; ".join(f"{n}. {_excerpt(s, 12)}" for n, s in enumerate(chinese, start=1))
        problems.add(path, lines.line("paragraphs", key),
                     f"paragraph '{key}' has {len(value)} English sentence{'s' if len(value) != 1 else ''} but its Chinese has "
                     f"{len(chinese)} (cut at 。！？: {listed}); give one item per Chinese sentence, or the paragraph as one text")
        return None
    return [_squash(_text(item)) for item in value]


def _load_notes(path: Path, article: Article, problems: Problems) -> list[dict]:
    items, lines = _load_list(path, problems)
    by_id = {p.id: p for p in article.paragraphs}
    notes = []
    for index, item in enumerate(items):
        line = lines.line(index)
        if not _check_fields(item, ("paragraph", "anchor", "type", "text"), (), path, line, f"note {index + 1}", problems):
            continue
        item = {k: _text(v) for k, v in item.items()}
        para = by_id.get(item["paragraph"])
        if para is None:
            problems.add(path, line, f"note {index + 1}: paragraph '{item['paragraph']}' does not exist in zh.txt (write p1–p{len(by_id)})")
        elif item["anchor"] not in para.text:
            problems.add(path, line, f"note {index + 1}: anchor '{item['anchor']}' does not occur in paragraph {para.id}")
        elif item["type"] not in ("language", "context"):
            problems.add(path, line, f"note {index + 1}: type '{item['type']}' must be 'language' or 'context'")
        else:
            notes.append({**item, "text": _squash(item["text"])})
    return notes


def _load_quotes(path: Path, article: Article, problems: Problems) -> list[dict]:
    items, lines = _load_list(path, problems)
    quotes, seen = [], set()
    for index, item in enumerate(items):
        line = lines.line(index)
        required = ("id", "zh", "en", "speaker", "date", "occasion", "why")
        if not _check_fields(item, required, ("paragraph", "reported"), path, line, f"quote {index + 1}", problems):
            continue
        reported = item.pop("reported", False)   # true: the source reports the words, it does not quote them
        item = {k: _text(v) for k, v in item.items() if v is not None}
        where = [p.id for p in article.paragraphs if item["zh"] in p.text]
        named = item.get("paragraph")            # where the speaker says it, when the words occur more than once
        if not where:
            problems.add(path, line, f"quote '{item['id']}': its Chinese is not a verbatim part of any paragraph of zh.txt: {_excerpt(item['zh'])}")
        elif item["id"] in seen or not SLUG.fullmatch(item["id"]):
            problems.add(path, line, f"quote '{item['id']}': id must be a unique slug")
        elif not ISO_DATE.fullmatch(item["date"]):   # the page shows it in <time>, which needs this format
            problems.add(path, lines.line(index, "date"), f"quote '{item['id']}': date '{item['date']}' must be written YYYY-MM-DD (or YYYY-MM, or YYYY)")
        elif not _real_date(item["date"]):
            problems.add(path, lines.line(index, "date"), f"quote '{item['id']}': date '{item['date']}' does not exist in the calendar")
        elif not isinstance(reported, bool):
            problems.add(path, lines.line(index, "reported"), f"quote '{item['id']}': 'reported' must be true or false (found {_kind(reported)})")
        elif named is not None and named not in where:
            found = f"does not exist in zh.txt (write p1–p{len(article.paragraphs)})" if named not in {p.id for p in article.paragraphs} else f"does not contain its Chinese (it occurs in {', '.join(where)})"
            problems.add(path, lines.line(index, "paragraph"), f"quote '{item['id']}': paragraph '{named}' {found}")
        elif named is None and len(where) > 1:
            problems.add(path, line, f"quote '{item['id']}': its Chinese occurs in {', '.join(where)}; add 'paragraph:' naming the one where the speaker says it")
        else:
            seen.add(item["id"])
            quotes.append({**{k: _squash(v) for k, v in item.items()}, "zh": item["zh"], "paragraph": named or where[0], "reported": reported,
                           "line": line})
    return quotes


def _real_date(text: str) -> bool:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` naming a real day, month or year (not 2024-02-30, 2024-13, 0000)."""
    parts = [int(part) for part in text.split("-")] + [1, 1]
    try:
        datetime.date(*parts[:3])
    except ValueError:
        return False
    return True


def _check_unique_quote_ids(articles: list[Article], problems: Problems) -> None:
    """Quote ids are the quotes page's anchors (#q-<id>), one page for every article."""
    seen: dict[str, tuple[Article, int]] = {}
    for article in articles:
        for quote in article.quotes:
            if quote["id"] in seen:
                other, line = seen[quote["id"]]
                problems.add(article.folder / "quotes.yaml", quote["line"], f"quote '{quote['id']}': id is already used by texts/{other.slug}/quotes.yaml (line {line}); quote ids must be unique across articles")
            seen.setdefault(quote["id"], (article, quote["line"]))


def _link_ok(path: Path, texts_dir: Path, problems: Problems, report: bool = True) -> bool:
    """Whether ``path`` is not a symbolic link, or one to a file or folder inside the project;
    a link outside it (its target would be published), to nothing, or in a loop is reported
    (``report=False``: an earlier call for the same path has reported it)."""
    problem = _link_problem(path, texts_dir)
    if problem and report:
        problems.add(path, None, problem)
    return problem is None


def _link_problem(path: Path, texts_dir: Path) -> str | None:
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return f"is a link to {path.readlink()}, which does not exist; remove the link or restore the file"
    except (OSError, RuntimeError):
        return "is a link that leads back to itself (a loop); remove it"
    if not any(target.is_relative_to(inside) for inside in (texts_dir.resolve().parent, texts_dir.resolve())):
        return f"is a link to {target}, outside the project, whose content would be published; copy the file into the project instead"
    return None


def _load_list(path: Path, problems: Problems):
    if not path.exists():
        return [], LineMap(None)
    data, lines = load_yaml(path, problems)
    if data is None:
        return [], LineMap(None)
    if not isinstance(data, list):
        problems.add(path, 1, f"the top level must be a list (found {_kind(data)})")
        return [], LineMap(None)
    return data, lines


def _check_fields(item, required, optional, path, line, label, problems) -> bool:
    if not isinstance(item, dict):
        problems.add(path, line, f"{label}: must be a mapping of fields (found {_kind(item)})")
        return False
    ok = True
    allowed = (*required, *optional)
    for key in item:
        if key not in allowed:
            problems.add(path, line, f"{label}: unknown field '{key}'{_did_you_mean(key, allowed)}")
            ok = False
    for key in required:
        value = item.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.add(path, line, f"{label}: missing '{key}'")
            ok = False
        elif not _is_text(value):
            problems.add(path, line, f"{label}: '{key}' must be text (found {_kind(value)})")
            ok = False
    return ok


# -- small helpers --------------------------------------------------------------



def _is_text(value) -> bool:
    """Text, or a YAML scalar an author means as text (a number, an unquoted date)."""
    return isinstance(value, (str, int, float, datetime.date)) and not isinstance(value, bool)


def _text(value) -> str:
    return (value.isoformat() if isinstance(value, datetime.date) else str(value)).strip()


def _entry_label(term: str) -> str:
    return f"'{term}'"


def _did_you_mean(key, choices) -> str:
    close = difflib.get_close_matches(str(key), list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(choices)})"


def _is_list_of_text(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _excerpt(text: str, size: int = 20) -> str:
    return text if len(text) <= size else text[:size] + "…"
