"""Phrase and proximity checks on stored text follow Whoosh's ordered-span rule word for word."""
from __future__ import annotations

import pytest

from indexer.positions import holds

TEXT = "The request for Norco 10/325mg is not medically necessary; no functional improvement was documented."


@pytest.mark.parametrize("tokens, slop, expected", [
    (["not", "medically", "necessary", "no"], 1, True),  # adjacent across the semicolon
    (["medically", "not"], 1, False),  # order matters
    (["norco", "325"], 1, False),  # "10" lies between
    (["norco", "325"], 2, True),
    (["request", "norco"], 2, True),  # "for" between: within 2
    (["request", "necessary"], 8, False),  # 9 positions apart (10, 325 and mg are words)
    (["request", "necessary"], 9, True),
    (["norco", "norco"], 5, False),  # a word cannot follow itself at distance 0
    (["functional", "improvement", "was", "documented"], 1, True),
    (["functional", "improvement", "documented"], 1, False),
    (["functional", "improvement", "documented"], 2, True),
    (["absent", "word"], 10, False),
])
def test_holds_follows_the_ordered_span_rule(tokens, slop, expected):
    assert holds(TEXT, tokens, slop) is expected
    assert holds(TEXT + " Café.", tokens, slop) is expected  # not ASCII: the tokenizing path


def test_each_word_may_use_any_earlier_match():
    """Repeated words: the chain may continue from any occurrence, not only the first."""
    assert holds("pain relief pain x x x x relief", ["pain", "relief"], 1)
    assert holds("pain x x x x pain relief", ["pain", "relief"], 1)
    assert not holds("relief pain x x x x x", ["pain", "relief"], 3)


@pytest.mark.parametrize("text, expected", [
    ("painful relief", False),  # a word inside a longer word is not the word
    ("back-pain relief", True),
    ("pain2relief", False),  # "2" is a token of its own between them
    ("pain 10.5 relief", False),  # one token between: distance 2
    ("PAIN Relief", True),
])
def test_word_boundaries_are_the_tokenizers(text, expected):
    assert holds(text, ["pain", "relief"], 1) is expected
