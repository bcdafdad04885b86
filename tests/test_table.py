"""The match table's pieces: bit sets round-trip; runs, however cut and merged, make the same table."""
from __future__ import annotations

from array import array

import pytest
from hypothesis import given, settings, strategies as st

from indexer.analysis import words
from indexer.table import TableReader, reader, runs, sets, writer as table_writer
from indexer.table.keys import date_keys, text_keys, token_keys
from indexer.table.positions import GAP
from indexer.table.runs import ChunkTable
from indexer.table.writer import TableWriter


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(0, 4999)))
def test_encode_decode_round_trip(ids):
    ordered = array("I", sorted(ids))
    data = sets.encode(ordered, 5000)
    assert data[:1] == (b"D" if len(ids) * 32 >= 5000 else b"S")
    assert sets.members(sets.decode(data, 5000)) == sorted(ids)
    assert sets.decode_ids(data) == sorted(ids)


def test_members_stops_at_the_limit():
    bits = sets.from_ids([3, 9, 64, 65, 4000], 5000)
    assert sets.members(bits) == [3, 9, 64, 65, 4000]
    assert sets.members(bits, 3) == [3, 9, 64]
    assert sets.members(0) == []


def test_text_keys_hold_words_pairs_and_triples():
    keys = text_keys("rationale", "Not medically necessary.")
    assert keys == {"rationale\x1fnot", "rationale\x1fmedically", "rationale\x1fnecessary",
                    "rationale\x1fnot medically", "rationale\x1fmedically necessary",
                    "rationale\x1fnot medically necessary"}
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
    build.mkdir()
    writer = TableWriter(build)
    for start in range(0, 100, per_run):
        chunk = ChunkTable()
        for letter in range(start, min(100, start + per_run)):
            chunk.add_letter([_doc(2 * letter), _doc(2 * letter + 1)])
        writer.add_run(2 * start, chunk.write(build / "postings" / f"run{start}.tmp"))
    writer.finish(200, [5], jobs)
    return TableReader(build / "postings")


@pytest.mark.parametrize("per_run, jobs, mark_every, range_weight", [
    (1, 1, 512, None), (7, 1, 512, None), (33, 1, 512, None), (1, 2, 512, None), (7, 3, 5, 300), (33, 2, 1, None),
    (100, 4, 3, 50), (7, 1, 5, 300)])
def test_runs_merge_to_the_same_table_as_one(tmp_path, monkeypatch, per_run, jobs, mark_every, range_weight):
    """However the letters are cut into runs, and the keys into ranges (each read from the runs' nearest
    mark) merged in this process or by separately started ones, the table is the same."""
    one = _table(tmp_path, "one", 100)
    monkeypatch.setattr(runs, "MARK_EVERY", mark_every)
    monkeypatch.setattr(table_writer, "PARALLEL_WEIGHT", 0)  # this small table would be merged in-process
    if range_weight:
        monkeypatch.setattr(table_writer, "RANGE_WEIGHT", range_weight)  # more ranges than processes
    many = _table(tmp_path, "many", per_run, jobs)
    assert list(one.keys) == list(many.keys)
    for k in one.keys:
        if k.startswith("@"):  # a word's positions, over its field's position space
            field, word = k[1:].split("\x1f")
            assert one.positions(field, word) == many.positions(field, word) != 0, k
            continue
        assert one.bits(k) == many.bits(k), k
        assert one.count(k) == many.count(k) == one.bits(k).bit_count()
    for name in one.bases:
        assert one.bases[name] == many.bases[name] and one.spaces[name] == many.spaces[name], name
    assert sets.members(one.bits("summary\x1fpain")) == [0, 1]
    assert sets.members(one.bits("outcome\x1foverturned")) == [150]
    assert one.universe.bit_count() == 199 and not one.universe >> 5 & 1
    assert list(one.decided[:3]) == [20170001, 20170002, 20170003] and list(one.first[:4]) == [0, 0, 2, 2]
    assert one.keys_from("rationale\x1fwb", "rationale\x1fwc") == [f"rationale\x1f{w}" for w in WORDS[26:]]
    assert sets.members(one.bits(f"rationale\x1f{WORDS[7]}")) == [7, 57, 107, 157]
    step = 3 + GAP  # "Item N item" is three words; documents are GAP positions apart
    assert (one.bases["item"][1], one.bases["item"][8], one.bases["item"][7]) == (0, 6 * step, 6 * step)
    assert sets.members(one.positions("item", "8")) == [6 * step + 1]  # doc 8 is the 7th with an item
    assert len(sets.members(one.positions("item", "item"))) == 2 * (200 - 29)  # 29 of 200 are multiples of 7
    assert one.spaces["item"] == (200 - 29) * step and one.positions("item", "absent") == 0


