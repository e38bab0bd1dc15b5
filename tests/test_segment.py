"""Segmentation: glossary terms are single tokens; jieba's junk merges are gone."""

from pathlib import Path

import pytest

from zhreader import script
from zhreader.sources import load_articles

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def article_tokens(segmenter):
    article = next(a for a in load_articles(ROOT / "texts") if a.slug == "zhou-hongyi-sora")
    return {p.id: segmenter.segment_text(p.text, article.slug) for p in article.paragraphs}


@pytest.mark.parametrize("text, expected", [
    ("周鸿祎谈OpenAI大模型Sora", ["周鸿祎", "谈", "OpenAI", "大模型", "Sora"]),
    ("今日下午,周鸿祎在微博发长文", ["今日", "下午", ",", "周鸿祎", "在", "微博", "发", "长文"]),
    ("周鸿祎称,Sora意味着AGI", ["周鸿祎", "称", ",", "Sora", "意味着", "AGI"]),
    ("人工智能文生视频大模型Sora", ["人工智能", "文生视频", "大模型", "Sora"]),
    ("从Gemini、英伟达的Chat With RTX到 OpenAl发布Sora", ["从", "Gemini", "、", "英伟达", "的", "Chat With RTX", "到", " ", "OpenAl", "发布", "Sora"]),
    ("我谈几个观点", ["我", "谈", "几个", "观点"]),
    ("从技术上、从产品体验上分析", ["从", "技术", "上", "、", "从", "产品", "体验", "上", "分析"]),
    ("Sora继承了DALL-E 3的画质", ["Sora", "继承", "了", "DALL-E 3", "的", "画质"]),
    ("可能一两年很快就可以实现", ["可能", "一两年", "很快", "就", "可以", "实现"]),
])
def test_segment_text_table(segmenter, text, expected):
    assert [t.text for t in segmenter.segment_text(text)] == expected


def test_tokens_join_back_to_the_paragraph(article_tokens):
    article = next(a for a in load_articles(ROOT / "texts") if a.slug == "zhou-hongyi-sora")
    for para in article.paragraphs:
        assert "".join(t.text for t in article_tokens[para.id]) == para.text


def test_every_glossary_form_in_the_article_is_one_token(glossary, article_tokens):
    article = next(a for a in load_articles(ROOT / "texts") if a.slug == "zhou-hongyi-sora")
    text = "\n".join(p.text for p in article.paragraphs)
    tokens = {t.text for toks in article_tokens.values() for t in toks if t.entry_id}
    # or a part of a compound, which its popup links (短视频 of 短视频|行业)
    tokens |= {part for toks in article_tokens.values() for t in toks if t.parts and not t.name
               for part in t.parts if glossary.entry_for(part)}
    missing = [form for form in glossary.by_form if form in text and form not in tokens
               and not any(form in other and form != other for other in tokens)]
    assert missing == []


# Sentences of our own around each form: simplified, and traditional (Taiwan) for derived forms.
FRAMES = ["我们今天讨论{}。", "关于{}，大家看法不同。"]
FRAMES_TRADITIONAL = ["我們今天討論{}。", "關於{}，大家看法不同。"]


def _linked(segmenter, sentence: str, form: str) -> str | None:
    tokens = segmenter.segment_text(sentence)
    found = next((t.entry_id for t in tokens if t.text == form), None)
    # or inside the same entry's longer form the frame makes: 关于 + 促进…的意见 is 关于促进…的意见
    return found or next((t.entry_id for t in tokens if form in t.text and t.entry_id), None)


def test_every_glossary_form_is_one_linked_word_in_a_sentence(glossary, segmenter):
    """Each term and alias, simplified or derived traditional, comes out whole and linked."""
    failures = []
    for entry in glossary.entries:
        for form in entry.forms:
            frames = FRAMES if not form.isascii() else ["我们今天讨论 {} 的问题。", "关于{}，大家看法不同。"]
            for frame in frames:
                if _linked(segmenter, frame.format(form), form) != entry.id:
                    failures.append((entry.id, frame.format(form)))
        for form in entry.traditional:
            for frame in FRAMES_TRADITIONAL:
                if _linked(segmenter, frame.format(form), form) != entry.id:
                    failures.append((entry.id, frame.format(form)))
    assert failures == []


def test_glossary_is_the_size_of_the_field(glossary):
    assert len(glossary.entries) >= 450


