"""Under ``mkdocs serve --dirty``: rebuild only the outputs an edit can have changed.

A dirty MkDocs build skips a page or file whose ``File.is_modified()`` is false, but a
generated file (all of ours are) always counts as modified, so every edit rebuilt the
whole site: at 300 articles, half a minute before an author saw one changed title
(issue 14 asks for 2 s).  ``Outputs`` remembers what each generated file of the last
complete build in this process was made from:

- an article's page, word list, deck and popup data: its annotated article
  (``corpus.Corpus`` keeps the same object while the article's sources, the glossary,
  our data and code are unchanged) and its URL; such a file is not even rendered again;
- any other generated file (glossary, lists, quotes): a digest of its full content;

together with the context every page shares (``context``: the configuration, the theme
overrides, the docs folder's pages, the navigation's pages).  When the file was made
from the same thing, in the same context, and is still in the site folder, it is marked
unmodified and MkDocs leaves it as it is.  Pages of the docs folder (the home page lists
the articles) and ``sw.js`` (stamped by every build) are always written again.

Only dirty builds are changed (``set_dirty``, from ``on_startup``): otherwise MkDocs
cleans the site folder first and every file is written.  Memory is per site folder and
taken at the start of a build, given back only when it completes: after a failed build
everything is written again.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import jinja2

_dirty = False
_memory: dict[str, tuple[str, dict[str, object]]] = {}   # site folder → (context, {output path: made from})
_MISSING = object()


def set_dirty(dirty: bool) -> None:
    """Whether this process's builds are dirty (``mkdocs serve --dirty``; MkDocs says so once, at start-up).

    MkDocs then warns at every rebuild that a dirty build "will likely lead to inaccurate
    navigation and other links": not so here (this module rebuilds what an edit changes and
    the navigation's pages always), so that warning is left out of an author's terminal.
    """
    global _dirty
    _dirty = bool(dirty)
    builds = logging.getLogger("mkdocs.commands.build")
    if _dirty and _DIRTY_WARNING not in builds.filters:
        builds.addFilter(_DIRTY_WARNING)
    elif not _dirty:
        builds.removeFilter(_DIRTY_WARNING)


class _DirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


_DIRTY_WARNING = _DirtyWarning()


def digest(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


def context(config_file: str, overrides: Path | None, docs: Path, shared_pages: dict[str, str]) -> str:
    """A digest of what every page shows besides its own content.

    The configuration file, the theme's override templates and the docs folder's files
    (path, size, modification time), and the content of the generated pages that are in
    the navigation (``shared_pages``: path → content; their titles are in every page).
    """
    parts = []
    for path in [Path(config_file), *sorted(p for root in (overrides, docs) if root and root.is_dir()
                                             for p in root.rglob("*") if p.is_file())]:
        try:
            st = path.stat()
        except OSError:
            continue
        parts.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}")
    parts += [f"{path}\0{digest(text)}" for path, text in sorted(shared_pages.items())]
    return digest("\n".join(parts))


class Outputs:
    """One build's generated files, and which of them the last build already wrote."""

    def __init__(self, site_dir: str, context: str):
        self.site_dir = site_dir
        last = _memory.pop(site_dir, None)      # given back by ``finish``: not after a failed build
        self._before = last[1] if _dirty and last is not None and last[0] == context else {}
        self._before_all = last[1] if last is not None else {}
        self._context = context
        self._now: dict[str, object] = {}

    def unchanged(self, file, made_from) -> bool:
        """Whether the last build wrote ``file`` from ``made_from`` and it is still there.

        Then the file is marked unmodified (a dirty build leaves it as it is) and the caller
        need not render it.  ``made_from`` is compared with ``==`` (a tuple holding the same
        annotated article object compares it by identity first: found at once).
        """
        self._now[file.abs_dest_path] = made_from
        before = self._before.get(file.abs_dest_path, _MISSING)
        if before is _MISSING or before != made_from:
            return False
        if not os.path.isfile(file.abs_dest_path):
            return False
        file.is_modified = _unmodified
        return True

    def remove_stale(self) -> None:
        """Delete what the last build wrote and this one did not (an article taken out has no page)."""
        if not _dirty:
            return
        site = Path(self.site_dir).resolve()
        for path in self._before_all.keys() - self._now.keys():
            try:
                os.remove(path)
                folder = Path(path).parent.resolve()
                while folder != site and site in folder.parents and not any(folder.iterdir()):
                    folder.rmdir()
                    folder = folder.parent
            except OSError:
                pass

    def finish(self) -> None:
        """The build completed: remember its files for the next one."""
        _memory[self.site_dir] = (self._context, self._now)


def always_written(file) -> None:
    """A file every build writes again (its source may be older than the output, which was changed since)."""
    file.is_modified = _modified


def _unmodified() -> bool:
    return False


def _modified() -> bool:
    return True


_listings: dict[tuple, list[str]] = {}


def keep_theme_listing(theme) -> None:
    """Keep the theme's list of static files between dirty builds (MkDocs lists Material's
    14,000 files, icons included, and matches each against its patterns on every rebuild).

    The list is taken again when a theme folder's own entry or any file under the custom
    folder (``overrides/``, where an author may add one) changed.
    """
    if not _dirty or getattr(theme.get_env, "_keeps_listing", False):
        return
    make_env = theme.get_env

    def get_env():
        env = make_env()
        list_all = env.list_templates

        def list_templates(extensions=None, filter_func=None):
            if extensions is not None or getattr(filter_func, "__qualname__", "") != _THEME_FILTER:
                return list_all(extensions, filter_func)
            key = (tuple(theme.dirs), tuple(theme.static_templates), _tree_state(theme.custom_dir),
                   *(_entry_state(Path(folder)) for folder in theme.dirs))
            if key not in _listings:
                _listings.clear()
                _listings[key] = list_all(extensions, filter_func)
            return list(_listings[key])

        env.list_templates = list_templates
        return env

    get_env._keeps_listing = True
    theme.get_env = get_env


_THEME_FILTER = "Files.add_files_from_theme.<locals>.filter"


def _entry_state(path: Path) -> tuple:
    try:
        st = path.stat()
        return (str(path), st.st_mtime_ns, st.st_ino)
    except OSError:
        return (str(path), None)


def _tree_state(folder) -> tuple:
    if not folder:
        return ()
    return tuple(sorted(_entry_state(Path(root) / name) for root, dirs, files in os.walk(folder)
                        for name in [*dirs, *files]))


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the process: MkDocs makes the theme's Jinja
    environment anew for every build, which compiled Material's forty templates again on each
    rebuild.  Jinja checks each template's source against the checksum stored with its code."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


templates = TemplateCache()
