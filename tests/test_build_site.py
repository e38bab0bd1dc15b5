"""scripts/build_site.py as an operator meets it: where it may write, how the site is swapped
in, what a kill or Ctrl-C leaves behind, and what a web server running as another user sees.

Each case runs the README's build command on a copy of the fixture site (as
``tests/test_bad_input.py`` does) and checks what the operator would notice: one
message, the exit status, no traceback, the old site byte-identical, no staging
folder left, no ``mkdocs build`` still running.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import build_site
from conftest import ROOT
from test_bad_input import good, project, snapshot  # noqa: F401  (fixtures: a good tree and its built site)

BUILD = [sys.executable, str(ROOT / "scripts" / "build_site.py")]


def run(src: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*BUILD, *args], cwd=src, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, **kwargs)


# -- where the site may go (#2) -------------------------------------------------------------

@pytest.mark.parametrize("target, message", [
    ("texts", "--site-dir texts is texts/, which holds the project's sources; choose a folder of its own (the default is site)"),
    ("docs", "--site-dir docs is docs/, which holds the project's sources; choose a folder of its own (the default is site)"),
    ("texts/new", "--site-dir texts/new is inside texts/, which holds the project's sources; choose a folder of its own (the default is site)"),
    ("glossary.yaml", "--site-dir glossary.yaml is glossary.yaml, which holds the project's sources; choose a folder of its own (the default is site)"),
    (".", "--site-dir . is the project folder or holds it, and the build would replace it; choose a folder of its own (the default is site)"),
    ("..", "--site-dir .. is the project folder or holds it, and the build would replace it; choose a folder of its own (the default is site)"),
    ("../notes", "--site-dir ../notes is a folder that is not a site built here (it has no index.html and no precache.json), and the build would replace it; choose a new or empty folder"),
    ("../notes.txt", "--site-dir ../notes.txt is a file, not a folder; the site is a folder (the default is site)"),
])
def test_a_site_dir_that_is_not_a_site_is_refused(project, target, message):
    src, site = project
    (src.parent / "notes").mkdir()
    (src.parent / "notes" / "todo.txt").write_text("mine", encoding="utf-8")
    (src.parent / "notes.txt").write_text("mine", encoding="utf-8")
    before = snapshot(src.parent)
    result = run(src, "--site-dir", target)
    assert result.returncode == 1
    shown = message.replace("../", str(src.parent) + "/").replace("--site-dir .. ", f"--site-dir {src.parent} ")
    assert result.stderr.splitlines() == [f"ERROR   -  {shown}", "build failed; nothing was changed"]
    assert snapshot(src.parent) == before
    assert not [p for p in src.parent.rglob(".*") if ".new-" in p.name or ".offline-" in p.name]


def test_an_offline_zip_path_that_is_not_a_zip_is_refused(project):
    src, _ = project
    before = snapshot(src)
    result = run(src, "--offline-zip", "mkdocs.yml")
    assert result.returncode == 1 and result.stderr.splitlines()[-1] == "build failed; nothing was changed"
    result = run(src, "--offline-zip", str(src.parent / "site" / "index.html"))
    assert result.returncode == 1 and "exists and is not a zip file" in result.stderr
    assert snapshot(src) == before


# -- the built site (#6) -----------------------------------------------------------------------

def test_the_site_is_world_readable_whatever_the_umask(project):
    src, site = project
    result = run(src, "--site-dir", str(site), preexec_fn=lambda: os.umask(0o077))
    assert result.returncode == 0, result.stderr
    # A good build tells the author what a first visit precaches (the demo has no Pagefind index to report).
    assert len(re.findall(r"^  service worker: a first visit precaches [\d.]+ MB$", result.stdout, re.M)) == 1, result.stdout
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    assert modes == {0o755}
    modes = {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()}
    assert modes == {0o644}
    assert sorted(p.name for p in site.parent.iterdir()) == ["site", "src"]


# -- the swap (#23) ---------------------------------------------------------------------------

def _two_sites(tmp_path: Path) -> tuple[Path, Path]:
    site, staging = tmp_path / "site", tmp_path / ".site.new-1-x"
    for folder, text in ((site, "old"), (staging, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    return site, staging


def test_the_swap_is_one_exchange(tmp_path, monkeypatch):
    site, staging = _two_sites(tmp_path)
    renames = []
    monkeypatch.setattr(build_site.os, "rename", lambda *a: renames.append(a))   # not used by an exchange
    build_site._swap_in(staging, site)
    assert (site / "index.html").read_text() == "new" and (staging / "index.html").read_text() == "old"
    assert renames == []


def test_without_an_exchange_two_renames_do_it(tmp_path, monkeypatch):
    site, staging = _two_sites(tmp_path)

    def no_exchange(a, b):
        raise OSError(errno.ENOSYS, "no renameat2")
    monkeypatch.setattr(build_site, "_exchange", no_exchange)
    build_site._swap_in(staging, site)
    assert (site / "index.html").read_text() == "new"
    assert [p.read_text() for p in staging.rglob("index.html")] == ["old"]   # removed by the caller
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.new-1-x", "site"]


def test_a_failed_second_rename_puts_the_old_site_back(tmp_path, monkeypatch):
    site, staging = _two_sites(tmp_path)
    monkeypatch.setattr(build_site, "_exchange", lambda a, b: (_ for _ in ()).throw(OSError(errno.EINVAL, "no")))
    real_rename, calls = os.rename, []

    def rename(a, b):
        calls.append(b)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_rename(a, b)
    monkeypatch.setattr(build_site.os, "rename", rename)
    with pytest.raises(OSError):
        build_site._swap_in(staging, site)
    monkeypatch.setattr(build_site.os, "rename", real_rename)
    assert (site / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.new-1-x", "site"]


# -- interruptions (#21, #22) ------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def _gone(pid: int, within: float = 10.0) -> bool:
    """No such process, or only its exit status is left (a zombie whose parent is gone), within
    ``within`` seconds: a killed child takes a moment to die on a loaded machine."""
    import time
    deadline = time.monotonic() + within
    while True:
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return True
        except (FileNotFoundError, ProcessLookupError):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def _start_and_wait_for_mkdocs(src: Path, site: Path) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen([*BUILD, "--site-dir", str(site)], cwd=src, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    for _ in range(300):
        children = _children(process.pid)
        if children:
            return process, children[0]
        time.sleep(0.02)
    process.kill()
    raise AssertionError("mkdocs never started")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["Ctrl-C", "SIGTERM", "SIGHUP"])
def test_an_interrupted_build_stops_mkdocs_and_leaves_nothing(project, sig):
    src, site = project
    before = snapshot(site)
    process, mkdocs = _start_and_wait_for_mkdocs(src, site)
    process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + sig, (process.returncode, stdout, stderr)
    assert stderr.splitlines() == [f"build interrupted ({signal.Signals(sig).name}); site/ was left as it was"]
    assert _gone(mkdocs)
    assert snapshot(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site", "src"]


def test_a_signal_that_lands_in_a_finaliser_still_stops_the_build_before_the_swap():
    """Python only reports an exception raised in a finaliser (a rehearsal's Ctrl-C landed in one and
    the build went on to say "built"): the build checks before it swaps, and says nothing else."""
    script = textwrap.dedent("""
        import os, signal, sys, time
        sys.path.insert(0, sys.argv[1])
        import build_site
        sys.unraisablehook = build_site._unraisable
        signal.signal(signal.SIGINT, build_site._on_signal)
        class Finalised:
            def __del__(self):
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.05)
        Finalised()
        try:
            build_site._stop_if_interrupted()
        except build_site.Interrupted as stop:
            print("stopped", stop.signum)
    """)
    result = subprocess.run([sys.executable, "-c", script, str(ROOT / "scripts")], capture_output=True, text=True)
    assert (result.stdout, result.stderr) == ("stopped 2\n", "")


@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux's")
def test_after_a_sigkill_mkdocs_dies_too_and_the_next_build_cleans_up(project):
    src, site = project
    before = snapshot(site)
    process, mkdocs = _start_and_wait_for_mkdocs(src, site)
    process.kill()
    process.communicate(timeout=60)
    for _ in range(100):
        if _gone(mkdocs):
            break
        time.sleep(0.05)
    assert _gone(mkdocs)
    assert snapshot(site) == before                                       # never half-swapped
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site.")]   # what SIGKILL leaves ...
    result = run(src, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in site.parent.iterdir()) == ["site", "src"]   # ... the next build removes


# -- a project that stands alone (#26) ---------------------------------------------------------

def test_no_file_of_the_project_points_outside_it():
    skip = {".git", ".venv", "node_modules", ".cache", "site", "dist", ".pytest_cache", ".hypothesis", "out", "__pycache__"}
    outside = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in skip and not d.startswith(".site.")]
        for name in files:
            path = Path(folder, name)
            if path.suffix in (".md", ".py", ".yml", ".yaml", ".js", ".css", ".html", ".j2", ".txt", ".sh", ".json", ".toml", ".ini", "") \
                    and "../" + "shared" in path.read_text(encoding="utf-8", errors="replace"):
                outside.append(str(path.relative_to(ROOT)))
    assert outside == [] and (ROOT / "DESIGN.md").is_file()
