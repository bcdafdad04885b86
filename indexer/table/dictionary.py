"""The match table's sorted keys as one UTF-8 blob with an offset per key, read as a sequence of str.

At 100,000 letters the table has 826,000 keys: as a list of Python strings they took 56 MB in every
server worker, and twice that while a worker holds the old and the new build across a switch. As
one bytes object plus a uint32 offset each they take 22 MB. A lookup bisects a list of every
64th key, then the one block of 64 it points to, decoded at once (both bisects in C).
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from typing import Iterator

_LINE_END = re.compile(b"\n")
BLOCK = 64  # keys per block of the sample


class SortedKeys:
    """The keys of `keys.txt` ("\\n"-separated, sorted), indexable, sliceable and iterable as str."""

    def __init__(self, blob: bytes):
        self.blob = blob
        self.starts = array("I")  # start of each key, and one past the last key's end (+1)
        if blob:
            self.starts.append(0)
            self.starts.extend(m.end() for m in _LINE_END.finditer(blob))
            self.starts.append(len(blob) + 1)
        self.sample = [self[i] for i in range(0, len(self), BLOCK)]  # the first key of each block

    def bisect_left(self, k: str) -> int:
        """Where `k` goes in the sorted keys (bisect.bisect_left of the whole list)."""
        block = bisect_left(self.sample, k) - 1
        if block < 0:
            return 0
        first = block * BLOCK
        last = min(first + BLOCK, len(self))
        keys = self.blob[self.starts[first]:self.starts[last] - 1].decode("utf-8").split("\n")
        return first + bisect_left(keys, k)

    def __len__(self) -> int:
        return max(0, len(self.starts) - 1)

    def __getitem__(self, i):
        if isinstance(i, slice):
            first, last, step = i.indices(len(self))
            if step != 1:
                return [self[j] for j in range(first, last, step)]
            if first >= last:
                return []
            return self.blob[self.starts[first]:self.starts[last] - 1].decode("utf-8").split("\n")
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.blob[self.starts[i]:self.starts[i + 1] - 1].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        """Every key, from one split (for builds, which read them all)."""
        return iter(self.blob.decode("utf-8").split("\n") if self.blob else [])
