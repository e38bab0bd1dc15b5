"""Annotated HTML that skips Markdown and Material's indexer still reaches readers and the index intact."""

from __future__ import annotations

import pytest
from material.plugins.search.plugin import Parser

from zhreader.annotate import Vocabulary, annotate_tokens, search_view
from zhreader.segment import Token


class _Lookup:
    def lookup_word(self, word, reading=None):
        return word


def indexed(html: str) -> list[tuple[str, str]]:
    """What Material's search plugin keeps of ``html``: (title, text) per section."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [("".join(s.title), "".join(s.text)) for s in parser.data]


@pytest.mark.parametrize("texts", [
    ["模型", "和", "数据"],
    ["模型", " ", "数据"],
    ["模型", " ", " ", "数据"],          # two whitespace tokens: the plugin collapses them
    ["模型", "\u3000", "数据"],          # ideographic space: the plugin turns a lone one into " "
    ["\n", "模型", "\n"],
    ["Sora", "<b>", "&", "生成"],
])
def test_search_view_indexes_like_the_annotated_html(texts):
    tokens = [Token(t, "sora" if t == "Sora" else None) for t in texts]
    html = annotate_tokens(tokens, Vocabulary(_Lookup()), "p1", "../glossary/", {2: ['<sup class="nref"><a href="#n">1</a></sup>']})
    page = f'<h2 id="p1">¶1</h2><p class="zh">{html}</p>'
    assert indexed(f'<h2 id="p1">¶1</h2><p class="zh">{search_view(html)}</p>') == indexed(page)
    assert 'class="w' not in search_view(html)


def test_built_pages_carry_no_placeholders(site):
    for page in ["articles/zhou-hongyi-sora/index.html", "glossary/index.html", "index.html"]:
        assert "zhreader:" not in (site / page).read_text(encoding="utf-8"), page


def test_glossary_still_lists_occurrences_and_article_keeps_its_words(site):
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert glossary.count('<ol class="occurrences" data-search-exclude>') > 10
    assert "<mark>" in glossary
    article = (site / "articles" / "zhou-hongyi-sora" / "index.html").read_text(encoding="utf-8")
    assert article.count('<span class="w"') > 1000
