"""The search service: a query's page of results with snippets (results, snippets), facet counts over
every match (facets), outcome statistics (statistics) and date order (ordering).

Never imports NumPy, the build, or the table's writer, runs or merge.
"""
from __future__ import annotations

from .facets import FACETS, value_sets
from .ordering import by_date
from .results import SORTS, Hit, SearchResult, export, get_letter, search
from .snippets import mark_spans, render
from .statistics import outcome_stats

__all__ = ["FACETS", "SORTS", "Hit", "SearchResult", "by_date", "export", "get_letter", "mark_spans",
           "outcome_stats", "render", "search", "value_sets"]
