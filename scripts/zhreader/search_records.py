"""Search records for Pagefind: one per article (its paragraphs as parts), one per glossary entry.

The hosted site searches with Pagefind, fed by these records (``PagefindIndex.add_custom_record``)
rather than by a crawl of the HTML, so it indexes exactly our words:

- the words are jieba's, with our dictionary (``segment``): the record's text is given as its
  words separated by spaces, in an index language Pagefind neither segments nor stems
  (``LANGUAGE``; for ``zh`` it would cut the text again with its own dictionary, and the browser
  would cut queries with ``Intl.Segmenter``, which splits 芯片 into 芯 片);
- after the words readers see comes, behind ``BOUNDARY``, what only the index needs: groups of a
  word as shown and its other names (its sub-words, ``searchterms.split_compound``: 模型 finds
  大模型; for a glossary term its other Chinese forms, their traditional spellings and its toneless
  pinyin; for text in traditional characters its simplified spelling).

Pagefind's own excerpt would show that index-only tail, so the search page (docs/assets/search.js)
builds its own: it shows only the words before ``BOUNDARY`` (an original space is ``SPACE``), and
a hit in a group (``GROUP``, the word as shown, then its names) marks that word in the sentence.
A group's first word carries weight 0: it is there to be found by the page, not to count twice.

Glossary records put the term, its forms and pinyin first, at the highest weight, so an exact term
comes before the paragraphs that use it; ``meta.title`` reads "水印 shuǐyìn — watermark".

``query_words`` lists the Chinese words of the index (and the pinyin of glossary terms, joined):
the page cuts an unspaced query (大模型训练) into them before Pagefind sees it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import resource
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import cache, script
from .glossary import Entry, Glossary, has_han, traditional_spellings
from .glossary_index import entry_page
from .searchterms import _PURE_HAN, split_compound, toneless_pinyin
from .segment import Token

LANGUAGE = "cmn"            # not zh/ja/th: Pagefind segments those itself, in the index and in queries
SPACE = "\u2423"            # ␣ a space of the original text
BOUNDARY = "\u2042"         # ⁂ the text readers see ends here
GROUP = "\u00a6"            # ¦ a group: the word as shown (weight 0), then its index-only names
JOIN = "\u2040"             # ⁀ two Latin words written without a space between them
ENGLISH = "\u2016"          # ‖ the paragraph's English translation follows (shown when it has the hit)
PART = "\u00b6"             # ¶ an article record's next part: its title first, then paragraph 1, 2 …
MARKERS = (SPACE, BOUNDARY, GROUP, JOIN, ENGLISH, PART)
TERM_WEIGHT = 10            # a glossary record's term, forms and pinyin (Pagefind's maximum)
NAME_WEIGHT = 5             # its English rendering and alternatives
SUB_WEIGHT = 0.5            # a sub-word (模型 of 大模型) counts for less than the word itself
OUTPUT = "pagefind"         # the index, under the site folder
WORDS = "search/words"      # the query cutter's words (a folder of files), under the site folder
SHARDS = 64                 # its Chinese words in this many files: docs/assets/search.js has the same number
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


@dataclass
class Record:
    url: str                  # relative to the site's root, with its #fragment
    content: str
    meta: dict[str, str] = field(default_factory=dict)

    def as_api_args(self) -> dict:
        # No Pagefind filters: its filter index is written in a different order on each run
        # (Pagefind issue #638), which would make two builds of the same site differ. What a
        # result is (glossary entry, article title, paragraph) follows from its URL instead.
        return {"url": self.url, "content": self.content, "language": LANGUAGE, "meta": self.meta}


# -- text as Pagefind reads it ---------------------------------------------------

_SPACES, _HAS_SPACE = re.compile(r"\s+"), re.compile(r"\s")


def shown_words(tokens: Iterable[str]) -> list[str]:
    """The words readers see, as record words, from which ``shown_text`` gives the text back.

    Words are joined without a space, except two Latin words (letters or digits at the
    junction), which are joined with one: jieba's whitespace tokens are dropped there.  Any
    other space is a ``SPACE`` word, and two Latin words with no space between are ``JOIN``ed.
    """
    parts: list[str] = []          # words and " " for a run of whitespace
    for token in tokens:
        clean = _clean(token)
        for i, part in enumerate(_SPACES.split(clean) if _HAS_SPACE.search(clean) else (clean,)):
            if i and parts and parts[-1] != " ":
                parts.append(" ")
            if part:
                parts.append(part)
    words: list[str] = []
    for i, part in enumerate(parts):
        before = words[-1] if words else ""
        if part == " ":
            after = parts[i + 1] if i + 1 < len(parts) else ""
            if not (_latin_end(before) and _latin_start(after)):
                words.append(SPACE)
            continue
        if _latin_end(before) and _latin_start(part) and parts[i - 1] != " ":
            words.append(JOIN)
        words.append(part)
    while words and words[-1] == SPACE:
        words.pop()
    return words


def _latin_start(word: str) -> bool:
    return bool(word) and word not in MARKERS and word[0].isalnum() and not has_han(word[0])


def _latin_end(word: str) -> bool:
    return bool(word) and word not in MARKERS and word[-1].isalnum() and not has_han(word[-1])


_MARKERS_AS_SPACES = str.maketrans({marker: " " for marker in MARKERS})


def _clean(text: str) -> str:
    # The markers are ours; should one ever occur in a text, it is read as a space.
    return text.translate(_MARKERS_AS_SPACES)


def weighted(words: Iterable[str], weight: float) -> list[str]:
    words = [w for w in words if w]
    return [f"___PAGEFIND_WEIGHT___{weight:g}", *words, "___END_PAGEFIND_WEIGHT___"] if words else []


def group(shown: str, names: Iterable[str], weight: float = 1) -> list[str]:
    """A hidden group: the word as shown (weight 0), then its other names."""
    names = [n for n in _unique(names) if n != shown]
    return [GROUP, *weighted([shown], 0), *weighted(names, weight)] if names else []


def shown_text(content: str) -> str:
    """What readers see of a record's content, or of an article record's part (``record_parts``);
    docs/assets/search.js does the same."""
    words = [w for w in content.split(" ") if w != PART]
    for marker in (BOUNDARY, ENGLISH):
        if marker in words:
            words = words[: words.index(marker)]
    out, before = [], ""
    for word in words:
        if word == SPACE:
            out.append(" ")
        elif word != JOIN:
            if _latin_end(before) and _latin_start(word):
                out.append(" ")
            out.append(word)
        before = word
    return "".join(out)


# -- paragraphs ---------------------------------------------------------------------

def paragraph_content(tokens: list[Token], glossary: Glossary, english: str = "") -> str:
    """The paragraph's words, its English (after ``ENGLISH``), then its index-only groups."""
    words = shown_words(t.text for t in tokens)
    if english.strip():
        words += [ENGLISH, *english.split()]
    hidden: list[str] = []
    done: set[str] = set()
    for token in tokens:
        text = token.text
        if text in done or not has_han(text):
            continue
        done.add(text)
        simplified = script.to_simplified(text)
        names = [simplified] if simplified != text else []
        if token.entry_id:
            names += _other_names(glossary.by_id[token.entry_id])
        parts = [script.to_simplified(p) for p in token.parts if p.strip()] if token.parts and not token.name else []
        for part in parts:               # a compound's glossary parts by their other names (duanshipin)
            if (entry := glossary.entry_for(part)) is not None:
                names += _other_names(entry)
        hidden += group(text, names)
        # A compound's own parts and their cuts (短视频|行业: 行业, 短视频 and 视频 find it), else the
        # dictionary's cut (大模型: 模型).
        cut = (tuple(parts) + tuple(piece for part in parts for piece in split_compound(part) or ())) if parts \
            else tuple(script.to_simplified(p) for p in token.parts if p.strip()) if token.parts else split_compound(simplified)
        if cut:
            hidden += group(text, cut, SUB_WEIGHT)
    return " ".join(words + ([BOUNDARY, *hidden] if hidden else []))


