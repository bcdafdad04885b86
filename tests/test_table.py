"""The match table's pieces: sets round-trip; runs, however cut into segments and merged, make the same table."""
from __future__ import annotations

from array import array
from bisect import bisect_left

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from pyroaring import BitMap

from indexer.analysis import words
from indexer.table import TableReader, documents, merge, runs, sets, writer as table_writer
from indexer.table.dictionary import KEYS, STARTS, SortedKeys, write_blocks
from indexer.table.keys import date_keys, text_keys, token_keys
from indexer.table.positions import GAP
from indexer.table.runs import ChunkTable
from indexer.table.writer import TableWriter


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(0, 2**32 - 1)))
def test_encode_decode_round_trip(ids):
    ordered = array("I", sorted(ids))
    data = sets.encode(ordered)
    assert data[:1] == (b"L" if len(ids) <= sets.SMALL else b"R")
    assert sets.members(sets.decode(data)) == sorted(ids)
    assert sets.members(sets.decode(memoryview(data))) == sorted(ids)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sets(st.integers(0, 100_000), max_size=40), max_size=30))
def test_the_merge_encodes_each_set_as_encode_does(groups):
    """encode_sets lays out many sets at once, byte for byte as encode would one by one."""
    values = np.array([v for g in groups for v in sorted(g)], np.uint32)
    bounds = np.concatenate([[0], np.cumsum([len(g) for g in groups])]).astype(np.int64)
    blob, lengths = merge.encode_sets(values, bounds)
    assert blob == b"".join(sets.encode(array("I", sorted(g))) if g else b"" for g in groups)
    assert list(lengths) == [len(sets.encode(array("I", sorted(g)))) if g else 0 for g in groups]


def test_members_stops_at_the_limit():
    bits = sets.from_ids([3, 9, 64, 65, 4000])
    assert sets.members(bits) == [3, 9, 64, 65, 4000]
    assert sets.members(bits, 3) == [3, 9, 64]
    assert sets.members(BitMap()) == []


def test_text_keys_hold_words_and_pairs():
    keys = text_keys("rationale", "Not medically necessary.")
    assert keys == {"rationale\x1fnot", "rationale\x1fmedically", "rationale\x1fnecessary",
                    "rationale\x1fnot medically", "rationale\x1fmedically necessary"}
    assert date_keys("decided", 20170105) == ["~decided.y\x1f2017", "~decided.m\x1f201701", "~decided.d\x1f20170105"]
    assert date_keys("decided", 0) == []


