"""Search records for Pagefind (zhreader.search_records): what is shown, what only the index sees."""

import gzip
import json
import re

import pytest
from conftest import ROOT

from zhreader import search_records as sr
from zhreader.glossary_index import entry_page
from zhreader.sources import Article, Paragraph


def _letter_page_url(entry) -> str:
    """The hosted URL of an entry's letter page (glossary/s.md → glossary/s/)."""
    return entry_page(entry).removesuffix(".md") + "/"


def shown_and_hidden(content: str) -> tuple[str, list[str]]:
    words = content.split(" ")
    end = words.index(sr.BOUNDARY) if sr.BOUNDARY in words else len(words)
    return sr.shown_text(content), [w for w in words[end + 1:] if not w.startswith("___")]


@pytest.mark.parametrize("text", [
    "周鸿祎谈Sora：AI 助手和 deep forgery, GPT-4o 与 Sora 2。",
    "A mark embedded in content (人工智能生成合成内容标识办法), in force since 1 September 2025.",
    "OpenAI's GPT4o 和Runway.这很正常",
    "“这样我们有一个配合读水印的程序，我们一看就知道它有没有水印。”",
])
def test_shown_text_gives_the_text_back(segmenter, text):
    words = sr.shown_words(t.text for t in segmenter.segment_text(text, None))
    assert sr.shown_text(" ".join(words)) == text
    assert not [w for w in words if " " in w or not w]


def test_paragraph_record_hides_pinyin_traditional_and_sub_words(segmenter, glossary):
    text = "大模型加入不可更改的内部水印。"
    content = sr.paragraph_content(segmenter.segment_text(text, None), glossary, "Large models add a watermark.")
    shown, hidden = shown_and_hidden(content)
    assert shown == text
    assert content.split(sr.BOUNDARY)[0].split(sr.ENGLISH)[1].split() == "Large models add a watermark.".split()
    for word in ["shuiyin", "damoxing", "模型"]:        # pinyin, and the sub-word of 大模型
        assert word in hidden
    # Each group starts with the word as shown: a hit on its names marks that word.
    heads = [hidden[i + 1] for i, w in enumerate(hidden) if w == sr.GROUP]
    assert set(heads) <= set(w.text for w in segmenter.segment_text(text, None))
    assert "shuiyin" not in shown and "模型" not in shown.replace("大模型", "")


def test_a_compound_is_found_by_its_parts_their_sub_words_and_their_terms_names(segmenter, glossary):
    text = "短视频行业发展很快。"                      # 短视频|行业 is one word on the page
    _, hidden = shown_and_hidden(sr.paragraph_content(segmenter.segment_text(text, None), glossary))
    for word in ["短视频", "行业", "视频", "duanshipin"]:
        assert word in hidden


def test_traditional_text_is_found_by_its_simplified_spelling(segmenter, glossary):
    text = "大模型的幻覺問題。"
    _, hidden = shown_and_hidden(sr.paragraph_content(segmenter.segment_text(text, None), glossary))
    assert "幻觉" in hidden and "问题" in hidden


def test_glossary_record_reads_term_pinyin_english_and_puts_its_names_first(glossary, segmenter):
    entry = glossary.by_id["watermark"]
    segment = lambda text: [t.text for t in segmenter.segment_text(text, None)]  # noqa: E731
    record = sr.glossary_records(glossary, _letter_page_url, segment)[glossary.entries.index(entry)]
    assert record.url == "glossary/shu/#watermark"            # the entry in full, on its letter's page
    assert record.meta["title"] == "水印 shuǐyìn — watermark"
    shown, hidden = shown_and_hidden(record.content)
    assert shown == entry.definition
    # The first group: the term's names at the highest weight (the page puts an exact name first).
    first = record.content.split(sr.BOUNDARY)[1].split(sr.GROUP)[1].split()
    assert f"___PAGEFIND_WEIGHT___{sr.TERM_WEIGHT}" in first and "shuiyin" in first
    deepfake = sr.glossary_records(glossary, _letter_page_url, segment)[glossary.entries.index(glossary.by_id["deepfake"])]
    names = deepfake.content.split(sr.BOUNDARY)[1].split(sr.GROUP)[1].split()
    assert {"深度偽造", "shenduweizao", "shendu", "weizao"} <= set(names)


