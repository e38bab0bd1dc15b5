"""Offline reading: the service worker's precache list and the file:// bundle.

- ``precache_manifest``: the shell the service worker (docs/sw.js) caches on a
  first visit, read from a built site folder, and the site's version;
  ``write_service_worker_files`` writes it and stamps ``sw.js`` with that version.
  Articles are not in it: the worker caches each one as it is read, and the
  ones a reader keeps ("Keep offline"), so a first visit stays small whatever
  the number of articles.
- ``zip_site``: a built site folder as a reproducible zip (fixed timestamps,
  sorted entries) under one top folder, to unzip and open from file://.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from pathlib import Path

from .annotate import esc

# The shell: pages every reader needs (home, all articles, the glossary's index, my words, about) …
# (the glossary's letter pages, like articles, are cached as they are read)
SHELL_PAGES = ("index.html", "library/index.html", "glossary/index.html", "my-words/index.html", "about/index.html")
# … every script, stylesheet and image under assets/, and the search entry point: Pagefind's
# loader, its wasm and metadata (the index chunks and the query words' files come when searching).
SHELL_FILES = re.compile(r"^(assets/.*|pagefind/pagefind(-worker)?\.js|pagefind/pagefind-entry\.json"
                         r"|pagefind/wasm\.[^/]+\.pagefind|pagefind/pagefind\.[^/]+\.pf_meta)$")
# Not needed to read offline, or large: source maps, Material's lunr language
# packs (the site searches with lang: en, which loads none), downloads.
_SKIP_DIRS = ("downloads/", "assets/javascripts/lunr/")
_SKIP_SUFFIXES = (".map", ".gz", ".zip", ".apkg", ".csv")
# The worker itself, its list, the error page; the sitemap (for crawlers, dated by the build).
_SKIP_FILES = ("404.html", "sw.js", "precache.json", "sitemap.xml")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
PRECACHE_BUDGET = 3_000_000   # bytes a first visit may precache (issue 14: ≤ 3 MB whatever the corpus size)


def in_shell(rel: str) -> bool:
    """Whether the service worker precaches the site file ``rel`` on a first visit."""
    if rel.startswith(_SKIP_DIRS) or rel.endswith(_SKIP_SUFFIXES) or rel in _SKIP_FILES:
        return False
    return rel in SHELL_PAGES or SHELL_FILES.match(rel) is not None


def precache_manifest(site_dir: Path, queries: dict[str, str] | None = None) -> str:
    """JSON ``{"version", "urls", "bytes"}``: the shell (pages as directory URLs), its size, the site's version.

    ``queries`` maps a file to the query its pages request it with (an article's
    ``vocabulary.js`` → ``v=<hash>``): the digest covers that URL, and a shell file
    would be cached under it.  ``version`` is a digest of every file the site serves
    (not only the shell): any change, an article's included, makes a new version, whose
    worker fetches the shell and the kept articles again.
    """
    queries = queries or {}
    urls, digest, size = [], hashlib.sha256(), 0
    for rel, file_digest, length in _site_digests(site_dir):
        if rel.startswith(_SKIP_DIRS) or rel.endswith(_SKIP_SUFFIXES) or rel in _SKIP_FILES:
            continue
        url = rel + (f"?{queries[rel]}" if rel in queries else "")
        if rel == "index.html":
            url = "./"
        elif rel.endswith("/index.html"):
            url = rel[: -len("index.html")]
        digest.update(f"{url}\0{file_digest}\n".encode("utf-8"))
        if in_shell(rel):
            urls.append(url)
            size += length
    return json.dumps({"version": digest.hexdigest()[:12], "bytes": size, "urls": urls}, indent=1) + "\n"


# Folders only ever replaced whole, never changed in place (the search index: zhreader.live_search
# swaps in a new folder, search_records.write_index deletes the old one first).
_REPLACED_WHOLE = ("pagefind",)
_digests: dict[tuple[str, int, int], str] = {}      # (path, size, modified ns) → SHA-256
_folders: dict[tuple, list[tuple[str, str, int]]] = {}   # a _REPLACED_WHOLE folder's identity → its files


def _site_digests(site_dir: Path) -> list[tuple[str, str, int]]:
    """``(path relative to site_dir, SHA-256, size)`` of every file, sorted as pathlib sorts paths.

    Under ``mkdocs serve --dirty`` most files are the last build's (``zhreader.rebuild``): a file
    whose path, size and modification time are unchanged is not read again, and a folder of
    ``_REPLACED_WHOLE`` (thousands of index chunks) not even listed while it is the same folder.
    """
    found: list[tuple[str, str, int]] = []
    _scan(str(site_dir), "", found, site_dir)
    return sorted(found, key=lambda row: row[0].split("/"))


def _scan(folder: str, rel: str, found: list, site_dir: Path) -> None:
    """Every file under ``folder`` (as ``os.walk`` finds them: a link to a folder is not followed)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                if entry.is_symlink():
                    continue
                if not rel and entry.name in _REPLACED_WHOLE:
                    found += _whole_folder(site_dir, entry.name)
                else:
                    _scan(entry.path, rel + entry.name + "/", found, site_dir)
            else:
                st = entry.stat()
                found.append((rel + entry.name, _digest_of(entry.path, st), st.st_size))