@pytest.mark.parametrize("sentence, word, entry_id", [
    # Sentences of our own where a glossary form's characters occur without being the term.
    ("北京某某科技股份有限公司今天发布了新模型。", "股份有限公司", None),    # not 科技股 "tech stocks" + 份
    ("国务院新闻办公室举行新闻发布会。", "新闻发布会", None),               # a press conference, not a launch
    ("作家冯骥才写过很多小说。", "冯骥才", None),                           # not 冯骥 (Game Science) + 才
    ("库克船长到达了澳大利亚。", "库克船长", None),                         # not Tim Cook
    ("这一步提取特征图像的边缘。", "特征图像", None),                        # not 特征图 (a feature map) + 像
    ("海外收入占比为百分之七。", "占比", None),                            # a share, not 占 + 比
    ("这家创企刚完成融资。", "创企", None),                                # a start-up (our word list), not 创 + 企
    ("多国监管机构表示关注。", "监管机构", None),                          # a regulator, one word of our list
    ("客服做到有问必应。", "有问必应", None),                              # a set phrase, not 有问 + 必应 (Bing)
    ("把报告导出为PDF文件。", "PDF文件", "pdf"),                            # Taiwan's 文件 is the mainland's too: it links
    ("欧盟法律保护个人数据。", "个人数据", "personal-data"),               # the GDPR's term; China's is 个人信息
    ("他在推文中直言不讳。", "推文", None),                                # a tweet, not 推 + 文中
    ("这家品牌的子代理商遍布全省。", "代理商", None),                       # a distributor, not 子代理 (a subagent)
    ("社区新开了养老托育中心。", "托育", None),                              # childcare, not 托 + 育
    ("推动消费提质升级。", "提质", None),
    ("企业希望降本提效。", "提效", None),
    ("主智能体把工作交给子代理。", "子代理", "subagent"),
    ("我们千万得小心。", "千万", None),                                     # not 万得 (Wind)
    ("注册制度改革继续推进。", "注册制度", None),
    ("地理大发现改变了世界。", "地理大发现", None),                         # not 理大 (PolyU)
    ("理大的研究团队发表了论文。", "理大", "polyu"),
    ("他说核心问题是算力。", "核心", None),                                 # Taiwan's 核心 for 内核 is not a form
    ("司机下午开货车去仓库拉货。", "拉货", "pull-in-orders"),              # its everyday sense: below
    ("公司官网通知大家周一放假。", "官网", None),                           # not 网通 (networking, Taiwan)
    ("东南亚科技公司很多。", "东南亚", None),                               # not 南亚科 (Nanya Technology)
    ("今天天气冷了，多穿衣服。", "冷", None),                               # not 气冷 (air cooling)
    ("我们周末自驾游去海边。", "自驾游", None),                             # a road trip, not self-driving
    ("他的资料放在雲端從不離線。", "雲端", None),                            # not 雲從 (CloudWalk)
    ("科创板注册制改革继续推进。", "注册制", "registration-based-ipo-system"),
    ("小米将在下周举行新品发布会。", "新品发布会", "launch-event"),
    ("库务局局长今天表示支持。", "局长", None),                             # not jieba's 局局长
    ("我们要优化工作流程。", "工作流程", None),                             # not 工作流 (workflow) + 程
    ("公司招聘了三名数据工程师。", "数据工程师", None),                       # not 数据工程 (data engineering) + 师
    # regroups: a form that took the start or end of the word next to it
    ("我们在模型层面进行优化。", "层面", None),                              # not 模型层 (model layer) + 面
    ("团队研究了长短思维链的融合。", "长短", None),                          # not 短思维链 (short CoT): 长短|思维链
    ("项目的核心依赖包括三个库。", "包括", None),                            # not 依赖包 (dependency package) + 括
    ("该依赖包含以下文件。", "包含", None),
    ("程序不依赖项目根目录。", "项目", None),                                # not 依赖项 (dependency) + 目
    ("每分钟请求数量不超过一千。", "数量", None),                            # not 每分钟请求数 (RPM) + 量
    ("客户端每分钟请求数据一次。", "数据", None),
    ("这款应用支持多组学习计划。", "学习", None),                            # not 多组学 (multi-omics) + 习
    ("我们遍历了多组学习率。", "学习率", "learning-rate"),
    ("写入流程并非同步执行。", "并非", None),                                # not 非同步 (asynchronous)
    ("发改委投资研究所的研究员表示乐观。", "研究所", None),                  # not 投资研究 (investment research) + 所
    ("投资研究所需的数据很多。", "投资研究", "investment-research"),
    ("工人用标签标记化学品。", "化学品", None),                              # not 标记化 (tokenization) + 学品
    ("系统让众多设备协同工作。", "众多", None),                              # not 多设备协同 after 众
    ("华为多年坚持重投研发。", "研发", None),                                # not 投研 (investment research) + 发
    ("空调提示压缩机过热。", "压缩机", None),                                # not 提示压缩 (prompt compression) + 机
    ("机构预测头三季度增速回升。", "预测", None),                            # not 预测头 (prediction head) + 三季度
    ("记者与省长连线了解灾情。", "省长", None),                              # not Taiwan's 長連線 (persistent connection)
    ("要真正理解嵌入空间并不容易。", "理解", None),                          # 解嵌入 is no form: 反嵌入 is (unembedding)
    ("国际环境变数增多。", "环境变数", None),                                # Taiwan's 環境變數 (environment variable): in simplified text, "uncertainty"
    ("這個環境變數要先設定好。", "環境變數", "environment-variable"),
    ("这一推论并不成立。", "推论", None),                                    # Taiwan's 推論 (inference) links only in traditional text
    ("一個位元組是八位元。", "位元組", None),                                # "byte", never ByteDance (字节): a name keeps its words
    ("道路侧设施需要维护。", "道路", None),                                  # not 道 + 路侧设施 (roadside infrastructure)
    ("這次工作階段的紀錄都保存了。", "工作階段", "work-session-taiwan"),      # typed in traditional characters: Taiwan's "session"
    ("这个工作阶段很重要。", "工作阶段", None),                              # in simplified characters, "a stage of work"
    ("任務交給子代理人處理。", "子代理人", "subagent"),                      # Taiwan's 代理人 for 智能体 (regional.yaml)
    ("模型层是整个系统的核心。", "模型层", "model-layer"),
    ("教材采用图文对照的形式。", "对照", None),                              # not 图文对 (image-text pair) + 照
    ("图文对比一目了然。", "对比", None),
    ("新版本上线了图文对话功能。", "对话", None),
    ("文字和图片图文对应。", "对应", None),
    ("该方法在推理侧重于速度。", "侧重", None),                              # not 推理侧 (inference side) + 重于
    ("推理侧的需求增长很快。", "推理侧", "inference-side"),
    ("我们需要评估意识形态风险。", "意识形态", None),                        # not 评估意识 (evaluation awareness) + 形态
    ("家长要注意义务教育阶段的政策。", "义务教育", None),                    # not 注意义务 (duty of care) + 教育
    ("他是该产品责任人。", "责任人", None),                                  # not 产品责任 (product liability) + 人
    ("机器意识到问题后自动停止。", "意识到", None),                          # not 机器意识 (machine consciousness) + 到
    ("双方开始准备框架协议的文本。", "框架协议", None),                      # not 准备框架 (Preparedness Framework) + 协议
    ("他的自信源于多年的积累。", "源于", None),                              # not 自 + 信源 (information source) + 于
    ("她的自信源自家庭。", "源自", None),
    ("我相信源自内心的力量。", "相信", None),
    ("这种确信源于多年的研究。", "确信", None),
    ("一种确信源自经验。", "源自", None),
    ("模型通过对比学习实现图文对齐。", "图文对齐", "image-text-alignment"),     # a term of its own, not 图文对 + 齐
    ("加入新层后网络收敛比较快。", "比较", None),                            # not 网络收敛比 (oversubscription ratio) + 较
    ("網路收斂比較快。", "比較", None),
    ("统筹推进教育科技人才一体化发展。", "人才", None),                      # the policy triad, not 教育科技 (edtech)
    ("多国加强监管科技巨头。", "科技巨头", "tech-giants"),                            # not 监管科技 (regtech) + 巨头
    ("以人工智能推进法治政府建设。", "法治", None),                          # not 人工智能推进法 (Japan's act) + 治
    ("以AI推进法治建设。", "法治", None),
    ("这些硬件在环境温度过高时会降频。", "环境", None),                      # not 硬件在环 (hardware-in-the-loop) + 境
    ("這些硬體在環境溫度過高時會降頻。", "環境", None),
    ("错题本身并不可怕。", "本身", None),                                    # not 错题本 (mistake notebook) + 身
    ("明确道路权属和管养责任。", "权属", None),                              # not 道 + 路权 (road rights) + 属
    ("划定无人机禁飞区域。", "区域", None),                                  # not 禁飞区 (no-fly zone) + 域
    ("他们展示了太空计算机。", "计算机", None),                              # not 太空计算 (space computing) + 机
    ("团队使用可重构计算机系统。", "计算机", None),                          # not 可重构计算 + 机
    ("AI赋能创新药发现。", "创新", None),                                    # not 创 + 新药发现 (drug discovery)
    ("深化创新职业教育模式。", "职业教育", None),                            # not 创 + 新职业 (new occupations) + 教育
    ("人人都能用自然语言编程序。", "程序", "program"),                            # not 自然语言编程 + 序
    ("中国联通云南分公司宣布了新计划。", "中国联通", "china-unicom"),        # not 联通云 (Unicom Cloud) + 南
    ("联通云南分公司宣布了新计划。", "云南", None),
    ("这些数据来自我保存的文件。", "来自", None),                            # not 来 + 自我保存 (self-preservation)
    ("中国电科院发布了研究报告。", "电科院", None),                          # the State Grid's institute, not 中国电科 (CETC) + 院
    ("作品融合了智慧与科技的力量。", "智慧", None),                          # not 智 + 慧与科技 (HPE)
    ("把审批做成工作流，程序员少写代码。", "工作流", "workflow"),
    ("输了的人要接受惩罚项目。", "惩罚项目", None),                         # a forfeit, not 惩罚项 + 目
    ("损失函数里再加一个惩罚项。", "惩罚项", "penalty-term"),
    ("发布会后质疑声网上四起。", "质疑声", None),                           # not 质疑 + 声网 (Agora) + 上
    ("声网发布了新的实时互动平台。", "声网", "shengwang"),
    ("老屠榜上有名。", "榜上有名", None),                                   # not 屠榜 after the surname 屠
    ("新模型一发布就屠榜了。", "屠榜", "sweep-the-leaderboards"),
    ("清明节焚烧钱纸。", "焚烧", None),                                     # not 焚 + 烧钱 (burning cash)
    ("他发高烧钱都花光了。", "发高烧", None),
    ("大模型公司还在烧钱。", "烧钱", "burning-cash"),
    ("伊隆・馬斯克今天發文。", "伊隆・馬斯克", "elon-musk"),                  # a name's dot as Japan writes it
    ("伊隆‧馬斯克今天發文。", "伊隆‧馬斯克", "elon-musk"),                  # and as Taiwan often does
    ("伊隆．馬斯克今天發文。", "伊隆．馬斯克", "elon-musk"),                  # and with a full-width stop
    ("每张推理卡片写着一条线索。", "推理卡片", None),                       # a deduction game's card
    ("这张推理卡很省电。", "推理卡", "inference-card"),
    ("香港话通常指粤语。", "香港话", None),                                 # not 香 + 港话通 (the chatbot) + 常
    ("香港政府推出的港话通很受欢迎。", "港话通", "ganghuatong"),
    ("交警加强区域控制。", "区域", None),                                   # not 区 + 域控 (domain controller) + 制
    ("智驾域控由供应商提供。", "智驾域控", "domain-controller"),
    ("很多人说大模型是个黑盒子。", "黑盒子", "black-box"),                  # not 黑盒 + 子
    # a model's name that is an everyday word links only with its version ({form: 星火, with_version: true})
    ("讯飞发布了星火X1。", "星火X1", "iflytek-spark"),
    ("天工3.0上线了。", "天工3.0", "tiangong-ai"),
    ("我們試了星火X1。", "星火X1", "iflytek-spark"),                       # traditional alike
    ("一点星火也能燎原。", "星火", None),                                   # a spark
    ("他终于悟道了。", "悟道", None),
    ("星火3个月后燎原。", "星火", None),                                    # a count is no version
])
def test_a_form_does_not_take_over_other_words(segmenter, glossary, sentence, word, entry_id):
    tokens = {t.text: t for t in segmenter.segment_text(sentence)}
    assert word in tokens, list(tokens)
    assert tokens[word].entry_id == entry_id
    if word == "拉货":                                                      # the trucker's sense, not supply-chain news
        assert glossary.by_id[entry_id].senses[tokens[word].sense].en == "haul goods"


