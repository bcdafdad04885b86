"""Precedent reports: what the treatment and guideline-section pages show, and their listings.

Each report reads the build's aggregates (aggregation.py) as counters; the few documents it lists
are picked from the kept columns on first request (C-level scans, a few ms) and their stored
fields fetched. Rates describe past decisions, with their count and 95% interval (`outcome_stats`);
never predictions.
"""
from __future__ import annotations

from collections import Counter

from ..search import outcome_stats
from ..store import IndexHandle, Live, as_live, decision_url, iso_date
from ..terms import SOURCE_LABELS, section_key
from .aggregation import SECTION_DIMS, TREATMENT_DIMS, Aggregates, Group, aggregates, cited_sections

EXAMPLES = 3
ROWS = 100
PAGE_SIZE = 20


def _rows_by(agg: Aggregates, column: str) -> dict[str, list[int]]:
    """The rows holding each value of a column, in one pass per build (a report then reads only its
    own rows: scanning all 243,000 rows per report took 27 ms at 100,000 letters)."""
    found = agg.memo.get(("rows by", column))
    if found is None:
        found = {}
        for r, value in enumerate(agg.rows[column]):
            found.setdefault(value, []).append(r)
        agg.memo[("rows by", column)] = found
    return found


def _citing(agg: Aggregates, key: str) -> list[int]:
    """Docnums of the decisions citing one section, newest first: from the rows of each distinct
    column value (listed once per build), then kept."""
    found = agg.memo.get(("section", key))
    if found is None:
        rows, by_value = agg.rows, _rows_by(agg, "section_key")
        picked = [r for joined, found_rows in by_value.items() if any(k == key for _, k in cited_sections(joined))
                  for r in found_rows]
        picked.sort()  # row order among equal dates, as a scan of the rows gives
        picked.sort(key=rows["decided"].__getitem__, reverse=True)
        found = agg.memo[("section", key)] = [rows["docnum"][r] for r in picked]
    return found


def treatment_report(index: IndexHandle | Live, name: str) -> dict | None:
    """Everything the treatment page shows, as JSON-ready data; None for a treatment never decided."""
    live = as_live(index)
    agg = aggregates(live)
    group = agg.treatments.get(name) or agg.treatments.get(agg.lookup.get(name.lower(), ""))
    if group is None:
        return None
    examples: dict[str, list[int]] = {"upheld": [], "overturned": []}
    for d in _examples(agg, group.name):
        examples[d[1]].append(d[0])
    with live.searcher() as searcher:
        shown = {side: [_decision(searcher.stored_fields(d)) for d in docs] for side, docs in examples.items()}
    return {"treatment": group.name, "category": group.category} | _report(group, TREATMENT_DIMS) | {
        "examples": shown, "search": f'treatment:"{group.name}"'}


def _examples(agg: Aggregates, name: str) -> list[tuple[int, str]]:
    """The newest EXAMPLES decisions of each outcome on one treatment: (docnum, outcome)."""
    found = agg.memo.get(("examples", name))
    if found is None:
        rows, taken, found = agg.rows, Counter(), []
        picked = sorted(_rows_by(agg, "treatment_key").get(name, ()), key=rows["decided"].__getitem__, reverse=True)
        for r in picked:
            side = rows["outcome"][r]
            if taken[side] < EXAMPLES:
                taken[side] += 1
                found.append((rows["docnum"][r], side))
                if len(found) == 2 * EXAMPLES:
                    break
        agg.memo[("examples", name)] = found
    return found


def section_report(index: IndexHandle | Live, name: str, page: int = 1) -> dict | None:
    """Everything a guideline section's page shows, with one page of the decisions citing it."""
    live = as_live(index)
    agg = aggregates(live)
    key = section_key(name)
    group = agg.sections.get(key)
    if group is None:
        return None
    docs = _citing(agg, key)
    pages = max(1, -(-len(docs) // PAGE_SIZE))
    page = min(max(1, page), pages)
    with live.searcher() as searcher:
        shown = [_decision(searcher.stored_fields(d)) for d in docs[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]]
    return {"section": group.name, "key": key} | _report(group, SECTION_DIMS) | {
        "decisions": {"page": page, "pages": pages, "total": len(docs), "items": shown},
        "search": f'section:"{group.name}"' if '"' not in group.name else None}
def treatment_list(index: IndexHandle | Live) -> list[dict]:
    """Every treatment with its counts, most decided first."""
    agg = aggregates(index)
    found = agg.memo.get(("list", "treatments"))
    if found is None:
        rows = [{"treatment": g.name, "category": g.category} | outcome_stats(*g.counts)
                for g in agg.treatments.values()]
        found = agg.memo[("list", "treatments")] = sorted(rows, key=lambda r: (-r["decisions"], r["treatment"]))
    return found


def section_list(index: IndexHandle | Live) -> list[dict]:
    """Every cited section with its counts, most cited first."""
    agg = aggregates(index)
    found = agg.memo.get(("list", "sections"))
    if found is None:
        rows = [{"section": g.name, "key": k} | outcome_stats(*g.counts) for k, g in agg.sections.items()]
        found = agg.memo[("list", "sections")] = sorted(rows, key=lambda r: (-r["decisions"], r["key"]))
    return found


def _report(group: Group, dims: tuple[str, ...]) -> dict:
    """Overall statistics and one table per dimension (largest first, at most ROWS rows each)."""
    by, more = {}, {}
    for dim in dims:
        cells = group.by.get(dim, {})
        if dim == "year":
            order = sorted(cells, key=lambda v: -int(v))
        else:
            order = sorted(cells, key=lambda v: (-sum(cells[v]), v))
        rows = [{"value": v, "label": _label(dim, v)} | outcome_stats(*cells[v]) for v in order]
        by[dim], more[dim] = rows[:ROWS], max(0, len(rows) - ROWS)
    return {"stats": outcome_stats(*group.counts), "by": by, "more": more}


def _label(dim: str, value: str) -> str:
    if dim == "source":
        return SOURCE_LABELS.get(value, value)
    if dim == "year":
        return value if value != "0" else "date unknown"
    return value or "not stated"


def _decision(stored: dict) -> dict:
    return {"case": stored["case"], "letter": stored["letter"], "decision": stored["decision"],
            "item": stored["item"], "outcome": stored["outcome"].capitalize(),
            "decision_date": iso_date(stored.get("decided")), "url": decision_url(stored["letter"], stored["decision"])}
