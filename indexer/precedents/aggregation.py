"""Precedent aggregates: outcome counts per treatment and per cited guideline section.

Every figure comes from passes over sortable columns of the documents (never their stored fields):
each column is read in bulk, rows are counted in C by `Counter` over zipped columns, and only
distinct combinations are visited in Python. The counts are kept with each build (`save`), and each
server process loads that copy once (`warm`, or the first page) into `live.cache`. They add up: an
update starts from the previous build's counts, takes away the decisions it deletes and adds its
new ones, so its cost follows the letters changed, not the archive (a full recount of 4.7 million
decisions takes about a minute). The decisions a page lists come from the match table, not from
here (reports.py). Imports neither the query side nor the search service: the build imports this.
"""
from __future__ import annotations

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..store import IndexHandle, Live, as_live, column_values, read_object, write_object
from ..terms import section_key

COLUMNS = ("outcome", "treatment_key", "category", "specialty_key", "source_key", "section_key",
           "decided", "strength_key", "quantity_key")
# Breakdowns: name -> (column, multi-valued "a|b"); "section" values count under their section_key().
DIMENSIONS = {"year": ("year", False), "specialty": ("specialty_key", True), "source": ("source_key", True),
              "strength": ("strength_key", False), "quantity": ("quantity_key", False),
              "section": ("section_key", True), "treatment": ("treatment_key", False)}
TREATMENT_DIMS = ("year", "specialty", "source", "strength", "quantity", "section")
SECTION_DIMS = ("year", "treatment", "source")
CACHE_KEY = "analytics"
AGGREGATES_VERSION = 3  # of the pickled Aggregates a build keeps: raise it when Aggregates or Group change or move
# (3: counts only, kept across updates; the lists of decisions come from the match table)


@dataclass
class Group:
    """One treatment or one cited section: outcome counts, broken down by each dimension."""

    name: str
    category: str = ""
    by: dict[str, dict[str, list[int]]] = field(default_factory=lambda: defaultdict(dict))  # [upheld, overturned]
    spellings: Counter = field(default_factory=Counter)  # a section's names as cited

    @property
    def counts(self) -> list[int]:
        """[upheld, overturned] over all its decisions (every decision has exactly one year)."""
        cells = self.by["year"].values()
        return [sum(c[0] for c in cells), sum(c[1] for c in cells)]


@dataclass
class Aggregates:
    treatments: dict[str, Group] = field(default_factory=dict)
    sections: dict[str, Group] = field(default_factory=dict)  # by section_key(); name: the spelling cited most
    decisions: int = 0
    lookup: dict[str, str] = field(default_factory=dict)  # lowercase treatment name -> name
    memo: dict[tuple, object] = field(default_factory=dict)  # lists worked out on first request


def aggregates(index: IndexHandle | Live) -> Aggregates:
    """All aggregates of the live build: the build's own copy (`save`), else computed; on first use,
    then cached for the build's lifetime."""
    live = as_live(index)
    found = live.cache.get(CACHE_KEY)
    if found is None:
        with live.cache.setdefault(CACHE_KEY + ".lock", threading.Lock()):
            found = live.cache.get(CACHE_KEY)
            if found is None:
                found = read_object(live.build, CACHE_KEY, AGGREGATES_VERSION) or compute(live)
                live.cache[CACHE_KEY] = found
    return found


def save(build: Path, reader, previous: Path | None = None, first_new: int = 0, deleted: list[int] = ()) -> None:
    """Count a just-written build's aggregates (from its Whoosh `reader`) and keep them with it, so
    that each server worker loads them on opening the build rather than computing them. An update
    gives the build it updates (`previous`), where its new documents start and the documents it
    deleted: the previous counts, less the deleted, plus the new. Without a usable previous copy,
    every live document is counted."""
    found = read_object(previous, CACHE_KEY, AGGREGATES_VERSION) if previous else None
    if found is None:
        found = _aggregate(reader)
    else:
        found.memo = {}
        _count(found, _values_of_documents(reader, deleted), -1)
        _count(found, {name: column_values(reader, name, first_new) for name in COLUMNS}, 1)
        _tidy(found)
    write_object(build, CACHE_KEY, AGGREGATES_VERSION, found)