@pytest.mark.parametrize("junk", ["周鸿祎谈", "周鸿祎称", "微博发", "我谈", "从技术上", "其是", "图用", "全拿"])
def test_junk_merges_are_gone(article_tokens, junk):
    assert junk not in {t.text for toks in article_tokens.values() for t in toks}


def test_traditional_text_uses_derived_traditional_forms(segmenter):
    tokens = segmenter.segment_text("現在深度偽造很容易")
    assert [(t.text, t.entry_id) for t in tokens if t.entry_id] == [("深度偽造", "deepfake")]


@pytest.mark.parametrize("text, form, entry_id", [
    ("每天消耗上万个Token", "Token", "token"),
    ("HuatuoGPT-o1开源了", "HuatuoGPT-o1", "huatuogpt"),    # a reasoning variant, not OpenAI's o1
    ("OpenAI发布o1-mini", "o1-mini", "openai-o1"),
    ("WAIC 2025在上海举行", "WAIC 2025", "world-artificial-intelligence-conference"),   # an event and its year
    ("CES2026展会开幕", "CES2026", "ces"),
    ("2025世界人工智能大会在上海开幕", "2025世界人工智能大会", "world-artificial-intelligence-conference"),   # its year before it
    ("2025世界人工智慧大會在上海開幕", "2025世界人工智慧大會", "world-artificial-intelligence-conference"),
    ("2025年世界人工智能大会在上海开幕", "世界人工智能大会", "world-artificial-intelligence-conference"),   # 2025年: a date
    ("MWC 3月开幕", "MWC", "mwc"),                           # a month is no year
    ("tokens are counted", "tokens", "token"),
    ("比较几个LLMs的回答", "LLMs", "llm"),                    # an acronym's plural
    ("强化学习（Reinforcement Learning）是一种训练方法", "Reinforcement Learning", "reinforcement-learning"),  # an entry's English
    ("世界模型（world models）正在兴起", "world models", "world-model"),
    ("十万块GPUs组成的集群", "GPUs", "gpu"),
    ("the detokenize step joins text", "token", None),     # never inside a longer word
    ("网站4.0版本上线了", "4.0", None),                      # 4.0 is GPT-4 only in the seed article
    ("迈向工业4.0。", "工业4.0", "industry-4-0"),              # and inside a longer term, that term
    ("360度全景视频", "360", None),                          # 360 is the company only in the seed article
    ("现在深度偽造很容易", "深度偽造", "deepfake"),          # mixed simplified and traditional
    ("晶片與演算法", "晶片", "chip"),                        # Taiwan words derived from 芯片 and 算法
    ("晶片與演算法", "演算法", "algorithm"),
    ("我們討論人工智慧", "人工智慧", "artificial-intelligence"),
    ("香港的人形機械人展覽", "人形機械人", "humanoid-robot"),   # Hong Kong's word for 机器人
    ("用語意搜尋找文件", "語意搜尋", "semantic-search"),          # Taiwan's 語意 for 语义
])
def test_latin_case_rules_restricted_and_traditional_forms(segmenter, text, form, entry_id):
    tokens = segmenter.segment_text(text)
    linked = {t.text: t.entry_id for t in tokens if t.entry_id}
    assert linked.get(form) == entry_id
    if entry_id is None:
        assert not any(form in t for t in linked)