WORDS = [f"w{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(50)]  # one word each: wab, wac...


def _doc(d: int) -> dict:
    """Document d of 200: letters of two decisions; an item on six in seven; one overturned."""
    doc = {"rationale": WORDS[d % 50], "decided": 20170000 + d % 28 + 1, "item": f"Item {d} item" if d % 7 else ""}
    if d == 150:
        doc["outcome"] = "overturned"
    if d == 0:
        doc["summary"] = "Back pain"  # the letter's own text, on its first decision
    return doc


def _table(tmp_path, name, per_run, jobs=1):
    """The 100 letters written as runs of `per_run` letters each, placed one after another, merged by
    `jobs` processes."""
    build = tmp_path / name
    (build / "runs").mkdir(parents=True)
    writer = TableWriter(build, jobs=jobs)
    for start in range(0, 100, per_run):
        chunk = ChunkTable()
        for letter in range(start, min(100, start + per_run)):
            chunk.add_letter([_doc(2 * letter), _doc(2 * letter + 1)])
        writer.add_run(2 * start, chunk.write(build / "runs" / f"run{start}.tmp"))
    writer.finish(200, [5])
    return TableReader(build / "table")


def _keys(table: TableReader) -> list[str]:
    return table.keys_from("", "\U0010ffff")


def _place_docs(table: TableReader, k: str) -> list[tuple[int, int]]:
    """(document, place in its field) of every position of a word or pair key, over every segment."""
    field = k.split("\x1f")[0]
    out = []
    if field not in table.segments[0].strides:  # a value key: no positions
        return out
    for segment, places in table.places(k):
        stride = segment.strides[field]
        out += [(segment.base + (p >> stride), p & ((1 << stride) - 1)) for p in places]
    return sorted(out)


@pytest.mark.parametrize("per_run, jobs, mark_every, range_weight, segment", [
    (1, 1, 512, None, None), (7, 1, 512, None, None), (33, 1, 512, None, 40), (1, 2, 512, None, 7),
    (7, 3, 5, 300, None), (33, 2, 1, None, 66), (100, 4, 3, 50, None), (7, 1, 5, 300, 14)])
def test_runs_merge_to_the_same_table_as_one(tmp_path, monkeypatch, per_run, jobs, mark_every, range_weight, segment):
    """However the letters are cut into runs and the runs into segments, and the keys into ranges
    (each read from the runs' nearest mark) merged in this process or by separately started ones, the
    table gives the same sets, counts and positions."""
    one = _table(tmp_path, "one", 100)
    monkeypatch.setattr(runs, "MARK_EVERY", mark_every)
    monkeypatch.setattr(table_writer, "PARALLEL_WEIGHT", 0)  # this small table would be merged in-process
    if range_weight:
        monkeypatch.setattr(table_writer, "RANGE_WEIGHT", range_weight)  # more ranges than processes
    if segment:
        monkeypatch.setattr(table_writer, "SEGMENT_DOCUMENTS", segment)
    many = _table(tmp_path, "many", per_run, jobs)
    run_sizes = [2 * min(per_run, 100 - start) for start in range(0, 100, per_run)]
    assert len(one.segments) == 1 and len(many.segments) == _segments(run_sizes, segment or 10**9)
    assert _keys(one) == _keys(many)
    for k in _keys(one):
        assert one.bits(k) == many.bits(k), k
        assert one.count(k) == many.count(k) == len(one.bits(k))
        assert _place_docs(one, k) == _place_docs(many, k), k
    assert sets.members(one.bits("summary\x1fpain")) == [0, 1]
    assert sets.members(one.bits("outcome\x1foverturned")) == [150]
    assert len(one.universe) == 199 and 5 not in one.universe
    assert list(one.decided[:3]) == [20170001, 20170002, 20170003] and list(one.first[:4]) == [0, 0, 2, 2]
    assert one.keys_from("rationale\x1fwb", "rationale\x1fwc") == [f"rationale\x1f{w}" for w in WORDS[26:]]
    assert sets.members(one.bits(f"rationale\x1f{WORDS[7]}")) == [7, 57, 107, 157]
    assert _place_docs(one, "item\x1f8") == [(8, 1)]  # "Item 8 item": the number is the second word
    assert _place_docs(one, "item\x1f8 item") == [(8, 1)]  # a pair stands where its first word does
    assert len(_place_docs(one, "item\x1fitem")) == 2 * (200 - 29)  # 29 of 200 are multiples of 7
    assert one.places("item\x1fabsent") == []
    stride = one.segments[0].strides["item"]
    assert 1 << stride >= 3 + GAP and members_of(documents(BitMap([(8 << stride) + 1]), stride, 0)) == [8]


def _segments(run_sizes: list[int], most: int) -> int:
    """How many segments runs of these sizes fill when a segment takes runs up to `most` documents."""
    count, filled = 0, 0
    for size in run_sizes:
        if filled and filled + size > most:
            count, filled = count + 1, 0
        filled += size
    return count + (filled > 0)


def members_of(bits: BitMap) -> list[int]:
    return sets.members(bits)


def test_a_segment_closes_before_its_positions_would_pass_32_bits(tmp_path, monkeypatch):
    """A run whose long field would push the segment's strided positions past the space starts a new one."""
    monkeypatch.setattr(table_writer, "POSITION_SPACE", 1 << 12)  # 64-position strides: 64 documents
    build = tmp_path / "b"
    (build / "runs").mkdir(parents=True)
    writer = TableWriter(build)
    for n, length in enumerate([3, 3, 100, 3]):  # the 100-word run needs 256-position strides
        chunk = ChunkTable()
        for d in range(10):
            chunk.add_letter([{"rationale": " ".join(["word"] * length)}])
        writer.add_run(10 * n, chunk.write(build / "runs" / f"run{n}.tmp"))
    writer.finish(40, [])
    table = TableReader(build / "table")
    assert [(s.base, s.documents) for s in table.segments] == [(0, 20), (20, 10), (30, 10)]
    assert all(s.documents << s.strides["rationale"] <= 1 << 12 for s in table.segments)
    assert sets.members(table.bits("rationale\x1fword")) == list(range(40))
    assert len(_place_docs(table, "rationale\x1fword word")) == 10 * (2 + 2 + 99 + 2)


def test_a_failed_merge_process_fails_the_merge_and_leaves_no_job_files(tmp_path, monkeypatch):
    """A merge process that dies (here: a run's keys are gone) is an error, not a table with holes."""
    build = tmp_path / "build"
    (build / "runs").mkdir(parents=True)
    writer = TableWriter(build, jobs=2)
    for start in range(0, 100, 50):
        chunk = ChunkTable()
        for letter in range(start, start + 50):
            chunk.add_letter([_doc(2 * letter), _doc(2 * letter + 1)])
        writer.add_run(2 * start, chunk.write(build / "runs" / f"run{start}.tmp"))
    (build / "runs" / f"run50.tmp.{KEYS}").unlink()
    monkeypatch.setattr(table_writer, "PARALLEL_WEIGHT", 0)
    with pytest.raises(ChildProcessError, match="a merge process of the match table failed"):
        writer.finish(200, [])
    assert not list((build / "table").rglob("merge*.job"))


def _write(build, previous, docs: range, size: int, deleted=(), jobs: int = 1):
    (build / "runs").mkdir(parents=True)
    writer = TableWriter(build, previous, jobs)
    chunk = ChunkTable()
    for doc in docs:
        chunk.add_letter([{"rationale": f"all {WORDS[doc % 5]} all", "decided": 20170101,
                           "outcome": "late" if doc >= 150 else ""}])
    writer.add_run(docs[0], chunk.write(build / "runs" / "run.tmp"))
    writer.finish(size, list(deleted))
    return TableReader(build / "table")


@pytest.mark.parametrize("jobs", [1, 3])
def test_an_update_adds_a_segment_that_reads_with_the_old_as_one_table(tmp_path, monkeypatch, jobs):
    """The old segments are linked unchanged; the new documents are a segment of their own; every set,
    count and position reads as if built at once; documents deleted by the update leave the universe."""
    whole = _write(tmp_path / "whole", None, range(200), 200)
    _write(tmp_path / "old", None, range(120), 120)
    monkeypatch.setattr(runs, "MARK_EVERY", 4)
    monkeypatch.setattr(table_writer, "PARALLEL_WEIGHT", 0)
    monkeypatch.setattr(table_writer, "RANGE_WEIGHT", 100)
    updated = _write(tmp_path / "new", tmp_path / "old", range(120, 200), 200, [3, 7], jobs)
    assert len(updated.segments) == 2 and updated.segments[1].base == 120
    old_segment = tmp_path / "old" / "table" / "s0000" / "docs"
    assert (tmp_path / "new" / "table" / "s0000" / "docs").stat().st_ino == old_segment.stat().st_ino
    assert _keys(updated) == _keys(whole)
    for k in _keys(whole):
        assert updated.bits(k) == whole.bits(k) and updated.count(k) == whole.count(k), k
        assert _place_docs(updated, k) == _place_docs(whole, k), k
    assert sets.members(updated.bits("outcome\x1flate")) == list(range(150, 200))
    assert updated.bits("rationale\x1fall") == BitMap(range(200))
    assert updated.universe == BitMap(range(200)) - BitMap([3, 7])


@pytest.mark.parametrize("keys", [[], ["a"], ["a\x1fb", "a\x1fb c", "é\x1fx", "\uffff"], [f"k{n:04d}" for n in range(700)]])
def test_sorted_keys_read_as_the_list_they_were_written_from(tmp_path, keys):
    blob = "\n".join(keys).encode("utf-8")
    starts = [0] + [i + 1 for i, b in enumerate(blob) if b == 10] + [len(blob) + 1] if keys else [1]
    (tmp_path / KEYS).write_bytes(blob)
    (tmp_path / STARTS).write_bytes(array("Q", starts).tobytes())
    write_blocks(tmp_path)
    table = SortedKeys(tmp_path)
    assert len(table) == len(keys) and list(table) == keys and table[:] == keys
    assert [table[i] for i in range(len(keys))] == keys and table[1:3] == keys[1:3]
    if keys:
        assert table[-1] == keys[-1]
    for probe in keys + ["", "a", "k0150x", "k0255", "k0256x", "zz", "\U0001f600"]:
        assert table.bisect_left(probe) == bisect_left(keys, probe), probe
        assert table.find(probe) == (keys.index(probe) if probe in keys else -1)
    assert table[5:2] == [] and table[::7] == keys[::7]
    with pytest.raises(IndexError):
        table[len(keys)]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=1, max_size=12), st.integers(1, 5))
