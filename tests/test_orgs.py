"""Companies' names no dictionary has: the name and its ending are one word, read and glossed as
a name, and only where the name is no word at all (every sentence here is our own writing)."""

import pytest

from zhreader.lookup import Lookup


def companies(segmenter, sentence):
    return [(t.text, t.parts) for t in segmenter.segment_text(sentence) if t.name]


@pytest.mark.parametrize("sentence, name, parts", [
    ("杭州渊舟科技今天发布了新模型。", "渊舟科技", ("渊舟", "科技")),     # a name we made up (澜舟科技 is in the glossary)
    ("锋龙股份的股价涨了。", "锋龙股份", ("锋龙", "股份")),           # a name cut into two characters
    ("光云科技的收入增长了。", "光云科技", ("光云", "科技")),         # a name jieba keeps as one token
    ("深演智能推出了新产品。", "深演智能", ("深演", "智能")),
    ("曦智科技完成了新一輪融資。", "曦智科技", ("曦智", "科技")),     # traditional, cut as its conversion
])
def test_an_unknown_name_before_a_company_ending_is_one_word(segmenter, sentence, name, parts):
    assert companies(segmenter, sentence) == [(name, parts)]


@pytest.mark.parametrize("sentence", [
    "美国科技公司很多。",            # 美国 is a word: "American tech companies"
    "新兴科技发展很快。",            # 新兴 "emerging" is a word
    "这场科技革命改变了世界。",      # a demonstrative and a measure word are no name
    "两家科技公司合并了。",          # nor a number
    "华为科技有限公司很大。",        # a glossary term keeps its entry
    "他们用智能手机。",              # 智能手机 is one word
])
def test_no_company_is_guessed_over_a_word_or_a_function_word(segmenter, sentence):
    assert companies(segmenter, sentence) == []


def test_a_company_is_read_as_a_name_and_its_ending_keeps_its_gloss(glossary):
    info = Lookup(glossary).lookup_word("渊舟科技", parts=("渊舟", "科技"), name=True)
    assert (info.pinyin, info.senses, info.source) == ("Yuānzhōu kējì", [], "org")
    # never 渊 "deep pool" + 舟 "boat": the name is a name, in word lists and decks too
    assert info.definition == info.english == "A company's name: 渊舟 (Yuānzhōu), a name, + 科技 (kējì) ‘science and technology’."
