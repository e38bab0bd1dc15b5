"""One annotated corpus per process, shared by every MkDocs build in it.

``scripts/build_site.py`` builds the offline bundle and the hosted site in one
Python process, one MkDocs build after the other; MkDocs loads the hook afresh
for each, but this module stays imported, so the second build gets the corpus
the first one annotated (the site, the offline bundle, the search records and the
downloads all come from one annotation pass), and the word lists and decks
(``downloads``) the first one made from it.  Under ``mkdocs serve`` a rebuild
likewise re-annotates only the articles whose files changed, as long as the
glossary and our word data are unchanged.

A corpus is reused only when nothing it was built from has changed: every file
under ``texts/``, ``glossary.yaml`` and ``scripts/zhreader/data/`` (path, size,
modification time) and the code of ``zhreader`` itself.
"""

from __future__ import annotations

import threading
from pathlib import Path

from .corpus import Corpus
from .downloads import Downloads

_DATA = Path(__file__).parent / "data"
_CODE = Path(__file__).parent
_last: dict[Path, tuple[tuple, Corpus]] = {}   # root → ((fingerprints of texts, glossary, the rest), corpus)
_downloads: dict[Path, Downloads] = {}                 # root → the word lists of its last corpus
# Held while a corpus is made, and by whatever reads one in another thread (the search records
# that ``zhreader.live_search`` makes after a build): a new corpus teaches jieba's global
# tokenizer its glossary, which must not happen in the middle of another thread's cutting.
LOCK = threading.RLock()


def _stats(paths) -> tuple:
    out = []
    for path in sorted(paths):
        try:
            st = path.stat()
        except OSError:
            continue
        out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


def fingerprints(root: Path) -> tuple[tuple, tuple, tuple]:
    """(the articles' files, the glossary, everything else the annotation depends on)."""
    texts = _stats(p for p in (root / "texts").rglob("*") if p.is_file()) if (root / "texts").is_dir() else ()
    rest = _stats([*_DATA.rglob("*"), *_CODE.glob("*.py"), *_CODE.glob("templates/*")])
    return texts, _stats([root / "glossary.yaml"]), rest


def corpus(root: Path) -> Corpus:
    """The corpus of ``root``: the one this process last built when nothing changed, else a new one.

    After an edit to articles only, the new corpus takes the earlier annotation of every
    article whose sources are unchanged (``Corpus(reuse=…)``); after an edit to the glossary
    only, the earlier glossary's unchanged entries (``Corpus(glossary_before=…)``).
    """
    with LOCK:
        return _corpus(root.resolve())


def _corpus(root: Path) -> Corpus:
    texts, glossary, rest = fingerprints(root)
    hit = _last.get(root)
    if hit and hit[0] == (texts, glossary, rest):
        return hit[1]
    reuse = hit[1] if hit and hit[0][1:] == (glossary, rest) else None
    before = hit[1].glossary if hit and reuse is None and hit[0][2] == rest else None
    fresh = Corpus(root, reuse=reuse, glossary_before=before)
    _last[root] = ((texts, glossary, rest), fresh)
    return fresh


def downloads(corpus: Corpus) -> Downloads:
    """The word lists and decks of ``corpus``: one ``Downloads`` per corpus, so both builds share them."""
    made = _downloads.get(corpus.root)
    if made is None or made.corpus is not corpus:
        made = _downloads[corpus.root] = Downloads(corpus)
    return made
