"""Date order of a set of documents: newest or oldest first, undated ones last, without sorting
the whole set when only a page is wanted.
"""
from __future__ import annotations

from pyroaring import BitMap

from ..store import Live
from ..table import members, union
from .facets import MONTHS, YEARS, value_sets

SORT_WHOLE = 512  # by_date lists and sorts sets up to this size at once
UNDATED = 99999999  # sorts after every YYYYMMDD


def by_date(live: Live, bits: BitMap, need: int, newest: bool = True) -> list[int]:
    """The first `need` documents of a set by decision date (then document order); undated ones last.
    Years are tried before their months, so a set pays a dozen ANDs rather than one per month; a set
    that is wanted whole or is small is listed once and sorted (each listing scans the whole range)."""
    decided = live.table.decided
    if len(bits) <= max(need, SORT_WHOLE):
        return _date_sorted(members(bits), decided, newest)[:need]
    out: list[int] = []
    for year, months in (reversed(_calendar(live)) if newest else _calendar(live)):
        if not bits.intersection_cardinality(year):
            continue
        for month in (reversed(months) if newest else months):
            part = bits & month
            if part:
                out.extend(_date_sorted(members(part), decided, newest))
                if len(out) >= need:
                    return out[:need]
    undated = live.cache.get("undated")
    if undated is None:
        undated = live.cache["undated"] = live.table.universe - union(s for _, s in value_sets(live, MONTHS))
    return out + members(bits & undated, need - len(out))


def _date_sorted(docs: list[int], decided, newest: bool) -> list[int]:
    """`docs` sorted by date in place (stable: equal dates stay in document order), undated ones last."""
    if newest:
        docs.sort(key=decided.__getitem__, reverse=True)
    else:
        docs.sort(key=lambda d: decided[d] or UNDATED)
    return docs


def _calendar(live: Live) -> list[tuple[BitMap, list[BitMap]]]:
    """(documents of a year, [documents of each of its months]) in ascending order, once per build."""
    if "calendar" not in live.cache:
        months: dict[str, list[int]] = {}
        for month, docs in value_sets(live, MONTHS):
            months.setdefault(month[:4], []).append(docs)
        live.cache["calendar"] = [(docs, months.get(year, [])) for year, docs in value_sets(live, YEARS)]
    return live.cache["calendar"]
