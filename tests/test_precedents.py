"""Precedents: similar decisions from other letters on the same kind of treatment, both outcomes."""
from __future__ import annotations

import re

import pytest

from indexer.analysis import NEGATIONS, words
from indexer.precedents import contrast, precedents
from indexer.precedents.similar import CONTRAST_TERMS
from indexer.search import search
from indexer.store import find_decision
from indexer.terms import section_key


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


def test_opposite_precedents_are_on_the_same_treatment(handle, norco):
    hit, found = norco
    opposite = [p for p in found if p["opposite"]]
    assert opposite and all(p["same_treatment"] and p["treatment"] == "hydrocodone/acetaminophen" for p in opposite)
    assert all(p["same_treatment"] == (p["treatment"] == "hydrocodone/acetaminophen") for p in found)
    assert all("contrast" not in p for p in found if not p["opposite"])


def _stored(handle, letter: str, decision: int) -> dict:
    with handle.live().searcher() as searcher:
        return searcher.stored_fields(find_decision(searcher, letter, decision))


def _has_phrase(text: str, phrase: str) -> bool:
    """The phrase's words in order within one sentence of the text."""
    return any(f" {phrase} " in f" {' '.join(words(s))} " for s in re.split(r"[.;:!?](?:\s|$)", text))


def test_contrast_terms_and_citations_set_the_pair_apart(handle, norco):
    hit, found = norco
    this = _stored(handle, hit.letter, hit.decision)
    for p in (p for p in found if p["opposite"]):
        other = _stored(handle, p["letter"], p["decision"])
        for side, mine, theirs in (("this", this, other), ("precedent", other, this)):
            terms = p["contrast"][side]["terms"]
            assert 1 <= len(terms) <= CONTRAST_TERMS
            assert all(_has_phrase(mine["rationale"], t) and not _has_phrase(theirs["rationale"], t)
                       for t in terms), (side, terms)
            content = [w for t in terms for w in t.split() if w not in NEGATIONS]
            assert len(content) == len(set(content))  # no word shown twice
            theirs_keys = {section_key(s) for s in theirs["section_key"].split("|") if s}
            assert p["contrast"][side]["sections"] == [s for s in mine["section_key"].split("|")
                                                       if s and section_key(s) not in theirs_keys]


def test_contrast_prefers_the_negated_phrase(handle):
    this = {"rationale": "The records show no documented functional improvement with the use of Norco. "
                              "Therefore the request is not medically necessary.",
            "section_key": "Opioids, criteria for use|Weaning of Medications", "source_key": "mtus"}
    other = {"rationale": "Functional improvement documented with pain reduction. "
                               "Therefore the request is medically necessary.",
             "section_key": "Opioids, criteria for use", "source_key": "mtus|odg"}
    found = contrast(handle.live().table, this, other)
    assert "no documented functional" in found["this"]["terms"]
    assert "not medically necessary" in found["this"]["terms"]
    assert "improvement documented" in found["precedent"]["terms"]
    assert found["this"]["sections"] == ["Weaning of Medications"] and found["precedent"]["sections"] == []
    assert (found["this"]["sources"], found["precedent"]["sources"]) == ([], ["odg"])
