"""Phrases and proximity checked on a decision's stored text, word position by word position.

The match table answers phrases of up to three words exactly; longer phrases and `"a b"~N` get their
candidates from it and are confirmed here. The rule is Whoosh's Phrase (SpanNear2, ordered): each word
must come 1 to `slop` positions after the one matched before it, so slop 1 means adjacent. Positions
are those of the index's own tokenizer (analysis.words), which is what Whoosh counted too.
"""
from __future__ import annotations

from bisect import bisect_left

from .analysis import words


def holds(text: str, tokens: list[str], slop: int) -> bool:
    """Whether `tokens` occur in `text` in order, each within `slop` words after the one before."""
    wanted = set(tokens)
    places: dict[str, list[int]] = {}
    for position, token in enumerate(words(text)):
        if token in wanted:
            places.setdefault(token, []).append(position)
    ends = places.get(tokens[0], [])
    for token in tokens[1:]:
        if not ends:
            return False
        ends = [p for p in places.get(token, ()) if _follows(ends, p, slop)]
    return bool(ends)


def _follows(ends: list[int], position: int, slop: int) -> bool:
    """Some end lies in [position - slop, position - 1] (ends are ascending)."""
    i = bisect_left(ends, position - slop)
    return i < len(ends) and ends[i] < position