def test_restricted_forms_match_only_in_their_article(segmenter):
    assert [t.entry_id for t in segmenter.segment_text("跟4.0比", "zhou-hongyi-sora") if t.text == "4.0"] == ["gpt-4"]
    assert [t.entry_id for t in segmenter.segment_text("跟4.0比") if t.entry_id] == []


def test_a_space_where_latin_meets_han_still_matches(segmenter):
    tokens = segmenter.segment_text("各家AI 智能体都在抢用户")
    assert [(t.text, t.entry_id) for t in tokens if t.entry_id] == [("AI 智能体", "ai-agent")]


def test_full_width_letters_and_signs_match_like_ascii(segmenter):
    tokens = segmenter.segment_text("推进人工智能＋行动，试用ＧＰＴ－４和ＡＩ芯片。")
    assert [(t.text, t.entry_id) for t in tokens if t.entry_id] == [
        ("人工智能＋行动", "ai-plus-initiative"), ("ＧＰＴ－４", "gpt-4"), ("ＡＩ芯片", "ai-chip")]


@pytest.mark.parametrize("text, word, sense_en", [
    ("企业在云上部署推理，最大的开支是服务器成本。", "推理", "inference"),
    ("新模型的推理更强，能解复杂的数学题。", "推理", "reasoning"),
    ("这个问题需要推理。", "推理", None),                       # the sentence does not say: both senses shown
    ("关节电机后面装了一个编码器，用来读出转角。", "编码器", "rotary encoder"),   # robot hardware, not a model part
    ("图像先经过编码器变成向量，再交给语言模型。", "编码器", "encoder"),
    ("这款旗舰手机的AI影像在夜景拍照上进步很大。", "AI影像", "AI photography"),
    ("医院用AI影像帮医生发现肺部结节。", "AI影像", "AI medical imaging"),
    ("这家厂商的先进封装和封测产能都在扩张。", "封测", "packaging and testing"),
    ("这款智能体App下周开启封测，首批邀请五千名用户。", "封测", "closed beta"),   # 封闭测试, not chips
    ("这个小游戏很快吸引了孩子们的注意力。", "注意力", "attention (a person's)"),
    ("注意力的计算量随序列长度平方增长。", "注意力", "attention (mechanism)"),
    ("推动人工智能与产业融合，涌现一批新企业。", "涌现", "spring up"),          # 人工智能 holds no 智能 cue
    ("参数规模变大后，模型出现涌现现象。", "涌现", "emergence"),
    ("大模型厂商又开始卷价格了。", "卷", "compete ferociously"),
    ("把頁面捲到最下方，點選儲存。", "捲", "to scroll"),                        # a Taiwan tutorial
    ("我讓代理人用Claude整理報表。", "代理人", "AI agent"),                      # Taiwan's word for 智能体
    ("他的法定代理人已經簽字。", "代理人", "representative; proxy"),
    ("代理人今天來了。", "代理人", None),
    ("大模型遇到敏感问题会拒答。", "拒答", "refusal"),
    ("发言人拒答记者提问。", "拒答", "declining to answer"),                  # the everyday sense
    ("用智能体轨迹数据训练模型。", "轨迹数据", "trajectory data"),
    ("行程轨迹数据显示他去过商场。", "轨迹数据", "location track data"),       # GPS tracks
    ("在扣子上搭建一个智能体。", "扣子", "Coze"),
    ("努力扣好人生第一粒扣子。", "扣子", "button"),                            # the everyday word
    ("在shell里运行这条命令。", "shell", "shell"),
    ("壳牌Shell公布了财报。", "Shell", "Shell (oil company)"),
    ("用Zoom开视频会议。", "Zoom", "Zoom"),
    ("这款相机支持30倍Zoom镜头。", "Zoom", "zoom (other)"),
    ("课堂上的角色扮演很有趣。", "角色扮演", "role-play (acting out a part)"),
    ("大模型擅长角色扮演。", "角色扮演", "role-play"),
    ("电影里的潜伏特工身份暴露。", "潜伏特工", "sleeper agent (spy)"),
])
def test_a_term_with_several_senses_gets_the_one_its_sentence_shows(segmenter, glossary, text, word, sense_en):
    from zhreader.lookup import Lookup
    token = next(t for t in segmenter.segment_text(text) if t.text == word)
    entry = glossary.by_id[token.entry_id]
    info = Lookup(glossary).lookup_word(token.text, token.reading, token.sense)
    if sense_en is None:
        assert token.sense is None and info.senses == [s.en for s in entry.senses]
    else:
        assert entry.senses[token.sense].en == sense_en and info.senses == [sense_en]


