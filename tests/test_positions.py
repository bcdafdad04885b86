"""Phrases and proximity over position sets follow Whoosh's ordered-span rule word for word."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from pyroaring import BitMap

from indexer.table import documents, follow, from_ids, meets, members, phrase_starts, positions
from indexer.table.positions import GAP, stride_for, word_places

TEXT = "The request for Norco 10/325mg is not medically necessary; no functional improvement was documented."


@pytest.fixture(autouse=True, params=["arrays", "sets"])
def method(request, monkeypatch):
    """Every rule holds both ways proximity is computed: binary searches of sorted arrays (small sets)
    and shifts of Roaring sets (large ones)."""
    if request.param == "sets":
        monkeypatch.setattr(positions, "ARRAYS_UP_TO", 0)
    return request.param


def _holds(text: str, tokens: list[str], slop: int) -> bool:
    """The chain of `follow` steps over one document's word positions, as matching runs it."""
    _, places = word_places(text)
    at = from_ids(places.get(tokens[0], []))
    for token in tokens[1:]:
        at = follow(at, from_ids(places.get(token, [])), slop)
    return bool(at)


@pytest.mark.parametrize("tokens, slop, expected", [
    (["not", "medically", "necessary", "no"], 1, True),  # adjacent across the semicolon
    (["medically", "not"], 1, False),  # order matters
    (["norco", "325"], 1, False),  # "10" lies between
    (["norco", "325"], 2, True),
    (["request", "norco"], 2, True),  # "for" between: within 2
    (["request", "necessary"], 8, False),  # 9 positions apart (10, 325 and mg are words)
    (["request", "necessary"], 9, True),
    (["request", "necessary"], 37, True),  # any reach past the distance: the log-step shifts
    (["norco", "norco"], 5, False),  # a word cannot follow itself at distance 0
    (["functional", "improvement", "was", "documented"], 1, True),
    (["functional", "improvement", "documented"], 1, False),
    (["functional", "improvement", "documented"], 2, True),
    (["absent", "word"], 10, False),
])
def test_follow_is_the_ordered_span_rule(tokens, slop, expected):
    assert _holds(TEXT, tokens, slop) is expected


@pytest.mark.parametrize("slop", range(1, 12))
def test_follow_reaches_exactly_slop_positions(slop):
    after = follow(from_ids([10]), BitMap(range(64)), slop)
    assert members(after) == list(range(11, 11 + slop))


@pytest.mark.parametrize("slop", range(1, 12))
def test_follow_from_the_rarer_side_reaches_the_same_positions(slop):
    """When `after` is the smaller set, the positions of `before` in reach are found first."""
    assert members(follow(BitMap(range(64)), from_ids([30]), slop)) == [30]
    assert members(follow(BitMap(range(20, 64)), from_ids([5, 30]), slop)) == ([30] if slop >= 1 else [])


def test_each_word_may_use_any_earlier_match():
    """Repeated words: the chain may continue from any occurrence, not only the first."""
    assert _holds("pain relief pain x x x x relief", ["pain", "relief"], 1)
    assert _holds("pain x x x x pain relief", ["pain", "relief"], 1)
    assert not _holds("relief pain x x x x x", ["pain", "relief"], 3)


@settings(max_examples=300, deadline=None)
@given(st.sets(st.integers(0, 400), max_size=60), st.sets(st.integers(0, 400), max_size=60), st.integers(1, 50))
def test_follow_is_the_brute_force_rule(before, after, slop):
    expected = sorted(b for b in after if any(1 <= b - a <= slop for a in before))
    assert members(follow(from_ids(sorted(before)), from_ids(sorted(after)), slop)) == expected


@settings(max_examples=300, deadline=None)
@given(st.sets(st.integers(0, 40 * 128), max_size=80), st.sets(st.integers(0, 40 * 128), max_size=80),
       st.integers(1, 50))
def test_meets_finds_the_documents_follow_finds(before, after, slop):
    """The last step of a chain: the same documents (40 of them, strided by 2**7, each with its words in
    the first 64 positions: a GAP after them) from half the work."""
    before, after = ({p for p in side if p % 128 < 128 - GAP} for side in (before, after))
    expected = documents(follow(from_ids(sorted(before)), from_ids(sorted(after)), slop), 7, 0)
    assert documents(meets(from_ids(sorted(before)), from_ids(sorted(after)), slop), 7, 0) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("abc"), min_size=3, max_size=60), st.lists(st.sampled_from("abc"), min_size=3, max_size=6))
def test_phrase_starts_from_pairs_is_the_exact_phrase(text, phrase):
    """ANDing the pairs' positions, each shifted back by its place, finds exactly where the phrase starts."""
    pairs: dict[tuple[str, str], list[int]] = {}
    for i, pair in enumerate(zip(text, text[1:])):
        pairs.setdefault(pair, []).append(i)
    cover = list(range(0, len(phrase) - 1, 2))
    if cover[-1] != len(phrase) - 2:
        cover.append(len(phrase) - 2)
    parts = [(o, from_ids(pairs.get((phrase[o], phrase[o + 1]), []))) for o in cover]
    expected = [i for i in range(len(text) - len(phrase) + 1) if text[i:i + len(phrase)] == phrase]
    assert members(phrase_starts(parts)) == expected


def test_positions_map_back_to_their_documents():
    """Document i of a segment numbers its words from i << stride; the documents are the shifted positions."""
    stride = stride_for(10)
    assert 1 << stride >= 10 + GAP
    hits = from_ids([3 + (1 << stride), 5 + (1 << stride), 4 << stride, (7 << stride) + 9])
    assert members(documents(hits, stride, 100)) == [101, 104, 107]
    assert members(documents(BitMap(), stride, 100)) == []


def test_a_stride_keeps_every_reach_inside_its_document():
    """A word at the end of one document never reaches the next one, even at the widest slop."""
    stride = stride_for(30)
    last_word, next_first = from_ids([29]), from_ids([1 << stride])
    assert not follow(last_word, next_first, 50)
