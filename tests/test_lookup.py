"""Lookup: pinyin with tone marks (polyphones right), English for every word, HSK levels."""

from pathlib import Path

import pytest

from zhreader.lookup import Lookup, format_pinyin
from zhreader.render import Corpus
from zhreader.sources import load_glossary

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lookup():
    glossary = load_glossary(ROOT / "glossary.yaml")
    from zhreader.segment import Segmenter
    Segmenter(glossary)  # loads the reading overrides
    return Lookup(glossary)


@pytest.mark.parametrize("word, pinyin", [
    ("行业", "hángyè"),
    ("长文", "chángwén"),
    ("角色", "juésè"),
    ("银行", "yínháng"),
    ("发布", "fābù"),
    ("了解", "liǎojiě"),
    ("还是", "háishi"),
    ("一两年", "yīliǎngnián"),
    ("中国", "Zhōngguó"),
    ("的", "de"),
])
def test_pinyin_of_polyphones_and_compounds(lookup, word, pinyin):
    assert lookup.lookup_word(word).pinyin == pinyin


@pytest.mark.parametrize("numbers, marks", [
    ("hang2 ye4", "hángyè"), ("nu:3 er2", "nǚ'ér"), ("Xi1 an1", "Xī'ān"), ("de5", "de"),
])
def test_format_pinyin(numbers, marks):
    assert format_pinyin(numbers) == marks


def test_word_missing_from_cedict_gets_a_composed_gloss(lookup):
    info = lookup.lookup_word("一两年")
    assert info.source == "composed"
    assert [p[0] for p in info.parts][-1] == "年"
    assert "year" in info.english


def test_glossary_word_uses_glossary_rendering(lookup):
    info = lookup.lookup_word("大模型")
    assert info.source == "glossary" and info.entry_id and info.pinyin == "dà móxíng"
    assert info.senses[0] == "large model"


def test_hsk_levels(lookup):
    assert lookup.lookup_word("的").hsk_label == "1"
    assert lookup.lookup_word("模型").hsk_label.isdigit()
    assert lookup.lookup_word("周鸿祎").hsk_label == ""


def test_no_chinese_word_in_the_article_lacks_pinyin_or_english():
    corpus = Corpus(ROOT)
    item = next(a for a in corpus.articles if a.article.slug == "zhou-hongyi-sora")
    empty = [(i.word, i.pinyin, i.english) for i in item.vocab.infos
             if not i.pinyin.strip() and not i.english.strip()
             or (not i.english.strip()) or (not i.pinyin.strip() and any("\u4e00" <= c <= "\u9fff" for c in i.word))]
    assert empty == []
    assert len(item.vocab.infos) > 500


@pytest.mark.parametrize("text, word, pinyin", [
    ("能完整地理解这个世界", "地", "de"),
    ("OpenAI做得非常好", "得", "de"),
    ("手里应该还藏着一些秘密武器", "着", "zhe"),
    ("教AI理解和模拟运动中的物理世界", "教", "jiāo"),
    ("年还没过完", "过", "guò"),
])
def test_particles_take_their_reading_from_context(lookup, text, word, pinyin):
    from zhreader.segment import Segmenter
    token = next(t for t in Segmenter(lookup.glossary).segment_text(text) if t.text == word)
    assert lookup.lookup_word(token.text, token.reading).pinyin == pinyin
