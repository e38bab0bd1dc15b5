"""An article's popup vocabulary as a script of its own, loaded by the reader when needed.

Inline in the page (``<script type="application/json">``) it was a third of the HTML, which
every reader downloaded and parsed before the text could be painted.  As a separate file the
page is smaller, the browser compiles it off the main thread, and it is cached across visits.
It is a script, not JSON, so that the offline bundle can load it from file:// (browsers refuse
``fetch`` there, ``<script src>`` works): it stores the rows in ``self.zhVocab[<slug>]``, which
``docs/assets/reader/core.js`` reads.  The URL carries a hash of the content, so a cached copy never
pairs a new page with old rows (the words' ``data-k`` index the rows).
"""

from __future__ import annotations

import hashlib
import json
from typing import Callable

from . import cache


def vocab_script_path(item) -> str:
    """Where the file goes, next to the article's CSV: ``articles/<slug>/vocabulary.js``."""
    return item.csv_path.rsplit("/", 1)[0] + "/vocabulary.js"


def vocab_script(item) -> str:
    """The file's text.  ``vocab_json`` is JSON (a JavaScript expression) with <, > and & escaped."""
    return ("/* Popup vocabulary of one article: one row per distinct word (see assets/reader.js). */\n"
            f"(self.zhVocab = self.zhVocab || {{}})[{json.dumps(item.article.slug)}] = {item.vocab_json};\n")


def vocab_script_url(item, href: Callable[[str], str]) -> str:
    """The file's URL relative to the article page, with a content hash against stale caches."""
    digest = _digests.get(item, lambda kept: hashlib.sha256(kept.vocab_json.encode("utf-8")).hexdigest()[:12])
    return f"{href(vocab_script_path(item))}?v={digest}"


_digests = cache.KeptWith(limit=20_000)     # an annotated article (kept while unchanged) → its rows' digest
