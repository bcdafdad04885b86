"""Outcome statistics of a set of decisions: counts, the overturn rate and its 95% Wilson interval.

Shared by search results and precedent reports; imports nothing, so precedents need not load the
search service to describe their groups.
"""
from __future__ import annotations

import math

FEW_DECISIONS = 30


def outcome_stats(upheld: int, overturned: int) -> dict:
    """Counts and the overturn rate with its 95% Wilson interval; a warning when too few to rely on."""
    n = upheld + overturned
    stats = {"decisions": n, "upheld": upheld, "overturned": overturned,
             "overturn_rate": None, "ci_low": None, "ci_high": None, "warning": None}
    if n:
        z, p = 1.959964, overturned / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        stats.update(overturn_rate=round(p, 4), ci_low=round(max(0.0, centre - half), 4),
                     ci_high=round(min(1.0, centre + half), 4))
    if n < FEW_DECISIONS:
        stats["warning"] = f"only {n} decision{'s' if n != 1 else ''}: too few to rely on this rate"
    return stats
