"""People's names no dictionary has: one word, read and glossed as a name, and only where a title
stands before them and a verb of saying after (every sentence here is our own writing)."""

import pytest

from zhreader.lookup import Lookup


def names(segmenter, sentence):
    return [t.text for t in segmenter.segment_text(sentence) if t.name]


@pytest.mark.parametrize("sentence, name", [
    ("研究院分析师刘佳音指出，算力需求还会增长。", "刘佳音"),
    ("公司首席执行官欧阳明远表示，新模型下月上线。", "欧阳明远"),     # a two-character surname
    ("資策會分析師黃筱雯認為，AI代理會改變工作。", "黃筱雯"),           # traditional, cut as its conversion
    ("財經事務及庫務局局長許文宇表示，政府會支持金融科技。", "許文宇"),      # a made-up name (許正宇 is an entry)
    ("创始人陈思远说，团队只有十个人。", "陈思远"),
    ("分析师刘佳音在报告中指出，需求还会增长。", "刘佳音"),                # where one says it: 在 …
    ("公司CEO王琳接受采访时表示，产品下月发布。", "王琳"),
    ("我们请到了研究院创始人谭思远老师。", "谭思远"),                      # a courtesy title after the name
    ("公司副总裁章一鸣先生在会上发言。", "章一鸣"),
    ("公司合伙人陈一鸣（Kevin Chen）负责产品。", "陈一鸣"),                # an English name in brackets after it
    ("这款应用引起了基金创始人徐思明的注意。", "徐思明"),                  # a possessive after it
    ("他找来两个研究生同学韩思航和宋立一起创业。", "韩思航"),              # who he is to someone: 同学
])
def test_a_name_between_a_title_and_a_verb_of_saying_is_one_word(segmenter, sentence, name):
    assert names(segmenter, sentence) == [name]


@pytest.mark.parametrize("sentence", [
    "刘佳音指出，算力需求还会增长。",                  # no title before it
    "分析师刘佳音今年写的报告很长。",                  # nothing a name ends with after it
    "阿里巴巴创始人马云表示很高兴。",                  # CC-CEDICT (and our glossary) know him
    "公司总裁李明说明天发布。",                        # 明说 is a word: no name is guessed
    "分析师们表示，市场还会增长。",                    # 们 is no surname
    "董事长周鸿祎表示，大模型要安全。",                # a glossary term keeps its entry
    "公司CFO王琳突然在会上表示不同意。",               # 突然 "suddenly" is a word, not part of a name
    "学校校长黄老师来了。",                            # a surname alone is no name
])
def test_no_name_is_guessed_without_both_cues_or_over_a_known_word(segmenter, sentence):
    assert names(segmenter, sentence) == []


def test_a_name_in_a_list_of_people_ends_at_the_list_mark_or_and(segmenter):
    sentence = "会上，研究院创始人骆思航、公司总裁韩一鸣与院长高度重视的学生代表座谈。"
    assert names(segmenter, sentence) == ["骆思航", "韩一鸣"]          # 院长|高度|重视 is no name
    assert names(segmenter, "专家学者、工程师和记者都来了。") == []


@pytest.mark.parametrize("name, pinyin, family", [
    ("刘佳音", "Liú Jiāyīn", "刘 (Liú)"),
    ("曾思远", "Zēng Sīyuǎn", "曾 (Zēng)"),        # the surname's reading, not 曾 céng "once"
    ("欧阳明远", "Ōuyáng Míngyuǎn", "欧阳 (Ōuyáng)"),
])
def test_a_name_is_read_as_a_name_never_glossed_by_its_characters(glossary, name, pinyin, family):
    info = Lookup(glossary).lookup_word(name, name=True)
    assert (info.pinyin, info.senses, info.source) == (pinyin, [], "name")
    assert info.definition == info.english == f"A person's name: family name {family}."   # in word lists and decks too