@pytest.mark.parametrize("text, form, entry_id", [
    ("阿里发布了Qwen3-30B-A3B模型", "Qwen3-30B-A3B", "tongyi-qianwen"),
    ("Qwen2.5 的表现", "Qwen2.5", "tongyi-qianwen"),
    ("GPT-4o已经上线", "GPT-4o", "gpt-4o"),               # its own entry
    ("GPT-4.5已经上线", "GPT-4.5", "gpt"),
    ("GPT-4的能力", "GPT-4", "gpt-4"),                    # a version with an entry of its own keeps it
    ("对比Gemini 1.5 Pro", "Gemini 1.5 Pro", "gemini"),          # the version's tier word too
    ("它与Gemini 1.5 Flash-8B相当", "Gemini 1.5 Flash-8B", "gemini"),
    ("Claude 3.7 Sonnet更强", "Claude 3.7 Sonnet", "claude"),
    ("Claude Haiku 3.5便宜", "Claude Haiku 3.5", "claude"),        # the tier before the version
    ("GPT-4 Turbo上线了", "GPT-4 Turbo", "gpt-4"),
    ("Gemini Ultra比较贵", "Gemini Ultra", "gemini"),
    ("对比Gemini 2.5 Pro", "Gemini 2.5 Pro", "gemini-2-5"),    # a version with its own entry, and its tier
    ("DeepSeek-R1很火", "DeepSeek-R1", "deepseek-r1"),
    ("GPT-4o-mini很便宜", "GPT-4o-mini", "gpt-4o"),          # a versioned name's variant after a hyphen
    ("接口里填gpt-4o-mini就行", "gpt-4o-mini", "gpt-4o"),     # a model id as APIs write it, in lowercase
    ("新显卡RTX 5070 Ti上市了", "RTX 5070 Ti", "geforce-rtx"),   # a product line, its model number and tier
    ("国行版RTX5090D性能缩水", "RTX5090D", "geforce-rtx"),
    ("我们调用glm-4.5-air生成摘要", "glm-4.5-air", "glm"),
    ("DeepSeek-V3.2-Speciale发布了", "DeepSeek-V3.2-Speciale", "deepseek-v3-2"),
    ("GPT-4-based应用", "GPT-4", "gpt-4"),                    # not an English suffix
    ("Qwen-Audio能听懂声音", "Qwen-Audio", "tongyi-qianwen"),   # a family's variant, no version
    ("阿里发布千问3，性能不错", "千问3", "tongyi-qianwen"),     # a Chinese name with its version
    ("文心4.5和混元T1都开源了", "文心4.5", "ernie"),
    ("文心4.5和混元T1都开源了", "混元T1", "hunyuan"),
    ("通義千問2.5-Max發布", "通義千問2.5-Max", "tongyi-qianwen"),   # traditional, with a suffix
    ("豆包1.5 pro和千问3 Max都更快", "豆包1.5 pro", "doubao"),      # a Chinese name's version takes its tier word
    ("豆包1.5 pro和千问3 Max都更快", "千问3 Max", "tongyi-qianwen"),
    ("新版豆包大模型1.6 lite上线", "豆包大模型1.6 lite", "doubao"),
    ("通義千問3 Plus發布", "通義千問3 Plus", "tongyi-qianwen"),
    ("阶跃星辰的Step-2 mini很快", "Step-2 mini", "stepfun-step"),   # a hyphenated StepFun name and its tier
    ("Step-1o Audio能听懂语气", "Step-1o Audio", "stepfun-step"),
    ("默认换成了GPT-5.5 Instant", "GPT-5.5 Instant", "gpt"),
])
def test_model_names_with_versions_link_to_their_family(segmenter, text, form, entry_id):
    linked = {t.text: t.entry_id for t in segmenter.segment_text(text) if t.entry_id}
    assert linked.get(form) == entry_id


