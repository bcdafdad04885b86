"""The match table's pieces: bit sets round-trip, spilled runs merge to the same table as one pass."""
from __future__ import annotations

from array import array

import pytest
from hypothesis import given, settings, strategies as st

import indexer.postings as postings
from indexer import bitset
from indexer.positions import GAP, word_places
from indexer.postings import PostingsReader, PostingsWriter, date_keys, text_keys


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(0, 4999)))
def test_encode_decode_round_trip(ids):
    ordered = array("I", sorted(ids))
    data = bitset.encode(ordered, 5000)
    assert data[:1] == (b"D" if len(ids) * 32 >= 5000 else b"S")
    assert bitset.members(bitset.decode(data, 5000)) == sorted(ids)
    assert bitset.decode_ids(data) == sorted(ids)


def test_members_stops_at_the_limit():
    bits = bitset.from_ids([3, 9, 64, 65, 4000], 5000)
    assert bitset.members(bits) == [3, 9, 64, 65, 4000]
    assert bitset.members(bits, 3) == [3, 9, 64]
    assert bitset.members(0) == []


def test_text_keys_hold_words_pairs_and_triples():
    keys = text_keys("rationale", "Not medically necessary.")
    assert keys == {"rationale\x1fnot", "rationale\x1fmedically", "rationale\x1fnecessary",
                    "rationale\x1fnot medically", "rationale\x1fmedically necessary",
                    "rationale\x1fnot medically necessary"}
    assert date_keys("decided", 20170105) == ["~decided.y\x1f2017", "~decided.m\x1f201701", "~decided.d\x1f20170105"]
    assert date_keys("decided", 0) == []


def _table(tmp_path, name, spill_every):
    build = tmp_path / name
    build.mkdir()
    postings.RUN_POSTINGS = spill_every
    try:
        writer = PostingsWriter(build)
        writer.add_letter(0, 2, ["summary\x1fback", "summary\x1fpain"])
        for doc in range(200):
            keys = [f"rationale\x1fw{doc % 50}", f"rationale\x1fm{doc % 3}"] + (["item\x1frare"] if doc == 150 else [])
            places = {"item": word_places(f"Item {doc} item"), "rationale": word_places("why")} if doc % 7 else {}
            writer.add(doc, keys, 20170000 + doc % 28 + 1, doc - doc % 2, places)
        writer.finish(200, [5])
    finally:
        postings.RUN_POSTINGS = 15_000_000
    return PostingsReader(build / "postings")


def test_spilled_runs_merge_to_the_same_table(tmp_path):
    one, many = _table(tmp_path, "one", 10**9), _table(tmp_path, "many", 37)
    assert list(one.keys) == list(many.keys)
    for k in one.keys:
        if k.startswith("@"):  # a word's positions, over its field's position space
            field, word = k[1:].split("\x1f")
            assert one.positions(field, word) == many.positions(field, word) != 0, k
            continue
        assert one.bits(k) == many.bits(k), k
        assert one.count(k) == many.count(k) == one.bits(k).bit_count()
    assert bitset.members(one.bits("summary\x1fpain")) == [0, 1]
    assert bitset.members(one.bits("item\x1frare")) == [150]
    assert one.universe.bit_count() == 199 and not one.universe >> 5 & 1
    assert list(one.decided[:3]) == [20170001, 20170002, 20170003] and list(one.first[:4]) == [0, 0, 2, 2]
    assert one.keys_from("rationale\x1fw1", "rationale\x1fw2") == [f"rationale\x1fw{n}" for n in [1, *range(10, 20)]]
    assert bitset.members(one.bits("rationale\x1fw7")) == [7, 57, 107, 157]
    step = 3 + GAP  # "Item N item" is three words; documents are GAP positions apart
    assert (one.bases["item"][1], one.bases["item"][8], one.bases["item"][7]) == (0, 6 * step, 6 * step)
    assert bitset.members(one.positions("item", "8")) == [6 * step + 1]  # doc 8 is the 7th with an item
    assert len(bitset.members(one.positions("item", "item"))) == 2 * (200 - 29)  # 29 of 200 are multiples of 7
    assert one.spaces["item"] == (200 - 29) * step and one.positions("item", "absent") == 0


def _write(build, previous, docs: range, size: int):
    build.mkdir()
    writer = PostingsWriter(build, previous)
    for doc in docs:
        keys = [f"rationale\x1fw{doc % 5}", "rationale\x1fall"] + (["item\x1flate"] if doc >= 150 else [])
        writer.add(doc, keys, 20170101, doc, {"rationale": word_places(f"all w{doc % 5} all")})
    writer.finish(size, [])
    return PostingsReader(build / "postings")


def test_an_update_appends_parts_that_read_as_the_union(tmp_path):
    """Old entries keep their bytes; new documents are one more part; dense and sparse sets both."""
    whole = _write(tmp_path / "whole", None, range(200), 200)
    _write(tmp_path / "old", None, range(120), 120)
    updated = _write(tmp_path / "new", tmp_path / "old", range(120, 200), 200)
    assert list(updated.keys) == list(whole.keys)
    for k in whole.keys:
        if k.startswith("@"):
            field, word = k[1:].split("\x1f")
            assert updated.positions(field, word) == whole.positions(field, word), k
        else:
            assert updated.bits(k) == whole.bits(k) and updated.count(k) == whole.count(k), k
    assert bitset.members(updated.bits("item\x1flate")) == list(range(150, 200))
    assert updated.bits("rationale\x1fall") == (1 << 200) - 1


@pytest.mark.parametrize("keys", [[], ["a"], ["a\x1fb", "a\x1fb c", "é\x1fx", "\uffff"], [f"k{n:04d}" for n in range(300)]])
def test_sorted_keys_read_as_the_list_they_were_written_from(keys):
    from bisect import bisect_left

    from indexer.keylist import SortedKeys

    table = SortedKeys("\n".join(keys).encode("utf-8"))
    assert len(table) == len(keys) and list(table) == keys and table[:] == keys
    assert [table[i] for i in range(len(keys))] == keys and table[1:3] == keys[1:3]
    if keys:
        assert table[-1] == keys[-1]
    for probe in keys + ["", "a", "k0150x", "k0063", "k0064x", "zz", "\U0001f600"]:
        assert table.bisect_left(probe) == bisect_left(table, probe) == bisect_left(keys, probe), probe
    assert table[5:2] == [] and table[::7] == keys[::7]
    with pytest.raises(IndexError):
        table[len(keys)]
