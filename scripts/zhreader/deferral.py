"""Keep annotated HTML out of Python-Markdown; put it back after search indexing.

Python-Markdown re-parses every tag of a raw HTML block to find where it ends; for
annotated text (an element per word) that was the largest per-page cost of a build.
A page renderer (``pages.Pages``) therefore hands its HTML to a ``Deferral``, which
leaves a marker Markdown passes through untouched.  The hook then puts the text back
twice: first without the word elements, for Material's search plugin to index
(``fill_for_search``, in ``on_page_content``), then in full once the page is indexed
(``fill_deferred``, in ``on_page_context``).
"""

from __future__ import annotations

import re

from .annotate import search_view

DEFERRED = re.compile(r"<!-- zhreader:deferred (\d+) -->")
SEARCH_VIEW = re.compile(r"<!--zhreader:search (\d+)-->.*?<!--/zhreader:search-->", re.S)
# Lists Material's search skips anyway (data-search-exclude): neither Markdown nor the indexer need to parse them.
UNINDEXED_LIST = re.compile(r"^<ol class=\"occurrences\" data-search-exclude>\n.*?^</ol>$", re.S | re.M)

BLOCK_TAGS = ("div", "dl", "ol", "ul", "p", "details", "table", "figure", "script")
_BLOCK_OPEN = re.compile(r"<(" + "|".join(BLOCK_TAGS) + r")[\s>]")


class Deferral:
    """The HTML one build's pages deferred, by marker number."""

    def __init__(self):
        self._deferred: list[str] = []
        self._unindexed: set[int] = set()
        self._blocks: set[int] = set()

    def defer(self, html: str) -> str:
        """A marker Markdown passes through untouched; ``fill_deferred`` puts ``html`` back."""
        self._deferred.append(html)
        return f"<!-- zhreader:deferred {len(self._deferred) - 1} -->"

    def defer_blocks(self, markdown: str) -> str:
        """Defer each top-level raw HTML block of a generated page as a whole.

        Python-Markdown parses a raw block's tags twice (``md_in_html`` and MkDocs' anchor
        scan) only to pass it through unchanged.  A block here starts at a line that opens
        one of ``BLOCK_TAGS`` and ends at the line closing it (as Python-Markdown reads raw
        HTML; ``tests/test_deferred_html.py`` compares the two); ``fill_for_search`` puts it
        back, with the markers inside it, before anything else reads the page.
        """
        lines = markdown.split("\n")
        out, i = [], 0
        while i < len(lines):
            end = _raw_block_end(lines, i)
            if end is None:
                out.append(lines[i])
                i += 1
                continue
            self._blocks.add(len(self._deferred))
            out.append(self.defer("\n".join(lines[i:end + 1])))
            i = end + 1
        return "\n".join(out)

    def defer_block(self, html: str) -> str:
        """Like one block of ``defer_blocks``: a run of raw HTML blocks (a glossary page's entries) as one
        marker, put back before anything reads the page; Markdown then passes one line, not thousands."""
        self._blocks.add(len(self._deferred))
        return self.defer(html)

    def _expand_blocks(self, html: str) -> str:
        return DEFERRED.sub(lambda m: self._deferred[k] if (k := int(m.group(1))) in self._blocks else m.group(0), html)

    def defer_unindexed(self, html: str) -> str:
        """Like ``defer``, for HTML the search index leaves out: the indexer sees nothing."""
        self._unindexed.add(len(self._deferred))
        return self.defer(html)

    def fill_for_search(self, html: str) -> str:
        """Put back the deferred text as Material's search plugin should index it.

        The same text without the word elements (``annotate.search_view``): the index
        is unchanged and the plugin parses a tenth of the tags.  ``fill_deferred``
        swaps in the full HTML once the page is indexed.
        """
        if "<!-- zhreader:deferred " not in html:
            return html
        html = self._expand_blocks(html)

        def view(m) -> str:
            k = int(m.group(1))
            text = "" if k in self._unindexed else search_view(self._deferred[k])
            return f"<!--zhreader:search {k}-->{text}<!--/zhreader:search-->"
        return DEFERRED.sub(view, html)

    def fill_deferred(self, html: str) -> str:
        """Put the deferred HTML back into a page's rendered content (or its search view)."""
        if "zhreader:" not in html:
            return html
        full = lambda m: self._deferred[int(m.group(1))]  # noqa: E731
        return DEFERRED.sub(full, SEARCH_VIEW.sub(full, self._expand_blocks(html)))


def _raw_block_end(lines: list[str], start: int) -> int | None:
    """The last line of the raw HTML block starting at ``lines[start]``, or None if none starts there."""
    opening = _BLOCK_OPEN.match(lines[start])
    if opening is None:
        return None
    tag = opening.group(1)
    opens, closes = re.compile(rf"<{tag}[\s>]"), f"</{tag}>"
    depth = 0
    for end in range(start, len(lines)):
        depth += len(opens.findall(lines[end])) - lines[end].count(closes)
        if depth <= 0:
            # Text after the closing tag, or markdown="1" (md_in_html), is Markdown's to read.
            closed = depth == 0 and lines[end].rstrip().endswith(closes)
            plain = not any("markdown=" in line for line in lines[start:end + 1])
            return end if closed and plain else None
    return None
