"""How the match table spells its keys: a field and a term, word pairs, case-number prefixes and
dates at three levels. A word or a pair of a word field holds its positions as well (reader.py).
"""
from __future__ import annotations

from ..analysis import words
from ..fields import LETTER_FIELDS

SEP = "\x1f"  # field SEP term; a pair is "w1 w2" (tokens never hold spaces)
GRAM = 2  # the longest run of words kept as one key (a longer phrase is checked on the pairs' positions)
SPECIALTY = "~specialty"  # each reviewer specialty on its own (the facet), beside the searchable text
SECTION = "~section"  # each guideline section relied on, as counted (terms.section_key): its precedent page
CASE_PREFIX = "~case*"  # every leading part of a case number, so `case:CM16*` is one lookup, not 100,000
SHORTEST_CASE_PREFIX = 4  # the query compiler refuses shorter case prefixes
LETTER_PREFIXES = tuple(f"{name}{SEP}" for name in LETTER_FIELDS)  # keys held by a letter's first decision


def key(field: str, term: str) -> str:
    return f"{field}{SEP}{term}"


def text_keys(field: str, text: str) -> set[str]:
    """Every word and adjacent pair of a text field ("medically necessary" is one key)."""
    return token_keys(field, words(text))


def token_keys(field: str, tokens: list[str]) -> set[str]:
    """text_keys of a field already split into words (analysis.words)."""
    prefix = field + SEP
    out = {prefix + t for t in tokens}
    out.update(f"{prefix}{a} {b}" for a, b in zip(tokens, tokens[1:]))
    return out


def case_prefix_keys(case: str) -> list[str]:
    """The keys that let a case-number prefix find its letters (the whole number is its own key)."""
    return [key(CASE_PREFIX, case[:n]) for n in range(SHORTEST_CASE_PREFIX, len(case))]


def date_field(field: str, level: str) -> str:
    """The table's field for a date at one level: "y" (YYYY), "m" (YYYYMM) or "d" (YYYYMMDD)."""
    return f"~{field}.{level}"


def date_keys(field: str, number: int) -> list[str]:
    """Year, month and day keys of a YYYYMMDD date, so any range is a handful of lookups."""
    if not number:
        return []
    text = str(number)
    return [key(date_field(field, level), text[:width]) for level, width in (("y", 4), ("m", 6), ("d", 8))]
