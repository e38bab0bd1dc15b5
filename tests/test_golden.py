"""Golden HTML: the fixture article's reader block, as a human reviewed it.

Run with UPDATE_GOLDEN=1 to rewrite the expectation after a deliberate change,
then read the diff (git diff tests/golden) before committing it.
"""

import difflib
import os
import re
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def reader_block(html: str) -> str:
    start = html.index('<div class="reader"')
    end = html.index("</article>", start)
    return html[start:end].rstrip() + "\n"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "actual"))
        raise AssertionError(f"{name} differs from the golden file (UPDATE_GOLDEN=1 to accept):\n{diff}")


def test_fixture_article_reader_html(fixture_site):
    html = (fixture_site / "articles" / "demo" / "index.html").read_text(encoding="utf-8")
    # The popup data is a script of its own (reader.js loads it), reviewed with the markup.
    vocab = (fixture_site / "articles" / "demo" / "vocabulary.js").read_text(encoding="utf-8")
    check_golden("demo-article.html", reader_block(html) + "\n" + vocab)


def test_translated_pair_golden(fixture_site):
    html = (fixture_site / "articles" / "demo" / "index.html").read_text(encoding="utf-8")
    pair = re.search(r'<div class="pair" id="p2">.*?</div>', html, re.S).group(0) + "\n"
    check_golden("demo-pair-p2.html", pair)
