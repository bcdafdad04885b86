"""Whole columns of a Whoosh build read in bulk: every document's value of one sortable column.

Whoosh yields column values one file read at a time; for the two layouts this schema uses it is
read here from Whoosh's column readers' own attributes (private: a Whoosh upgrade is checked by
tests/test_analytics.py, which compares with Whoosh's reader value by value).
"""
from __future__ import annotations

import sys
from array import array
from itertools import accumulate

from whoosh import columns


def column_values(reader, name: str, first: int = 0) -> list:
    """Every document's value of one column in docnum order, from document `first` on, each distinct
    value decoded once. Whoosh yields column values one file read at a time; the two layouts this
    schema uses (variable-length strings, numbers) are read in one go instead, anything else value
    by value. Segments wholly before `first` are not read at all (an update reads only its own)."""
    field_type = reader.schema[name]
    out: list = []
    for leaf, base in reader.leaf_readers():
        if base + leaf.doc_count_all() <= first:
            continue
        raw = _bulk(leaf.column_reader(name, translate=False))
        if raw is None:
            values = list(leaf.column_reader(name))
        else:
            decoded = {v: field_type.from_column_value(v) for v in set(raw)}
            values = list(map(decoded.__getitem__, raw))
        out.extend(values[max(0, first - base):])
    return out


def _bulk(col) -> list | None:
    """The raw values of one segment's column from a single read, or None for another layout."""
    if isinstance(col, columns.VarBytesColumn.Reader):
        starts = list(accumulate(col._lengths, initial=0))
        data = col._dbfile.get(col._basepos, starts[-1])
        return list(map(data.__getitem__, map(slice, starts, starts[1:])))
    if isinstance(col, columns.NumericColumn.Reader):
        values = array(col._typecode, col._dbfile.get(col._basepos, col._count * col._fixedlen))
        if sys.byteorder == "little":
            values.byteswap()  # stored big-endian
        return values.tolist() + [col._default] * (col._doccount - col._count)
    return None
