"""The match table, the match engine beside each Whoosh build: for every word, word pair and triple,
field value, case-number prefix and date, the set of decisions holding it, as a bit set (sets), under
keys spelled one way (keys), found through a compact sorted key dictionary (dictionary), with the
positions of every word for phrases and proximity (positions); `reader` reads a build's table.

The build writes it: each parse worker gathers a chunk's entries into a sorted run (runs, with NumPy),
and the runs are merged key range by key range (writer, merge; `python -m indexer.table.merge` in
new processes). Only the read side is re-exported here: importing this package never loads NumPy.
Never imports the store, the letters or the terms.
"""
from __future__ import annotations

from .keys import CASE_PREFIX, GRAM, SEP, SHORTEST_CASE_PREFIX, SPECIALTY, date_field, key
from .positions import MAX_SLOP, documents_at, step
from .reader import DIRECTORY, TableReader
from .sets import from_ids, intersection, members, union

__all__ = ["CASE_PREFIX", "DIRECTORY", "GRAM", "MAX_SLOP", "SEP", "SHORTEST_CASE_PREFIX", "SPECIALTY",
           "TableReader", "date_field", "documents_at", "from_ids", "intersection", "key", "members", "step",
           "union"]