def test_a_glossary_record_kept_between_builds_is_the_one_made_anew_and_follows_an_edit(glossary, segmenter, tmp_path, monkeypatch):
    from dataclasses import replace
    from zhreader import cache
    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path)            # an empty memo folder
    entry = glossary.by_id["watermark"]
    fresh = sr.glossary_record(entry, "glossary/shu/", segmenter.segment_prose)
    memo = sr.records_memo(segmenter)
    assert sr.glossary_record(entry, "glossary/shu/", segmenter.segment_prose, memo) == fresh
    memo.save()
    kept = sr.records_memo(segmenter)                              # the next build's, read from disk
    assert sr.glossary_record(entry, "glossary/shu/", segmenter.segment_prose, kept) == fresh and kept.misses == 0
    edited = replace(entry, definition="A mark embedded in generated content.")
    record = sr.glossary_record(edited, "glossary/shu/", segmenter.segment_prose, kept)
    assert shown_and_hidden(record.content)[0] == "A mark embedded in generated content." and kept.misses == 1


def test_article_record_holds_title_then_paragraphs_in_order(segmenter, glossary):
    paragraphs = [Paragraph(id="p1", text="大模型训练需要芯片。", line=2), Paragraph(id="p2", text="水印很重要。", line=4)]
    article = Article(slug="t", folder=None, title="模型标题", paragraphs=paragraphs)
    tokens = {p.id: segmenter.segment_text(p.text, "t") for p in paragraphs}
    record = sr.article_record(article, tokens, "articles/t/", glossary)
    assert record.url == "articles/t/" and record.meta == {"article": "模型标题"}   # the results list shows it
    assert "filters" not in record.as_api_args()                    # Pagefind's filter index is not stable
    parts = sr.record_parts(record.content)
    # The page counts parts to link a hit: the title is part 0, paragraph pN is part N.
    assert [sr.shown_text(part) for part in parts] == ["模型标题", "大模型训练需要芯片。", "水印很重要。"]
    assert "shuiyin" in parts[2] and "shuiyin" not in parts[1]      # each paragraph keeps its own index words


def test_a_marker_in_the_text_cannot_shift_the_parts(segmenter, glossary):
    text = "第¶一段 ⁂ 和 ‖ 符号。"
    article = Article(slug="t", folder=None, title="T", paragraphs=[Paragraph(id="p1", text=text, line=2)])
    record = sr.article_record(article, {"p1": segmenter.segment_text(text, "t")}, "articles/t/", glossary)
    assert len(sr.record_parts(record.content)) == 2
    # A paragraph of marker characters only has no words: the parts keep their places, and no
    # two spaces follow each other (the page counts words by single spaces, Pagefind by any).
    only = Paragraph(id="p2", text="¶ ⁂", line=4)
    article = Article(slug="t", folder=None, title="T", paragraphs=[only, Paragraph(id="p3", text="水印。", line=6)])
    tokens = {p.id: segmenter.segment_text(p.text, "t") for p in article.paragraphs}
    content = sr.article_record(article, tokens, "articles/t/", glossary).content
    assert "  " not in content and [sr.shown_text(p) for p in sr.record_parts(content)] == ["T", "", "水印。"]


def test_query_words_let_the_page_cut_queries(segmenter, glossary):
    article = Article(slug="t", folder=None, title="T", paragraphs=[Paragraph(id="p1", text="大模型训练需要芯片。", line=1)])
    tokens = {"p1": segmenter.segment_text("大模型训练需要芯片。", "t")}
    records = [sr.article_record(article, tokens, "articles/t/", glossary)]
    words = sr.query_words(records, glossary)
    assert {"大模型", "训练", "芯片", "模型"} <= set(words["zh"])
    assert not [w for w in words["zh"] if len(w) < 2]
    assert {"damoxing", "shenduweizao"} <= set(words["pinyin"])     # typed spaced, searched joined
    assert "shuiyin" not in words["pinyin"]                          # one word already
    assert set(words) == {"zh", "pinyin"}              # nothing that grows with the number of articles
    assert records[0].meta == {"article": "T"}         # the results list's title, fetched with the result


def test_query_words_are_in_the_pages_string_order():
    # The page finds a word and a word's beginning by binary search, comparing as JavaScript does
    # (UTF-16 code units): 𠮷 (U+20BB7, written D842 DFB7) comes before 豈 (U+F900) there,
    # after it in code-point order.
    words = sorted(["丽", "𠮷野", "朩", "\uf900\u4e00"], key=sr.utf16_order)
    assert words == ["丽", "朩", "𠮷野", "\uf900\u4e00"]


