"""The match table beside each Whoosh build: for every word, word pair and field value, the set of
documents holding it, keyed by Whoosh's own document numbers.

Whoosh scores every matching document in Python (about 5-10 us each), so a common word or phrase at
100,000 letters costs seconds. Totals, facets and filters only need *which* documents match, and as
bit sets (see sets.py) those are a few C operations whatever the number of matches. Word pairs and
triples make phrases of two and three words one exact lookup, since every word is indexed in order.
A letter's own text (LETTER_FIELDS: its summary) is keyed on the letter's first decision only, and
`bits_any` spreads it to the letter's other decisions when read: at 100,000 letters that halves the
members the build writes.

Layout of `<build>/postings/`: `keys.txt` (sorted keys, one per line), `offsets.bin` (uint64, one more
than keys), `counts.bin` (uint32 document frequency), `decided.bin` (uint32
YYYYMMDD per document, for date order), `first.bin` (each document's letter's first document, which
alone holds the letter's text), `data.bin` (zlib'd encoded sets), `bases.<field>.bin` (uint64 per
document: where its words start in the field's position space, see positions.py), `meta.json`
(number of document slots, deleted documents, the size of each position space).

Besides the document sets, every word of a word field has a key `@field SEP word` holding its
*positions*: each document's words are numbered from its base in one position space per field, so
"a within five words before b" is a few shifts and ANDs of two such sets (positions.py).
"""
from __future__ import annotations

import json
import os
import weakref
import zlib
from array import array
from itertools import chain
from pathlib import Path
from typing import Iterator

from . import sets
from .dictionary import SortedKeys
from .keys import LETTER_PREFIXES, position_key

DIRECTORY = "postings"
POSITION_DENSE = 512  # a position set holding one position in 512 or more is kept as a bitmap
# A document set holding one document in 256 or more is kept as a bitmap: measured at 100,000 letters,
# such sets decode 5x faster as bitmaps (zlib + int.from_bytes in C, against a Python step per member)
# for about 16% more bytes; sparser ones are smaller and about as fast as deltas.
DOCUMENT_DENSE = 256


def _parts(blob: bytes) -> Iterator[bytes]:
    """An entry's compressed parts, decompressed (one, unless updates appended more)."""
    while blob:
        part = zlib.decompressobj()
        yield part.decompress(blob)
        blob = part.unused_data


def _decode(blob: bytes, size: int) -> int:
    """The set of an entry: the OR of its parts."""
    return sets.union(sets.decode(data, size) for data in _parts(blob))


def _decode_places(blob: bytes, size: int) -> list[int] | bytes:
    """An entry's positions as a list when every part holds deltas, else as bitmap bytes. An update's
    part numbers its positions after every earlier part's, so the lists follow one another in order."""
    parts = list(_parts(blob))
    if all(map(sets.is_sparse, parts)):
        return list(chain.from_iterable(map(sets.decode_sparse, parts)))
    if len(parts) == 1:
        return parts[0][1:]  # one bitmap: its bytes as stored
    whole = sets.union(sets.decode(data, size) for data in parts)
    return whole.to_bytes((whole.bit_length() + 7) // 8, "little")


class TableReader:
    """Read side of one build's table; thread-safe (positional reads on one descriptor)."""

    def __init__(self, directory: Path):
        meta = json.loads((directory / "meta.json").read_text())
        self.size: int = meta["size"]
        self.keys = SortedKeys((directory / "keys.txt").read_bytes())
        self.offsets = read_array("Q", directory / "offsets.bin")
        self.counts = read_array("I", directory / "counts.bin")
        self.decided = read_array("I", directory / "decided.bin")  # YYYYMMDD per document, 0 when unknown
        self.first = read_array("I", directory / "first.bin")  # its letter's first document (holds the summary)
        deleted = sets.from_ids(meta["deleted"], self.size)
        self.universe = ((1 << self.size) - 1) & ~deleted  # every live document
        self.spaces: dict[str, int] = meta["positions"]  # size of each field's position space
        self.bases = {f: read_array("Q", directory / f"bases.{f}.bin") for f in self.spaces}
        self._fd = os.open(directory / "data.bin", os.O_RDONLY)
        weakref.finalize(self, os.close, self._fd)
        self._later: list[int] | None = None

    def whole_letters(self, firsts: int) -> int:
        """Every decision of the letters whose first decisions are in `firsts` (the letter's own text
        is held by its first decision): k-th decisions are `firsts` shifted by k, kept where a letter
        has a k-th decision; a few shifts whatever the number of letters."""
        out = firsts
        for k, later in enumerate(self._letter_depths(), start=1):
            out |= (firsts << k) & later
        return out

    def warm(self) -> None:
        """Make the sets whole_letters needs now rather than on the first search in a letter's text."""
        self._letter_depths()

    def _letter_depths(self) -> list[int]:
        """[k-1]: the documents that are their letter's (k+1)-th decision or later (made once). A
        document is one when it is not a first decision and the one before it is a k-th or later:
        a shift and an AND per depth, from the set of first decisions."""
        if self._later is None:
            later = ((1 << self.size) - 1) & ~sets.from_ids(set(self.first), self.size)
            self._later, deeper = [], later
            while deeper:
                self._later.append(deeper)
                deeper = later & (deeper << 1)
        return self._later

    def _find(self, k: str) -> int:
        i = self.keys.bisect_left(k)
        return i if i < len(self.keys) and self.keys[i] == k else -1

    def blob(self, i: int) -> bytes:
        return os.pread(self._fd, self.offsets[i + 1] - self.offsets[i], self.offsets[i])

    def bits(self, k: str) -> int:
        """The documents holding a key (0 when none)."""
        return self.bits_any([k])

    def bits_any(self, keys: list[str]) -> int:
        """The documents holding any of these keys of one field. A key of a letter's own text (its
        summary) is stored on the letter's first decision only and holds all its decisions: the
        union is spread to the letters once, not key by key."""
        found = 0
        for k in keys:
            i = self._find(k)
            if i >= 0:
                found |= _decode(self.blob(i), self.size)
        return self.whole_letters(found) if keys and keys[0].startswith(LETTER_PREFIXES) and found else found

    def count(self, k: str) -> int:
        """Document frequency of a key (deleted documents included; a letter-text key counts all the
        decisions of its letters, as `bits` gives them)."""
        i = self._find(k)
        return self.counts[i] if i >= 0 else 0

    def positions(self, field: str, word: str) -> int:
        """Where a word stands in a field, as a set over the field's position space (0 when nowhere)."""
        i = self._find(position_key(field, word))
        return _decode(self.blob(i), self.spaces[field]) if i >= 0 else 0

    def places(self, field: str, word: str) -> list[int] | bytes:
        """`positions` in the form it is stored in (positions.Places): the ascending list of a word kept
        as deltas, else the bitmap's bytes; [] when nowhere."""
        i = self._find(position_key(field, word))
        return _decode_places(self.blob(i), self.spaces[field]) if i >= 0 else []

    def keys_from(self, start: str, stop: str) -> list[str]:
        """Keys in [start, stop): a field's words with a prefix, a date range..."""
        return self.keys[self.keys.bisect_left(start):self.keys.bisect_left(stop)]


def read_array(code: str, path: Path) -> array:
    """A whole file of fixed-width numbers (offsets, counts, dates, bases), as written with tobytes."""
    values = array(code)
    values.frombytes(path.read_bytes())
    return values
