"""The package's layout (DESIGN.md, "Modules"): the annotated corpus imports no output."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "zhreader"
OUTPUTS = {"pages", "deferral", "downloads", "listing", "search_records", "offline", "vocabscript",
           "glossary_export", "shared"}


def _imports(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names |= {node.module} if node.module else {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("zhreader"):
            names |= {node.module.split(".", 1)[1]} if "." in node.module else {alias.name for alias in node.names}
    return names


@pytest.mark.parametrize("module", ["corpus", "annotate", "lookup", "segment", "sources"])
def test_the_corpus_and_what_it_reads_import_no_output(module):
    assert _imports(module) & OUTPUTS == set()


@pytest.mark.parametrize("output", ["pages", "downloads"])
def test_each_output_reads_the_corpus(output):
    assert "corpus" in _imports(output)
