"""The glossary editor's check for new forms that take characters from the words beside them
(scripts/form_takeovers.py): 大硅片 took 扩大 in 扩大硅片. Every entry here is our own writing."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import form_takeovers  # noqa: E402

FIXTURE_GLOSSARY = ROOT / "tests" / "fixtures" / "site" / "glossary.yaml"
WAFERS = """
- id: large-wafers
  term: 大硅片
  pinyin: dà guīpiàn
  en: large silicon wafers
  category: hardware
  definition: >-
    Silicon wafers of 300 mm, the size most advanced chips are made on.
  note: >-
    A test entry.
"""


def test_a_new_form_that_takes_the_end_of_a_common_word_is_listed(tmp_path):
    new = tmp_path / "glossary.yaml"
    new.write_text(FIXTURE_GLOSSARY.read_text(encoding="utf-8").rstrip("\n") + "\n" + WAFERS, encoding="utf-8")
    found = form_takeovers.takeovers(FIXTURE_GLOSSARY, new)
    rows = {string: (form, word, now, before) for form, word, string, now, before in found}
    assert rows["扩大硅片"] == ("大硅片", "扩大", ["扩", "大硅片"], ["扩大", "硅片"])
    assert {form for form, *_ in found} <= {"大硅片", "大矽片"}   # only the new entry's forms (and its Taiwan spelling)
    assert form_takeovers.takeovers(FIXTURE_GLOSSARY, FIXTURE_GLOSSARY) == []   # nothing new, nothing listed
