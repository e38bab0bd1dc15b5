"""``mkdocs serve --dirty`` (``make serve``): an edit rewrites only what it changed, and the site
is then exactly the site a clean build of the same sources makes (zhreader/rebuild.py, issue 14)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_TEXTS = ROOT / "tests" / "fixtures" / "site" / "texts"
WORD = "Quokkafax"          # in no text or glossary entry


def _build(config: Path, out: Path, dirty: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from zhreader import live_search, rebuild

    cfg = load_config(str(config), site_dir=str(out))
    cfg.plugins.on_startup(command="build", dirty=dirty)
    try:
        build(cfg, dirty=dirty)
    finally:
        rebuild.set_dirty(False)
        live_search.set_command("build")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_path):
    """A copy of the site with three articles: the seed and two of our fixture texts."""
    for name in ("overrides", "scripts"):
        (tmp_path / name).symlink_to(ROOT / name)
    for name in ("mkdocs.yml", "glossary.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "texts", tmp_path / "texts")
    for slug in ("demo", "trad"):
        shutil.copytree(FIXTURE_TEXTS / slug, tmp_path / "texts" / slug)
    return tmp_path


def _same_as_a_clean_build(site: Path, out: Path, ref: Path) -> None:
    _build(site / "mkdocs.yml", ref, dirty=False)
    got, want = _files(out), _files(ref)
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []


def test_an_edit_rewrites_its_article_and_the_pages_listing_it_only(site, tmp_path, caplog):
    out = tmp_path / "out"
    _build(site / "mkdocs.yml", out, dirty=True)
    before = _mtimes(out)
    source = site / "texts" / "demo" / "zh.txt"
    title, rest = source.read_text(encoding="utf-8").split("\n", 1)
    source.write_text(f"{title} {WORD}\n{rest}", encoding="utf-8")
    shutil.rmtree(site / "texts" / "trad")                      # an article taken out

    _build(site / "mkdocs.yml", out, dirty=True)
    after = _mtimes(out)
    assert WORD in (out / "articles" / "demo" / "index.html").read_text(encoding="utf-8")
    assert WORD in (out / "library" / "index.html").read_text(encoding="utf-8")   # the list of articles
    # the glossary's entries name the article where they show its uses (entries kept from the last
    # build, as their uses did not move, get the new title too)
    letters = [p for p in (out / "glossary").glob("*/index.html") if WORD in p.read_text(encoding="utf-8")]
    assert len(letters) >= 3
    assert not (out / "articles" / "trad").exists()
    kept = [name for name in before if name.startswith("articles/zhou-hongyi-sora/")]
    assert len(kept) == 4                                        # page, word list, deck, popup data
    assert [name for name in kept if after[name] != before[name]] == []     # left as they were
    assert after["articles/demo/index.html"] != before["articles/demo/index.html"]
    _same_as_a_clean_build(site, out, tmp_path / "ref")

    # A glossary edit: every article shows it (the English of 大模型, in the seed article).
    glossary = (site / "glossary.yaml").read_text(encoding="utf-8")
    entry = "  term: 大模型\n  pinyin: dà móxíng\n  en: large model\n"
    assert glossary.count(entry) == 1
    (site / "glossary.yaml").write_text(glossary.replace(entry, entry[:-1] + " Glossaryfax\n"), encoding="utf-8")
    _build(site / "mkdocs.yml", out, dirty=True)
    assert "Glossaryfax" in (out / "articles" / "zhou-hongyi-sora" / "index.html").read_text(encoding="utf-8")
    _same_as_a_clean_build(site, out, tmp_path / "ref2")
    # MkDocs' warning that a dirty build makes wrong links does not apply: not shown to the author.
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_glossary_edits_rebuild_the_site_a_new_process_builds(site, tmp_path):
    # After a glossary edit a rebuild keeps every entry the edit left alone (the same objects, with
    # what was made from them: zhreader.glossary.load_glossary): the site must still be, file for
    # file, the one a build in a new process makes, which keeps nothing.
    from conftest import run_mkdocs_build

    out = tmp_path / "out"
    _build(site / "mkdocs.yml", out, dirty=True)
    glossary = site / "glossary.yaml"
    entry = "  term: 大模型\n  pinyin: dà móxíng\n  en: large model\n"
    new_term = ("- id: full-text\n  term: 全文\n  pinyin: quánwén\n  en: full text\n  category: concept\n"
                "  definition: The whole of a published text, as opposed to an excerpt.\n  note: Ours, for this test.\n")
    edits = [
        lambda text: text + "\n" + new_term,                          # a new term, in the seed article
        lambda text: text.replace(entry, entry[:-1] + " Glossaryfax\n"),   # English only: no form changes
    ]
    for number, edit in enumerate(edits):
        glossary.write_text(edit(glossary.read_text(encoding="utf-8")), encoding="utf-8")
        _build(site / "mkdocs.yml", out, dirty=True)
        ref = tmp_path / f"ref-{number}"
        done = run_mkdocs_build(site / "mkdocs.yml", ref)
        assert done.returncode == 0, done.stderr[-2000:]
        got, want = _files(out), _files(ref)
        assert sorted(got) == sorted(want)
        assert [name for name in want if got[name] != want[name]] == []
    page = (out / "articles" / "zhou-hongyi-sora" / "index.html").read_text(encoding="utf-8")
    assert "Glossaryfax" in page and "#full-text" in page


def test_without_dirty_every_file_is_written(site, tmp_path):
    out = tmp_path / "out"
    _build(site / "mkdocs.yml", out, dirty=False)
    before = _mtimes(out)
    _build(site / "mkdocs.yml", out, dirty=False)
    after = _mtimes(out)
    assert [name for name in before if name.endswith(".html") and after.get(name) == before[name]] == []


def test_make_serve_and_the_bench_serve_dirty():
    # The benchmark and the serve test time what an author runs: `make serve`'s command.
    from zhreader import serve_process

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    serve_line = next(line for line in makefile.splitlines() if "mkdocs serve" in line)
    made = serve_process.command(Path("mkdocs"), Path("mkdocs.yml"), 8000)
    assert serve_line.split("mkdocs ", 1)[1].split(" -a")[0].split() == made[1:3]     # serve --dirty
    bench = (ROOT / "scripts" / "bench.py").read_text(encoding="utf-8")
    assert bench.count("with mkdocs_serve(") == 2