def _other_names(entry: Entry) -> list[str]:
    # Chinese spellings and pinyin only: Latin aliases (OpenAl, Open AI) would make short
    # English queries ("ai") find every paragraph that names the company (as in searchterms).
    names = [form for form in entry.forms if _PURE_HAN.match(form)]
    names += [t for form in list(names) for t in traditional_spellings(entry, form)]
    names += entry.traditional
    if entry.pinyin:
        names += toneless_pinyin(entry.pinyin)
    return [n for n in _unique(names) if " " not in n]


def article_record(article, tokens_by_paragraph: dict[str, list[Token]], page_url: str,
                   glossary: Glossary) -> Record:
    """One record for ``article``, linking ``page_url``: its parts, each behind ``PART``.

    The first part is the title (and its English), then one per paragraph in order (``p1``,
    ``p2`` …), each as ``paragraph_content`` (so 模型 and ``damoxing`` find a title with 大模型).  The page finds which parts a hit's word
    locations fall in and shows those paragraphs under the article.  One record per article,
    not per paragraph: the phone's search time grows with the number of records a word is in
    (at 1,000 articles, 模型 was in tens of thousands of paragraph records).
    """
    title_en = article.title_en if article.title_en != article.title else ""
    parts = [paragraph_content(_title_tokens(article, tokens_by_paragraph), glossary, _clean(title_en))]
    translation = (article.translation or {}).get("paragraphs", {})
    for para in article.paragraphs:
        english = translation.get(para.id) or ""
        if isinstance(english, list):            # one item per Chinese sentence
            english = " ".join(english)
        parts.append(paragraph_content(tokens_by_paragraph[para.id], glossary, _clean(english)))
    # One space between words, never two: the page counts words by splitting on a single space,
    # Pagefind on any whitespace (a part with no words, a paragraph of marker characters, would shift them).
    # The title for the results list travels in the record's own data (``meta.article``, not
    # indexed: the first part has it), fetched with the result: nothing the page loads grows
    # with the number of articles.
    return Record(url=page_url, content=" ".join(w for part in parts for w in (PART, part) if w),
                  meta={"article": article.title})


