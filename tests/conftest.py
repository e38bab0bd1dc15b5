"""Shared fixtures: built sites (once per session), a local HTTP server, Chromium."""

from __future__ import annotations

import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def run_mkdocs_build(config: Path, site_dir: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` (never with -q: it hides warnings)."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run([str(mkdocs), "build", "--strict", "-f", str(config), "-d", str(site_dir), *extra],
                          capture_output=True, text=True, cwd=config.parent,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built strictly once for the whole session."""
    out = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fixture-site")
    result = run_mkdocs_build(FIXTURE / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def glossary():
    """The real glossary, loaded once."""
    from zhreader.sources import load_glossary

    return load_glossary(ROOT / "glossary.yaml")


@pytest.fixture(scope="session")
def segmenter(glossary):
    """A segmenter for the real glossary (also teaches jieba's global tokenizer its words)."""
    from zhreader.segment import Segmenter

    return Segmenter(glossary)


LOCAL_ADDRESS = re.compile(rb"https?://(?:127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1\])\b")


def local_addresses(name: str, data: bytes) -> list[str]:
    """Where a published file names a local address (http://127.0.0.1:8000 …): ``name``, or a
    file inside it when it is a zip (the offline bundle, an Anki deck and its collection)."""
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [hit for inner in archive.namelist() for hit in local_addresses(f"{name}!{inner}", archive.read(inner))]
    return [name] if LOCAL_ADDRESS.search(data) else []


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(site):
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def chromium():
    executable = shutil.which("chromium")
    if not executable:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def page_factory(chromium, viewport=None):
    """For a fixture to ``yield from``: ``make(**options)`` opens a page in a new browser context
    (desktop 1280×900, no service worker: it would answer requests a test must see; 10 s timeouts),
    and every context is closed when the fixture ends."""
    contexts = []

    def make(**options):
        context = chromium.new_context(**{"viewport": viewport or {"width": 1280, "height": 900},
                                          "service_workers": "block", **options})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()


def hover_when_settled(locator) -> None:
    """Scroll ``locator`` into view, wait until the page around it stops moving, then hover it.

    Article paragraphs are laid out only when near the screen (``content-visibility: auto``, with an
    estimated height until then), so scrolling to a later one moves it again a frame or two later; a
    mouse placed at once would end up over another word, and the page rightly follows the mouse.
    """
    locator.scroll_into_view_if_needed()
    locator.evaluate("""el => new Promise(done => {
        let last = '', same = 0;
        const look = () => {
            const r = el.getBoundingClientRect(), now = [r.x, r.y, r.width, r.height].join();
            same = now === last ? same + 1 : 0;
            last = now;
            if (same >= 5) done(); else requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
    })""")
    locator.hover()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", [])
    if os.environ.get("CI") and skipped:
        terminalreporter.write_line(f"CI: {len(skipped)} test(s) skipped; in CI a skipped test is a failure", red=True)


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") and skipped and exitstatus == 0:
        session.exitstatus = 1
