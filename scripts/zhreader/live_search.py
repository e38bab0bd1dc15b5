"""The search index under ``mkdocs serve``: written after the rebuilt pages are served.

Pagefind has no incremental update: any edit means indexing every record again, which at 300
articles takes far longer than the 2 s an author should wait for the page they edited (issue 14).
Under ``mkdocs serve`` (``hook.on_startup``) a rebuild therefore ends without it:

- ``on_post_build`` puts the last complete index into the fresh site folder (hard links, at once),
  so search keeps working, without the edit, and hands this build's records to a worker thread;
- the worker writes the new index outside the site folder, then swaps it in: the new ``pagefind/``
  is linked beside the old one and the two exchanged with one ``renameat2(RENAME_EXCHANGE)``, and
  the query words' folder ``search/words/`` likewise, so a request never finds half an index.
  While MkDocs builds (``build_started`` … ``build_done``: it cleans the folder, and at the end the
  service worker's list digests every file) nothing is swapped in; ``build_finished`` links the
  newest index instead.  Edits made while the worker
  runs are indexed together in its next round (only the newest records are ever written).
- The page (docs/assets/search.js) loads the index again when the one it loaded is gone (a
  chunk of the old index no longer exists) or ``pagefind-entry.json`` changed.

The first build of a ``mkdocs serve`` and every other build (``mkdocs build``, ``make build``)
write the index in the build, as before: their output is unchanged.
"""

from __future__ import annotations

import atexit
import ctypes
import errno
import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from . import cache
from .search_records import OUTPUT, WORDS, link_tree, write_index

log = logging.getLogger("mkdocs.plugins.scripts.hook")   # beside the hook's own messages
_command = "build"     # the MkDocs command of this process (hook.on_startup)


def set_command(command: str) -> None:
    global _command
    _command = command


def deferred() -> bool:
    """Whether this process writes the index after the build (``mkdocs serve``, once an index exists)."""
    return _command == "serve" and _writer.latest is not None


def build_started() -> None:
    """A MkDocs build starts (``on_config``): it is about to clean the site folder."""
    _writer.set_building(True)


def build_finished(records, glossary, site_dir: Path) -> dict:
    """Under ``mkdocs serve``: link the last index into ``site_dir``, write the new one in the background.

    ``records``: the records, or a function that makes them, called in the background too (after
    a glossary edit, cutting every definition again takes seconds).  The first call writes the
    index here and now (a served site always has an index).  Returns the sizes ``write_index``
    gives, of the index linked now.
    """
    return _writer.finished(records if callable(records) else (lambda made=list(records): made), glossary, Path(site_dir))


def build_done() -> None:
    """The build has written everything (``on_post_build``): the worker may swap a newer index in."""
    _writer.set_building(False)


def wait_idle(timeout: float | None = None) -> bool:
    """Wait until the worker has written and swapped in the newest index (for tests)."""
    return _writer.wait_idle(timeout)


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders in one step (Linux); elsewhere two renames, with a moment without ``b``."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        if renameat2(-100, os.fsencode(a), -100, os.fsencode(b), 2) == 0:   # AT_FDCWD, RENAME_EXCHANGE
            return
        error = ctypes.get_errno()
        if error not in (errno.ENOSYS, errno.EINVAL):
            raise OSError(error, os.strerror(error), str(a))
    except AttributeError:
        pass
    aside = b.with_name(b.name + ".old-swap")
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)


class _Writer:
    def __init__(self):
        self._lock = threading.Condition()
        self.latest: Path | None = None   # the newest complete index: <dir>/pagefind, <dir>/search/words/
        self._latest_sizes: dict = {}
        self._wanted: tuple | None = None  # (what makes the records, glossary, site_dir) not yet indexed
        self._site_dir: Path | None = None
        self._building = False
        self._busy = False
        self._scratch: Path | None = None
        self._round = 0
        self._installed: Path | None = None   # the index now in the site folder

    def set_building(self, building: bool) -> None:
        with self._lock:
            self._building = building
            self._lock.notify_all()
            if not building and self.latest is not None and self._site_dir is not None and self._installed != self.latest:
                self._install(self.latest, self._site_dir)    # written while the build ran

    def finished(self, records, glossary, site_dir: Path) -> dict:
        with self._lock:
            self._site_dir = site_dir
            first = self.latest is None or _command != "serve"
            if not first:
                if self._installed != self.latest or not (site_dir / OUTPUT).is_dir():   # a dirty build keeps it
                    self._install(self.latest, site_dir)
                self._wanted = (records, glossary, site_dir)
                if not self._busy:
                    self._busy = True
                    threading.Thread(target=self._work, name="zhreader-search-index", daemon=True).start()
                return self._latest_sizes
        sizes = write_index(records(), glossary, site_dir)
        if _command == "serve":
            with self._lock:
                self.latest = self._installed = self._keep(site_dir)
                self._latest_sizes = sizes
        return sizes

    def _keep(self, site_dir: Path) -> Path:
        """A linked copy of the index in ``site_dir`` (caller holds the lock), kept outside the site."""
        if self._scratch is None:
            # In our cache folder, on the project's disk: the system's temp folder may be another
            # filesystem (no hard links to the site) or a slow one (a file there took 15× as long).
            cache.CACHE_DIR.mkdir(parents=True, exist_ok=True)
            self._scratch = Path(tempfile.mkdtemp(prefix="search-scratch-", dir=cache.CACHE_DIR))
            atexit.register(shutil.rmtree, self._scratch, True)
        self._round += 1
        keep = self._scratch / f"index-{self._round}"
        for folder in (OUTPUT, WORDS):
            link_tree(site_dir / folder, keep / folder)
        return keep

    def _work(self) -> None:
        while True:
            with self._lock:
                # An author waits for the build, not for the index: none is started while one runs,
                # and one under way sends no more records to Pagefind until it is done.
                self._lock.wait_for(lambda: not self._building)
                if self._wanted is None:
                    self._busy = False
                    self._lock.notify_all()
                    return
                records, glossary, _ = self._wanted
                self._wanted = None
                self._round += 1
                out = self._scratch / f"index-{self._round}"
            start = time.perf_counter()
            try:
                sizes = write_index(records(), glossary, out, wait=lambda: self._building)
            except Exception as error:      # keep serving the last index; say why
                log.warning(f"search index (Pagefind), written after the build: {error}")
                shutil.rmtree(out, ignore_errors=True)
                continue
            with self._lock:
                old, self.latest, self._latest_sizes = self.latest, out, sizes
                installed = not self._building and self._site_dir is not None and self._site_dir.is_dir()
                if installed:
                    self._install(out, self._site_dir)
            log.info(f"search index: {sizes['records']} records, written {time.perf_counter() - start:.1f} s after "
                     f"the build{' and swapped in' if installed else ''}")
            with self._lock:
                if old is not None and old != out:
                    shutil.rmtree(old, ignore_errors=True)

    def _install(self, index: Path, site_dir: Path) -> None:
        """Put ``index`` into ``site_dir`` (caller holds the lock): one exchange per folder."""
        for folder in (OUTPUT, WORDS):
            target = site_dir / folder
            staged = target.with_name(f".{target.name}-new")
            shutil.rmtree(staged, ignore_errors=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            link_tree(index / folder, staged)
            if target.exists():
                _exchange(staged, target)
                shutil.rmtree(staged, ignore_errors=True)
            else:
                os.rename(staged, target)
        self._installed = index

    def wait_idle(self, timeout: float | None) -> bool:
        with self._lock:
            return self._lock.wait_for(lambda: not self._busy and self._wanted is None, timeout)


_writer = _Writer()
