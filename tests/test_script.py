"""Traditional and mixed text: cut exactly as its simplified conversion, shown as written, linked and read right.

The texts are our own writing (tests/fixtures/texts/), one simplified, one traditional (Taiwan usage).
"""

from pathlib import Path

import pytest

from zhreader import script
from zhreader.lookup import Lookup

TEXTS = Path(__file__).parent / "fixtures" / "texts"


def paragraphs(name: str) -> list[str]:
    return [p.strip() for p in (TEXTS / name).read_text(encoding="utf-8").split("\n\n") if p.strip()]


def boundaries(tokens) -> list[int]:
    out, pos = [], 0
    for t in tokens:
        pos += len(t.text)
        out.append(pos)
    return out


def test_simplified_view_keeps_length_and_positions():
    for text in paragraphs("chips-traditional.txt"):
        view = script.to_simplified(text)
        assert len(view) == len(text)
    assert script.to_simplified("看著晶片與演算法，ＡＩ") == "看着晶片与演算法，AI"   # full-width letters as ASCII
    assert script.to_simplified("推動人工智慧＋，ＧＰＴ－４。") == "推动人工智慧+，GPT-4。"   # and the signs inside terms
    assert script.to_simplified("安德烈．卡帕西說，價格是５．５元．") == "安德烈·卡帕西说，价格是5．5元．"   # a stop
    # between Chinese characters is a name's dot; after a digit or at the end it stays a stop
    # 著 of simplified words stays (显著 "significant", not 显着), the 著 of traditional 看著 does not
    assert script.to_simplified("性能显著提升，他看著土著的原著。") == "性能显著提升，他看着土著的原著。"


def test_traditional_text_is_cut_exactly_as_its_simplified_conversion(segmenter):
    for text in paragraphs("chips-traditional.txt"):
        tokens = segmenter.segment_text(text)
        assert "".join(t.text for t in tokens) == text                       # shown as written
        converted = segmenter.segment_text(script.to_simplified(text))
        assert boundaries(tokens) == boundaries(converted)


def test_traditional_text_is_not_cut_into_characters(segmenter):
    tokens = [t for p in paragraphs("chips-traditional.txt") for t in segmenter.segment_text(p) if t.is_chinese]
    single = sum(len(t.text) == 1 for t in tokens) / len(tokens)
    assert single < 0.4, f"{single:.0%} of tokens are one character"


@pytest.mark.parametrize("form, entry_id", [
    ("晶片", "chip"), ("演算法", "algorithm"), ("人工智慧", "artificial-intelligence"),
    ("大型語言模型", "large-language-model"), ("注意力機制", "attention"), ("量化", "quantization"),
    ("深度偽造", "deepfake"), ("開源模型", "open-source-model"), ("生成式人工智慧", "generative-ai"),
])
def test_traditional_text_links_glossary_terms(segmenter, form, entry_id):
    linked = {t.text: t.entry_id for p in paragraphs("chips-traditional.txt") for t in segmenter.segment_text(p) if t.entry_id}
    assert linked.get(form) == entry_id


@pytest.mark.parametrize("sentence, form, entry_id", [
    ("這套系統用電腦視覺檢查晶圓。", "電腦視覺", "computer-vision"),      # Taiwan's 電腦 for 计算机
    ("工廠導入數位孿生之後，停機時間減少。", "數位孿生", "digital-twin"),   # 數位 for 数字
    ("業者擴充運算力，以應付需求。", "運算力", "computing-power"),          # 運算 for 计算 / 算
])
def test_taiwan_words_opencc_lacks_link_to_the_mainland_entry(segmenter, sentence, form, entry_id):
    """Our sentences in Taiwan usage: words from data/regional.yaml, beyond OpenCC's phrase list."""
    linked = {t.text: t.entry_id for t in segmenter.segment_text(sentence) if t.entry_id}
    assert linked.get(form) == entry_id


def test_regional_words_replace_the_longest_mainland_word_and_never_twice():
    assert script.regional_variants("计算机视觉") == ["电脑视觉"]           # not 运算机视觉
    assert script.regional_variants("云端") == []                          # ^云 → 云端 only once
    assert "雲端運算" in script.traditional_forms("云计算")


def test_a_name_keeps_its_words_in_taiwan_spelling(segmenter):
    # 云 → 云端 is Taiwan's word for "cloud" (云服务 → 雲端服務), not a part of a company's name:
    # 雲端從 would take 雲端 + 從 ("the cloud, from …") for 云从 (CloudWalk).
    glossary = segmenter.glossary
    cloudwalk = next(e for e in glossary.entries if e.term == "云从科技")
    assert "雲從" in cloudwalk.traditional and not [t for t in cloudwalk.traditional if "雲端" in t]
    assert "雲端服務" in next(e for e in glossary.entries if e.term == "云服务").traditional
    words = {t.text: t.entry_id for t in segmenter.segment_text("資料放在雲端從不離線。") if t.entry_id}
    assert "cloudwalk" not in "".join(map(str, words.values()))


@pytest.mark.parametrize("word, pinyin", [
    ("產業", "chǎnyè"), ("資源", "zīyuán"), ("運算", "yùnsuàn"), ("雲端", "yúnduān"), ("還有", "háiyǒu"),
])
def test_traditional_words_get_their_readings(glossary, word, pinyin):
    assert Lookup(glossary).lookup_word(word).pinyin == pinyin


def test_simplified_fixture_terms_are_single_linked_words(segmenter):
    linked = {t.text for p in paragraphs("agents-simplified.txt") for t in segmenter.segment_text(p) if t.entry_id}
    for term in ["智能体", "算力", "推理算力", "训练算力", "推理模型", "慢思考", "思维链", "词元", "混合专家",
                 "私有化部署", "推理芯片", "国产替代", "Token", "端侧", "出口管制", "提示词", "注入攻击", "水印"]:
        assert term in linked, term
