"""Annotated HTML that skips Markdown and Material's indexer still reaches readers and the index intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser, SearchIndex

from zhreader.annotate import Vocabulary, annotate_tokens, search_view
from zhreader.searchterms import ZWSP, keep_our_cuts
from zhreader.segment import Token

# mkdocs.yml's search separator (what Material's search splits indexed text on)
SEPARATOR = re.search(r"separator: '(.*)'", (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")).group(1)


class _Lookup:
    def lookup_word(self, word, reading=None, sense=None, parts=(), name=False, defined=()):
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
    ours = indexed(f'<h2 id="p1">¶1</h2><p class="zh">{search_view(html)}</p>')
    assert [(title, text.replace(ZWSP, "")) for title, text in ours] == indexed(page)
    assert 'class="w' not in search_view(html)


def test_the_offline_index_keeps_the_words_the_page_shows():
    """Material's search cuts Chinese again with jieba, which reads 做文创时 as 做文|创时;
    our words reach it marked (search_view) and stay as they are; unmarked text is still cut."""
    keep_our_cuts()
    tokens = [Token(t) for t in ["在", "做", "文创", "时", "，", "分镜头", "策划"]]
    html = search_view(annotate_tokens(tokens, Vocabulary(_Lookup()), "p1", "../glossary/"))
    text = "".join(re.sub("<[^>]*>", " ", t) for _, t in indexed(f'<h2 id="p1">¶1</h2><p>{html}</p>'))
    words = [w for w in re.split(SEPARATOR, SearchIndex()._segment_chinese(text)) if w]
    assert words == ["在", "做", "文创", "时", "分镜头", "策划"]
    assert len([w for w in re.split(SEPARATOR, SearchIndex()._segment_chinese("周鸿祎在做文创时")) if w]) > 1


@pytest.mark.parametrize("data", [
    f"{ZWSP}大{ZWSP}模型{ZWSP}",                         # our words only: kept
    f"周鸿祎认为 {ZWSP}文创{ZWSP} 很好",                   # an unmarked run at the start, one at the end
    f"{ZWSP}做{ZWSP}人工智能安全{ZWSP}",                   # a mark on one side only: cut
    f"人工智能安全{ZWSP}做{ZWSP}",
    f"A{ZWSP}大{ZWSP}模型{ZWSP}B 大模型时代",
    "没有标记的一段中文",                                  # no mark at all: the plugin's own cutting
])
def test_only_runs_marked_on_both_sides_escape_the_plugins_cutting(data):
    """Each run of Han characters is cut by jieba unless a U+200B mark stands on both its sides."""
    import jieba
    keep_our_cuts()
    expected, last = [], 0
    for m in re.finditer(r"[\u3400-\u9fff]+", data):
        start, end = m.span()
        if 0 < start and data[start - 1] == ZWSP and end < len(data) and data[end] == ZWSP:
            continue
        expected += [data[last:start], ZWSP + ZWSP.join(jieba.cut(m.group())) + ZWSP]
        last = end
    assert SearchIndex()._segment_chinese(data) == ("".join(expected) + data[last:]).strip(ZWSP)


def test_built_pages_carry_no_placeholders(site):
    for page in ["articles/zhou-hongyi-sora/index.html", "glossary/index.html", "glossary/s/index.html", "quotes/index.html", "index.html"]:
        assert "zhreader:" not in (site / page).read_text(encoding="utf-8"), page


def test_glossary_still_lists_occurrences_and_article_keeps_its_words(site):
    # The letters' pages hold the entries in full.
    glossary = "".join(path.read_text(encoding="utf-8") for path in sorted((site / "glossary").glob("*/index.html")))
    assert glossary.count('<ol class="occurrences" data-search-exclude>') > 10
    assert "<mark>" in glossary
    article = (site / "articles" / "zhou-hongyi-sora" / "index.html").read_text(encoding="utf-8")
    assert article.count('<span class="w"') > 1000


def _markdown(text: str) -> str:
    import markdown

    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "toc"])


BLOCK_CASES = [
    "# T\n\n<div class=\"a\">\n<p>x</p>\n<div>\n<span>y</span>\n</div>\n</div>\n\nAfter *this*.\n",
    "Text\n<div>not after a blank line</div>\n\nmore\n",
    "<p class=\"lead\">Lead</p>\n\n## H { #h }\n\n<dl>\n<dt>a</dt><dd>b</dd>\n</dl>\n",
    "<div>\n<p>open</p>\n\n<p>blank line inside</p>\n</div>\n\ntail\n",
    "<div>unclosed\n\n*md*\n",
    "<script type=\"application/json\" id=\"d\">[1,\"\\u003cp\\u003e\"]</script>\n",
    "<ol class=\"notes\">\n<li>1</li>\n</ol>\n<p>touching the next line</p>\n\nend\n",
    # Markdown reads these differently from a raw block, so they must be left to it:
    "<div>a</div> *tail on the closing line*\n",
    "<div>\nx\n</div>\n*Markdown on the next line*\n",
    "para\n<div>\nx\n</div>\n",
    "<div markdown=\"1\">\n*x*\n</div>\n",
]


@pytest.mark.parametrize("source", BLOCK_CASES)
def test_deferred_blocks_render_like_markdown_renders_them(source):
    from zhreader.deferral import Deferral

    deferral = Deferral()
    deferred = deferral.defer_blocks(source)
    assert deferral.fill_deferred(deferral.fill_for_search(_markdown(deferred))) == _markdown(source)


def test_top_level_blocks_are_deferred_and_markdown_is_not():
    from zhreader.deferral import Deferral

    deferral = Deferral()
    out = deferral.defer_blocks(BLOCK_CASES[0])
    assert out.startswith("# T\n\n<!-- zhreader:deferred 0 -->\n\nAfter *this*.")
    assert deferral.defer_blocks(BLOCK_CASES[4]) == BLOCK_CASES[4]      # unclosed: left to Markdown