def test_a_failed_merge_process_fails_the_merge_and_leaves_no_job_files(tmp_path, monkeypatch):
    """A merge process that dies (here: a run's keys are gone) is an error, not a table with holes."""
    build = tmp_path / "build"
    build.mkdir()
    writer = TableWriter(build)
    for start in range(0, 100, 50):
        chunk = ChunkTable()
        for letter in range(start, start + 50):
            chunk.add_letter([_doc(2 * letter), _doc(2 * letter + 1)])
        writer.add_run(2 * start, chunk.write(build / "postings" / f"run{start}.tmp"))
    (build / "postings" / "run50.tmp.keys").unlink()
    monkeypatch.setattr(table_writer, "PARALLEL_WEIGHT", 0)
    with pytest.raises(ChildProcessError, match="a merge process of the match table failed"):
        writer.finish(200, [], 2)
    assert not list((build / "postings").glob("merge*.job"))


def _write(build, previous, docs: range, size: int, jobs: int = 1):
    build.mkdir()
    writer = TableWriter(build, previous)
    chunk = ChunkTable()
    for doc in docs:
        chunk.add_letter([{"rationale": f"all {WORDS[doc % 5]} all", "decided": 20170101, "outcome": "late" if doc >= 150 else ""}])
    writer.add_run(docs[0], chunk.write(build / "postings" / "run.tmp"))
    writer.finish(size, [], jobs)
    return TableReader(build / "postings")


@pytest.mark.parametrize("jobs", [1, 3])
def test_an_update_appends_parts_that_read_as_the_union(tmp_path, monkeypatch, jobs):
    """Old entries keep their bytes; new documents are one more part; dense and sparse sets both."""
    whole = _write(tmp_path / "whole", None, range(200), 200)
    _write(tmp_path / "old", None, range(120), 120)
    monkeypatch.setattr(runs, "MARK_EVERY", 4)
    monkeypatch.setattr(table_writer, "PARALLEL_WEIGHT", 0)
    monkeypatch.setattr(table_writer, "RANGE_WEIGHT", 100)  # the old entries' keys and bytes cut ranges too
    updated = _write(tmp_path / "new", tmp_path / "old", range(120, 200), 200, jobs)
    assert list(updated.keys) == list(whole.keys)
    for k in whole.keys:
        if k.startswith("@"):
            field, word = k[1:].split("\x1f")
            assert updated.positions(field, word) == whole.positions(field, word), k
        else:
            assert updated.bits(k) == whole.bits(k) and updated.count(k) == whole.count(k), k
    assert sets.members(updated.bits("outcome\x1flate")) == list(range(150, 200))
    assert updated.bits("rationale\x1fall") == (1 << 200) - 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sets(st.integers(0, 299)), max_size=6), st.sampled_from([2, 32, 1000]))
def test_runs_encode_as_the_set_of_their_placed_members(runs, dense):
    """encode_runs = encode of the members each run places at its offset (runs one after another)."""
    placed, offset = [], 0
    for ids in runs:
        placed.append((offset, array("I", sorted(ids))))
        offset += 300
    members = sorted(o + d for o, ids in placed for d in ids)
    size = max(offset, 1)
    data = sets.encode_runs(placed, size, dense)
    assert data == sets.encode(array("I", members), size, dense)
    assert sets.members(sets.decode(data, size)) == members


