"""Product names in Latin letters built on a glossary name (``families``): one tappable word, shown by
its parts, and what our glossary says the name is. Every sentence here is our own writing."""

import pytest

from zhreader.families import FAMILY
from zhreader.lookup import Lookup


def families(segmenter, sentence):
    return [(t.text, t.parts) for t in segmenter.segment_text(sentence) if t.sense == FAMILY]


@pytest.mark.parametrize("sentence, found", [
    ("新发布的Claude Design可以生成幻灯片。", [("Claude Design", ("Claude", "Design"))]),
    ("谷歌推出了Gemini 2.5 Flash Image模型。", [("Gemini 2.5 Flash Image", ("Gemini 2.5 Flash", "Image"))]),   # on a versioned name
    ("我们用Google Vids做演示。", [("Google Vids", ("Google", "Vids"))]),
    ("全新的Samsung One UI 7上线了。", [("Samsung One UI 7", ("Samsung", "One", "UI", "7"))]),   # capitals after a word
    ("團隊改用Microsoft Loop開會。", [("Microsoft Loop", ("Microsoft", "Loop"))]),                  # traditional
])
def test_a_glossary_name_and_the_capitalised_words_after_it_are_one_name(segmenter, sentence, found):
    assert families(segmenter, sentence) == found


@pytest.mark.parametrize("sentence", [
    "OpenAI CEO在会上发言。",                 # a title in capitals, not a product
    "Claude Code routines用起来很方便。",     # a lower-case word of the sentence
    "Claude AI和OpenAI Codex都能写代码。",    # words that are glossary terms keep their own links
    "我们用Google Slides做演示。",            # a product with an entry of its own is that entry
    "Claude 4发布了。",                       # a version alone is the model's
    "Google Says It Will Invest",             # a headline's English
    "Claude，Design团队也在用。",             # no name across punctuation
    "我们的设计团队用过它。",                 # nothing Latin
])
def test_no_name_is_built_where_the_words_are_not_its(segmenter, sentence):
    assert families(segmenter, sentence) == []


def test_the_popup_shows_the_known_name_linked_and_what_our_glossary_says_it_is(glossary):
    info = Lookup(glossary).lookup_word("Claude Design", sense=FAMILY, parts=("Claude", "Design"))
    claude = glossary.entry_for("Claude")
    assert info.source == "family" and info.senses == []                 # no gloss invented for the whole
    assert [p[0] for p in info.parts] == ["Claude", "Design"] and info.parts[0][3] == claude.id and info.parts[1][3] == ""
    first = claude.definition.split(". ")[0] + "."
    assert info.definition == f"Claude: {first}"
