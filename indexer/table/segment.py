"""One segment of the match table, read in place: a run of consecutive documents with its own keys.

A build's table is a list of segments (reader.py). A full build cuts its documents into segments of
at most about a million decisions (writer.py), an update adds a segment for its new letters and
links the old ones unchanged, so neither a build's merge nor an update ever rewrites more than one
segment's worth of the table, and a segment's word positions fit 32 bits.

Files of `<build>/table/<segment>/`:
- `keys`, `keys.at`, `keys.blocks`, `keys.blocks.at`: the sorted keys (dictionary.py);
- `docs`, `docs.at`: each key's set of documents (sets.encode; Whoosh's own document numbers), and
  the uint64 offset of each entry, one more than the keys;
- `places`, `places.at`: for a word or a word pair of a word field, the positions where it stands
  (sets.encode; empty for other keys). Document i of the segment numbers its words of field f from
  i << strides[f]: strided, so "the documents holding these positions" is a shift (positions.py),
  and a stride leaves at least GAP positions after every document's words;
- `counts`: uint32 document frequency of each key (a letter-text key counts all the decisions of
  its letters, as the reader gives them);
- `meta.json`: {"base": first document, "documents": how many, "strides": {field: bits}}.
"""
from __future__ import annotations

import json
from pathlib import Path

from pyroaring import BitMap

from . import sets
from .dictionary import SortedKeys
from .files import ReadFile

DOCS, PLACES, COUNTS, META = "docs", "places", "counts", "meta.json"


class Segment:
    """Read side of one segment; thread-safe (files are read by offset, files.py)."""

    def __init__(self, directory: Path):
        meta = json.loads((directory / META).read_text())
        self.directory = directory
        self.base: int = meta["base"]
        self.documents: int = meta["documents"]
        self.strides: dict[str, int] = meta["strides"]
        self.keys = SortedKeys(directory)
        self._docs, self._docs_at = ReadFile(directory / DOCS), ReadFile(directory / f"{DOCS}.at")
        self._places, self._places_at = ReadFile(directory / PLACES), ReadFile(directory / f"{PLACES}.at")
        self._counts = ReadFile(directory / COUNTS)

    def docs(self, i: int) -> BitMap:
        """The documents of key number i."""
        start, end = self._docs_at.numbers("Q", i, 2)
        return sets.decode(self._docs.read(start, end - start))

    def places(self, i: int) -> BitMap:
        """The positions of key number i (empty for a key without them)."""
        start, end = self._places_at.numbers("Q", i, 2)
        return sets.decode(self._places.read(start, end - start))

    def count(self, i: int) -> int:
        """The document frequency of key number i."""
        return self._counts.numbers("I", i, 1)[0]

    def places_of(self, k: str) -> BitMap:
        """The positions of a key (empty when the segment lacks it)."""
        i = self.keys.find(k)
        return self.places(i) if i >= 0 else BitMap()

    def holds(self, docs: BitMap) -> bool:
        """Whether any of `docs` is one of this segment's documents."""
        return bool(docs) and docs.range_cardinality(self.base, self.base + self.documents) > 0