@pytest.mark.parametrize("text, word", [
    ("我买了3个苹果", "苹果"),        # a product's Chinese name before a number that is no version
    ("这是一个Pro用户", "Pro"),       # a tier word alone is no name
    ("元宝2个", "元宝"),
    ("豆包1.5 professional版", "豆包1.5"),      # a tier word must end where the Latin word does
])
def test_a_chinese_name_takes_no_number_that_is_not_its_version(segmenter, text, word):
    assert word in [t.text for t in segmenter.segment_text(text)]


@pytest.mark.parametrize("text, words", [
    ("四千亿参数的模型很贵。", ["四千亿", "参数"]),      # not 四|千亿参数 "four" + "hundred-billion-parameter"
    ("模型用了数千亿参数。", ["数千亿", "参数"]),
    ("他们花了3000亿美元。", ["3000亿", "美元"]),
    ("這個專案超過4萬顆星。", ["4萬", "顆"]),            # traditional, cut as its conversion
])
def test_a_numbers_units_stay_with_the_number(segmenter, text, words):
    cut = [t.text for t in segmenter.segment_text(text)]
    assert any(cut[i:i + len(words)] == words for i in range(len(cut))), cut


@pytest.mark.parametrize("text, linked", [
    ("企业的Skills从何而来？", [("Skills", "agent-skills")]),        # the bare word, as Chinese AI writing uses it
    ("他的soft skills很好。", []),                                   # inside an English phrase quoted whole
    ("这是sub agent的工作。", []),
    ("用 token 计费。", [("token", "token")]),                        # spaces around it alone change nothing
])
def test_a_lowercase_word_inside_an_english_phrase_is_no_term(segmenter, text, linked):
    assert [(t.text, t.entry_id) for t in segmenter.segment_text(text) if t.entry_id] == linked


def test_a_tutorials_step_is_not_stepfuns_model(segmenter):
    """StepFun's names link only hyphenated (Step-2); "Step 2" with a space is a tutorial's second step."""
    assert [t.text for t in segmenter.segment_text("Step 2：打开设置页面。Step-2很快。") if t.entry_id] == ["Step-2"]


