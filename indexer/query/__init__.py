"""Text -> query -> matches: the query language parsed into a syntax tree (syntax), compiled into a
Whoosh query with fields, word forms, synonyms and dates (compile), run over the match table as set
algebra and ranked (match), and "did you mean" corrections (suggest).

`match.match` and `suggest.suggest` are reached through their modules (they share their names).
Never imports NumPy, the build, or the table's writer, runs or merge.
"""
from __future__ import annotations

from .compile import DEFAULT_FIELDS, FIELDS, ParsedQuery, parse_query, stem_forms
from .match import RANKED_CLAUSES, SEARCH_SECONDS, Matches, ranked, scored

__all__ = ["DEFAULT_FIELDS", "FIELDS", "RANKED_CLAUSES", "SEARCH_SECONDS", "Matches", "ParsedQuery",
           "parse_query", "ranked", "scored", "stem_forms"]
