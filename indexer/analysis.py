"""Analyzers for the index. The schema pickles them by import path: never rename this module.

Two forms of every text field: `stemmed` for bare words (word forms match, `improve` finds
"improvement") and `exact` for quoted phrases, proximity and wildcards (every word kept, negations
included, so "not medically necessary" differs from "medically necessary"). Digits are split from
letters, so "Norco 10/325mg" is `norco 10 325 mg` and `10/325`, `10/325mg` and `10/325 mg` all match.
"""
from __future__ import annotations

import re

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.filters import STOP_WORDS
from whoosh.lang.porter import stem

TOKEN_PATTERN = r"\d+(?:\.\d+)?|[^\W\d_]+"
TOKEN_RE = re.compile(TOKEN_PATTERN)
NEGATIONS = frozenset({"no", "not", "nor", "without", "never", "none", "cannot"})
STOPLIST = frozenset(STOP_WORDS) - NEGATIONS


def stemmed_analyzer():
    """Bare-word search: lowercased, common function words dropped (negations kept), Porter-stemmed."""
    return (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()
            | StopFilter(stoplist=STOPLIST, minsize=1) | StemFilter(cachesize=-1))


def exact_analyzer():
    """Phrase search: every word as written (lowercased), positions kept."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()


def words(text: str) -> list[str]:
    """The exact-form tokens of a text, as the exact analyzer makes them."""
    return [m.group().lower() for m in TOKEN_RE.finditer(text)]


def stem_word(word: str) -> str | None:
    """The stemmed-field term for one exact-form word; None when it is a dropped function word."""
    return None if word in STOPLIST else stem(word)
