"""Properties over random input (hypothesis).

- Annotation never loses, duplicates or reorders a character, and always yields
  well-formed markup: parse it as XML, take its text, get the input back.
- No data file, however malformed, makes the loader fail with anything but a
  ``SourceError`` (which the build turns into one clean message).
"""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE
from zhreader.annotate import Vocabulary, annotate_tokens, highlight
from zhreader.errors import SourceError
from zhreader.lookup import Lookup
from zhreader.segment import Segmenter
from zhreader.sources import load_articles, load_glossary

# Chinese, Latin, digits, CJK and ASCII punctuation, spaces, plus glossary forms
# and HTML/Markdown look-alikes that must come out as text.
PIECES = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6),
    st.text(alphabet="abcXYZ019 .,;:!?-_'\"", min_size=1, max_size=6),
    st.text(alphabet="，。、？！；：（）《》「」“”‘’…·　", min_size=1, max_size=3),
    st.sampled_from(["大模型", "大型模型", "OpenAl", "OpenAI", "深度伪造", "深度偽造", "<img src=x onerror=alert(1)>",
                     "</script>", "&amp;", "&#x27;", "*em*", "[a](javascript:x)", "{ #id }", "\n", "\t"]),
    st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=4),
)
TEXT = st.lists(PIECES, min_size=1, max_size=12).map("".join)


@pytest.fixture(scope="module")
def tools():
    glossary = load_glossary(FIXTURE / "glossary.yaml")
    return Segmenter(glossary), Lookup(glossary)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_annotation_keeps_every_character_in_order_as_well_formed_markup(tools, text):
    segmenter, lookup = tools
    html = annotate_tokens(segmenter.segment_text(text), Vocabulary(lookup), "p1", "../glossary/")
    root = ET.fromstring(f"<p>{html}</p>")   # raises unless well-formed
    assert "".join(root.itertext()) == text
    assert {el.tag for el in root.iter()} <= {"p", "span", "a"}
    assert all(set(el.attrib) <= {"class", "data-k", "href", "data-g"} for el in root.iter())   # data-g: a compound's glossary parts


@settings(max_examples=200, deadline=None)
@given(text=TEXT, needle=st.sampled_from(["大模型", "<", "&", "深度"]))
def test_highlight_keeps_the_text_and_marks_only_the_needle(text, needle):
    root = ET.fromstring(f"<span>{highlight(text, needle)}</span>")
    assert "".join(root.itertext()) == text
    assert all(el.text == needle for el in root.iter("mark"))


# -- the loader never crashes -------------------------------------------------------

FIELDS = ["id", "term", "aliases", "pinyin", "en", "alternatives", "category", "definition", "note",
          "title", "paragraphs", "paragraph", "anchor", "type", "text", "zh", "speaker", "date",
          "occasion", "why", "source_url", "p1", "p2", "p9"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.dates(),
                    st.sampled_from(["大模型", "dà móxíng", "p1", "concept", "language", "深度伪造是双刃剑。",
                                     "https://example.com/", "", "  "]),
                    st.text(max_size=8))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.integers(0, 3)), inner, max_size=6)), max_leaves=20)


def loads_cleanly(load, *args) -> None:
    try:
        load(*args)
    except SourceError as error:
        assert error.problems and all(isinstance(m, str) and ": " in m for m in error.problems)


@settings(max_examples=150, deadline=None)
@given(data=DATA)
def test_any_glossary_data_loads_or_fails_with_a_message(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "glossary.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        loads_cleanly(load_glossary, path)


@settings(max_examples=150, deadline=None)
@given(name=st.sampled_from(["en.yaml", "notes.yaml", "quotes.yaml", "meta.yaml"]), data=DATA)
def test_any_article_data_loads_or_fails_with_a_message(name, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts" / "demo"
        folder.mkdir(parents=True)
        (folder / "zh.txt").write_text("标题\n\n深度伪造是双刃剑。\n", encoding="utf-8")
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        loads_cleanly(load_articles, Path(tmp) / "texts")


@settings(max_examples=300, deadline=None)
@given(text=TEXT.filter(str.strip))   # titles and terms are never blank
def test_text_in_a_markdown_heading_stays_text(text):
    import markdown

    from zhreader.annotate import md_inline

    html = markdown.markdown(f'## {md_inline(text)} {{ #x }}', extensions=["attr_list", "md_in_html"])
    root = ET.fromstring(html)
    assert root.tag == "h2" and root.attrib == {"id": "x"} and len(root) == 0   # no child elements
    assert root.text == " ".join(text.split())
