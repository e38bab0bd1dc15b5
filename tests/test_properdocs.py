"""The way out (issue 14 #7): the site builds with ProperDocs, a maintained fork of MkDocs 1.6.

MkDocs 1.6 is unmaintained and Material 9.8 reaches end of life on 2027-05-05 (README,
"When Material 9.8 reaches end of life").  ProperDocs (pinned in requirements.txt) runs
the same mkdocs.yml, hook and Material theme; this test builds the real site with it and
compares every file with the MkDocs build: only the generator tag may differ (and with it
the service worker's version and precache size, which digest the pages).
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _normalised(path: Path, site: Path) -> bytes:
    data = path.read_bytes()
    rel = path.relative_to(site).as_posix()
    if rel.endswith(".html"):
        return GENERATOR.sub(b"", data)
    if rel == "precache.json":
        manifest = json.loads(data)
        urls = [re.sub(r"[0-9a-f]{7,}", "#", u) if u.startswith("pagefind/") else u for u in manifest["urls"]]
        return json.dumps({**manifest, "version": "", "bytes": 0, "urls": urls}).encode()
    if rel == "sw.js":
        return re.sub(rb'const VERSION = "[0-9a-f]+";', b"", data)
    return data


def test_properdocs_builds_the_same_site_as_mkdocs(site, tmp_path):
    properdocs = Path(sys.executable).with_name("properdocs")
    assert properdocs.exists(), "properdocs is not installed: `make setup` installs requirements.txt"
    out = tmp_path / "properdocs-site"
    result = subprocess.run([str(properdocs), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
                            capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    # Pagefind names its files by content hashes, which differ from one index run to the next
    # (the records go in concurrently): its folder is compared by its kinds of file.
    ours = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {"sitemap.xml.gz"}
    theirs = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {"sitemap.xml.gz"}
    kinds = lambda names: sorted(re.sub(r"[0-9a-f]{7,}", "#", n) for n in names if n.startswith("pagefind/"))  # noqa: E731
    assert kinds(ours) == kinds(theirs)
    ours, theirs = ({n for n in names if not n.startswith("pagefind/")} for names in (ours, theirs))
    assert ours == theirs
    differ = [rel for rel in sorted(ours) if _normalised(site / rel, site) != _normalised(out / rel, out)]
    assert differ == []
    page = (out / "articles" / "zhou-hongyi-sora" / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2"' in page