def _whole_folder(site_dir: Path, name: str) -> list[tuple[str, str, int]]:
    st = os.stat(site_dir / name)
    key = (str(site_dir / name), st.st_ino, st.st_mtime_ns, st.st_ctime_ns)
    files = _folders.get(key)
    if files is None:
        if len(_folders) > 8:
            _folders.clear()
        files = []
        _scan(str(site_dir / name), name + "/", files, site_dir)
        _folders[key] = files
    return files


def _digest_of(path: str, st: os.stat_result) -> str:
    """The file's SHA-256; not read again while its path, size and modification time stay."""
    key = (path, st.st_size, st.st_mtime_ns)
    found = _digests.get(key)
    if found is None:
        if len(_digests) > 200_000:
            _digests.clear()
        with open(path, "rb") as file:
            found = _digests[key] = hashlib.sha256(file.read()).hexdigest()
    return found


SW_VERSION = 'const VERSION = "dev";'   # in docs/sw.js; the build writes the site's version there


def write_service_worker_files(site_dir: Path, queries: dict[str, str] | None = None) -> str:
    """Write ``precache.json`` and stamp ``sw.js`` with the site's version; return the version.

    A browser installs a service worker again only when ``sw.js`` changes: with the
    version in it, every deploy that changes a page or an asset gives readers a fresh
    shell and fresh copies of their kept articles in a cache of its own, and the old
    cache is deleted.
    """
    manifest = precache_manifest(site_dir, queries)
    version = json.loads(manifest)["version"]
    (site_dir / "precache.json").write_text(manifest, encoding="utf-8")
    worker = site_dir / "sw.js"
    if worker.is_file():
        text = worker.read_text(encoding="utf-8")
        if SW_VERSION not in text:
            raise ValueError(f"docs/sw.js no longer contains {SW_VERSION!r}, which the build replaces")
        worker.write_text(text.replace(SW_VERSION, f'const VERSION = "{version}";'), encoding="utf-8")
    return version


# The offline bundle's search (Material's lunr, one index the browser loads whole and builds on
# the first query) indexes the articles' full text while it stays this small: about 50 articles,
# a 5 MB index. Past it, the bundle indexes article titles (with the glossary and the quotes), and
# its search dialog says so: at 300 articles the full text made a 28 MB index.
OFFLINE_FULL_TEXT_CHARS = 200_000


def offline_full_text(articles) -> bool:
    """Whether the offline bundle's search holds the full text of ``articles`` (annotated articles)."""
    return sum(len(p.text) for item in articles for p in item.article.paragraphs) <= OFFLINE_FULL_TEXT_CHARS


# Files that are compressed already (an Anki deck is a zip; images, fonts): stored as they are,
# as deflating them again costs time and saves nothing.
STORED = (".apkg", ".zip", ".gz", ".png", ".jpg", ".jpeg", ".webp", ".woff", ".woff2")
# Material's offline plugin copies the search index into search_index.js, which the bundle reads
# (from file:// nothing can fetch the JSON): the JSON twin, as large, is left out of the zip.
UNREAD = ("search/search_index.json",)


def zip_site(site_dir: Path, zip_path: Path, top: str) -> int:
    """Write ``site_dir`` into ``zip_path`` under folder ``top``; return the number of files."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    unread = {name for name in UNREAD if (site_dir / name).with_suffix(".js").is_file()}
    files = [p for p in files if p.relative_to(site_dir).as_posix() not in unread]
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site_dir).as_posix()}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if path.suffix.lower() in STORED else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return len(files)


def download_link_html(url: str) -> str:
    """The home page's paragraph offering the offline bundle."""
    return (f'<p class="offline-download"><strong>Read offline:</strong> '
            f'<a href="{esc(url)}" download>download the whole site as a zip</a>, unzip it and open '
            f'<code>index.html</code> in its folder. Everything works from disk — words, glossary, quotes and '
            f'search — with no network. After a first visit, this site itself also stays readable offline.</p>')
