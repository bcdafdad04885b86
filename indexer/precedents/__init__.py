"""Precedents: the decisions most like one decision that went the other way (similar), and outcome
reports per treatment and per cited guideline section (reports) over aggregates the build keeps
(aggregation).

The names below are imported on first use (PEP 562): the build imports `aggregation` alone, without
the query side that `similar` and the reports need. Never imports NumPy, the build, or the table's
writer, runs or merge.
"""
from __future__ import annotations

__all__ = ["contrast", "precedents", "section_list", "section_report", "treatment_list", "treatment_report"]


def __getattr__(name: str):
    """A public name, imported from its module on first use."""
    if name in ("contrast", "precedents"):
        from . import similar as home
    elif name in ("section_list", "section_report", "treatment_list", "treatment_report"):
        from . import reports as home
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(home, name)
