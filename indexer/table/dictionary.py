"""A segment's sorted keys, read from disk a block at a time, never held whole by a reader.

At the archive's size a segment holds about fifteen million keys (every word and adjacent pair of
eight fields), 366 MB of text and 120 MB of offsets. A reader holds only the first key of every
BLOCK-th key and where each block starts (`keys.blocks`, `keys.blocks.at`, written with the segment:
about 60,000 keys, a few MB); `bisect` finds a key's block among them in C and one `pread` brings
the block's 256 keys. Reading with `pread` rather than through a memory map keeps the index's pages
in the machine's page cache, shared by every server worker, and out of each worker's resident
memory: mapped, every page a worker ever touched stayed in its RSS (1.1 GB per worker at a million
letters, from sampling the keys at start-up alone).

Files: `keys` (the keys joined by "\\n"), `keys.at` (uint64 start of each key, then the end + 1),
`keys.blocks` (the first key of each block, joined by "\\n") and `keys.blocks.at` (uint64 start of
each block in `keys`, then the end + 1).
"""
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Iterator

from .files import ReadFile

BLOCK = 256  # keys per block
KEYS, STARTS = "keys", "keys.at"
BLOCKS, BLOCK_STARTS = "keys.blocks", "keys.blocks.at"


def write_blocks(directory: Path) -> None:
    """Write the block index of the keys in `directory` (`keys`, `keys.at` already written)."""
    starts = array("Q")
    starts.frombytes((directory / STARTS).read_bytes())
    count = max(0, len(starts) - 1)
    with open(directory / KEYS, "rb") as blob:
        firsts = []
        for i in range(0, count, BLOCK):
            blob.seek(starts[i])
            firsts.append(blob.read(starts[i + 1] - 1 - starts[i]))
    (directory / BLOCKS).write_bytes(b"\n".join(firsts))
    (directory / BLOCK_STARTS).write_bytes(array("Q", [*starts[:count:BLOCK], starts[count] if count else 1]).tobytes())


class SortedKeys:
    """The keys of one segment, indexable, sliceable and iterable as str."""

    def __init__(self, directory: Path):
        self._blob, self._starts = ReadFile(directory / KEYS), ReadFile(directory / STARTS)
        self._count = max(0, self._starts.size // 8 - 1)
        text = (directory / BLOCKS).read_bytes()
        self.sample = str(text, "utf-8").split("\n") if self._count else []  # the first key of each block
        self._block_starts = array("Q")
        self._block_starts.frombytes((directory / BLOCK_STARTS).read_bytes())

    def __len__(self) -> int:
        return self._count

    def _block(self, b: int) -> list[str]:
        """The keys of block b."""
        start, end = self._block_starts[b], self._block_starts[b + 1]
        return str(self._blob.read(start, end - 1 - start), "utf-8").split("\n")

    def bisect_left(self, k: str) -> int:
        """Where `k` goes among the keys (bisect.bisect_left of the whole sorted list)."""
        b = bisect_right(self.sample, k) - 1
        if b < 0:
            return 0
        return b * BLOCK + bisect_left(self._block(b), k)

    def find(self, k: str) -> int:
        """The number of key `k`, or -1."""
        b = bisect_right(self.sample, k) - 1
        if b < 0:
            return -1
        block = self._block(b)
        i = bisect_left(block, k)
        return b * BLOCK + i if i < len(block) and block[i] == k else -1

    def __getitem__(self, i):
        if isinstance(i, slice):
            first, last, step = i.indices(len(self))
            if step != 1:
                return [self[j] for j in range(first, last, step)]
            if first >= last:
                return []
            start, end = self._starts.numbers("Q", first, 1)[0], self._starts.numbers("Q", last, 1)[0]
            return str(self._blob.read(start, end - 1 - start), "utf-8").split("\n")
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._block(i // BLOCK)[i % BLOCK]

    def range(self, start: str, stop: str) -> list[str]:
        """The keys in [start, stop)."""
        return self[self.bisect_left(start):self.bisect_left(stop)]

    def __iter__(self) -> Iterator[str]:
        """Every key, a block at a time."""
        for first in range(0, len(self), 65536):
            yield from self[first:first + 65536]
