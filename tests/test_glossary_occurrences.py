"""The glossary shows the first occurrences of a term in context and links to the rest, in bounded space."""

from __future__ import annotations

from pathlib import Path

from zhreader.corpus import Occurrence
from zhreader.pages import ARTICLES_LISTED, more_occurrences
from zhreader.sources import Article


def _article(n: int) -> Article:
    return Article(slug=f"a{n}", folder=Path("."), title=f"文章{n}", paragraphs=[])


def _href(target: str) -> str:
    return "../" + target.removesuffix(".md") + "/"


def _occurrences(spec: list[tuple[int, str]]) -> list[Occurrence]:
    articles = {}
    return [Occurrence(articles.setdefault(n, _article(n)), pid, "AI", "…AI…") for n, pid in spec]


def test_in_one_article_each_paragraph_is_linked_once_in_reading_order():
    groups, unlisted = more_occurrences(_occurrences([(1, "p3"), (1, "p3"), (1, "p7"), (1, "p12")]), _href)
    assert groups == [("文章1", [("¶3", "../articles/a1/#p3"), ("¶7", "../articles/a1/#p7"), ("¶12", "../articles/a1/#p12")])]
    assert unlisted == 0


def test_across_many_articles_each_article_is_one_link_with_a_count():
    spec = [(n, pid) for n in range(1, 6) for pid in ("p2", "p4")[: 1 + n % 2]]
    groups, unlisted = more_occurrences(_occurrences(spec), _href)
    assert groups[0] == ("文章1", [("2 paragraphs", "../articles/a1/#p2")])
    assert groups[1] == ("文章2", [("1 paragraph", "../articles/a2/#p2")])
    assert len(groups) == 5 and unlisted == 0


def test_the_article_list_is_capped_and_says_how_many_are_left_out():
    groups, unlisted = more_occurrences(_occurrences([(n, "p1") for n in range(ARTICLES_LISTED + 7)]), _href)
    assert len(groups) == ARTICLES_LISTED and unlisted == 7


def test_an_article_met_again_later_in_the_list_is_still_one_article():
    # Runs of one article are merged (a list handed in out of reading order must not count it twice).
    groups, unlisted = more_occurrences(_occurrences([(1, "p3"), (2, "p1"), (1, "p5"), (1, "p3")]), _href)
    assert groups == [("文章1", [("¶3", "../articles/a1/#p3"), ("¶5", "../articles/a1/#p5")]),
                      ("文章2", [("¶1", "../articles/a2/#p1")])]
    capped = [(n, "p1") for n in range(ARTICLES_LISTED)] + [(ARTICLES_LISTED, "p1"), (0, "p2"), (ARTICLES_LISTED, "p2")]
    groups, unlisted = more_occurrences(_occurrences(capped), _href)
    assert len(groups) == ARTICLES_LISTED and groups[0] == ("文章0", [("2 paragraphs", "../articles/a0/#p1")])
    assert unlisted == 1


def test_the_real_glossary_pages_show_ten_in_context_and_link_the_rest(site):
    import re

    # The letters' pages hold the entries in full, occurrences included (the index has a line per entry).
    html = "".join(path.read_text(encoding="utf-8") for path in sorted((site / "glossary").glob("*/index.html")))
    assert '<ol class="occurrences"' not in (site / "glossary" / "index.html").read_text(encoding="utf-8")
    heads = [int(n) for n in re.findall(r'<p class="occ-head">Occurrences: (\d+)</p>', html)]
    assert len(heads) + html.count('<p class="occ-head occ-none">Not yet in our texts.</p>') == html.count('<div class="entry"')
    lists = re.findall(r'<ol class="occurrences" data-search-exclude>(.*?)</ol>', html, re.S)
    assert len(heads) == len(lists)
    for total, body in zip(heads, lists):
        assert body.count("<li><a ") == min(total, 10)      # snippets (the "more" item has a class)
        assert ('class="occ-more"' in body) == (total > 10)
    assert max(heads) > 10       # the cap is exercised by the real article