def warm(live: Live) -> None:
    """Load (or compute) the aggregates now, e.g. in a background thread at start-up, so pages answer at once."""
    aggregates(live)


def compute(live: Live) -> Aggregates:
    """Work the aggregates out from a build's columns (what `save` keeps for the servers)."""
    with live.searcher() as searcher:
        return _aggregate(searcher.reader())


def _aggregate(reader) -> Aggregates:
    """The aggregates of every live document of a reader."""
    cols = {name: column_values(reader, name) for name in COLUMNS}
    if reader.has_deletions():
        gone = {base + d for leaf, base in reader.leaf_readers() if leaf.has_deletions() for d in leaf.deleted_docs_set}
        cols = {name: [v for d, v in enumerate(values) if d not in gone] for name, values in cols.items()}
    found = Aggregates()
    _count(found, cols, 1)
    _tidy(found)
    return found


def _values_of_documents(reader, docnums: list[int]) -> dict[str, list]:
    """The columns' values of a few documents (an update's deleted ones), one lookup each."""
    readers = {name: reader.column_reader(name) for name in COLUMNS}
    return {name: [col[d] for d in docnums] for name, col in readers.items()}


def _count(found: Aggregates, cols: dict[str, list], sign: int) -> None:
    """Add (sign 1) or take away (-1) the decisions whose column values these are."""
    years = {d: str(d // 10000) for d in set(cols["decided"])}
    cols["year"] = list(map(years.__getitem__, cols["decided"]))
    overturned = list(map("overturned".__eq__, cols["outcome"]))
    treatments, sections = found.treatments, found.sections
    for name, category in set(zip(cols["treatment_key"], cols["category"])):
        treatments.setdefault(name, Group(name, category))
    for dim in TREATMENT_DIMS:
        values = _values_of(dim)
        for (name, value, over), n in Counter(zip(cols["treatment_key"], cols[DIMENSIONS[dim][0]], overturned)).items():
            cells = treatments[name].by[dim]
            for v in values(value):
                cells.setdefault(v, [0, 0])[over] += sign * n
    for dim in SECTION_DIMS:
        values = _values_of(dim)
        for (joined, value, over), n in Counter(zip(cols["section_key"], cols[DIMENSIONS[dim][0]], overturned)).items():
            for raw, key in cited_sections(joined):
                group = sections.get(key) or sections.setdefault(key, Group(raw))
                if dim == "year":  # each decision has one year: count each spelling once per decision
                    group.spellings[raw] += sign * n
                cells = group.by[dim]
                for v in values(value):
                    cells.setdefault(v, [0, 0])[over] += sign * n
    found.decisions += sign * len(cols["outcome"])


def _tidy(found: Aggregates) -> None:
    """Drop what no decision holds any more (after an update took some away); name each section by
    the spelling cited most; index the treatments by lowercase name."""
    for groups in (found.treatments, found.sections):
        for key, group in list(groups.items()):
            for dim, cells in group.by.items():
                for value in [v for v, c in cells.items() if c == [0, 0]]:
                    del cells[value]
            if group.counts == [0, 0]:
                del groups[key]
    for group in found.sections.values():
        group.spellings = +group.spellings  # counts that fell to 0 leave
        group.name = group.spellings.most_common(1)[0][0]
    found.lookup = {n.lower(): n for n in found.treatments}


@lru_cache(maxsize=1 << 16)  # once per distinct "a|b" entry, not once per decision
def cited_sections(joined: str) -> tuple[tuple[str, str], ...]:
    """(as cited, normalised key) for each section of one section_key entry."""
    return tuple((v, section_key(v)) for v in joined.split("|") if v)


@lru_cache(maxsize=1 << 16)
def _split(joined: str) -> tuple[str, ...]:
    return tuple(v for v in joined.split("|") if v)


def _values_of(dim: str):
    """A function from a column entry to the values it counts under in one breakdown."""
    if dim == "section":
        return lambda joined: [key for _, key in cited_sections(joined)]
    return _split if DIMENSIONS[dim][1] else (lambda value: (value,))
