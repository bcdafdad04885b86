"""The build: letters parsed in parallel worker processes, each chunk with its run of match-table
entries (pool), then the Whoosh store, the table and the rows written and switched in atomically,
or an update's copy (builder).

The only layer that uses NumPy (through the table's runs and merge): servers never import it.
"""
from __future__ import annotations

from .builder import BuildReport, build_index

__all__ = ["BuildReport", "build_index"]