def test_a_name_found_once_is_a_name_where_it_recurs(segmenter):
    """An article names someone with a title once, then by name alone (the site reads each article
    so: corpus.Corpus; measure_terms and make words too)."""
    from zhreader import names

    paragraphs = ["研究院分析师刘佳音指出，算力需求还会增长。",
                  "刘佳音认为，明年芯片价格会下降。",            # no title: a name only because of the first
                  "她说刘佳音的报告很长。",
                  "刘佳说明天再谈。"]                            # another string: not the name
    cut = [segmenter.segment_text(p) for p in paragraphs]
    known = names.found(cut)
    assert known == {"刘佳音"}
    assert [[t.text for t in names.again(tokens, known) if t.name] for tokens in cut] == [["刘佳音"], ["刘佳音"], ["刘佳音"], []]
    assert [t.text for t in names.again(segmenter.segment_text("刘佳音认为，需求会增长。"), frozenset())
            if t.name] == []                                       # nothing found: nothing made a name


def test_a_name_the_article_repeats_is_a_name_without_a_title(segmenter):
    """A feature names its subject again and again, often with no title: three lone characters, a
    surname first, that recur three times are a name; twice is not enough, nor a particle inside."""
    from zhreader import names

    paragraphs = ["二十四岁的黄晓岚决定离开大公司。",
                  "黄晓岚后来回忆，那是最难的一年。",
                  "投资人问黄晓岚为什么要做这个产品。",
                  "周思齐只出现了一次，周思齐又出现了一次。",       # twice: not enough
                  "王也说好，王也说行，王也说对。"]                 # 也 is no part of a name
    cut = [segmenter.segment_text(p) for p in paragraphs]
    assert names.found(cut) == {"黄晓岚"}
    assert sum(t.text == "黄晓岚" for tokens in cut for t in names.again(tokens, names.found(cut)) if t.name) == 3


def test_a_glossary_companys_name_without_its_trade_links_where_the_article_named_it(segmenter, glossary):
    """群核 alone would take 人群|核心 anywhere; after 群核科技 in the same article it is that company."""
    from zhreader import names

    paragraphs = ["杭州的群核科技今天提交了上市申请。", "群核的收入在增长，群核也在招人。", "广场上人群核心区域很热闹。"]
    cut = [segmenter.segment_text(p) for p in paragraphs]
    known = names.found(cut, glossary)
    linked = [[t.text for t in names.again(tokens, known) if t.entry_id == "manycore-tech"] for tokens in cut]
    assert linked == [["群核科技"], ["群核", "群核"], []]
    alone = [segmenter.segment_text(p) for p in paragraphs[1:]]          # an article that never named it
    assert not any(t.entry_id for tokens in alone for t in names.again(tokens, names.found(alone, glossary)) if "群核" in t.text)


def test_a_models_version_alone_is_that_model_where_the_article_named_it(segmenter, glossary):
    """R1 after DeepSeek-R1 in the same article is DeepSeek-R1 (so is 混元T1's T1); an article that
    never named it, or named two models with that version, leaves it plain."""
    from zhreader import names

    def linked(paragraphs):
        cut = [segmenter.segment_text(p) for p in paragraphs]
        known = names.found(cut, glossary)
        return [[(t.text, t.entry_id) for t in names.again(tokens, known) if t.entry_id] for tokens in cut]

    assert linked(["我们先试了DeepSeek-R1的手机版。", "R1答得很慢，不过V3很快。"]) == \
        [[("DeepSeek-R1", "deepseek-r1")], [("R1", "deepseek-r1")]]
    assert linked(["腾讯发布了混元T1。", "T1的价格不高。"])[1] == [("T1", "hunyuan")]
    assert linked(["R1的价格不高。"]) == [[]]                                           # never named
    assert linked(["DeepSeek-R1和Psi R1都更新了。", "R1更快。"])[1] == []                # two models share it
    assert linked(["通义千问发布了Qwen3。", "n3不是版本。"])[1] == []                     # Qwen3 has no "n3"


@pytest.mark.parametrize("sentence, found", [
    ("老黄在开场就谈到了芯片。", ["老黄"]),          # Old Huang: never 黄 "yellow; pornographic"
    ("小李今天来了。", ["小李"]),
    ("这个很小的模型跑得很快。", []),               # 小 "small" before a particle
    ("芯片越来越小和更快。", []),
    ("他老了。", []),
    ("投资人徐小平认为可以。", ["徐小平"]),          # a name of three with 小 inside stays one name
])
def test_old_or_young_and_a_family_name_is_a_person(segmenter, sentence, found):
    assert names(segmenter, sentence) == found