def test_widened_dictionary_changes_only_these_cuts_on_our_texts():
    """Every cut the CC-CEDICT words change on our own texts, reviewed: all real words, no junk merge."""
    import difflib
    import jieba
    from zhreader import script, wordlist

    texts = [script.to_simplified(p.strip())
             for path in [*sorted((ROOT / "tests" / "fixtures" / "texts").glob("*.txt")), ROOT / "texts" / "zhou-hongyi-sora" / "zh.txt"]
             for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    plain, wide = jieba.Tokenizer(), jieba.Tokenizer(str(wordlist.use_widened_dictionary()))
    plain.tmp_dir = wide.tmp_dir = str(wordlist.cache.CACHE_DIR)
    changes = set()
    for text in texts:
        a, b = list(plain.cut(text, HMM=False)), list(wide.cut(text, HMM=False))
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if op != "equal":
                changes.add("|".join(a[i1:i2]) + " → " + "|".join(b[j1:j2]))
    assert changes == {
        "一年|半 → 一年半", "不|一定 → 不一定", "不|一样 → 不一样", "不|准确 → 不准确", "不|愿 → 不愿",
        "什么|时候 → 什么时候", "国家|安全 → 国家安全", "安全|问题 → 安全问题", "微|博 → 微博", "拖|慢 → 拖慢",
        "日常|工作 → 日常工作", "有|影响 → 有影响", "本质|上 → 本质上", "没有|意义 → 没有意义", "短|视频 → 短视频",
        "研究|人员 → 研究人员", "算|力 → 算力", "英|伟达 → 英伟达", "远远|超过 → 远远超过",
        "既|是 → 既是",                        # a word jieba counted too rarely to win even alone
    }


@pytest.mark.parametrize("text, words", [
    # A dictionary word that holds a glossary form stays whole (the form alone outweighed it) …
    ("周末他们参加了一场黑客松。", ["黑客松"]),               # not 黑客 "hacker" + 松 "pine"
    ("手机上的应用程序越来越多。", ["应用程序"]),
    ("高斯混合模型是经典方法。", ["混合模型"]),
    ("她是一名芯片架构师。", ["芯片", "架构师"]),
    ("公司在软件开发上投入很多。", ["软件开发"]),
    ("這個應用程式很好用。", ["應用程式"]),                    # traditional, cut as its conversion
    # … but only as strongly as it needs to be whole alone: its neighbours still decide.
    ("机器人学习新技能很快。", ["机器人", "学习"]),            # not 机器人学 "robotics" + 习
    ("项目落地签约仪式在上海举行。", ["落地", "签约"]),        # not 落地签 "visa on arrival" + 约
])
def test_a_dictionary_word_holding_a_glossary_form_stays_whole(segmenter, text, words):
    cut = [t.text for t in segmenter.segment_text(text)]
    assert all(word in cut for word in words), cut


@pytest.mark.parametrize("text, word", [("我们用看板管理项目。", "看板"), ("這個專案看板很清楚。", "看板")])
def test_a_dictionary_word_jieba_counts_rarely_still_wins_where_it_stands(segmenter, text, word):
    assert word in [script.to_simplified(t.text) for t in segmenter.segment_text(text)]


def test_the_terms_the_issues_name_are_glossary_forms(glossary):
    named = ("算力 智能体 多模态 预训练 后训练 微调 对齐 规模定律 思维链 推理模型 蒸馏 混合专家 检索增强生成 向量数据库 "
             "上下文窗口 词元 端侧 人形机器人 国产替代 卡脖子 东数西算 深度合成 大模型备案 算法备案 新质生产力 人工智能+ 赋能 "
             "落地 出海 深度求索 通义千问 文心一言 豆包 月之暗面 智谱 可灵 混元 赛道 内卷 护城河 推理算力 训练算力 强化学习 "
             "慢思考 私有化部署 推理芯片 token Agent GPU MoE RAG MCP AIGC LLM 推理 量化 智能體 人工智慧 演算法 晶片").split()
    assert [t for t in named if glossary.entry_for(t) is None] == []


@pytest.mark.parametrize("text, form, entry_id", [
    ("Openai发布新模型", "Openai", "openai"),          # a name of five letters or more: any case
    ("DEEPSEEK再次开源", "DEEPSEEK", "deepseek"),
    ("OpenAI-o1的推理", "OpenAI-o1", "openai-o1"),     # space or hyphen alike
    ("Meta发布Llama", "Meta", "meta"),
    ("gpu不够用", "gpu", None),                        # a short acronym only as written
    ("Moe的设计", "Moe", None),
    ("gpt这个缩写", "gpt", None),                      # a model's acronym in lowercase only with its version (gpt-4o)
    ("gpu-1节点满了", "gpu", None),                    # and only a model's or product's
])
def test_latin_case_rules_for_names_and_acronyms(segmenter, text, form, entry_id):
    linked = {t.text: t.entry_id for t in segmenter.segment_text(text) if t.entry_id}
    assert linked.get(form) == entry_id


def test_a_latin_form_is_not_the_end_of_a_decimal_number(segmenter):
    text = "模型文件约5.5G，5G下载更快。"
    tokens = segmenter.segment_text(text)
    assert [t.text for t in tokens if t.entry_id == "5g"] == ["5G"]          # the second one only
    start, pos, ids = text.index("5.5G"), 0, []
    for t in tokens:                                                         # nothing of 5.5G is a term
        if start <= pos < start + 4:
            ids.append(t.entry_id)
        pos += len(t.text)
    assert ids and not any(ids)


SENTENCES = ["关于软件，大家看法不同。", "我们今天讨论大模型的幻觉问题。", "關於軟體，大家看法不同。"]


def test_cuts_do_not_depend_on_glossaries_taught_before(glossary, segmenter):
    """Another glossary taught in the same process (a fixture build, a glossary edit under
    `mkdocs serve`) leaves no trace: the real glossary's cuts are the same afterwards,
    and a segmenter made earlier still cuts with its own glossary."""
    from zhreader.segment import Segmenter
    from zhreader.sources import load_glossary

    before = [[t.text for t in segmenter.segment_uncached(s)] for s in SENTENCES]
    assert before[0] == ["关于", "软件", "，", "大家", "看法", "不同", "。"]
    other = Segmenter(load_glossary(ROOT / "tests" / "fixtures" / "site" / "glossary.yaml"))
    other.segment_uncached(SENTENCES[1])
    assert [[t.text for t in segmenter.segment_uncached(s)] for s in SENTENCES] == before
    assert [[t.text for t in Segmenter(glossary).segment_uncached(s)] for s in SENTENCES] == before


@pytest.mark.parametrize("text", [
    # a glossary definition's kind of text: English, with Chinese words, Latin forms, numbers, C++
    "A text-to-video model (文生视频) that OpenAI's team showed in 2024, version 1.5.",
    "Written in C++ and C#, it runs GPT-4o on an AI芯片 at 3.5 times the speed.",
    "Policy slogans such as AI+教育 and 人工智能+制造, or the pair 书生·浦语.",
    "Plain English: co-founded in New York; non-profit, capped-profit, state-of-the-art.",
    "繁體也一樣：大模型的推理算力 (inference compute) 與 Agent。",
])
def test_prose_is_cut_as_the_whole_text_is(segmenter, text):
    """Glossary definitions for search go through segment_prose, which segments only the Chinese
    (a first build cut 4,566 definitions whole): the words must be the ones segment_text gives."""
    assert segmenter.segment_prose(text) == [t.text for t in segmenter.segment_uncached(text)]


@pytest.mark.parametrize("text, words", [
    # a glossary term is not cut by another that starts inside it, when what is left is a word
    ("我们讨论人工智能客服的问题。", ["人工智能", "客服"]),          # not 人工 | 智能客服
    ("人工智能驾驶还很遥远。", ["人工智能", "驾驶"]),
    ("人工智慧客服回答了。", ["人工智慧", "客服"]),                # traditional alike
    ("智能客服取代了人工客服。", ["智能客服"]),                     # the term on its own is untouched
    ("中国人工智能产业发展很快。", ["中国", "人工智能产业"]),        # a longer term still wins
    # a word for "many, more" keeps its 多 from a term starting with it (多智能体 multi-agent)
    ("平台上线了更多智能体。", ["更多", "智能体"]),
    ("我们很多智能体都在跑。", ["很多", "智能体"]),
    ("支持越来越多模态。", ["越来越多", "模态"]),
    ("太多智能体了。", ["太多", "智能体"]),                           # and is no compound's modifier
    ("多智能体系统很多。", ["多智能体系统", "很多"]),                 # the term on its own is untouched
    ("他们一起做大模型。", ["做", "大模型"]),                         # 大 is no quantity: not 做大 | 模型
    ("新功能吸引了更多用户。", ["更多", "用户"]),                     # and from a dictionary word (多用户 "multiuser")
    ("这是一套多用户系统。", ["多用户"]),
    ("智能体尝试不同策略。", ["不同", "策略"]),                       # not 不 | 同策略 (on-policy)
    ("这是同策略算法。", ["同策略"]),                                 # the term on its own
    ("我们希望文化更多元。", ["更", "多元"]),                         # two characters: 多元 "diverse" stays
    ("解决复杂问题时会用到工具。", ["时", "会"]),                     # 时会 is no word
    # a term starting with 中, 上, 内 … gives it back to the word before when the rest begins a word
    ("团队在测试中试用了新版本。", ["测试", "中", "试用"]),           # not 中试 (pilot-scale testing) | 用
    ("这项政策先在几个城市中试点。", ["城市", "中", "试点"]),
    ("新工艺完成中试后量产。", ["完成", "中试"]),                     # the term itself stays
    ("中试用于验证工艺。", ["中试", "用于"]),
    # a lone character and the term after it make a longer dictionary word and a word
    ("要提升元数据质量。", ["元数据", "质量"]),                         # not 元 | 数据质量 (data quality)
    ("她毕业于华中科技大学。", ["于", "华中科技大学"]),                  # 于华 is only a name
    # splits of merges that are not words here
    ("越来越多地被用于客服。", ["地", "被", "用于"]),                   # not 地被 "ground cover"
    ("在窗口中将刚才的文件删除。", ["中", "将"]),                       # not 中将 "lieutenant general"
    ("三步教你用这个工具。", ["教", "你", "用"]),                       # jieba's 教你用: 教 jiāo, a verb of its own
    ("公司成立于14年前。", ["14", "年", "前"]),                         # "14 years ago", not 年前 "before New Year"
    ("2024 年前九个月营收增长。", ["年", "前", "九个"]),
    ("我们年前发布新模型。", ["年前", "发布"]),                           # no number: before New Year
    ("他有10多年的经验。", ["10", "多", "年"]),                          # "10-odd years", not 多年 "many years"
    ("多年来一直如此。", ["多年"]),                                       # no number: many years
    ("数据分两种：一类来自现实，另一类是合成的。", ["一", "类", "来自"]),    # one kind, not "category 1"
    ("攻击者劫持了用户的会话。", ["的", "会话"]),                         # a session (dictionary_words)
    ("数据库中的字段命名很准确。", ["的", "字段", "命名"]),                # a field
    ("大家开会话题很多。", ["开会", "话题"]),                             # neighbours still decide
    ("在左側選單點選「回應設定」。", ["左側", "選單", "點選"]),            # menu, click on (Taiwan's tutorials)
    ("等一下設定金鑰時會用到。", ["等一下", "設定"]),                      # "in a moment"
    # 才能 "talent" is two words before a verb: 才 "only then" + 能 "can" (context_splits)
    ("只有数据足够多，模型才能学得更好。", ["模型", "才", "能", "学"]),
    ("企业持续投入，才能在竞争中胜出。", ["才", "能", "在"]),
    ("只有這樣才能實現突破。", ["這樣", "才", "能", "實現"]),          # traditional alike
    ("他的才能得到了认可。", ["的", "才能", "得到"]),                  # the talent stays whole
    ("她展示了才能和勇气。", ["才能", "和"]),
    # 省得 "so as to avoid" and 看点 "highlight" are two words before "more" or "something" (only_before)
    ("这批显卡买得多、省得多。", ["省", "得", "多"]),                  # "buy more, save more"
    ("批量调用，省得更多。", ["省", "得", "更"]),
    ("先把配置存好，省得重装。", ["省得", "重装"]),                   # "so as not to reinstall" stays
    ("演示时给大家看点东西。", ["看", "点", "东西"]),                  # "show everyone something"
    ("他想給我們看點東西。", ["看", "點", "東西"]),                    # traditional alike
    ("这次发布会的看点很多。", ["的", "看点", "很多"]),                # the highlight stays whole
    # 一句话 "in a word" is 一句 + 话 "a single sentence" after a verb (only_after)
    ("用户只需发送一句话即可完成预约。", ["发送", "一句", "话", "即可"]),
    ("傳送一句話即可。", ["傳送", "一句", "話"]),                        # traditional alike
    ("他说了一句话。", ["了", "一句", "话"]),
    ("一句话，这个模型很好用。", ["一句话", "，"]),                      # "in a word" stays
    # the glossary's 上云 "moving to the cloud" and 复用 "reuse" do not split the words around them
    ("学生们通过线上云课堂学习。", ["线上", "云课堂"]),
    ("双方举行了线上云签约仪式。", ["线上", "云签约"]),
    ("越来越多的企业上云。", ["企业", "上云"]),
    ("基站采用码分复用技术。", ["码分复用", "技术"]),
    ("团队重视代码复用。", ["代码", "复用"]),
    # a word jieba made of a measure word and a noun, after 这, 每 or a number (measure_splits)
    ("这本书讲大模型。", ["这", "本", "书"]),                          # not 本书 "this book"
    ("这部手机跑得动大模型。", ["这", "部", "手机"]),
    ("本书共分十章。", ["本书", "共"]),                                # at the start it is "this book"
    ("第3 串接 LINE。", ["串接"]),                                     # a step's number, past a space
])
def test_a_term_is_not_cut_by_a_term_starting_inside_it(segmenter, text, words):
    cut = [part for t in segmenter.segment_uncached(text) for part in (t.parts or (t.text,))]   # 同策略|算法: a compound's words
    assert any(cut[i:i + len(words)] == words for i in range(len(cut)))
