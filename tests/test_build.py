"""Strict builds: the fixture site and the real site build with zero warnings and the pages a reader expects."""

import csv
import io
import json
import re
from pathlib import Path

from conftest import FIXTURE, ROOT, local_addresses, run_mkdocs_build

ARTICLE = "articles/zhou-hongyi-sora/index.html"


def test_fixture_site_builds_strictly_with_no_warning(tmp_path):
    result = run_mkdocs_build(FIXTURE / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr
    assert (tmp_path / "out" / "articles" / "demo" / "index.html").exists()
    assert (tmp_path / "out" / "articles" / "trad" / "index.html").exists()


def test_real_site_builds_strictly_with_no_warning(tmp_path):
    result = run_mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def test_article_page_has_every_paragraph_annotated(site):
    html = (site / ARTICLE).read_text(encoding="utf-8")
    assert len(re.findall(r'<div class="pair" id="p\d+">', html)) == 43
    # The popup data: a script of its own (assets/reader/core.js loads it), named with its content's hash.
    src = re.search(r'<div class="reader" data-article="zhou-hongyi-sora" data-vocab="(vocabulary\.js\?v=[0-9a-f]{12})">', html).group(1)
    script = (site / ARTICLE).parent.joinpath(src.split("?")[0]).read_text(encoding="utf-8")
    vocab = json.loads(re.search(r'\)\["zhou-hongyi-sora"\] = (\[.*\]);\n$', script, re.S).group(1))
    assert 'id="zh-vocab"' not in html
    keys = {int(k) for k in re.findall(r'data-k="(\d+)"', html)}
    assert keys == set(range(len(vocab)))
    # every Chinese word has pinyin and English: senses, or (a word no dictionary knows) its glossed parts
    assert all(row[1] and (row[2] or row[6]) for row in vocab if re.search(r"[\u4e00-\u9fff]", row[0]))
    # Every Chinese character of the article sits inside a word element.
    zh = "".join(re.findall(r'<p class="zh" lang="zh">(.*?)</p>', html, re.S))
    outside = re.sub(r'<(span|a) class="w[^"]*"[^>]*>[^<]*</\1>', "", zh)
    outside = re.sub(r"<sup.*?</sup>|<a class=\"pl\".*?</a>", "", outside)
    assert re.findall(r"[\u4e00-\u9fff]", outside) == []


def test_source_typos_are_shown_as_written(site):
    html = (site / ARTICLE).read_text(encoding="utf-8")
    assert ">OpenAl</a>" in html and "Runway</a>." in html


def test_glossary_lists_every_entry_with_occurrences(site):
    # The entries in full are on the letters' pages (glossary/a/ …), the index has a line each.
    html = "".join(path.read_text(encoding="utf-8") for path in sorted((site / "glossary").glob("*/index.html")))
    import yaml
    entries = yaml.safe_load((ROOT / "glossary.yaml").read_text(encoding="utf-8"))
    assert len(entries) >= 40
    for entry in entries:
        assert f'<h2 id="{entry["id"]}"' in html, entry["id"]
    counts = [int(n) for n in re.findall(r'<p class="occ-head">Occurrences: (\d+)</p>', html)]
    assert len(counts) + html.count("Not yet in our texts.") == len(entries) and 0 not in counts
    # every glossary link in the articles is counted once on the glossary page: a term's, and each
    # glossary part a compound's popup links (data-g: one href per part)
    article = (site / "articles" / "zhou-hongyi-sora" / "index.html").read_text(encoding="utf-8")
    in_compounds = [len(g.split()) for g in re.findall(r'<span class="w c" data-k="\d+" data-g="([^"]+)"', article)]
    assert in_compounds and sum(counts) == article.count('class="w t"') + sum(in_compounds) > 100
    assert '<a href="../../articles/zhou-hongyi-sora/#p' in html


def test_vocabulary_csv(site):
    text = (site / "articles" / "zhou-hongyi-sora" / "vocabulary.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["word", "pinyin", "english", "hsk", "count"]
    words = [r[0] for r in rows[1:]]
    assert len(words) == len(set(words)) > 500
    assert words[:4] == ["于", "年", "月", "日"]  # order of first appearance; Latin terms are not listed
    by_word = {r[0]: r for r in rows[1:]}
    assert by_word["行业"][1:4] == ["hángyè", by_word["行业"][2], "5"] and "industry" in by_word["行业"][2]
    assert all(r[1] and r[2] for r in rows[1:])
    assert int(by_word["大模型"][4]) == 19  # 20 in the text, one inside the glossary term 国产大模型


def test_no_published_file_names_a_local_address(site):
    """Without SITE_URL the site names no address: no canonical link, an empty sitemap, and
    word-list links relative to the site (``make build`` on a laptop publishes no 127.0.0.1)."""
    hits = [hit for path in sorted(site.rglob("*")) if path.is_file()
            for hit in local_addresses(str(path.relative_to(site)), path.read_bytes())]
    assert hits == []
    assert 'rel="canonical"' not in (site / ARTICLE).read_text(encoding="utf-8")
    assert "<loc>" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    csv_text = (site / "articles" / "zhou-hongyi-sora" / "vocabulary.csv").read_text(encoding="utf-8-sig")
    assert list(csv.reader(io.StringIO(csv_text)))[1][6] == "articles/zhou-hongyi-sora/#p1"


def test_home_lists_the_article(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="articles/zhou-hongyi-sora/"' in html


def test_notes_and_quotes_pages(site):
    html = (site / ARTICLE).read_text(encoding="utf-8")
    notes = re.findall(r'<li id="note-(\d+)"', html)
    assert len(notes) >= 25 and notes == [str(i) for i in range(1, len(notes) + 1)]
    assert len(re.findall(r'<sup class="nref" id="nref-\d+">', html)) == len(notes)
    quotes = (site / "quotes" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<figure class="quote" id="q-', quotes)) >= 12
    assert 'href="../articles/zhou-hongyi-sora/#p' in quotes


def test_quotes_link_to_the_speakers_words_and_mark_reported_speech(site):
    quotes = (site / "quotes" / "index.html").read_text(encoding="utf-8")
    figures = dict(re.findall(r'<figure class="quote" id="q-([a-z0-9-]+)">(.*?)</p>\s*</figure>', quotes, re.S))
    assert 'href="../articles/zhou-hongyi-sora/#p8-s1"' in figures["agi-in-one-year"]   # Zhou's headline, not the news item (p3)
    reported = [qid for qid, body in figures.items() if "as reported (not a direct quotation)" in body]
    assert reported == ["hallucination-double-edged"]


def test_english_pairs_and_lang_attributes(site):
    html = (site / ARTICLE).read_text(encoding="utf-8")
    assert len(re.findall(r'<p class="en" lang="en">', html)) == 43
    assert "Translation pending" not in html


def test_article_without_translation_says_pending(fixture_site):
    html = (fixture_site / "articles" / "trad" / "index.html").read_text(encoding="utf-8")
    assert "Translation pending." in html


def test_a_compound_links_its_glossary_part_to_the_entry_page(fixture_site):
    # texts/trad: 銀行推出了專業大模型和客服機器人。 — 大模型 is in the fixture glossary, 客服 and 機器人 are not.
    html = (fixture_site / "articles" / "trad" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="w c" data-k="\d+" data-g="\.\./\.\./glossary/d/#large-model">專業大模型</span>', html)
    assert re.search(r'<span class="w c" data-k="\d+">客服機器人</span>', html)


def _name_word(fixture_site, text):
    """The traditional fixture article's page, and the vocabulary row of its name word ``text``."""
    html = (fixture_site / "articles" / "trad" / "index.html").read_text(encoding="utf-8")
    k = re.search(rf'<span class="w n" data-k="(\d+)">{text}</span>', html).group(1)
    vocab = (fixture_site / "articles" / "trad" / "vocabulary.js").read_text(encoding="utf-8")
    rows = json.loads(vocab[vocab.index("= [") + 2:vocab.rindex("]") + 1])
    return html, k, rows[int(k)][:8]


def test_a_name_no_dictionary_has_is_one_word_read_as_a_name(fixture_site):
    # texts/trad: 銀行總裁陳思妤表示，服務會更好。 — a title before the name, a verb of saying after it.
    html, k, (word, pinyin, senses, _, entry, source, parts, definition) = _name_word(fixture_site, "陳思妤")
    assert (word, pinyin, senses, entry, source, parts) == ("陳思妤", "Chén Sīyú", [], "", "name", [])
    assert definition == "A person's name: family name 陳 (Chén)."     # never 陳 "old", 妤 "beautiful"
    # texts/trad: 陳思妤還認為，明年會更好。 — no title: a name because the article named her before.
    assert len(re.findall(rf'<span class="w n" data-k="{k}">陳思妤</span>', html)) == 2


def test_a_company_no_dictionary_has_is_one_word_read_as_a_name(fixture_site):
    # texts/trad: 瀾舟科技也推出了新產品。 — a name that is no word, before a company's ending.
    _, _, (word, pinyin, senses, _, entry, source, parts, definition) = _name_word(fixture_site, "瀾舟科技")
    assert (word, pinyin, senses, entry, source, parts) == ("瀾舟科技", "Lánzhōu kējì", [], "", "org", [])
    assert definition == "A company's name: 瀾舟 (Lánzhōu), a name, + 科技 (kējì) ‘science and technology’."


def test_the_build_writes_no_jieba_cache_outside_the_project(tmp_path):
    """jieba's prefix-dictionary cache lives in .cache/zhreader/, not in a shared temporary folder (issue 15 #25)."""
    from conftest import FIXTURE, run_mkdocs_build

    temp = tmp_path / "tmp"
    temp.mkdir()
    result = run_mkdocs_build(FIXTURE / "mkdocs.yml", tmp_path / "out", env={"TMPDIR": str(temp)})
    assert result.returncode == 0, result.stderr
    assert [p.name for p in temp.iterdir() if "jieba" in p.name] == []
