"""Navigation that stays flat (issue 14 #3): no article in the navigation; paged article lists.

With one navigation link per article on every page, a site of N articles grows with N².
Articles are listed by the home page (the newest) and the "All articles" pages (paged,
by speaker, year and topic), plain links that work without JavaScript and from file://.
"""

import re
from types import SimpleNamespace

from zhreader import listing


def _nav_links(html: str) -> list[tuple[str, str]]:
    """(href, label) of each link of Material's primary navigation."""
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', html, re.S).group(0)
    return [(m.group(1), re.sub(r"<[^>]+>|\s+", " ", m.group(2)).strip())
            for m in re.finditer(r'<a href="([^"]*)" class="md-nav__link[^"]*">(.*?)</a>', nav, re.S)]


def test_no_article_or_glossary_letter_in_the_navigation_of_any_page(fixture_site):
    for page in ("index.html", "articles/demo/index.html", "articles/trad/index.html", "glossary/index.html",
                 "glossary/sh/index.html"):
        html = (fixture_site / page).read_text(encoding="utf-8")
        labels = [label for _, label in _nav_links(html)]
        assert "All articles" in labels, (page, labels)
        assert labels.count("Glossary") == 1 and not [label for label in labels if label.startswith("Glossary:")], (page, labels)
        assert not [href for href, _ in _nav_links(html) if "articles/" in href or re.search(r"glossary/.", href)], page
    # The article pages have no previous/next footer links into other articles either.
    demo = (fixture_site / "articles" / "demo" / "index.html").read_text(encoding="utf-8")
    assert 'href="../trad/"' not in demo
    # Out of the navigation, not out of the site: the sitemap (for crawlers) lists them.
    sitemap = (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/articles/demo/</loc>" in sitemap and "/glossary/sh/</loc>" in sitemap


def test_home_and_all_articles_list_every_article(fixture_site):
    home = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<li><a href="(articles/[^"]+)">', home) == ["articles/demo/", "articles/trad/"]
    assert '<a href="library/">Browse the articles</a>' in home
    index = (fixture_site / "library" / "index.html").read_text(encoding="utf-8")
    assert sorted(re.findall(r'<li><a href="\.\./(articles/[^"]+)">', index)) == ["articles/demo/", "articles/trad/"]


def _articles(n: int) -> list:
    items = []
    for i in range(n):
        meta = {"speaker": ["Li Wei, CEO of X", "王小明", "Li Wei; researcher"][i % 3],
                "date": f"{2020 + i % 4}-{1 + i % 12:02d}-{1 + i % 28:02d}", "topics": "video; AGI" if i % 2 else "chips"}
        if i % 10 == 9:
            meta = {}        # no speaker, no date, no topic
        article = SimpleNamespace(slug=f"a{i:04d}", title=f"文章{i}", title_en="", meta=meta, translation={"x": 1})
        items.append(SimpleNamespace(article=article, page_path=f"articles/a{i:04d}.md"))
    return items


def test_list_pages_are_paged_and_narrowed_by_speaker_year_and_topic():
    items = _articles(230)
    pages = listing.list_pages(items)
    everything = [p for p in pages if p.facet is None]
    assert [p.path for p in everything] == ["library/index.md", "library/page-2.md", "library/page-3.md",
                                            "library/page-4.md", "library/page-5.md"]
    assert [len(p.items) for p in everything] == [50, 50, 50, 50, 30]
    listed = [a.article.slug for p in everything for a in p.items]
    assert sorted(listed) == sorted(a.article.slug for a in items)          # each once
    dates = [a.article.meta["date"] for p in everything for a in p.items if a.article.meta]
    assert dates == sorted(dates, reverse=True)                              # newest first, undated last
    assert all(not a.article.meta for a in everything[-1].items[-23:])
    facets = {(p.facet.kind, p.facet.label) for p in pages if p.facet}
    # "Li Wei, CEO of X" and "Li Wei; researcher" are one speaker: the name before the first , or ;.
    assert facets == {("speaker", "Li Wei"), ("speaker", "王小明"), ("year", "2020"), ("year", "2021"),
                      ("year", "2022"), ("year", "2023"), ("topic", "video"), ("topic", "AGI"), ("topic", "chips")}
    li_wei = [p for p in pages if p.facet and p.facet.label == "Li Wei"]
    assert [p.number for p in li_wei] == [1, 2, 3] and li_wei[0].total == 138
    assert len({p.path for p in pages}) == len(pages)                        # no two pages share a path
    assert all(re.fullmatch(r"library/[a-z0-9-]+\.md", p.path) for p in pages)


def test_a_list_page_does_not_grow_with_the_corpus():
    """A list page holds PER_PAGE articles, the filters and a short pager, whatever the number of articles."""
    from zhreader.pages import jinja_environment

    env = jinja_environment()
    stats = lambda a: {"paragraphs": 3, "distinct": 10, "terms": 1}  # noqa: E731
    sizes = {}
    for n in (100, 1000):
        items = _articles(n)
        first = listing.list_pages(items)[0]
        html = listing.render_list_page(env, first, items, lambda target: target, stats)
        sizes[n] = len(html)
        assert html.count("<li>") == 50
        assert ("page-20.md" in html) == (n == 1000) and "page-5.md" not in html   # 1 2 3 … last
        home = listing.render_home_list(env, items, lambda target: target, stats)
        assert home.count("<li>") == listing.LATEST and f"All {n} articles" in home
    assert sizes[1000] < 1.05 * sizes[100]
