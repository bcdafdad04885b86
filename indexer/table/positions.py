"""Phrases and proximity as set algebra over word positions.

Each word field has one position space: a document's words are numbered from its base, and
documents are GAP positions apart. The match table keeps, for every word, the set of positions where
it stands (keys.position_key). "b within 1 to N words after a" is then (a << 1 | ... | a << N) & b,
a few shifts and ANDs over big integers in C, whatever the number of documents; a longer phrase
chains the step word by word (rare words walk their lists instead: `step`). That is Whoosh's Phrase
rule (SpanNear2, ordered: each word 1 to `slop` positions after the one matched before it; slop 1 =
adjacent), so answers are exact, and positions are those of the index's own tokenizer
(analysis.words), which is what Whoosh counted too.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import partial

from ..analysis import words
from .sets import members

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


# Rare words skip the sets: every shift, AND or decode of a set is a pass over the whole position space
# (47 million positions of rationale at 100,000 letters: 6 MB, a few ms each), while a word kept as a
# list of deltas (reader.POSITION_DENSE) has fewer than one position in 512. A step with a list on
# either side walks that list instead: 1 to 2 us a position, against 80-120 ms of set passes.
Places = list[int] | bytes  # ascending positions, or a bitmap (bit p of byte p // 8, lowest bit first)


def step(before: Places, after: Places, slop: int) -> Places:
    """`follow` over either form of position set, choosing the walk; the result is a list unless
    both sides are bitmaps."""
    if isinstance(before, list) and isinstance(after, list):
        return _follow_lists(before, after, slop)
    if isinstance(before, list):
        return _follow_into(before, after, slop)
    if isinstance(after, list):
        return _follow_from(before, after, slop)
    found = follow(int.from_bytes(before, "little"), int.from_bytes(after, "little"), slop)
    return found.to_bytes((found.bit_length() + 7) // 8, "little")


def _follow_lists(before: list[int], after: list[int], slop: int) -> list[int]:
    """Both lists: one C bisect per position of the shorter one."""
    if len(after) <= len(before):  # reached when the nearest `before` below it is within reach
        below = [-slop - 1, *before]  # positions are >= 0, so the sentinel never reaches
        return [c for c, i in zip(after, map(partial(bisect_left, below), after)) if c - below[i - 1] <= slop]
    ends = [*after, float("inf")]
    out: set[int] = set()
    for a, j in zip(before, map(partial(bisect_right, after), before)):
        while ends[j] <= a + slop:  # every position of `after` within this one's reach
            out.add(ends[j])
            j += 1
    return sorted(out)


def _follow_into(before: list[int], after: bytes, slop: int) -> list[int]:
    """A list before a bitmap: read the `slop` bits past each position."""
    out: set[int] = set()
    mask = (1 << slop) - 1
    for a in before:
        window = int.from_bytes(after[(a + 1) >> 3:((a + slop) >> 3) + 1], "little") >> ((a + 1) & 7) & mask
        while window:
            low = window & -window
            out.add(a + low.bit_length())
            window ^= low
    return sorted(out)


def _follow_from(before: bytes, after: list[int], slop: int) -> list[int]:
    """A bitmap before a list: keep each position with a bit among the `slop` before it."""
    out = []
    for c in after:
        lo = max(c - slop, 0)
        if int.from_bytes(before[lo >> 3:((c - 1) >> 3) + 1], "little") >> (lo & 7) & ((1 << (c - lo)) - 1):
            out.append(c)
    return out


def documents_at(positions: Places | int, bases) -> list[int]:
    """The documents (ascending) holding the positions, given each document's base (ascending): the
    last document whose base is at or before a position holds it, found by one C bisect each. A set's
    members are found by bytes (sets.members skips empty stretches in C)."""
    if not isinstance(positions, list):
        positions = members(positions)
    return [d - 1 for d in dict.fromkeys(map(partial(bisect_right, bases), positions))]
