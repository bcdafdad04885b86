"""The match table beside each Whoosh build: for every word, word pair and field value, the set of
documents holding it, keyed by Whoosh's own document numbers; for every word and pair of a word
field, also the positions where it stands.

Whoosh scores every matching document in Python (about 5-10 us each), so a common word at the
archive's size would cost seconds. Totals, facets and filters only need *which* documents match,
and as Roaring sets (sets.py) those are a few C operations whatever the number of matches. A pair
key makes a two-word phrase one lookup; longer phrases and proximity are set algebra on positions
(positions.py). A letter's own text (LETTER_FIELDS: its summary) is keyed on the letter's first
decision only, and `bits_any` spreads it to the letter's other decisions when read.

Layout of `<build>/table/`: one folder per segment (segment.py), and `meta.json` (document slots,
the segments in document order), `deleted` (the deleted documents, sets.encode), `decided` (uint32
YYYYMMDD per document, for date order) and `first` (uint32: each document's letter's first
document, which alone holds the letter's text). The sets and keys are read by offset and the two
columns memory-mapped (files.py): the workers of a server share one copy through the page cache.
"""
from __future__ import annotations

import heapq
import json
import threading
from array import array
from pathlib import Path

from pyroaring import BitMap

from . import sets
from .files import mapped
from .keys import LETTER_PREFIXES
from .segment import Segment

DIRECTORY = "table"
META, DELETED, DECIDED, FIRST = "meta.json", "deleted", "decided", "first"


class TableReader:
    """Read side of one build's table; thread-safe."""

    def __init__(self, directory: Path):
        meta = json.loads((directory / META).read_text())
        self.directory = directory
        self.size: int = meta["size"]
        self.segments = [Segment(directory / name) for name in meta["segments"]]
        self.deleted = sets.decode((directory / DELETED).read_bytes())
        self.universe = BitMap(range(self.size)) - self.deleted  # every live document
        self.decided = mapped(directory / DECIDED).cast("I")  # YYYYMMDD per document, 0 when unknown
        self.first = mapped(directory / FIRST).cast("I")  # its letter's first document (holds the summary)
        self._depths: list[BitMap] | None = None
        self._lock = threading.Lock()

    def bits(self, k: str) -> BitMap:
        """The documents holding a key (empty when none)."""
        return self.bits_any([k])

    def bits_any(self, keys: list[str]) -> BitMap:
        """The documents holding any of these keys of one field. A key of a letter's own text (its
        summary) is stored on the letter's first decision only and holds all its decisions: the
        union is spread to the letters once, not key by key."""
        found = sets.union(segment.docs(i) for segment in self.segments for i in map(segment.keys.find, keys) if i >= 0)
        return self.whole_letters(found) if keys and keys[0].startswith(LETTER_PREFIXES) and found else found

    def count(self, k: str) -> int:
        """Document frequency of a key (deleted documents included; a letter-text key counts all the
        decisions of its letters, as `bits` gives them)."""
        return sum(segment.count(i) for segment in self.segments for i in (segment.keys.find(k),) if i >= 0)

    def places(self, k: str) -> list[tuple[Segment, BitMap]]:
        """Each segment holding a word or pair key, with the key's positions there."""
        return [(segment, segment.places(i)) for segment in self.segments for i in (segment.keys.find(k),) if i >= 0]

    def keys_from(self, start: str, stop: str) -> list[str]:
        """Keys in [start, stop) of every segment, sorted, each once: a field's words with a prefix, a
        date range..."""
        ranges = [segment.keys.range(start, stop) for segment in self.segments]
        if len(ranges) == 1:
            return ranges[0]
        return list(dict.fromkeys(heapq.merge(*ranges)))

    def key_at_or_after(self, k: str) -> str | None:
        """The smallest key of any segment not below `k` (None past the last)."""
        found = []
        for segment in self.segments:
            i = segment.keys.bisect_left(k)
            if i < len(segment.keys):
                found.append(segment.keys[i])
        return min(found, default=None)

    def letters_of(self, docs: BitMap) -> BitMap:
        """The first decisions of the letters holding these documents."""
        import numpy as np

        if not docs:
            return BitMap()
        found = np.frombuffer(self.first, np.uint32, self.size)[np.frombuffer(docs.to_array(), np.uint32)]
        keep = np.empty(len(found), bool)  # ascending documents have non-decreasing letters: no sort needed
        keep[0] = True
        np.not_equal(found[1:], found[:-1], out=keep[1:])
        return sets.from_ids(array("I", found[keep].tobytes()))

    def whole_letters(self, firsts: BitMap) -> BitMap:
        """Every decision of the letters whose first decisions are in `firsts` (the letter's own text
        is held by its first decision): k-th decisions are `firsts` shifted by k, kept where a letter
        has a k-th decision; a few shifts whatever the number of letters."""
        out = firsts
        for k, later in enumerate(self._letter_depths(), start=1):
            out = out | (firsts.shift(k) & later)
        return out

    def warm(self) -> None:
        """Make the sets whole_letters needs now rather than on the first search in a letter's text."""
        self._letter_depths()

    def _letter_depths(self) -> list[BitMap]:
        """[k-1]: the documents that are their letter's (k+1)-th decision or later (made once)."""
        if self._depths is None:
            with self._lock:
                if self._depths is None:
                    self._depths = _depths(self.first, self.size)
        return self._depths


def _depths(first, size: int) -> list[BitMap]:
    """Documents at least k places after their letter's first decision, for k = 1, 2, ...: one NumPy
    pass over the per-document column (a Python loop over 4.7 million documents took seconds)."""
    import numpy as np

    if not size:
        return []
    depth = np.arange(size, dtype=np.int64) - np.frombuffer(first, np.uint32, size).astype(np.int64)
    out, k = [], 1
    while True:
        found = np.flatnonzero(depth >= k).astype(np.uint32)
        if not len(found):
            return out
        out.append(sets.from_ids(array("I", found.tobytes())))
        k += 1
