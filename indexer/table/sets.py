"""Sets of document numbers as Python ints (bit d set = document d): union, intersection and counting
run in C over the whole set at once, which is what makes totals and facets over every match cheap."""
from __future__ import annotations

from array import array
from itertools import accumulate
from operator import sub
from typing import Iterable

_FLAG = bytes([0] + [1] * 255)  # a byte -> 1 when any of its bits is set
_BITS_OF = [tuple(k for k in range(8) if value >> k & 1) for value in range(256)]


def from_ids(ids: Iterable[int], size: int) -> int:
    """The set holding `ids` (each below `size`)."""
    buf = bytearray((size + 7) // 8)
    for d in ids:
        buf[d >> 3] |= 1 << (d & 7)
    return int.from_bytes(buf, "little")


def union(sets: Iterable[int]) -> int:
    """Documents in any of the sets."""
    out = 0
    for s in sets:
        out |= s
    return out


def intersection(sets: list[int]) -> int:
    """Documents in all of the sets (smallest first, stopping once empty); 0 for no sets."""
    if not sets:
        return 0
    ordered = sorted(sets, key=int.bit_length)
    out = ordered[0]
    for s in ordered[1:]:
        if not out:
            break
        out &= s
    return out


def members(bits: int | bytes, limit: int | None = None) -> list[int]:
    """Document numbers in the set (an int, or its little-endian bytes), ascending; stops once `limit`
    are found. The bytes are flagged non-zero in one C pass and each flagged byte found with
    bytes.find, so empty stretches cost next to nothing (a regex scan took 9 ns a byte: 270 us for a
    nearly empty set of 243,000 documents)."""
    data = bits if isinstance(bits, bytes) else bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    find = data.translate(_FLAG).find
    out: list[int] = []
    i = find(1)
    while i >= 0:
        base = i * 8
        out.extend([base + k for k in _BITS_OF[data[i]]])
        if limit is not None and len(out) >= limit:
            return out[:limit]
        i = find(1, i + 1)
    return out


def encode(ids: array, size: int, dense: int = 32) -> bytes:
    """Compact form of a sorted posting list: a raw bitmap when at least one in `dense` is set, else
    deltas (both zlib'd later). A bitmap decodes in C; deltas cost a Python step per member."""
    return encode_runs([(0, ids)], size, dense)


def encode_runs(runs: list[tuple[int, array]], size: int, dense: int = 32) -> bytes:
    """`encode` of the sorted lists `offset + ids`, one after another (each run's ids past the last run's):
    a build's chunks are numbered from 0, and only their first delta needs their offset."""
    count = sum(len(ids) for _, ids in runs)
    if count * dense >= size:
        buf = bytearray((size + 7) // 8)
        for offset, ids in runs:
            for d in ids:
                d += offset
                buf[d >> 3] |= 1 << (d & 7)
        return b"D" + bytes(buf)
    deltas, last = array("I"), 0
    for offset, ids in runs:
        if ids:
            deltas.append(ids[0] + offset - last)
            deltas.extend(map(sub, ids[1:], ids[:-1]))  # C-level iteration: the build encodes every posting once
            last = ids[-1] + offset
    return b"S" + deltas.tobytes()


def decode(data: bytes, size: int) -> int:
    """The set stored by `encode`."""
    if data[:1] == b"D":
        return int.from_bytes(data[1:], "little")
    return from_ids(decode_sparse(data), size)


def is_sparse(data: bytes) -> bool:
    """Whether `encode` stored this set as deltas (not as a bitmap)."""
    return data[:1] == b"S"


def decode_sparse(data: bytes) -> accumulate:
    """The ascending members of a set `encode` stored as deltas (is_sparse)."""
    deltas = array("I")
    deltas.frombytes(data[1:])
    return accumulate(deltas)


def decode_ids(data: bytes) -> list[int]:
    """The sorted numbers of a set stored by `encode`, whichever form it took."""
    return list(decode_sparse(data)) if is_sparse(data) else members(data[1:])
