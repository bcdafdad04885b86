"""A segment's sorted keys, read in place: one UTF-8 file of keys, one file of uint64 offsets, both
memory-mapped, so every server worker shares them through the page cache.

At the archive's size a segment holds tens of millions of keys (every word and adjacent pair of
eight fields): as Python strings they would be gigabytes in each worker, and even the old compact
form (one bytes object, offsets found at start-up by a regex pass) cost seconds and hundreds of MB
per worker. Here only every BLOCK-th key is read at start-up, into a list that `bisect` searches in
C; a lookup then decodes the one block of BLOCK keys it points to.
"""
from __future__ import annotations

import mmap
import os
from bisect import bisect_left
from pathlib import Path
from typing import Iterator

BLOCK = 256  # keys per block of the in-memory sample
KEYS, STARTS = "keys", "keys.at"  # the files: keys joined by "\n"; uint64 start of each key, then the end + 1


def mapped(path: Path) -> memoryview:
    """A read-only memory map of a whole file (an empty view for an empty file)."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if not size:
            return memoryview(b"")
        return memoryview(mmap.mmap(f.fileno(), size, prot=mmap.PROT_READ))


class SortedKeys:
    """The keys of one segment, indexable, sliceable and iterable as str."""

    def __init__(self, directory: Path):
        self.blob = mapped(directory / KEYS)
        self.starts = mapped(directory / STARTS).cast("Q")
        self.sample = [self[i] for i in range(0, len(self), BLOCK)]  # the first key of each block

    def __len__(self) -> int:
        return max(0, len(self.starts) - 1)

    def bisect_left(self, k: str) -> int:
        """Where `k` goes among the keys (bisect.bisect_left of the whole sorted list)."""
        block = bisect_left(self.sample, k) - 1
        if block < 0:
            return 0
        first = block * BLOCK
        return first + bisect_left(self[first:min(first + BLOCK, len(self))], k)

    def find(self, k: str) -> int:
        """The number of key `k`, or -1."""
        i = self.bisect_left(k)
        return i if i < len(self) and self[i] == k else -1

    def __getitem__(self, i):
        if isinstance(i, slice):
            first, last, step = i.indices(len(self))
            if step != 1:
                return [self[j] for j in range(first, last, step)]
            if first >= last:
                return []
            return str(self.blob[self.starts[first]:self.starts[last] - 1], "utf-8").split("\n")
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return str(self.blob[self.starts[i]:self.starts[i + 1] - 1], "utf-8")

    def range(self, start: str, stop: str) -> list[str]:
        """The keys in [start, stop)."""
        return self[self.bisect_left(start):self.bisect_left(stop)]

    def __iter__(self) -> Iterator[str]:
        """Every key, a block at a time."""
        for first in range(0, len(self), 65536):
            yield from self[first:first + 65536]
