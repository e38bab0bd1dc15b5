"""A glossary read again after an edit (``load_glossary(before=…)``, what ``mkdocs serve`` does
after a save) is the glossary a fresh read gives, messages and line numbers included; the
entries the edit left alone are the very objects they were (what later stages keep per entry)."""

from pathlib import Path

import pytest

from zhreader import glossary as glossary_module
from zhreader.errors import SourceError
from zhreader.glossary import load_glossary

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "tests" / "fixtures" / "site" / "glossary.yaml").read_text(encoding="utf-8")
# Two more entries of ours, after a comment line, so that edits land in the middle and the end.
BASE += """
# --- Hardware -------------------------------------------------------------

- id: compute
  term: 算力
  pinyin: suànlì
  en: computing power
  category: hardware
  definition: >-
    The capacity to run computations, counted in chips or operations per second.
  note: Compute in engineers' English.
- id: inference
  term: 推理
  pinyin: tuīlǐ
  en: inference
  category: technique
  definition: Running a trained model.
  note: Also reasoning; the sentence decides.
"""


def fields(glossary) -> list[tuple]:
    return [(glossary_module._row(entry), entry.line) for entry in glossary.entries]


def fresh(path: Path, monkeypatch):
    """The file read whole, as a first build does (not taken from the cache of checked glossaries)."""
    with monkeypatch.context() as patch:
        patch.setattr(glossary_module, "_kept_entries", lambda raw: None)
        return load_glossary(path)


def messages(path: Path, **before) -> list[str]:
    with pytest.raises(SourceError) as info:
        load_glossary(path, **before)
    return info.value.problems


@pytest.fixture
def loaded(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(BASE, encoding="utf-8")
    return path, load_glossary(path)


def test_an_edited_entry_is_read_again_and_every_other_entry_is_kept(loaded, monkeypatch):
    path, before = loaded
    path.write_text(BASE.replace("en: computing power", "en: compute"), encoding="utf-8")
    after = load_glossary(path, before=before)
    assert fields(after) == fields(fresh(path, monkeypatch))
    assert after.by_id["compute"].en == "compute" and after.by_id["compute"] is not before.by_id["compute"]
    assert all(after.by_id[i] is before.by_id[i] for i in ("large-model", "openai", "deepfake", "inference"))


def test_lines_that_an_edit_moved_are_the_new_ones(loaded, monkeypatch):
    path, before = loaded
    line = before.by_id["inference"].line
    path.write_text(BASE.replace("  en: OpenAI\n", "  en: OpenAI\n  alternatives: [Open AI Inc]\n"), encoding="utf-8")
    after = load_glossary(path, before=before)
    assert fields(after) == fields(fresh(path, monkeypatch))
    assert after.by_id["inference"].line == line + 1
    assert after.by_id["inference"] is before.by_id["inference"]


@pytest.mark.parametrize("edit", [
    # a field's error in an edited entry after kept ones: its line, its key's line
    lambda text: text.replace("category: technique", "category: techniqe"),
    lambda text: text.replace("  definition: Running a trained model.\n", "  definition: Running a trained model.\n  note2: x\n"),
    # an edited entry clashing with a kept one
    lambda text: text.replace("id: inference", "id: compute"),
    lambda text: text.replace("term: 推理", "term: 算力").replace("tuīlǐ", "suànlì"),
    # a quoted text that runs past the next item, a tab
    lambda text: text.replace("en: computing power", 'en: "computing power'),
    lambda text: text.replace("  note: Also reasoning", "\tnote: Also reasoning"),
    # a character a text may not hold, in an edited entry
    lambda text: text.replace("Running a trained", "Running a\u202etrained"),
], ids=["category", "unknown-field", "same-id", "same-term", "open-quote", "tab", "bidi"])
def test_an_edit_that_breaks_the_file_is_reported_as_a_fresh_read_reports_it(loaded, edit):
    path, before = loaded
    path.write_text(edit(BASE), encoding="utf-8")
    expected = messages(path)
    assert expected            # each edit is a mistake a fresh read reports
    assert messages(path, before=before) == expected


def test_an_anchor_and_its_alias_read_together(loaded, monkeypatch):
    # Items that share a value cannot be read one by one: the whole file is read, and the alias
    # takes the anchor's new value.
    path, before = loaded
    text = BASE.replace("category: hardware", "category: &cat hardware").replace("category: technique", "category: *cat")
    path.write_text(text.replace("id: inference", "id: inference-hw"), encoding="utf-8")
    first = load_glossary(path, before=before)
    assert first.by_id["inference-hw"].category == "hardware"
    path.write_text(text.replace("&cat hardware", "&cat technique").replace("id: inference", "id: inference-hw"), encoding="utf-8")
    again = load_glossary(path, before=first)
    assert fields(again) == fields(fresh(path, monkeypatch))
    assert again.by_id["inference-hw"].category == "technique"
