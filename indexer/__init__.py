"""imr-search: parse IMR determination letters, build a Whoosh store beside a match table, search it.

The public surface. The pipeline's stages are subpackages, each importing only the ones below it
(setup.cfg's import-linter contracts hold the arrows):

    letters -> terms           file -> text -> Determination; drug, treatment and citation vocabulary
    table                      the match engine: every word, pair, value and date -> a set of decisions
    store                      one build on disk: the Whoosh schema and documents, rows, the live snapshot
    query                      user text -> syntax tree -> Whoosh query -> matching set
    search                     results, snippets, facets, statistics, date order
    precedents                 similar decisions and the precedent reports
    build                      the parallel parse and the atomic switch (the only user of NumPy)

Everything but the errors is imported on first use (PEP 562), so `import indexer` costs nothing: a
server never loads NumPy (`build_index`), and the table's merge processes (`python -m
indexer.table.merge`) load only the table. `indexer.search.search` and `indexer.precedents.precedents`
share their package's name, so they are reached through it.
"""
from __future__ import annotations

from .errors import BuildError, BuildLocked, ImrSearchError, IndexMissing, ParseError, QueryError, SearchTimeout

__all__ = [
    "ImrSearchError", "ParseError", "BuildError", "BuildLocked", "IndexMissing", "QueryError", "SearchTimeout",
    "Determination", "Decision", "Finding", "find_letters", "parse_file", "parse_text",
    "IndexHandle", "Live",
    "SearchResult", "Hit", "export", "get_letter",
    "treatment_report", "section_report", "treatment_list", "section_list",
    "build_index", "BuildReport",
]


def __getattr__(name: str):
    """A public name, imported from its stage on first use."""
    if name in ("Determination", "Decision", "Finding", "find_letters", "parse_file", "parse_text"):
        from . import letters as home
    elif name in ("IndexHandle", "Live"):
        from . import store as home
    elif name in ("SearchResult", "Hit", "export", "get_letter"):
        from . import search as home
    elif name in ("treatment_report", "section_report", "treatment_list", "section_list"):
        from . import precedents as home
    elif name in ("build_index", "BuildReport"):
        from . import build as home  # NumPy: only a build pays for it
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(home, name)
