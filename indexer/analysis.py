"""The analyzer of the index. The schema pickles it by import path: never rename this module.

Text is indexed word for word (lowercased, every word kept, negations included, so "not medically
necessary" differs from "medically necessary"), with positions for phrases. Word forms are matched at
query time through stems (`improve` finds "improvement"). Digits are split from letters, so
"Norco 10/325mg" is `norco 10 325 mg` and `10/325`, `10/325mg` and `10/325 mg` all match.
"""
from __future__ import annotations

import re

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.analysis.filters import STOP_WORDS
from whoosh.lang.porter import stem

TOKEN_PATTERN = r"\d+(?:\.\d+)?|[^\W\d_]+"
TOKEN_RE = re.compile(TOKEN_PATTERN)
ASCII_TOKEN_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?|[a-z]+")  # TOKEN_RE on lowercased ASCII text, a third faster
NEGATIONS = frozenset({"no", "not", "nor", "without", "never", "none", "cannot"})
STOPLIST = frozenset(STOP_WORDS) - NEGATIONS


def exact_analyzer():
    """Phrase search: every word as written (lowercased), positions kept."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()


def words(text: str) -> list[str]:
    """The exact-form tokens of a text, as the exact analyzer makes them (ASCII text is lowercased
    whole first: the same tokens, a quarter faster; elsewhere lowercasing may change a word's length)."""
    if text.isascii():
        return ASCII_TOKEN_RE.findall(text.lower())
    return [token.lower() for token in TOKEN_RE.findall(text)]


def is_stopword(word: str) -> bool:
    """A function word that a bare-word query ignores (negations are never ignored)."""
    return word in STOPLIST


def stem_word(word: str) -> str:
    """The Porter stem that groups a word with its other forms."""
    return stem(word)
