"""How the match table spells its keys: a field and a term, word pairs and triples, case-number
prefixes, dates at three levels and the position keys of words.
"""
from __future__ import annotations

from ..analysis import words
from ..fields import LETTER_FIELDS

SEP = "\x1f"  # field SEP term; a pair is "w1 w2", a triple "w1 w2 w3" (tokens never hold spaces)
GRAM = 3  # the longest run of words kept as one key
SPECIALTY = "~specialty"  # each reviewer specialty on its own (the facet), beside the searchable text
CASE_PREFIX = "~case*"  # every leading part of a case number, so `case:CM16*` is one lookup, not 100,000
SHORTEST_CASE_PREFIX = 4  # the query compiler refuses shorter case prefixes
POSITIONS = "@"  # field prefix of the position keys
LETTER_PREFIXES = tuple(f"{name}{SEP}" for name in LETTER_FIELDS)  # keys held by a letter's first decision


def key(field: str, term: str) -> str:
    return f"{field}{SEP}{term}"


def text_keys(field: str, text: str) -> set[str]:
    """Every word, adjacent pair and adjacent triple of a text field ("not medically necessary" is one key)."""
    return token_keys(field, words(text))


def token_keys(field: str, tokens: list[str]) -> set[str]:
    """text_keys of a field already split into words (analysis.words)."""
    prefix = field + SEP
    out = {prefix + t for t in tokens}
    out.update(f"{prefix}{a} {b}" for a, b in zip(tokens, tokens[1:]))
    out.update(f"{prefix}{a} {b} {c}" for a, b, c in zip(tokens, tokens[1:], tokens[2:]))
    return out


def case_prefix_keys(case: str) -> list[str]:
    """The keys that let a case-number prefix find its letters (the whole number is its own key)."""
    return [key(CASE_PREFIX, case[:n]) for n in range(SHORTEST_CASE_PREFIX, len(case))]


def position_key(field: str, word: str) -> str:
    return f"{POSITIONS}{field}{SEP}{word}"


def position_field(k: str) -> str | None:
    """The field of a position key (position_key), None for any other key."""
    return k[1:k.index(SEP)] if k[0] == POSITIONS else None


def date_field(field: str, level: str) -> str:
    """The table's field for a date at one level: "y" (YYYY), "m" (YYYYMM) or "d" (YYYYMMDD)."""
    return f"~{field}.{level}"


def date_keys(field: str, number: int) -> list[str]:
    """Year, month and day keys of a YYYYMMDD date, so any range is a handful of lookups."""
    if not number:
        return []
    text = str(number)
    return [key(date_field(field, level), text[:width]) for level, width in (("y", 4), ("m", 6), ("d", 8))]
