"""Phrases and proximity checked on a decision's stored text, word position by word position.

The match table answers phrases of up to three words exactly; longer phrases and `"a b"~N` get their
candidates from it and are confirmed here. The rule is Whoosh's Phrase (SpanNear2, ordered): each word
must come 1 to `slop` positions after the one matched before it, so slop 1 means adjacent. Positions
are those of the index's own tokenizer (analysis.words), which is what Whoosh counted too.
"""
from __future__ import annotations

from bisect import bisect_left

from .analysis import TOKEN_RE, words


def holds(text: str, tokens: list[str], slop: int) -> bool:
    """Whether `tokens` occur in `text` in order, each within `slop` words after the one before."""
    if text.isascii() and all(t.isascii() and t.isalpha() for t in tokens):
        return _holds_words(text.lower(), tokens, slop)
    found = _tokens(text)
    ends = _places(found, tokens[0])
    for token in tokens[1:]:
        if not ends:
            return False
        ends = [p for p in _places(found, token) if _follows(ends, p, slop)]
    return bool(ends)


def _holds_words(low: str, tokens: list[str], slop: int) -> bool:
    """The same rule for plain words in ASCII text without tokenizing all of it (the slow part): find
    each word with str.find, then count the words between two finds, stopping at `slop`."""
    ends = [start + len(tokens[0]) for start in _finds(low, tokens[0])]
    for token in tokens[1:]:
        if not ends:
            return False
        ends = [start + len(token) for start in _finds(low, token)
                if any(end <= start and _words_between(low, end, start, slop) < slop for end in ends)]
    return bool(ends)


def _finds(low: str, word: str) -> list[int]:
    """Where `word` stands as a whole token (no letter touching it on either side)."""
    out, i, n = [], low.find(word), len(word)
    while i >= 0:
        if (i == 0 or not low[i - 1].isalpha()) and (i + n == len(low) or not low[i + n].isalpha()):
            out.append(i)
        i = low.find(word, i + 1)
    return out


def _words_between(low: str, start: int, end: int, limit: int) -> int:
    """Tokens in low[start:end], counted up to `limit`."""
    n = 0
    for _ in TOKEN_RE.finditer(low, start, end):
        n += 1
        if n >= limit:
            break
    return n


def _tokens(text: str) -> list[str]:
    """analysis.words, faster for the usual ASCII text (lowering it whole keeps every offset)."""
    return TOKEN_RE.findall(text.lower()) if text.isascii() else words(text)


def _places(found: list[str], token: str) -> list[int]:
    """Positions of one token, found by list.index in C rather than a Python loop over every word."""
    out, i = [], -1
    try:
        while True:
            i = found.index(token, i + 1)
            out.append(i)
    except ValueError:
        return out


def _follows(ends: list[int], position: int, slop: int) -> bool:
    """Some end lies in [position - slop, position - 1] (ends are ascending)."""
    i = bisect_left(ends, position - slop)
    return i < len(ends) and ends[i] < position
