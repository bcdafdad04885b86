"""Phrases and proximity as set algebra over word positions.

Each word field has one position space: a document's words are numbered from its base, and
documents are GAP positions apart. The match table keeps, for every word, the set of positions where
it stands (postings.position_key). "b within 1 to N words after a" is then (a << 1 | ... | a << N) & b,
a few shifts and ANDs over big integers in C, whatever the number of documents; a longer phrase
chains the step word by word. That is Whoosh's Phrase rule (SpanNear2, ordered: each word 1 to `slop`
positions after the one matched before it; slop 1 = adjacent), so answers are exact, and positions
are those of the index's own tokenizer (analysis.words), which is what Whoosh counted too.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import partial

from .analysis import words
from .bitset import members

MAX_SLOP = 50  # words allowed between two phrase words (`"a b"~50`); GAP keeps documents apart
GAP = 64  # positions between two documents: more than MAX_SLOP + 1, and a whole 64-bit word


def word_places(text: str) -> tuple[int, dict[str, list[int]]]:
    """(number of words, word -> its positions) of one field's text (made in the parse workers)."""
    return token_places(words(text))


def token_places(tokens: list[str]) -> tuple[int, dict[str, list[int]]]:
    """word_places of a field already split into words (analysis.words)."""
    places: dict[str, list[int]] = {}
    for position, word in enumerate(tokens):
        places.setdefault(word, []).append(position)
    return len(tokens), places


def follow(before: int, after: int, slop: int) -> int:
    """Positions in `after` that lie 1 to `slop` positions past some position in `before`."""
    reach, shifted, width, offset = 0, before, 1, 0
    while slop:  # OR of before << 0 .. slop-1 in log2(slop) steps: binary decomposition of slop
        if slop & 1:
            reach |= shifted << offset
            offset += width
        slop >>= 1
        if slop:
            shifted |= shifted << width
            width *= 2
    return (reach << 1) & after


def documents_at(positions: int, bases) -> list[int]:
    """The documents (ascending) holding the positions, given each document's base (ascending): the
    last document whose base is at or before a position holds it. The set's members are found by
    bytes (bitset.members skips empty stretches in C), then one C bisect each."""
    return [d - 1 for d in dict.fromkeys(map(partial(bisect_right, bases), members(positions)))]