def test_a_letters_text_is_stored_once_and_read_for_all_its_decisions(tmp_path_factory, sizes, per_run):
    """A summary key holds only its letters' first decisions on disk; `bits` and `count` give every
    decision of those letters, whatever the letters' sizes and however they are cut into runs."""
    build = tmp_path_factory.mktemp("letters")
    (build / "runs").mkdir()
    writer, docnum, letters = TableWriter(build), 0, []
    for start in range(0, len(sizes), per_run):
        chunk, first = ChunkTable(), docnum
        for n, size in enumerate(sizes[start:start + per_run], start=start):
            chunk.add_letter([{"rationale": "why", "summary": f"Letter{chr(97 + n)} shared" if d == 0 else ""}
                              for d in range(size)])
            letters.append(list(range(docnum, docnum + size)))
            docnum += size
        writer.add_run(first, chunk.write(build / "runs" / f"run{start}.tmp"))
    writer.finish(docnum, [])
    table = TableReader(build / "table")
    segment = table.segments[0]
    for n, docs in enumerate(letters):
        k = f"summary\x1fletter{chr(97 + n)}"
        assert sets.members(segment.docs(segment.keys.find(k))) == docs[:1]
        assert sets.members(table.bits(k)) == docs and table.count(k) == len(docs)
    assert sets.members(table.bits("summary\x1fshared")) == list(range(docnum)) == sets.members(
        table.bits_any([f"summary\x1fletter{chr(97 + n)}" for n in range(len(sizes))]))
    assert table.count("summary\x1fshared") == docnum


