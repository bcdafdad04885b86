"""Phrases and proximity as set algebra over word positions (Roaring sets, strided by document).

In a segment, document i numbers its words of a field from i << stride (segment.py). The table keeps,
for every word and every adjacent pair, the set of positions where it stands. Then:
- "b within 1 to N words after a" is (a shifted by 1..N) & b: a few shifts and ANDs in C
  (`follow`), shifting the smaller side, or for sets of up to ARRAYS_UP_TO positions a binary search
  of each b for the nearest a before it in sorted arrays; the last step of a chain needs only its documents (`meets`:
  the smaller side shifted toward the other, one AND); that is Whoosh's Phrase rule (SpanNear2, ordered: each word
  1 to `slop` positions after the one matched before it; slop 1 = adjacent), so answers are exact;
- an exact phrase of three or more words is the AND of its pairs' positions, each shifted back by
  its place in the phrase (`phrase_starts`): pairs are far rarer than their words, so "the request
  is not medically necessary" costs three small sets, not six large ones;
- the documents holding some positions are those positions shifted right by the stride
  (`documents`): one NumPy pass, whatever the number of matches.
Positions are those of the index's own tokenizer (analysis.words), which is what Whoosh counted too.
"""
from __future__ import annotations

from array import array

from pyroaring import BitMap

from ..analysis import words

MAX_SLOP = 50  # words allowed between two phrase words (`"a b"~50`)
GAP = 64  # at least this many positions after every document's words: more than MAX_SLOP + 1
# Below this many positions on the larger side, proximity is a binary search of sorted arrays (NumPy),
# above it shifts and ANDs of Roaring sets: measured on a million letters' positions, arrays took
# 0.4-0.7 of the sets' time up to about a million positions, and 1.3-1.5 times it from 2.7 million on.
ARRAYS_UP_TO = 1_500_000


def stride_for(longest: int) -> int:
    """The stride (bits) that leaves GAP free positions after a field of `longest` words."""
    return max(1, (longest + GAP).bit_length())


def word_places(text: str) -> tuple[int, dict[str, list[int]]]:
    """(number of words, word -> its positions) of one field's text, numbered from 0."""
    return token_places(words(text))


def token_places(tokens: list[str]) -> tuple[int, dict[str, list[int]]]:
    """word_places of a field already split into words (analysis.words)."""
    places: dict[str, list[int]] = {}
    for position, word in enumerate(tokens):
        places.setdefault(word, []).append(position)
    return len(tokens), places


def _spread(positions: BitMap, slop: int, sign: int) -> BitMap:
    """Positions 1..slop away (after for sign 1, before for -1) from some member: the OR of shifts
    by 1..slop, in log2(slop) doublings (binary decomposition of slop)."""
    out, shifted, width, offset = BitMap(), positions, 1, 1
    while slop:
        if slop & 1:
            out |= shifted.shift(sign * offset)
            offset += width
        slop >>= 1
        if slop:
            shifted = shifted | shifted.shift(sign * width)
            width *= 2
    return out


def follow(before: BitMap, after: BitMap, slop: int) -> BitMap:
    """Positions of `after` lying 1 to `slop` positions past some position of `before`. The smaller
    side is the one shifted: for a rare `after`, first the positions of `before` within its reach."""
    if not before or not after:
        return BitMap()
    if max(len(before), len(after)) <= ARRAYS_UP_TO:
        return _from_array(_following(_array(before), _array(after), slop))
    if len(before) <= len(after):
        return _spread(before, slop, 1) & after
    return _spread(_spread(after, slop, -1) & before, slop, 1) & after


def meets(before: BitMap, after: BitMap, slop: int) -> BitMap:
    """Positions, in the same documents as `follow` finds, where `after` stands 1 to `slop` positions
    past `before` (the positions are of one side or the other): half of `follow`'s work, for the last
    step of a chain, whose documents alone count."""
    if not before or not after:
        return BitMap()
    if max(len(before), len(after)) <= ARRAYS_UP_TO:
        a, b = _array(before), _array(after)
        return _from_array(_preceding(a, b, slop) if len(a) <= len(b) else _following(a, b, slop))
    if len(before) <= len(after):
        return _spread(before, slop, 1) & after
    return _spread(after, slop, -1) & before


def _array(positions: BitMap):
    import numpy as np

    return np.frombuffer(positions.to_array(), np.uint32)


def _from_array(values) -> BitMap:
    return BitMap(array("I", values.tobytes()))


def _following(a, b, slop: int):
    """The members of sorted `b` with a member of sorted `a` 1 to `slop` before them: the nearest
    member of `a` below each (a binary search) is close enough, or none is."""
    import numpy as np

    j = np.searchsorted(a, b, "left") - 1
    found = j >= 0
    near = b[found] - a[j[found]] <= slop
    return b[found][near]


def _preceding(a, b, slop: int):
    """The members of sorted `a` with a member of sorted `b` 1 to `slop` after them."""
    import numpy as np

    j = np.searchsorted(b, a, "right")
    found = j < len(b)
    near = b[j[found]] - a[found] <= slop
    return a[found][near]


def phrase_starts(parts: list[tuple[int, BitMap]]) -> BitMap:
    """Where a phrase starts, from (offset in the phrase, positions) of parts that cover it: each
    part's positions shifted back by its offset, ANDed, smallest first."""
    ordered = sorted(parts, key=lambda part: len(part[1]))
    offset, positions = ordered[0]
    out = positions.shift(-offset)
    for offset, positions in ordered[1:]:
        if not out:
            break
        out &= positions.shift(-offset)
    return out


def documents(positions: BitMap, stride: int, base: int) -> BitMap:
    """The documents holding these positions in a segment whose first document is `base`."""
    if not positions:
        return BitMap()
    import numpy as np  # the table's read side is the one place a server needs NumPy (ARCHITECTURE in README)

    found = np.frombuffer(positions.to_array(), np.uint32) >> np.uint32(stride)
    keep = np.empty(len(found), bool)
    keep[0] = True
    np.not_equal(found[1:], found[:-1], out=keep[1:])
    return BitMap(array("I", (found[keep] + np.uint32(base)).astype(np.uint32).tobytes()))