def test_a_familiar_name_is_read_and_glossed_as_one(glossary):
    info = Lookup(glossary).lookup_word("老黄", name=True)
    assert info.pinyin == "Lǎo Huáng" and info.senses == []
    assert info.definition == "A person called familiarly by the family name 黄 (Huáng): 老 'old' + the family name."


@pytest.mark.parametrize("sentence, found", [
    ("软件公司执行长托比．路特克（Tobi Lütke）在贴文中说明了做法。", ["托比．路特克"]),   # Taiwan's dot
    ("物理学家约翰·冯·诺依曼提出了这种架构。", ["约翰·冯·诺依曼"]),                      # three parts
    ("乐队平克·弗洛伊德的唱片很有名。", ["平克·弗洛伊德"]),
    ("会议在中国·上海举行，主题是创新·发展。", []),           # parts that are words, not sounds
    ("他买了一只桃克·弗洛伊德熊。", []),                      # 桃 is no sound character: no half name
    ("版本·2", []),
])
def test_a_foreign_name_written_by_sound_with_a_middle_dot_is_one_name(segmenter, sentence, found):
    assert names(segmenter, sentence) == found


def test_a_foreign_name_is_read_by_its_sounds_and_its_last_part_recurs_as_the_name(segmenter, glossary):
    from zhreader import names as names_module

    info = Lookup(glossary).lookup_word("托比·路特克", sense=names_module.FOREIGN, name=True)
    assert (info.pinyin, info.senses, info.source) == ("Tuōbǐ · Lùtèkè", [], "name")
    assert info.definition == "A foreign name, written in Chinese characters by their sound (the characters carry no meaning here)."
    paragraphs = ["公司执行长托比·路特克公开了代码。", "路特克随后又做了一次实验。"]
    cut = [segmenter.segment_text(p) for p in paragraphs]
    again = [[(t.text, t.sense) for t in names_module.again(tokens, names_module.found(cut)) if t.name] for tokens in cut]
    assert again == [[("托比·路特克", names_module.FOREIGN)], [("路特克", names_module.FOREIGN)]]
    # alone, with no full name in the article, 路特克 is characters (路 "road" …): not guessed
    assert [t.text for t in segmenter.segment_text("路特克随后又做了一次实验。") if t.name] == []


def test_a_foreign_names_popup_reads_it_by_its_sounds(segmenter, glossary):
    from zhreader.annotate import Vocabulary, annotate_tokens

    vocab = Vocabulary(Lookup(glossary))
    html = annotate_tokens(segmenter.segment_text("公司执行长托比·路特克公开了代码。"), vocab, "p1", "glossary/")
    assert '<span class="w n" data-k="' in html and ">托比·路特克</span>" in html
    info = next(i for i in vocab.infos if i.word == "托比·路特克")
    assert (info.pinyin, info.source) == ("Tuōbǐ · Lùtèkè", "name")


def test_an_interviews_speaker_label_is_a_name(segmenter):
    """罗斌：… before the answers of an interview, twice or more, is a person; a label that is a
    word (记者：, 主持人：) or said once is not."""
    from zhreader import names as names_module

    paragraphs = ["记者：公司今年的重点是什么？", "韩思远：第一是把模型用起来。", "记者：那么成本呢？",
                  "韩思远：成本在下降。", "主持人：谢谢。", "主持人：再见。", "宋立：只说一次。"]
    cut = [segmenter.segment_text(p) for p in paragraphs]
    assert names_module.speakers(cut) == {"韩思远"}
    assert "韩思远" in names_module.found(cut)


@pytest.mark.parametrize("sentence", [
    "老师和学生在课堂上讨论。",          # 和 after a title joins two nouns: no Mr 和学生
    "专家和评标委员会在会上发言。",
])
def test_and_after_a_title_names_no_one(segmenter, sentence):
    assert names(segmenter, sentence) == []
