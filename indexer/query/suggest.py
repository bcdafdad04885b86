""""Did you mean": corrections for words that match nothing, offered only when they find something."""
from __future__ import annotations

import re
from typing import Iterator

from whoosh.automata import lev

from ..errors import QueryError
from ..table import SEP, TableReader, key
from .compile import DEFAULT_FIELDS, ParsedQuery, parse_query


def suggest(table: TableReader, parsed: ParsedQuery, forms, has_hits, synonyms: bool = True) -> str | None:
    """The query with each unknown bare word replaced by its most common close spelling, if that has hits."""
    corrected = parsed.text
    changed = False
    for word in parsed.bare_words:
        if any(table.count(key(f, word)) for f in DEFAULT_FIELDS) or not word.isalpha() or len(word) < 4:
            continue
        best = _closest(table, word)
        if best:
            corrected = re.sub(rf"(?<![\w:]){re.escape(word)}(?!\w)", best, corrected, count=1, flags=re.IGNORECASE)
            changed = True
    if not changed:
        return None
    try:
        again = parse_query(corrected, forms, use_synonyms=synonyms)
    except QueryError:
        return None
    return corrected if has_hits(again.query) else None


def _closest(table: TableReader, word: str) -> str | None:
    candidates: dict[str, int] = {}
    for field in DEFAULT_FIELDS:
        for term in _within(table, field, word, 2 if len(word) > 5 else 1):
            candidates[term] = candidates.get(term, 0) + table.count(key(field, term))
    ranked = sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[0][0] if ranked else None


def _within(table: TableReader, field: str, word: str, distance: int) -> Iterator[str]:
    """The field's words within `distance` edits: a Levenshtein automaton walked over the sorted keys
    (what Whoosh does over its own term list), so only a few dozen keys are ever looked at."""
    prefix = field + SEP
    dfa = lev.levenshtein_automaton(word, distance).to_dfa()

    def first_from(text: str) -> str | None:
        found = table.key_at_or_after(prefix + text)
        return found[len(prefix):] if found is not None and found.startswith(prefix) else None

    match = dfa.next_valid_string("")
    while match:
        found = first_from(match)
        if found is None:
            return
        if found == match:
            yield match
            found += "\0"
        match = dfa.next_valid_string(found)
