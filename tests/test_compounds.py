"""Free compounds of known words (图像|传感器 → one tappable word glossed by its parts), and the
joins that must not happen. Every sentence here is our own writing."""

import re
from pathlib import Path

import pytest

from zhreader.annotate import Vocabulary, annotate_tokens
from zhreader.lookup import Lookup

ROOT = Path(__file__).resolve().parent.parent


def compounds(segmenter, sentence):
    return [(t.text, t.parts) for t in segmenter.segment_text(sentence) if t.parts]


@pytest.mark.parametrize("sentence, word, parts", [
    ("仓库引进了仓储机器人。", "仓储机器人", ("仓储", "机器人")),
    ("拜登政府宣布了新规定。", "拜登政府", ("拜登", "政府")),                # a person's name anchors an everyday head
    ("MEMS厂商越来越多。", "MEMS厂商", ("MEMS", "厂商")),                      # a Latin code no glossary has anchors one too
    ("谷歌发布了多模态视觉大模型。", "多模态视觉大模型", ("多模态", "视觉", "大模型")),
    ("銀行推出了客服機器人。", "客服機器人", ("客服", "機器人")),              # traditional, cut as its conversion
    ("公司發布專業大模型。", "專業大模型", ("專業", "大模型")),
    # A glossary term before an everyday head: the popup links the term, the glossary counts it.
    ("關於短視頻行業，大家看法不同。", "短視頻行業", ("短視頻", "行業")),
    ("AI企业越来越多。", "AI企业", ("AI", "企业")),
    ("这个模型能力很强。", "模型能力", ("模型", "能力")),                      # a pronoun never modifies
    ("新规则将重塑数据中心行业。", "数据中心行业", ("数据中心", "行业")),      # 重塑 "to reshape" is no modifier
    ("地方政府大力支持机器人企业。", "机器人企业", ("机器人", "企业")),        # jieba tags 大力支持 a person's name
    ("今年整体算力市场增长。", "算力市场", ("算力", "市场")),                  # 整体 "overall" stays out
    ("阿里巴巴旗下视频生成平台上线。", "视频生成平台", ("视频生成", "平台")),  # and 旗下 "under"
    ("公司将落地大型数据中心。", "大型数据中心", ("大型", "数据中心")),      # a glossary term CC-CEDICT makes a verb: 落地 "to land"
    ("台灣的AI資料中心用電大增。", "AI資料中心", ("AI", "資料中心")),        # a Taiwan word whose term is a head (数据中心)
    ("新建的AI算力中心用电大增。", "AI算力中心", ("AI", "算力中心")),        # AI算力|中心 cut again as two terms
    ("打开百度App搜索。", "百度App", ("百度", "App")),                       # an app, the Latin head Chinese writes
    ("两位AI研究员离职了。", "AI研究员", ("AI", "研究员")),                 # the field's people, after an anchor
    ("新手机的AI功能很多。", "AI功能", ("AI", "功能")),                      # what AI writing names after AI
    ("平台吸引了很多AI应用开发者。", "AI应用开发者", ("AI应用", "开发者")),    # two glossary terms, the second its people
    ("数据是模型训练的关键。", "模型训练", ("模型", "训练")),                  # an action done to a field head, as a noun
    ("团队改用了生成式强化学习。", "生成式强化学习", ("生成式", "强化学习")),  # an attributive word and any noun after it
    ("我们比较了o3系列的价格。", "o3系列", ("o3", "系列")),                  # a glossary model's series
    ("物理学迎来了AlphaGo时刻。", "AlphaGo时刻", ("AlphaGo", "时刻")),       # a breakthrough named after a model
    ("模型通过NGC目录提供。", "NGC目录", ("NGC", "目录")),                   # an acronym no glossary has and the plain noun it names
    ("公司上线了一个BI门户。", "BI门户", ("BI", "门户")),
    ("一家芯片创企完成了融资。", "芯片创企", ("芯片", "创企")),             # 创企 "start-up" is an everyday head
    ("这或许是人形机器人的特斯拉时刻。", "特斯拉时刻", ("特斯拉", "时刻")),   # or after a company
    ("各地推进智能转诊。", "智能转诊", ("智能", "转诊")),                      # 智能 "smart" before a word
    ("系统提供智能监测预警。", "智能监测预警", ("智能", "监测", "预警")),      # and a second verbal noun
    ("下一步是内生智能（EI）。", "内生智能", ("内生", "智能")),                # "intelligence" where the phrase ends
    ("系统提供智能辅助决策。", "智能辅助决策", ("智能", "辅助", "决策")),      # a verbal noun and the noun it makes a word with
    ("Llama家族又添新成员。", "Llama家族", ("Llama", "家族")),
    # Glossary terms alone: a field's term before a field head (not a name, not 大模型: below).
    ("这家公司做视频生成模型。", "视频生成模型", ("视频生成", "模型")),
    ("這家公司的晶片算力仍然不足。", "晶片算力", ("晶片", "算力")),           # traditional: 芯片|算力
    ("她们训练了一个慢思考模型。", "慢思考模型", ("慢思考", "模型")),
    ("视觉-语言-动作模型很热门。", "视觉-语言-动作模型", ("视觉-语言-动作", "模型")),   # the glossary's VLA, hyphens and all
    # A glossary term jieba has as a plain noun, after glossary terms that are nouns (or Latin codes).
    ("这篇论文研究大模型幻觉。", "大模型幻觉", ("大模型", "幻觉")),
    ("研究者關注模型幻覺的成因。", "模型幻覺", ("模型", "幻覺")),             # traditional
    ("我们统计了模型参数。", "模型参数", ("模型", "参数")),
    ("他们只用开源软件。", "开源软件", ("开源", "软件")),
    ("这家AI券商上线了新功能。", "AI券商", ("AI", "券商")),
    # Everyday heads of the compute market, after an anchor: price, demand, business.
    ("今年算力价格有望回升。", "算力价格", ("算力", "价格")),
    ("AI需求暴增。", "AI需求", ("AI", "需求")),
    ("他们的云计算业务增长很快。", "云计算业务", ("云计算", "业务")),
])
def test_a_free_compound_is_one_word_made_of_its_parts(segmenter, sentence, word, parts):
    assert compounds(segmenter, sentence) == [(word, parts)]