def record_parts(content: str) -> list[str]:
    """An article record's parts: the title, then its paragraphs (as search.js reads them)."""
    return [part.strip() for part in content.split(PART)[1:]]


def _title_tokens(article, tokens_by_paragraph) -> list[Token]:
    # The title is cut like the text; its tokens come with the corpus when it gives them.
    return tokens_by_paragraph.get("title") or [Token(article.title)]


# -- glossary -------------------------------------------------------------------------

def entry_title(entry: Entry) -> str:
    """How a glossary result reads: 水印 shuǐyìn — watermark."""
    return " ".join(filter(None, [entry.term, entry.pinyin])) + f" — {entry.en}"


def entry_content(entry: Entry, segment) -> str:
    """Visible: the definition; hidden: the term's names at the highest weights."""
    definition = entry.senses[0].definition if entry.senses and not entry.definition else entry.definition
    words = shown_words(segment(definition))
    forms = _unique([*entry.forms, *entry.restricted, *entry.with_version, *entry.traditional,
                     *(t for form in entry.forms for t in traditional_spellings(entry, form))])
    pinyin = toneless_pinyin(entry.pinyin) if entry.pinyin else []
    spaced = [w for variant in pinyin if " " in variant for w in variant.split()]
    term_words = [w for form in forms for w in form.split()] + [p for p in pinyin if " " not in p] + spaced
    english = [entry.en, *entry.alternatives, *(s.en for s in entry.senses)]
    english_words = [w for name in english for w in name.split()]
    subs = [piece for form in forms for piece in (split_compound(script.to_simplified(form)) or ())]
    # Three groups, each headed by the term: its names (the first group: what "the term" means
    # to the page, which puts an entry named exactly as the query first), English, sub-words.
    hidden = [GROUP, *weighted([entry.term], 0), *weighted(_unique(term_words), TERM_WEIGHT)]
    for names, weight in ((english_words, NAME_WEIGHT), (subs, SUB_WEIGHT)):
        if names:
            hidden += [GROUP, *weighted([entry.term], 0), *weighted(_unique(names), weight)]
    return " ".join(words + [BOUNDARY, *hidden])


def glossary_records(glossary: Glossary, page_url: Callable[[Entry], str], segment) -> list[Record]:
    """A record per entry, leading to the entry in full: ``page_url`` gives its letter's page."""
    return [glossary_record(entry, page_url(entry), segment) for entry in glossary.entries]


def glossary_record(entry: Entry, page_url: str, segment, memo: cache.Memo | None = None) -> Record:
    """``memo`` (``records_memo``) keeps each entry's content between builds, by what it is made of."""
    content = memo.get(_content_key(entry), lambda: entry_content(entry, segment)) if memo is not None \
        else entry_content(entry, segment)
    return Record(url=f"{page_url}#{entry.id}", content=content, meta={"title": entry_title(entry)})


def records_memo(segmenter) -> cache.Memo:
    """The glossary records' contents, kept between builds (a rebuild made all 7,458 anew: 2.6 s):
    they depend on the entries (the key), on how definitions are cut (the segmenter's memos, whose
    names digest everything a cut depends on) and on this code, the search terms' and the scripts'."""
    from . import glossary as glossary_module, searchterms
    memos = [str(getattr(getattr(segmenter, name, None), "path", "")) for name in ("memo", "prose_memo")]
    return cache.Memo("glossary-records", memos, [Path(__file__), Path(searchterms.__file__), Path(script.__file__),
                                                   script.REGIONAL, Path(glossary_module.__file__)], limit=50_000)


