"""The article lists: the home page's latest articles and the paged "All articles" pages.

The navigation holds no article (``hook.on_nav``): with one link per article on every
page, a site of N articles grows with N².  Readers find articles here instead:

- the home page lists the ``LATEST`` newest articles and links the rest;
- ``library/`` lists every article, newest first, ``PER_PAGE`` a page
  (``library/page-2`` …), with links to the same lists narrowed to one speaker,
  year or topic (``library/speaker-…``, ``library/year-2024``, ``library/topic-…``),
  each paged the same way.

Plain links: it works without JavaScript and from file:// (the offline bundle).
Each page's size depends on ``PER_PAGE`` and on the number of speakers, years and
topics, never on the number of articles.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

LATEST = 10      # articles on the home page
PER_PAGE = 50    # articles on each list page
INDEX = "library/index.md"

Href = Callable[[str], str]
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
_DAY = re.compile(r"\b(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\b")


@dataclass(frozen=True)
class Facet:
    kind: str      # "speaker", "year", "topic"
    key: str       # in the page's path
    label: str     # shown


@dataclass
class ListPage:
    path: str                     # as in docs/
    title: str
    facet: Facet | None           # None: every article
    number: int                   # 1-based page number
    count: int                    # pages in this list
    items: list                   # AnnotatedArticle, this page's share
    total: int                    # articles in this list


def speaker_name(speaker: str) -> str:
    """The speaker's name: the field up to its first comma or semicolon ("Zhou Hongyi (周鸿祎), founder …")."""
    return re.split(r"[,;，；]", speaker, maxsplit=1)[0].strip()


def topics(meta: dict) -> list[str]:
    """``topics: video generation; AGI`` (separated by ; or ,) in meta.yaml."""
    return [t.strip() for t in re.split(r"[;,，；]", meta.get("topics", "")) if t.strip()]


def year(meta: dict) -> str:
    found = _YEAR.search(meta.get("date", ""))
    return found.group(1) if found else ""


def sort_key(meta: dict) -> str:
    """The first date in the ``date`` field as YYYY-MM-DD (missing parts 00), "" when there is none."""
    found = _DAY.search(meta.get("date", ""))
    if not found:
        return ""
    return "-".join(part or "00" for part in found.groups())


def slugify(label: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:40].strip("-")
    digest = hashlib.sha256(label.encode("utf-8")).hexdigest()[:6]
    # A label with no Latin letters (周鸿祎), or two labels cut to the same slug, keep apart by the digest.
    return f"{slug}-{digest}" if slug else digest


def ordered(articles: list) -> list:
    """Newest first (by the first date of ``date``), undated last, in their folder order."""
    dated = sorted((a for a in articles if sort_key(a.article.meta)), key=lambda a: sort_key(a.article.meta), reverse=True)
    return dated + [a for a in articles if not sort_key(a.article.meta)]


def facets(articles: list) -> dict[str, list[tuple[Facet, list]]]:
    """Each speaker, year and topic with its articles (newest first), A–Z (years newest first)."""
    found: dict[Facet, list] = {}
    slugs: dict[tuple[str, str], str] = {}
    for item in ordered(articles):
        meta = item.article.meta
        labels = [("speaker", speaker_name(meta.get("speaker", "")))] + [("year", year(meta))] + \
                 [("topic", t) for t in topics(meta)]
        for kind, label in labels:
            if not label:
                continue
            key = label if kind == "year" else slugs.setdefault((kind, label.casefold()), slugify(label.casefold()))
            facet = next((f for f in found if f.kind == kind and f.key == key), None) or Facet(kind, key, label)
            found.setdefault(facet, []).append(item)
    groups: dict[str, list[tuple[Facet, list]]] = {"speaker": [], "year": [], "topic": []}
    for facet, items in found.items():
        groups[facet.kind].append((facet, items))
    for kind, entries in groups.items():
        if kind == "year":
            entries.sort(key=lambda e: e[0].label, reverse=True)
        else:
            entries.sort(key=lambda e: e[0].label.casefold())
    return groups


def _paths(facet: Facet | None, pages: int) -> list[str]:
    base = "library/" + (f"{facet.kind}-{facet.key}" if facet else "")
    if facet is None:
        return [INDEX] + [f"library/page-{n}.md" for n in range(2, pages + 1)]
    return [f"{base}.md"] + [f"{base}-page-{n}.md" for n in range(2, pages + 1)]


def list_pages(articles: list) -> list[ListPage]:
    """Every list page: all articles, then each speaker's, year's and topic's."""
    lists: list[tuple[Facet | None, str, list]] = [(None, "All articles", ordered(articles))]
    names = {"speaker": "Articles by {}", "year": "Articles from {}", "topic": "Articles on {}"}
    for kind, entries in facets(articles).items():
        lists += [(facet, names[kind].format(facet.label), items) for facet, items in entries]
    pages = []
    for facet, title, items in lists:
        count = max(1, -(-len(items) // PER_PAGE))
        for number, path in enumerate(_paths(facet, count), start=1):
            pages.append(ListPage(path, title, facet, number, count, items[(number - 1) * PER_PAGE:number * PER_PAGE], len(items)))
    return pages


def page_path(facet: Facet | None, number: int) -> str:
    return _paths(facet, number)[number - 1]


def render_list_page(env, page: ListPage, articles: list, href: Href, stats: Callable) -> str:
    """A list page (Markdown with raw HTML): title, the filters, this page's articles, the pager."""
    groups = facets(articles)
    filters = [(kind, [(f, len(items), href(page_path(f, 1))) for f, items in entries])
               for kind, entries in groups.items() if entries]
    shown = sorted({1, page.count, *range(max(1, page.number - 2), min(page.count, page.number + 2) + 1)})
    pager = []   # (number, url), (None, None) for a gap: 1 … 4 5 6 7 8 … 20
    for n in shown:
        if pager and n - pager[-1][0] > 1:
            pager.append((None, None))
        pager.append((n, href(page_path(page.facet, n))))
    step = lambda n: href(page_path(page.facet, n)) if 1 <= n <= page.count else ""  # noqa: E731
    return env.get_template("article_index.md.j2").render(
        page=page, filters=filters, pager=pager, pager_prev=step(page.number - 1), pager_next=step(page.number + 1),
        all_url=href(INDEX), per_page=PER_PAGE,
        items=[(a, href(a.page_path), stats(a)) for a in page.items])


def render_home_list(env, articles: list, href: Href, stats: Callable) -> str:
    """The home page: the newest articles, and a link to every article and the filters."""
    newest = ordered(articles)[:LATEST]
    html = env.get_template("article_list.html.j2").render(items=[(a, href(a.page_path), stats(a)) for a in newest])
    if len(articles) > len(newest):
        html += (f'\n<p class="article-more"><a href="{href(INDEX)}">All {len(articles)} articles</a>, '
                 f'by speaker, year and topic.</p>\n')
    else:
        html += f'\n<p class="article-more"><a href="{href(INDEX)}">Browse the articles</a> by speaker, year and topic.</p>\n'
    return html
