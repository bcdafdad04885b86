"""Precedents: similar decisions from other letters on the same kind of treatment, both outcomes."""
from __future__ import annotations

import pytest

from indexer.precedents import precedents
from indexer.search import search


@pytest.fixture(scope="module")
def norco(handle):
    """The top item:norco decision and its precedents."""
    hit = search(handle, "item:norco").hits[0]
    return hit, precedents(handle, hit.letter, hit.decision)


def test_norco_precedents_are_medication_decisions_from_other_letters(handle, norco):
    hit, found = norco
    assert 1 <= len(found) <= 7
    assert all(p["letter"] != hit.letter for p in found)
    assert hit.category == "medication"
    assert {p["category"] for p in found} == {"medication"}
    medication = {(h.letter, h.decision) for h in search(handle, "category:medication", page_size=500).hits}
    assert all((p["letter"], p["decision"]) in medication for p in found)


def test_both_outcomes_labelled_and_an_opposite_one_included(norco):
    hit, found = norco
    assert {p["outcome"] for p in found} == {"Upheld", "Overturned"}
    assert all(p["opposite"] == (p["outcome"] != hit.outcome) for p in found)
    assert 1 <= sum(p["opposite"] for p in found) <= 2
    assert sum(not p["opposite"] for p in found) <= 5


def test_sorted_by_score_with_urls(norco):
    _, found = norco
    assert [p["score"] for p in found] == sorted((p["score"] for p in found), reverse=True)
    assert all(p["url"] == f'/case/{p["letter"]}#d{p["decision"]}' for p in found)


def test_same_treatment_ranks_first(norco):
    _, found = norco
    assert found[0]["treatment"] == "hydrocodone/acetaminophen"


def test_limit_bounds_same_outcome(handle, norco):
    hit, _ = norco
    found = precedents(handle, hit.letter, hit.decision, limit=1)
    assert sum(not p["opposite"] for p in found) == 1


@pytest.mark.parametrize("key, number", [("no-such-letter", 1), ("CM17-0015790", 99)])
def test_unknown_decision_has_no_precedents(handle, key, number):
    assert precedents(handle, key, number) == []


def test_accepts_a_live_snapshot(handle, norco):
    hit, found = norco
    assert precedents(handle.live(), hit.letter, hit.decision) == found
