"""Abbreviations a text defines for itself (``abbreviations.defined``), as the author's word report
lists them. Every sentence here is our own writing."""

import pytest

from zhreader.abbreviations import Definition, defined


@pytest.mark.parametrize("sentence, found", [
    ("平台采用实时竞价（Real-Time Bidding，RTB）方式。", [Definition("RTB", "实时竞价", "Real-Time Bidding")]),
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