def test_write_index_writes_pagefind_and_the_query_words(tmp_path, glossary):
    records = [sr.Record(url="a/#p1", content="大模型 训练 " + sr.BOUNDARY + " " + sr.GROUP + " 大模型 大 模型",
                         meta={"article": "A"})]
    sizes = sr.write_index(records, glossary, tmp_path)
    assert sizes["records"] == 1 and sizes["bytes"] > 0
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    fragments = list((tmp_path / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert len(fragments) == 1
    fragment = json.loads(gzip.decompress(fragments[0].read_bytes())[12:])
    assert fragment["url"] == "a/#p1" and sr.shown_text(fragment["content"]) == "大模型训练"
    assert fragment["meta"]["article"] == "A"
    shard = json.loads((tmp_path / sr.WORDS / f"{ord('大') % sr.SHARDS}.json").read_text(encoding="utf-8"))
    assert "大模型" in shard and "训练" not in shard
    assert len(list((tmp_path / sr.WORDS).glob("*.json"))) == sr.SHARDS + 1     # every file, and the pinyin


def test_the_index_of_the_same_records_is_taken_from_the_cache_and_is_the_same(tmp_path, glossary, monkeypatch):
    from zhreader import cache

    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path / "cache")
    records = [sr.Record(url=f"a/#p{n}", content=f"大模型 训练 {n}", meta={"article": "A"}) for n in range(3)]
    sr.write_index(records, glossary, tmp_path / "one")
    runs = []
    real = sr._write
    monkeypatch.setattr(sr, "_write", lambda *a: runs.append(1) or real(*a))
    sr.write_index(records, glossary, tmp_path / "two")          # the same records: Pagefind is not run
    assert runs == []

    def tree(site):
        root = site / sr.OUTPUT
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert tree(tmp_path / "one") == tree(tmp_path / "two") and tree(tmp_path / "two")
    sr.write_index(records[:2], glossary, tmp_path / "three")     # other records: indexed afresh
    assert runs == [1] and len(list((tmp_path / "three" / sr.OUTPUT / "fragment").iterdir())) == 2
    assert len(list((tmp_path / "cache").glob("pagefind-*"))) == sr.KEPT_INDEXES


def test_query_words_are_split_by_first_character_as_the_page_looks_them_up():
    words = {"zh": sorted(["大模型", "大模型训练", "模型", "训练", "𠮷野"], key=sr.utf16_order), "pinyin": ["damoxing"]}
    files = sr.word_files(words)
    assert files["pinyin.json"] == ["damoxing"]
    assert files[f"{ord('大') % sr.SHARDS}.json"] == ["大模型", "大模型训练"]   # a word and the longer one it starts
    assert files[f"{0x20BB7 % sr.SHARDS}.json"] == ["𠮷野"]                    # a code point, as codePointAt gives
    assert sum(len(v) for k, v in files.items() if k != "pinyin.json") == 5 and len(files) == sr.SHARDS + 1
    # The page computes the same file for a character: its constant is this one.
    script = (ROOT / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    assert re.search(r"var SHARDS = (\d+);", script).group(1) == str(sr.SHARDS)


def test_a_compound_is_found_by_each_of_its_parts(segmenter, glossary):
    text = "MEMS廠商和客服機器人越來越多。"        # two compounds of known words, one with a Latin code
    tokens = segmenter.segment_text(text, None)
    assert [t.text for t in tokens if t.parts] == ["MEMS廠商", "客服機器人"]
    shown, hidden = shown_and_hidden(sr.paragraph_content(tokens, glossary))
    assert shown == text
    for part in ["MEMS", "厂商", "客服", "机器人"]:            # simplified, as queries are cut
        assert part in hidden


def test_a_name_is_indexed_in_its_own_traditional_spelling(segmenter, glossary):
    # 云从 (CloudWalk) is 雲從 in Taiwan, not 雲端從: a search index that indexed that would
    # offer CloudWalk's entry for a query about "the cloud, from …".
    cloudwalk = next(e for e in glossary.entries if e.term == "云从科技")
    content = sr.entry_content(cloudwalk, lambda text: [t.text for t in segmenter.segment_text(text, None)])
    assert "雲從科技" in content and "雲端" not in content
