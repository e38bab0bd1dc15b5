"""Extra search-index text: toneless pinyin, sub-words, traditional forms, stripping."""

import html
import json
from pathlib import Path

import pytest

from zhreader.searchterms import (ZWSP, entry_index_text, index_block, paragraph_index_text, section_heading,
                                  split_compound, strip_index_only, toneless_pinyin)
from zhreader.script import traditional_forms

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("pinyin, expected", [
    ("shēndù wěizào", ["shendu weizao", "shenduweizao"]),
    ("shuǐyìn", ["shuiyin"]),
    ("Yīngwěidá", ["yingweida"]),
    ("wén shēng shìpín", ["wen sheng shipin", "wenshengshipin"]),
    ("nǚ'ér", ["nüer", "nuer", "nver"]),
    ("xī'ān", ["xian"]),
])
def test_toneless_pinyin(pinyin, expected):
    assert toneless_pinyin(pinyin) == expected


@pytest.mark.parametrize("word, expected", [
    ("大模型", ("大", "模型")),
    ("扩散模型", ("扩散", "模型")),
    ("深度伪造", ("深度", "伪造")),
    ("文生视频", ("文生", "视频")),
    ("模型", None),            # too short to cut
    ("周鸿祎", None),          # no piece of two characters
    ("GPT-4", None),           # not Chinese
])
def test_split_compound(segmenter, word, expected):
    assert split_compound(word) == expected


def test_traditional_forms():
    assert "深度偽造" in traditional_forms("深度伪造")
    assert "深度伪造" not in traditional_forms("深度伪造")
    assert traditional_forms("Sora") == ()


def test_entry_text_has_every_way_to_find_it(glossary, segmenter):
    text = " ".join(entry_index_text(glossary.by_id["deepfake"]))
    for needle in ["深度伪造", "深度偽造", "shendu weizao", "shenduweizao", f"深度{ZWSP}伪造"]:
        assert needle in text


def test_paragraph_text_cuts_compounds_and_names_its_terms(glossary, segmenter):
    blocks = paragraph_index_text(segmenter.segment_text("文生视频大模型Sora给视频加水印"), glossary)
    assert f"大{ZWSP}模型" in blocks
    assert any(block.startswith("水印 ") and "shuiyin" in block for block in blocks)
    assert not any("Open AI" in block for block in blocks)


def test_a_compound_is_indexed_offline_by_its_parts_and_their_terms_names(glossary, segmenter):
    blocks = paragraph_index_text(segmenter.segment_text("短视频行业发展很快。"), glossary)
    assert f"短视频{ZWSP}行业" in blocks and f"短{ZWSP}视频" in blocks
    assert any(block.startswith("短视频 ") and "duanshipin" in block for block in blocks)


def test_index_only_markup_is_escaped_and_stripped():
    html = ('<div class="pair" id="p1">\n' + section_heading("p1", "¶1") + "\n<p>正文</p>\n"
            + index_block(["<b>x</b>", "&", "y"]) + "\n</div>\n")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in html
    assert "<b>" not in html
    assert strip_index_only(html) == '<div class="pair" id="p1">\n<p>正文</p>\n</div>\n'


def test_index_only_words_are_marked_as_words():
    """Each Chinese run of index-only text is a word of ours: U+200B on both sides (searchterms.keep_our_cuts)."""
    block = index_block([f"大{ZWSP}模型", "文字转影片", "shuiyin"])
    assert f"{ZWSP}大{ZWSP}{ZWSP}{ZWSP}模型{ZWSP} {ZWSP}文字转影片{ZWSP} shuiyin" in block


def test_every_glossary_entry_is_indexed_under_every_name(glossary, segmenter):
    """Each entry's search record (Pagefind) holds its forms, traditional forms, English, alternatives and toneless pinyin."""
    from zhreader import search_records

    records = search_records.glossary_records(glossary, lambda entry: "glossary/", lambda text: [t.text for t in segmenter.segment_text(text, None)])
    indexed = {r.url: set(r.content.lower().split()) for r in records}
    missing = []
    for entry in glossary.entries:
        words = indexed[f"glossary/#{entry.id}"]
        names = [*entry.forms, *entry.traditional, entry.en, *entry.alternatives]
        names += toneless_pinyin(entry.pinyin) if entry.pinyin else []
        missing += [f"{entry.id}: {name}" for name in names if not set(name.lower().split()) <= words]
    assert missing == []