@pytest.mark.parametrize("sentence", [
    "学生理解模型如何学习。",            # verb + object: "understand how the model learns"
    "我们用数据训练模型，然后部署模型。",  # 训练, 部署 are actions, not modifiers
    "公司研究芯片已经十年了。",          # 研究 is a verbal noun: "research chips"
    "专家预测模型会更大。",
    "团队设计芯片的能力很强。",
    "中国企业正在追赶。",                # an everyday head needs a glossary term, a Latin name or a person's name
    "年轻研究员越来越多。",              # the field's people too
    "公司推出了产品系列。",              # a series only after a model's name
    "现在是关键时刻。",                  # a moment only after a name
    "我们要给AI时间。",                  # 给 takes AI as its object: no "AI time"
    "我们在GitHub仓库里找到了它。",      # a name keeps its own link
    "LDM定义了一组模块。",               # 定义 "to define" is no plain noun here
    "中美的AI差距还在加大。",            # a glossary term keeps its own link (the seed article's AI|差距)
    "现在都是在2D平面上操作。",          # a size is no acronym (the seed article's 2D|平面)
    "这台机器更加智能了。",              # 智能 after a degree word is an adjective
    "医院建立智能血液管理系统。",        # 智能 is "smart" to the whole phrase, not to 血液
    "我们看到了大模型智能的边界。",      # a glossary term keeps its own word before 智能
    "智能发展到今天很不容易。",          # "intelligence has developed": subject and verb
    "这是智能本身的问题。",
    "我们看到智能驱动的增长。",          # "intelligence-driven": 驱动 is a verb here
    "平台正在探索智能服务业态。",        # a stray 态 after the join shows jieba's wrong cut (服务|业态)
    "这是一个70亿参数模型。",            # the number counts the parameters: [70亿参数] 模型
    "这款手机会智能分析照片。",          # after a modal, 智能 is "intelligently": a verb phrase
    "我们上线了多主体一致性功能。",      # 多|主体: the prefix jieba left alone would be left out
    "它支持多模态语音、视觉理解。",      # an attributive word before a list qualifies all of it
    "鼓励国有资本投资新能源。",          # 投资 "invest" with its object
    "模型训练了三个月。",                # "the model trained": a verb, by its aspect mark
    "我们为AI设计一个目标。",            # "design for AI": AI is the preposition's object
    "这能让模型推理更快。",              # "let the model reason faster"
    "今年模型的能力提升很快。",          # nor a time word
    "周鸿祎谈OpenAI大模型Sora。",        # glossary terms side by side keep their own links
    "他们在北京建设数据中心。",
    "对OpenAI刚刚发布的文生视频大模型Sora的看法。",   # glossary terms before 大模型 (own_heads): each keeps its own link
    "OpenAI模型更新了。",                # a glossary name before a field head keeps its own link
    "工程师修正模型的参数。",            # jieba tags 修正 a noun; CC-CEDICT says "to amend"
    "训练十分消耗算力。",
    "今天主力资金净流入半导体板块。",    # money "flowed into" chips: not a kind of chip
    "所有模型都开源了。",                # a determiner never modifies
    "华东机器人产业研究所发布了报告。",  # inside a longer name
    "文字-声音-动作模型很热门。",        # the end of a hyphenated name (动作|模型 alone would be one)
    "OpenAI公司发布了新模型。",          # a glossary name keeps its own link before an everyday head
    "这项技术将颠覆行业。",              # a term CC-CEDICT makes a verb: "will upend the industry"
    "车企纷纷布局自研芯片。",            # 布局 "to position oneself" in 布局|自研芯片
    "公司积极探索大模型应用。",          # jieba tags the phrase 积极探索 a noun
    "明星企业银河通用机器人宣布融资。",  # a company whose name ends in 机器人 is no robot
    "他是首席芯片架构师。",              # 首席|芯片 would be a "chief chip": 芯片架构|师 is a person
    "人工智能赋能千行百业。",            # "AI empowers every industry": 赋能 is an action
    "芯片厂商适配场景。",                # jieba tags 适配 a verb: it modifies no term
    "Agent智能体是今年的热词。",          # one term twice, side by side: apposition
    "用户需求变化很快。",                # an everyday head needs an anchor
])
def test_no_compound_where_the_words_do_not_make_one(segmenter, sentence):
    assert compounds(segmenter, sentence) == []