@pytest.mark.parametrize("keys", [[], ["a"], ["a\x1fb", "a\x1fb c", "é\x1fx", "\uffff"], [f"k{n:04d}" for n in range(300)]])
def test_sorted_keys_read_as_the_list_they_were_written_from(keys):
    from bisect import bisect_left

    from indexer.table.dictionary import SortedKeys

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


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=1, max_size=12), st.integers(1, 5))
def test_a_letters_text_is_stored_once_and_read_for_all_its_decisions(tmp_path_factory, sizes, per_run):
    """A summary key holds only its letters' first decisions on disk; `bits` and `count` give every
    decision of those letters, whatever the letters' sizes and however they are cut into runs."""
    build = tmp_path_factory.mktemp("letters")
    writer, docnum, letters = TableWriter(build), 0, []
    for start in range(0, len(sizes), per_run):
        chunk, first = ChunkTable(), docnum
        for n, size in enumerate(sizes[start:start + per_run], start=start):
            chunk.add_letter([{"rationale": "why", "summary": f"Letter{chr(97 + n)} shared" if d == 0 else ""}
                              for d in range(size)])
            letters.append(list(range(docnum, docnum + size)))
            docnum += size
        writer.add_run(first, chunk.write(build / "postings" / f"run{start}.tmp"))
    writer.finish(docnum, [])
    table = TableReader(build / "postings")
    for n, docs in enumerate(letters):
        k = f"summary\x1fletter{chr(97 + n)}"
        assert sets.members(reader._decode(table.blob(table._find(k)), table.size)) == docs[:1]
        assert sets.members(table.bits(k)) == docs and table.count(k) == len(docs)
    assert sets.members(table.bits("summary\x1fshared")) == list(range(docnum)) == sets.members(
        table.bits_any([f"summary\x1fletter{chr(97 + n)}" for n in range(len(sizes))]))
    assert table.count("summary\x1fshared") == docnum


SMALL_WORDS = ["a", "ab", "b", "b a", "pain", "pains", "1.5", "10", "é", "z"]


def _plain_table(letters: list[list[dict]]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """What the table must hold, worked out one document at a time with plain Python: each word,
    pair and triple key -> its documents, each (field, word) -> its positions."""
    keys: dict[str, set[int]] = {}
    places: dict[tuple[str, str], list[int]] = {}
    space = {f: 0 for f in ("item", "rationale", "summary")}
    docnum = 0
    for docs in letters:
        first = docnum
        for doc in docs:
            for name in space:
                if doc.get(name):
                    tokens = words(doc[name])
                    holder = first if name == "summary" else docnum
                    for k in token_keys(name, tokens):
                        keys.setdefault(k, set()).add(holder)
                    for at, word in enumerate(tokens):
                        places.setdefault((name, word), []).append(space[name] + at)
                    space[name] += len(tokens) + GAP
            docnum += 1
    return {k: sorted(v) for k, v in keys.items()}, places


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(st.lists(st.sampled_from(SMALL_WORDS), max_size=8),
                                   st.lists(st.sampled_from(SMALL_WORDS), max_size=5)), min_size=1, max_size=3),
                min_size=1, max_size=12),
       st.integers(1, 5), st.sampled_from([None, 3]), st.sampled_from([1, 2]))
def test_the_table_holds_each_documents_words_pairs_triples_and_positions(tmp_path_factory, letters, per_run, most_words,
                                                                           jobs):
    """Whatever the text, however the letters are cut into runs and merged, and whether a chunk's keys
    are numbered or (past MAX_RANKED_WORDS distinct words) spelled: every key holds exactly the
    documents a plain per-document computation gives, and every word its positions. A letter's text
    is keyed on its first decision, even where a later decision holds some of it."""
    built = [[{"rationale": " ".join(r), "item": " ".join(i), "summary": " ".join(r[::-1] if d == 0 else i[1:])}
              for d, (r, i) in enumerate(docs)] for docs in letters]
    expected, places = _plain_table(built)
    build = tmp_path_factory.mktemp("plain")
    writer, docnum = TableWriter(build), 0
    original = runs.MAX_RANKED_WORDS
    runs.MAX_RANKED_WORDS = most_words or original
    try:
        for start in range(0, len(built), per_run):
            chunk, first = ChunkTable(), docnum
            for docs in built[start:start + per_run]:
                chunk.add_letter(docs)
                docnum += len(docs)
            writer.add_run(first, chunk.write(build / "postings" / f"run{start}.tmp"))
        writer.finish(docnum, [], jobs)
    finally:
        runs.MAX_RANKED_WORDS = original
    table = TableReader(build / "postings")
    stored = {k for k in table.keys if k.split("\x1f")[0] in ("item", "rationale", "summary")}
    assert stored == set(expected)
    for k, docs in expected.items():
        assert sets.members(reader._decode(table.blob(table._find(k)), table.size)) == docs, k
        assert table.count(k) == table.bits(k).bit_count(), k
    for (name, word), at in places.items():
        assert sets.members(table.positions(name, word)) == at, (name, word)
