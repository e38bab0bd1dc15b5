"""Offline reading: the service worker's precache list and the file:// bundle.

- ``precache_manifest``: the pages and assets the service worker (docs/sw.js)
  caches on a first visit, read from a built site folder.
- ``zip_site``: a built site folder as a reproducible zip (fixed timestamps,
  sorted entries) under one top folder, to unzip and open from file://.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from .annotate import esc

# Not needed to read offline, or large: source maps, Material's lunr language
# packs (the site searches with lang: en, which loads none), downloads.
_SKIP_DIRS = ("downloads/", "assets/javascripts/lunr/")
_SKIP_SUFFIXES = (".map", ".gz", ".zip", ".apkg", ".csv")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def precache_manifest(site_dir: Path) -> str:
    """JSON ``{"urls": [...]}``: every page (as its directory URL) and asset of the site."""
    urls = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith(_SKIP_DIRS) or rel.endswith(_SKIP_SUFFIXES) or rel in ("404.html", "sw.js", "precache.json"):
            continue
        if rel == "index.html":
            rel = "./"
        elif rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        urls.append(rel)
    return json.dumps({"urls": urls}, indent=1) + "\n"


def zip_site(site_dir: Path, zip_path: Path, top: str) -> int:
    """Write ``site_dir`` into ``zip_path`` under folder ``top``; return the number of files."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site_dir).as_posix()}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return len(files)


def download_link_html(url: str) -> str:
    """The home page's paragraph offering the offline bundle."""
    return (f'<p class="offline-download"><strong>Read offline:</strong> '
            f'<a href="{esc(url)}" download>download the whole site as a zip</a>, unzip it and open '
            f'<code>index.html</code> in its folder. Everything works from disk — words, glossary, quotes and '
            f'search — with no network. After a first visit, this site itself also stays readable offline.</p>')
