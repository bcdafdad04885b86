"""Phrases and proximity over position sets follow Whoosh's ordered-span rule word for word."""
from __future__ import annotations

from array import array

import pytest
from hypothesis import given, settings, strategies as st

from indexer.table import documents_at, from_ids, members, step
from indexer.table.positions import GAP, follow, word_places

TEXT = "The request for Norco 10/325mg is not medically necessary; no functional improvement was documented."


def _holds(text: str, tokens: list[str], slop: int) -> bool:
    """The chain of `follow` steps over one document's word positions, as matching runs it."""
    length, places = word_places(text)
    at = from_ids(places.get(tokens[0], []), length)
    for token in tokens[1:]:
        at = follow(at, from_ids(places.get(token, []), length), slop)
    return at != 0


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
    after = follow(from_ids([10], 64), (1 << 64) - 1, slop)
    assert members(after) == list(range(11, 11 + slop))


def test_each_word_may_use_any_earlier_match():
    """Repeated words: the chain may continue from any occurrence, not only the first."""
    assert _holds("pain relief pain x x x x relief", ["pain", "relief"], 1)
    assert _holds("pain x x x x pain relief", ["pain", "relief"], 1)
    assert not _holds("relief pain x x x x x", ["pain", "relief"], 3)


def test_positions_map_back_to_their_documents():
    bases = array("Q", [0, 0, 10 + GAP, 10 + GAP, 20 + 2 * GAP])  # documents 0 and 3 have no words here
    hits = from_ids([3, 5, 10 + GAP, 20 + 2 * GAP + 4], 30 + 3 * GAP)
    assert documents_at(hits, bases) == [1, 3, 4]
    assert documents_at(0, bases) == []


def _form(positions: list[int], size: int, as_list: bool):
    """A word's positions as TableReader.places gives them: the list, or the bitmap's bytes."""
    return positions if as_list else from_ids(positions, size).to_bytes((size + 7) // 8, "little")


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 400).flatmap(lambda size: st.tuples(
    st.just(size), st.sets(st.integers(0, size - 1), max_size=60), st.sets(st.integers(0, size - 1), max_size=60))),
    st.integers(1, 20), st.booleans(), st.booleans())
def test_step_is_follow_whichever_form_each_side_is_in(sets, slop, before_list, after_list):
    size, before, after = sets
    before, after = sorted(before), sorted(after)
    expected = members(follow(from_ids(before, size), from_ids(after, size), slop))
    got = step(_form(before, size, before_list), _form(after, size, after_list), slop)
    assert isinstance(got, list) == (before_list or after_list)
    assert (got if isinstance(got, list) else members(int.from_bytes(got, "little"))) == expected
    assert documents_at(got, array("Q", [0])) == ([0] if expected else [])


def test_a_list_step_reaches_every_later_position_in_range():
    """From a short list into a longer one, each position reaches all the positions within its slop."""
    assert step([5], [1, 6, 7, 8, 12], 3) == [6, 7, 8]
    assert step([5, 6], [7], 1) == [7]
    assert step([0, 3], [1, 2, 3, 4, 5, 9], 2) == [1, 2, 4, 5]