def _content_key(entry: Entry) -> str:
    """Everything of ``entry`` its record's content is made of, digested."""
    made_of = (entry.term, entry.category, entry.pinyin, entry.en, tuple(entry.alternatives), entry.definition,
               tuple((s.en, s.definition) for s in entry.senses), tuple(entry.forms), tuple(entry.restricted),
               tuple(entry.with_version), tuple(entry.traditional))
    return hashlib.sha256(repr(made_of).encode("utf-8")).hexdigest()[:32]


# -- the query cutter's words ----------------------------------------------------------

def query_words(records: list[Record], glossary: Glossary) -> dict:
    """``{"zh": [...], "pinyin": [...]}``: every Chinese word of the index (two characters or more),
    and the toneless pinyin of every glossary term of two syllables or more, joined: the page
    searches ``da moxing`` as ``damoxing``.

    ``zh`` is in the order of JavaScript's string comparison (UTF-16 code units, which differs
    from code points past U+FFFF): the page looks words and their beginnings up by binary search
    in it, with no set to build on a phone first."""
    zh = {word for record in records for word in record.content.split(" ")
          if len(word) > 1 and _PURE_HAN.match(word)}
    pinyin = {variant for entry in glossary.entries if entry.pinyin
              for variant in toneless_pinyin(entry.pinyin) if " " not in variant and len(entry.pinyin.split()) > 1}
    return {"zh": sorted(zh, key=utf16_order), "pinyin": sorted(pinyin)}


def word_files(words: dict) -> dict[str, list[str]]:
    """The query words as the page fetches them: ``pinyin.json``, and the Chinese words in
    ``SHARDS`` files by their first character (``<n>.json``, n = its code point modulo ``SHARDS``;
    each in the page's string order, every file written even when empty).  A query fetches only
    the files of its own characters: a few kilobytes whatever the number of articles, where one
    file of every word of 1,000 articles would be hundreds."""
    files: dict[str, list[str]] = {f"{n}.json": [] for n in range(SHARDS)}
    for word in words["zh"]:
        files[f"{ord(word[0]) % SHARDS}.json"].append(word)
    files["pinyin.json"] = words["pinyin"]
    return files


def utf16_order(text: str) -> bytes:
    """A sort key that orders strings as JavaScript's ``<`` does."""
    return text.encode("utf-16-be", "surrogatepass")


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


# -- writing --------------------------------------------------------------------------

def write_index(records: list[Record], glossary: Glossary, site_dir: Path, wait: Callable[[], bool] | None = None) -> dict:
    """Write the Pagefind index into ``site_dir/pagefind`` and the query words; return sizes.

    An index of the very records of an earlier build is taken from the cache folder
    (``KEPT_INDEXES`` of them, by a digest of the records and Pagefind's version): Pagefind
    writes the same files for the same records (our reproducibility gate checks it), and
    indexing 6,000 glossary entries takes seconds that a rebuild with no text changed spared.

    ``wait``: while it says so, no more records go to the indexer (``live_search``: an index
    written in the background leaves the machine to the build an author waits for).
    """
    out = site_dir / OUTPUT
    if out.exists():
        shutil.rmtree(out)
    kept = _kept_index(records)
    indexer_cpu = 0.0
    if kept.is_dir():
        link_tree(kept, out)
        os.utime(kept)                             # recently used: kept longest
    else:
        before = _children_cpu()
        _run(_write(records, out, wait))
        indexer_cpu = _children_cpu() - before     # the Pagefind process (our only child), once it has exited
        for unused in UNUSED:                      # Pagefind's own search UIs: we have ours
            (out / unused).unlink(missing_ok=True)
        _keep_index(out, kept)
    words = site_dir / WORDS
    if words.exists():
        shutil.rmtree(words)
    words.mkdir(parents=True)
    for name, data in word_files(query_words(records, glossary)).items():
        (words / name).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {"records": len(records), "bytes": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()),
            "indexer_cpu": indexer_cpu}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


KEPT_INDEXES = 2