SMALL_WORDS = ["a", "ab", "b", "b a", "pain", "pains", "1.5", "10", "é", "z"]


def _plain_table(letters: list[list[dict]]) -> tuple[dict[str, list[int]], dict[str, list[tuple[int, int]]]]:
    """What the table must hold, worked out one document at a time with plain Python: each word and
    pair key -> its documents, and -> its (document, place) positions."""
    keys: dict[str, set[int]] = {}
    places: dict[str, list[tuple[int, int]]] = {}
    docnum = 0
    for docs in letters:
        first = docnum
        for doc in docs:
            for name in ("item", "rationale", "summary"):
                if doc.get(name):
                    tokens = words(doc[name])
                    holder = first if name == "summary" else docnum
                    for k in token_keys(name, tokens):
                        keys.setdefault(k, set()).add(holder)
                    for at, gram in enumerate(zip(tokens, tokens[1:] + [None])):
                        places.setdefault(f"{name}\x1f{gram[0]}", []).append((docnum, at))
                        if gram[1] is not None:
                            places.setdefault(f"{name}\x1f{gram[0]} {gram[1]}", []).append((docnum, at))
            docnum += 1
    return {k: sorted(v) for k, v in keys.items()}, places


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(st.lists(st.sampled_from(SMALL_WORDS), max_size=8),
                                   st.lists(st.sampled_from(SMALL_WORDS), max_size=5)), min_size=1, max_size=3),
                min_size=1, max_size=12),
       st.integers(1, 5), st.sampled_from([None, 5]), st.sampled_from([1, 2]))
def test_the_table_holds_each_documents_words_pairs_and_positions(tmp_path_factory, letters, per_run, segment, jobs):
    """Whatever the text, however the letters are cut into runs and segments and merged: every key
    holds exactly the documents a plain per-document computation gives, and every word and pair its
    positions. A letter's text is keyed on its first decision, even where a later decision holds some."""
    built = [[{"rationale": " ".join(r), "item": " ".join(i), "summary": " ".join(r[::-1] if d == 0 else i[1:])}
              for d, (r, i) in enumerate(docs)] for docs in letters]
    expected, places = _plain_table(built)
    build = tmp_path_factory.mktemp("plain")
    (build / "runs").mkdir()
    original = table_writer.SEGMENT_DOCUMENTS
    table_writer.SEGMENT_DOCUMENTS = segment or original
    try:
        writer, docnum = TableWriter(build, jobs=jobs), 0
        for start in range(0, len(built), per_run):
            chunk, first = ChunkTable(), docnum
            for docs in built[start:start + per_run]:
                chunk.add_letter(docs)
                docnum += len(docs)
            writer.add_run(first, chunk.write(build / "runs" / f"run{start}.tmp"))
        writer.finish(docnum, [])
    finally:
        table_writer.SEGMENT_DOCUMENTS = original
    table = TableReader(build / "table")
    stored = {k for k in _keys(table) if k.split("\x1f")[0] in ("item", "rationale", "summary")}
    assert stored == set(expected)
    for k, docs in expected.items():
        on_disk = sorted(d for s in table.segments for i in (s.keys.find(k),) if i >= 0 for d in s.docs(i))
        assert on_disk == docs, k
        assert table.count(k) == len(table.bits(k)), k
    for k, at in places.items():
        assert _place_docs(table, k) == sorted(at), k
