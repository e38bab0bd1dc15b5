"""Abbreviations a text defines for itself (``abbreviations.defined``), as the author's word report
lists them. Every sentence here is our own writing."""

import json
import re
from pathlib import Path

import pytest

from zhreader.abbreviations import Definition, again, defined, found

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("sentence, found", [
    ("平台采用实时竞价（Real-Time Bidding，RTB）方式。", [Definition("RTB", "实时竞价", "Real-Time Bidding", ("实时", "竞价"))]),
    ("团队改进了 Decision Transformer (DT)，效果更好。", [Definition("DT", "", "Decision Transformer")]),
    ("这是一个命令列工具（CLI），用起来很方便。", [Definition("CLI", "命令列工具")]),          # not 一个: a number
    ("这是我们通往通用智能体（GA）的一步。", [Definition("GA", "通用智能体")]),                # not 通往: a verb
    ("未来将走向内生智能（EI）。", [Definition("EI", "内生智能")]),                          # 走向: jieba's verb
    ("第二代（Model Predictive Control，MPC）引入了预测。", [Definition("MPC", "", "Model Predictive Control")]),  # not 第二代
    ("他是一个 PM（产品经理）。", [Definition("PM", "产品经理")]),                           # the bracket's Chinese
    ("他们改进了 Score-based RTG（Return to Go）模块。", [Definition("RTG", "", "Return to Go")]),
    ("這款命令列工具（CLI）很好用。", [Definition("CLI", "命令列工具")]),                    # traditional
    ("新模型采用了检索增强生成（简称RAG）。", [Definition("RAG", "检索增强生成")]),           # after 简称
])
def test_a_bracket_defines_an_abbreviation(segmenter, sentence, found):
    assert defined(segmenter.segment_text(sentence)) == found


@pytest.mark.parametrize("sentence", [
    "Claude Chat（2023 年）上线了。",                  # a date, no abbreviation
    "它处理多模态内容（如文本、图像）。",              # an example
    "GPU（如H100）很贵。",                             # an example after an abbreviation
    "团队发布了 Spatial-Slow-Thinking（空间性慢思考）。",   # a long name, no abbreviation
    "这一点（PS：很重要）值得一提。",                   # PS：… is a remark
    "在第一阶段（S1）我们只训练一次。",                # one capital: a label
])
def test_a_bracket_that_only_remarks_defines_nothing(segmenter, sentence):
    assert defined(segmenter.segment_text(sentence)) == []


def test_a_definition_reaches_every_mention_and_makes_its_chinese_one_word(segmenter, glossary):
    paragraphs = ["快手采用实时竞价（RTB）。", "RTB很快，实时竞价也很普遍。", "新模型用检索增强生成（RAG）。"]
    cuts = [segmenter.segment_text(p) for p in paragraphs]
    known = found(cuts, glossary)
    assert known == {"RTB": Definition("RTB", "实时竞价", "", ("实时", "竞价"))}   # RAG is a glossary form: ours stands
    tokens = again(cuts[1], known)
    assert [(t.text, t.defined, t.parts) for t in tokens if t.defined or t.parts] == [
        ("RTB", ("实时竞价", "", "实时", "竞价"), ()), ("实时竞价", (), ("实时", "竞价"))]
    rag = next(t for t in again(cuts[2], known) if t.text == "RAG")
    assert rag.entry_id == glossary.entry_for("RAG").id and not rag.defined


def test_the_page_glosses_a_defined_abbreviation_as_the_article_does(tmp_path):
    from zhreader.corpus import Corpus

    (tmp_path / "texts" / "one").mkdir(parents=True)
    (tmp_path / "glossary.yaml").symlink_to(ROOT / "glossary.yaml")
    (tmp_path / "texts" / "one" / "zh.txt").write_text(
        "一个标题\n\n团队改进了 Decision Transformer (DT)，也用实时竞价（RTB）。\n\n后来 DT 更快了。\n", encoding="utf-8")
    item = Corpus(tmp_path).articles[0]
    rows = json.loads(item.vocab_json)
    spans = re.findall(r'<span class="w" data-k="(\d+)">DT</span>', item.paragraphs["p1"] + item.paragraphs["p2"])
    assert len(spans) == 2 and len(set(spans)) == 1                       # both mentions, one popup row
    dt = rows[int(spans[0])]
    assert (dt[0], dt[1], dt[2], dt[5], dt[6]) == ("DT", "", ["Decision Transformer"], "article", [])
    k = re.search(r'<span class="w" data-k="(\d+)">RTB</span>', item.paragraphs["p1"]).group(1)
    rtb = rows[int(k)]
    assert (rtb[2], rtb[5]) == ([], "article")
    assert [part[:2] for part in rtb[6]] == [["实时", "shíshí"], ["竞价", "jìngjià"]]   # its Chinese, word by word; no English invented