def test_a_compound_is_glossed_by_its_parts_never_as_a_whole(glossary, segmenter):
    token = next(t for t in segmenter.segment_text("谷歌发布了多模态视觉大模型。") if t.parts)
    info = Lookup(glossary).lookup_word(token.text, parts=token.parts)
    assert info.source == "compound" and info.senses == []
    by_part = {part[0]: part for part in info.parts}
    # A glossary part carries our rendering and its entry; a dictionary part its own reading and sense.
    assert by_part["大模型"][2] == glossary.entry_for("大模型").en and by_part["大模型"][3] == glossary.entry_for("大模型").id
    assert by_part["视觉"][1] == "shìjué" and "vision" in by_part["视觉"][2] and by_part["视觉"][3] == ""
    assert info.pinyin == " ".join(part[1] for part in info.parts)


def test_a_compound_with_a_latin_code_reads_only_its_chinese(glossary, segmenter):
    token = next(t for t in segmenter.segment_text("MEMS厂商越来越多。") if t.parts)
    info = Lookup(glossary).lookup_word(token.text, parts=token.parts)
    assert info.pinyin == "chǎngshāng"
    assert info.parts[0] == ("MEMS", "", "", "") and info.english.startswith("MEMS + 厂商 (chǎngshāng) manufacturer")