def _kept_index(records: list[Record]) -> Path:
    from importlib import metadata

    digest = hashlib.sha256(f"pagefind {metadata.version('pagefind')}\0{sorted(UNUSED)}\0".encode())
    for record in records:
        digest.update(json.dumps(record.as_api_args(), ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\0")
    return cache.CACHE_DIR / f"pagefind-{digest.hexdigest()[:16]}"


def _keep_index(out: Path, kept: Path) -> None:
    """A copy of the index just written, for a build of the same records (at most ``KEPT_INDEXES``)."""
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{kept.name}-", dir=kept.parent))
        link_tree(out, scratch / "index")
        os.replace(scratch / "index", kept)          # whole or not at all (another build may race)
        shutil.rmtree(scratch, ignore_errors=True)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True) if "scratch" in locals() else None
        return
    others = sorted(kept.parent.glob("pagefind-*"), key=cache._mtime, reverse=True)
    for old in others[KEPT_INDEXES:]:
        shutil.rmtree(old, ignore_errors=True)


def link_tree(source: Path, target: Path) -> None:
    """``source`` copied to ``target`` as hard links where it can (index files are never changed in place)."""
    def link(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
    shutil.copytree(source, target, copy_function=link)


def _run(coroutine):
    """``asyncio.run``, also from a thread that already runs an event loop (then in a thread of its own)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _write(records: list[Record], out: Path, wait: Callable[[], bool] | None = None) -> None:
    service = await _service_class()().launch()
    try:
        index = await service.create_index({"output_path": str(out)})
        for start in range(0, len(records), 256):     # many requests in flight, not one at a time
            while wait is not None and wait():
                await asyncio.sleep(0.05)
            await asyncio.gather(*(index.add_custom_record(**r.as_api_args()) for r in records[start:start + 256]))
        await index.write_files(str(out))
    finally:
        await service.close()


def _service_class():
    """Pagefind's Python service, reading its answers as they come.

    ``PagefindService`` sleeps 0.1 s before reading each answer of the indexer, so
    records went in at ten a second (90 s for 900); this reads them without the pause.
    """
    import base64

    from pagefind.service import PagefindService

    class Service(PagefindService):
        async def _wait_for_responses(self) -> None:
            while True:
                try:
                    output = await self._backend.stdout.readuntil(b",")
                except asyncio.IncompleteReadError:
                    return
                answer = json.loads(base64.b64decode(output[:-1]))
                future = self._responses.get((answer or {}).get("message_id"))
                if future is None or future.done():
                    continue
                payload = answer["payload"]
                if payload.get("type") == "Error":
                    future.set_exception(RuntimeError(f"Pagefind: {payload.get('message')}"))
                else:
                    future.set_result(payload)

    return Service


# The last records of each article and of the glossary, in this process: a rebuild under
# ``mkdocs serve`` computes only the edited article's.  The corpus keeps an unchanged article's
# annotation as the same object (``Corpus(reuse=…)``, only while the glossary, our data and code
# are unchanged); the glossary's records are kept while its entries and the segmenter's memo
# (whose name digests everything a segmentation depends on) are the same.
_made: dict = {}


def corpus_records(corpus, page_urls: dict[str, str]) -> list[Record]:
    """Every record of the site: each article's paragraphs, then the glossary's entries.

    ``page_urls`` maps a generated page (``articles/<slug>.md``, ``glossary/a.md``) to its URL.
    """
    made: dict = {}
    records: list[Record] = []
    for item in corpus.articles:
        key = (id(item), page_urls[item.page_path])
        kept = _made.get(key)
        if kept is None or kept[0] is not item:
            tokens = {**item.tokens, "title": corpus.segmenter.segment_text(item.article.title, item.article.slug)}
            kept = (item, article_record(item.article, tokens, page_urls[item.page_path], corpus.glossary))
        made[key] = kept
        records.append(kept[1])
    key = ("glossary", str(getattr(getattr(corpus.segmenter, "memo", None), "path", id(corpus.glossary))),
           tuple(sorted((page, url) for page, url in page_urls.items() if page.startswith("glossary"))))
    kept = _made.get(key)
    if kept is None or kept[0] != corpus.glossary.entries:
        # After a glossary edit that changed no form (the key's memo is the same), an unchanged
        # entry is the same object (glossary.load_glossary): its record is taken as it was.
        earlier = {id(record_of[0]): record_of for record_of in kept[1]} if kept is not None else {}
        made_now = []
        memo = records_memo(corpus.segmenter)
        for entry in corpus.glossary.entries:
            url = page_urls[entry_page(entry)]
            found = earlier.get(id(entry))
            if found is None or found[0] is not entry or found[1].url != f"{url}#{entry.id}":
                found = (entry, glossary_record(entry, url, corpus.segmenter.segment_prose, memo))
            made_now.append(found)
        kept = (corpus.glossary.entries, made_now)
        corpus.segmenter.save()     # the definitions' Chinese cuts too (the corpus saved its own before)
        memo.save()
    made[key] = kept
    _made.clear()
    _made.update(made)
    return records + [record for _, record in kept[1]]
