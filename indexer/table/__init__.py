"""The match table, the match engine beside each Whoosh build: for every word, word pair, field value,
case-number prefix and date, the set of decisions holding it, as a Roaring set (sets), under keys
spelled one way (keys), in segments of consecutive documents (segment), each found through a
sorted key dictionary read a block at a time (dictionary; files are read by offset, not mapped:
files), with the positions of every word and pair for phrases and proximity (positions); `reader`
reads a build's table.

The build writes it: each parse worker gathers a chunk's entries into a sorted run (runs, with NumPy),
and each segment's runs are merged key range by key range (writer, merge; `python -m
indexer.table.merge` in new processes). Only the read side is re-exported here; of it, only
`positions` loads NumPy, on a query's first phrase or proximity.
Never imports the store, the letters or the terms.
"""
from __future__ import annotations

from .keys import CASE_PREFIX, GRAM, SECTION, SEP, SHORTEST_CASE_PREFIX, SPECIALTY, date_field, key
from .positions import MAX_SLOP, documents, follow, meets, phrase_starts
from .reader import DIRECTORY, TableReader
from .sets import from_ids, intersection, members, union

__all__ = ["CASE_PREFIX", "DIRECTORY", "GRAM", "MAX_SLOP", "SECTION", "SEP", "SHORTEST_CASE_PREFIX", "SPECIALTY",
           "TableReader", "date_field", "documents", "follow", "from_ids", "intersection", "key", "meets", "members",
           "phrase_starts", "union"]
