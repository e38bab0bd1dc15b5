"""The author's word report (`make words`, scripts/words.py): what an editor adding an article
needs to know and readers never see. Every sentence here is our own writing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import words  # noqa: E402
from zhreader.lookup import Lookup  # noqa: E402

DRAFT = [
    "研究院分析师刘佳音指出，一批新芯片今年上市。",
    "我们邀请了杭州星云智联科技有限公司的工程师，他们用QuuxNet训练模型。",
    "澜汐镜面算法很新，澜汐镜面算法也很快。",
]


@pytest.fixture(scope="module")
def report(segmenter, glossary):
    lines = words.report("draft", DRAFT, segmenter, Lookup(glossary)).splitlines()
    return {line.split(" (")[0]: line for line in lines[1:]}


def test_the_report_names_what_the_editor_must_check(report):
    assert report["people's names found by a title and a verb"].endswith(": 刘佳音×1")
    assert report["companies' names found by their ending"].endswith(": 杭州星云智联科技有限公司×1")
    assert report["Latin words not in the glossary"].endswith(": QuuxNet×1")
    assert "澜汐镜面" in report["frequent sequences that may be terms"]


def test_a_number_and_its_measure_word_is_no_unknown_word(report):
    # 一批 (一 + 批) is read by its parts and left out; 很快 (very + quick) is still listed
    assert report["words no dictionary knows"] == "words no dictionary knows (1): 很快×1"


def test_make_words_reads_a_draft_file(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("\n".join(DRAFT) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "words.py"), str(draft)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"== {draft}") and "QuuxNet×1" in done.stdout


def test_the_report_lists_the_abbreviations_a_text_defines_and_the_glossary_lacks(segmenter, glossary):
    draft = ["平台采用实时竞价（Real-Time Bidding，RTB）方式，RTB很快。",
             "新模型采用了检索增强生成（RAG）。"]                         # RAG is a glossary form: not listed
    lines = words.report("draft", draft, segmenter, Lookup(glossary)).splitlines()
    assert lines[-1] == "abbreviations the text defines, not in the glossary (1): RTB = 实时竞价 / Real-Time Bidding"
