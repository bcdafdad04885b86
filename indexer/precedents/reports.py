"""Precedent reports: what the treatment and guideline-section pages show, and their listings.

Each report reads the build's aggregates (aggregation.py) as counters; the decisions it lists are
the match table's sets of a treatment or a cited section (and of each outcome), put in date order
by the search's own ordering, then their stored fields fetched. Rates describe past decisions, with
their count and 95% interval (`outcome_stats`); never predictions.
"""
from __future__ import annotations

from pyroaring import BitMap

from ..search import by_date, outcome_stats, value_sets
from ..store import IndexHandle, Live, as_live, decision_url, iso_date
from ..table import SECTION, key as table_key
from ..terms import SOURCE_LABELS, section_key
from .aggregation import SECTION_DIMS, TREATMENT_DIMS, Group, aggregates

EXAMPLES = 3
ROWS = 100
PAGE_SIZE = 20


def treatment_report(index: IndexHandle | Live, name: str) -> dict | None:
    """Everything the treatment page shows, as JSON-ready data; None for a treatment never decided."""
    live = as_live(index)
    agg = aggregates(live)
    group = agg.treatments.get(name) or agg.treatments.get(agg.lookup.get(name.lower(), ""))
    if group is None:
        return None
    decided = live.table.bits(table_key("treatment_key", group.name)) & live.table.universe
    outcomes = dict(value_sets(live, "outcome"))
    with live.searcher() as searcher:
        shown = {side: [_decision(searcher.stored_fields(d))
                        for d in by_date(live, decided & outcomes.get(side, BitMap()), EXAMPLES)]
                 for side in ("upheld", "overturned")}
    return {"treatment": group.name, "category": group.category} | _report(group, TREATMENT_DIMS) | {
        "examples": shown, "search": f'treatment:"{group.name}"'}


def section_report(index: IndexHandle | Live, name: str, page: int = 1) -> dict | None:
    """Everything a guideline section's page shows, with one page of the decisions citing it."""
    live = as_live(index)
    agg = aggregates(live)
    key = section_key(name)
    group = agg.sections.get(key)
    if group is None:
        return None
    citing = live.table.bits(table_key(SECTION, key)) & live.table.universe
    pages = max(1, -(-len(citing) // PAGE_SIZE))
    page = min(max(1, page), pages)
    listed = by_date(live, citing, page * PAGE_SIZE)[(page - 1) * PAGE_SIZE:]  # newest first, as a search orders
    with live.searcher() as searcher:
        shown = [_decision(searcher.stored_fields(d)) for d in listed]
    return {"section": group.name, "key": key} | _report(group, SECTION_DIMS) | {
        "decisions": {"page": page, "pages": pages, "total": len(citing), "items": shown},
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
