"""Sets of document numbers (and of word positions) as Roaring bitmaps (pyroaring, CRoaring inside).

At 4.7 million decisions a set as a Python int is 590 KB whatever it holds, and a facet count is an
AND that makes a new 590 KB int before counting it. A Roaring bitmap keeps a sparse set as sorted
16-bit arrays and a dense one as bitmaps, 64K numbers per container: `&`, `|`, `-`, `^`, `len`,
`shift` and `intersection_cardinality` (a count without making the set) run in C in time that
follows the containers touched. Measured on 4.7M documents: an AND of a 90%-full set with a 33% one
0.15 ms, a count of it 0.014 ms; decoding a stored set 0.05 ms (a zlib'd Python-int bitmap: 1-2 ms).

Stored form (`encode`): a set of at most SMALL members as b"L" + its members as little-endian
uint32 (what most keys hold: at the archive's size most word pairs stand in one decision), larger
ones as b"R" + Roaring's portable serialization.
"""
from __future__ import annotations

from array import array
from itertools import islice
from typing import Iterable

from pyroaring import BitMap

SMALL = 8  # sets of up to this many members are stored as a plain list
LIST, ROARING = b"L"[0], b"R"[0]
EMPTY = BitMap()  # never mutated: every operation here makes a new set


def from_ids(ids: Iterable[int]) -> BitMap:
    """The set holding `ids`."""
    return BitMap(ids if isinstance(ids, array) else array("I", ids))


def union(sets: Iterable[BitMap]) -> BitMap:
    """Members of any of the sets."""
    found = list(sets)
    return BitMap.union(*found) if found else BitMap()


def intersection(sets: list[BitMap]) -> BitMap:
    """Members of all of the sets (smallest first, stopping once empty); empty for no sets."""
    if not sets:
        return BitMap()
    ordered = sorted(sets, key=len)
    out = ordered[0]
    for s in ordered[1:]:
        if not out:
            break
        out = out & s
    return out


def members(bits: BitMap, limit: int | None = None) -> list[int]:
    """The members in ascending order; only the first `limit` when given."""
    if limit is None or limit >= len(bits):
        return bits.to_array().tolist()
    return list(islice(bits, limit))


def encode(ids: array) -> bytes:
    """The stored form of a set given as an ascending array of uint32 (see the module docstring)."""
    if len(ids) <= SMALL:
        return b"L" + ids.tobytes()
    return b"R" + BitMap(ids).serialize()


def decode(data) -> BitMap:
    """The set `encode` stored (bytes or a memoryview of them); empty for no bytes."""
    if not data:
        return BitMap()
    if data[0] == LIST:
        ids = array("I")
        ids.frombytes(data[1:])
        return BitMap(ids)
    return BitMap.deserialize(data[1:])
