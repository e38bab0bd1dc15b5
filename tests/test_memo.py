"""Results kept between builds (``cache.Memo``) are the results a fresh build computes."""

from __future__ import annotations

import pytest

from zhreader import cache, lookup


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path)
    return tmp_path


def test_a_saved_result_is_not_computed_again(cache_dir):
    calls = []
    memo = cache.Memo("t", ["dep 1"], [])
    assert memo.get("k", lambda: calls.append(1) or ["v"]) == ["v"]
    memo.save()
    again = cache.Memo("t", ["dep 1"], [])
    assert again.get("k", lambda: calls.append(1) or ["other"]) == ["v"]
    assert calls == [1]


def test_a_changed_dependency_starts_afresh(cache_dir, tmp_path):
    data = tmp_path / "overrides.yaml"
    data.write_text("a: 1\n", encoding="utf-8")
    memo = cache.Memo("t", ["dep 1"], [data])
    memo.get("k", lambda: "old")
    memo.save()
    assert cache.Memo("t", ["dep 2"], [data]).get("k", lambda: "new") == "new"       # another version
    data.write_text("a: 2\n", encoding="utf-8")
    assert cache.Memo("t", ["dep 1"], [data]).get("k", lambda: "new") == "new"       # an edited file


def test_a_damaged_memo_file_is_ignored(cache_dir):
    memo = cache.Memo("t", ["dep"], [])
    memo.get("k", lambda: "v")
    memo.save()
    memo.path.write_bytes(memo.path.read_bytes()[:-3])
    assert cache.Memo("t", ["dep"], []).get("k", lambda: "fresh") == "fresh"


def test_lookups_from_the_memo_equal_fresh_lookups(cache_dir, glossary):
    words = ["大模型", "行业", "角色", "长文", "于", "吊打", "周鸿祎谈", "地", "OpenAI", "的"]
    fresh = lookup.Lookup(glossary)
    first = [fresh.lookup_word(w) for w in words] + [fresh.lookup_word("地", "de"), fresh.lookup_word("教", "jiāo")]
    fresh.save()
    warm = lookup.Lookup(glossary)
    second = [warm.lookup_word(w) for w in words] + [warm.lookup_word("地", "de"), warm.lookup_word("教", "jiāo")]
    assert warm.memo.misses == 0          # everything came from the file
    assert second == first


def test_past_its_limit_a_memo_keeps_what_this_build_used(cache_dir):
    memo = cache.Memo("t", ["dep"], [], limit=2)
    for key in "ab":
        memo.get(key, lambda: key.upper())
    memo.save()
    later = cache.Memo("t", ["dep"], [], limit=2)
    later.get("a", lambda: "not computed")
    later.get("c", lambda: "C")
    later.save()
    kept = cache.read_cache(later.path, later._banner)
    assert kept == {"a": "A", "c": "C"}


def test_only_the_newest_files_of_a_memo_are_kept(cache_dir):
    import os

    for version in range(cache.Memo.KEEP_FILES + 3):
        memo = cache.Memo("t", [f"dep {version}"], [])
        memo.get("k", lambda: "v")
        memo.save()
        os.utime(memo.path, (version, version))      # older versions: older files
    newest = cache.Memo("t", ["dep last"], [])
    newest.get("k", lambda: "v")
    newest.save()
    files = sorted(cache_dir.glob("t-*.bin"))
    assert len(files) == cache.Memo.KEEP_FILES and newest.path in files


def test_a_memo_over_its_limit_is_cut_back_even_when_nothing_was_missed(cache_dir):
    big = cache.Memo("t", ["dep"], [], limit=100)
    for i in range(50):
        big.get(f"k{i}", lambda: "v")
    big.save()
    small = cache.Memo("t", ["dep"], [], limit=10)      # e.g. a small site after a large one
    small.get("k1", lambda: "not computed")
    small.save()
    assert cache.read_cache(small.path, small._banner) == {"k1": "v"}


