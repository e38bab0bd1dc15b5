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
    "我们共探智能时代的问题。",      # 共 "together" begins no name
    "他说智能很重要。",              # 他 "he" and 说 "to say" are in no name
])
def test_no_company_is_guessed_over_a_word_or_a_function_word(segmenter, sentence):
    assert companies(segmenter, sentence) == []


def test_a_company_is_read_as_a_name_and_its_ending_keeps_its_gloss(glossary):
    info = Lookup(glossary).lookup_word("渊舟科技", parts=("渊舟", "科技"), name=True)
    assert (info.pinyin, info.senses, info.source) == ("Yuānzhōu kējì", [], "org")
    # never 渊 "deep pool" + 舟 "boat": the name is a name, in word lists and decks too
    assert info.definition == info.english == "A company's name: 渊舟 (Yuānzhōu), a name, + 科技 (kējì) ‘science and technology’."
    alone = Lookup(glossary).lookup_word("渊舟", parts=("渊舟",), name=True)      # written alone after 渊舟科技
    assert alone.definition == "A company's name: 渊舟 (Yuānzhōu)."


@pytest.mark.parametrize("sentence, name, parts", [
    # a registered name: the place, a name of two to four characters (words or not), the trade, the ending
    ("我们邀请了杭州星云智联科技有限公司的工程师。", "杭州星云智联科技有限公司", ("杭州星云智联", "科技", "有限公司")),
    ("由上海谷川信息技术有限公司开发。", "上海谷川信息技术有限公司", ("上海谷川", "信息技术", "有限公司")),
    ("深圳市云帆智能科技有限公司发布了新芯片。", "深圳市云帆智能科技有限公司", ("深圳市云帆", "智能", "科技", "有限公司")),
    ("他注册了星云科技有限公司。", "星云科技有限公司", ("星云", "科技", "有限公司")),      # after a verb: no place needed
    ("與臺北雲帆資訊科技股份有限公司合作。", "臺北雲帆資訊科技股份有限公司", ("臺北雲帆", "資訊科技", "股份有限公司")),
])
def test_a_registered_company_name_is_one_word(segmenter, sentence, name, parts):
    assert companies(segmenter, sentence) == [(name, parts)]


@pytest.mark.parametrize("sentence", [
    "深圳市腾讯计算机系统有限公司发布了财报。",   # a glossary term keeps its entry
    "北京月之暗面科技有限公司推出了新模型。",
    "这家科技有限公司很小。",                     # no name at all
    "北京科技有限公司很多。",                     # a place and a trade are no name
    "公司星云科技有限公司。",                     # where the name begins does not show (after a noun)
    "他在一家软件开发有限公司工作。",
])
def test_no_registered_name_where_its_start_does_not_show_or_a_term_is_inside(segmenter, sentence):
    assert [text for text, parts in companies(segmenter, sentence) if "有限" in text] == []


def test_a_registered_name_reads_its_place_as_a_place_and_glosses_each_ending(glossary):
    info = Lookup(glossary).lookup_word("北京赛博英杰科技有限公司", parts=("北京赛博英杰", "科技", "有限公司"), name=True)
    assert (info.pinyin, info.senses, info.source) == ("Běijīng Sàibóyīngjié kējì yǒuxiàngōngsī", [], "org")
    assert info.definition == ("A company's name: 北京赛博英杰 (Běijīng Sàibóyīngjié), a name, + 科技 (kējì) "
                               "‘science and technology’ + 有限公司 (yǒuxiàngōngsī) ‘limited company; corporation’.")