def test_a_compound_is_one_tappable_word_in_the_page(glossary, segmenter):
    tokens = segmenter.segment_text("仓库引进了仓储机器人。")
    html = annotate_tokens(tokens, Vocabulary(Lookup(glossary)), "p1", "../glossary/")
    robot = glossary.entry_for("机器人").id           # 仓储 is a dictionary word, 机器人 a glossary term
    assert re.search(rf'<span class="w c" data-k="\d+" data-g="\.\./glossary/#{robot}">仓储机器人</span>', html)
    tokens = segmenter.segment_text("谷歌发布了多模态视觉大模型。")
    html = annotate_tokens(tokens, Vocabulary(Lookup(glossary)), "p1", "../glossary/")
    ids = [glossary.entry_for(form).id for form in ("多模态", "大模型")]
    # The popup links the glossary parts: their entries, in order, rewritten like a term's href.
    assert f'data-g="../glossary/#{ids[0]} ../glossary/#{ids[1]}">多模态视觉大模型</span>' in html


@pytest.mark.parametrize("sentence, word, parts", [
    ("台積電的2奈米製程。", "2奈米", ("2", "奈米")),
    ("新一代1.4纳米工艺。", "1.4纳米", ("1.4", "纳米")),
    ("3纳米芯片开始量产。", "3纳米芯片", ("3", "纳米", "芯片")),
])
def test_a_chip_process_size_is_one_word(segmenter, sentence, word, parts):
    assert compounds(segmenter, sentence) == [(word, parts)]


def test_a_space_after_a_latin_code_as_taiwan_writes_it_is_inside_the_compound(segmenter):
    assert compounds(segmenter, "使用 MEMS 廠商的感測器。") == [("MEMS 廠商", ("MEMS", "廠商"))]
    assert compounds(segmenter, "他說 H200 很好。") == []                                   # no head after it


def test_required_and_this_kind_of_modify_nothing(segmenter):
    assert compounds(segmenter, "要释放这些潜力所需算力很多。") == []                       # 所需 "required"
    assert compounds(segmenter, "这类模型很贵。") == []


def test_other_measures_stay_apart(segmenter):
    assert compounds(segmenter, "他跑了3.5公里，功耗降低了30%。") == []
    assert compounds(segmenter, "训练用了800GB中文数据，加载只要2.5s。") == []          # a data size is not a code
    assert compounds(segmenter, "阿里发布了7B模型。") == [("7B模型", ("7B", "模型"))]     # a model's size is


def test_a_latin_technique_with_its_head_is_one_word_a_name_is_not(segmenter):
    assert compounds(segmenter, "我们用GRPO算法训练。") == [("GRPO算法", ("GRPO", "算法"))]
    assert compounds(segmenter, "Transformer模型改变了一切。") == [("Transformer模型", ("Transformer", "模型"))]   # a long name counts as one
    assert compounds(segmenter, "周鸿祎谈OpenAI大模型。") == []        # a company keeps its own link


def test_a_glossary_term_inside_a_compound_is_one_of_its_occurrences(tmp_path):
    """The glossary lists 多模态 where the page shows 多模态视觉大模型 as one word: its popup links the term."""
    from zhreader.corpus import Corpus

    (tmp_path / "texts" / "one").mkdir(parents=True)
    (tmp_path / "glossary.yaml").symlink_to(ROOT / "glossary.yaml")
    (tmp_path / "texts" / "one" / "zh.txt").write_text("一个标题\n\n谷歌发布了多模态视觉大模型。\n", encoding="utf-8")
    corpus = Corpus(tmp_path)
    found = {(o.form, o.paragraph_id, o.context) for entry in ("多模态", "大模型")
             for o in corpus.occurrences_of(corpus.glossary.entry_for(entry).id)}
    assert found == {("多模态", "p1", "谷歌发布了多模态视觉大模型。"), ("大模型", "p1", "谷歌发布了多模态视觉大模型。")}