def test_a_build_keeps_every_cut_it_made_the_glossary_definitions_too(cache_dir, tmp_path):
    # The search records cut each glossary definition after the corpus saved its memo; those
    # cuts were lost, so every build cut the real glossary's 3,000 definitions again (14 s).
    # (Now in their own memo: in the paragraphs' memo, over its limit, they were lost again.)
    import shutil
    from pathlib import Path

    from zhreader import search_records as sr
    from zhreader.corpus import Corpus
    from zhreader.glossary_index import entry_page
    from zhreader.segment import Segmenter

    root = tmp_path / "site"
    (root / "texts" / "one").mkdir(parents=True)
    shutil.copy(Path(__file__).resolve().parent / "fixtures" / "site" / "glossary.yaml", root / "glossary.yaml")
    (root / "texts" / "one" / "zh.txt").write_text("我们的标题\n\n大模型会产生幻觉。\n", encoding="utf-8")
    corpus = Corpus(root)
    urls = {item.page_path: f"articles/{item.article.slug}/" for item in corpus.articles}
    urls |= {entry_page(entry): entry_page(entry)[:-3] + "/" for entry in corpus.glossary.entries}
    sr._made.clear()
    sr.corpus_records(corpus, urls)
    sr._made.clear()
    next_build = Segmenter(corpus.glossary)
    for entry in corpus.glossary.entries:
        definition = entry.senses[0].definition if entry.senses and not entry.definition else entry.definition
        next_build.segment_prose(definition)
    next_build.segment_text("大模型会产生幻觉。", "one")
    assert next_build.memo.misses == 0 and next_build.prose_memo.misses == 0


def test_a_name_linked_only_with_its_version_is_part_of_the_segmentations_key(cache_dir, tmp_path):
    """Adding {form: 星火, with_version: true} to an entry must not leave 星火X1 cut as it was."""
    from zhreader.glossary import Entry, Glossary
    from zhreader.segment import segmentation_memo

    def spark(with_version):
        return Glossary([Entry(id="spark", term="讯飞星火", en="Spark", category="model", definition="A model.",
                               note="A name.", pinyin="Xùnfēi Xīnghuǒ", with_version=with_version)], tmp_path / "g.yaml")
    assert segmentation_memo(spark([])).path != segmentation_memo(spark(["星火"])).path
    assert segmentation_memo(spark(["星火"])).path == segmentation_memo(spark(["星火"])).path


@pytest.mark.parametrize("module", ["names", "orgs", "compounds"])
def test_the_rules_that_find_names_and_compounds_are_part_of_the_segmentations_key(cache_dir, glossary, monkeypatch,
                                                                                   tmp_path, module):
    """Editing data/names.yaml (a new title) or data/orgs.yaml must not leave texts cut as before."""
    import importlib
    from zhreader.segment import segmentation_memo

    rules = importlib.import_module(f"zhreader.{module}")
    before = segmentation_memo(glossary).path
    edited = tmp_path / rules.DATA.name
    edited.write_text(rules.DATA.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(rules, "DATA", edited)
    assert segmentation_memo(glossary).path != before


GLOSSARY = """\
- id: test-large-model
  term: 大模型
  pinyin: dà móxíng
  en: large model
  category: concept
  definition: A model with very many parameters.
  note: Our test entry.
"""


def test_a_kept_glossary_is_the_checked_one_and_an_edit_is_checked_again(cache_dir, tmp_path):
    from zhreader.errors import SourceError
    from zhreader.glossary import load_glossary

    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    checked = load_glossary(path)
    assert list(cache_dir.glob("glossary-*.bin"))                        # kept after a clean check
    kept = load_glossary(path)
    assert kept.entries == checked.entries and kept.entries[0].traditional == checked.entries[0].traditional
    assert kept.by_simplified.keys() == checked.by_simplified.keys()
    path.write_text(GLOSSARY.replace("pinyin: dà móxíng", "pinyin: xiǎo móxíng"), encoding="utf-8")
    with pytest.raises(SourceError, match="glossary.yaml:3: entry .大模型.: pinyin"):   # the edit is checked, not taken from the cache
        load_glossary(path)
