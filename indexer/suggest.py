""""Did you mean": corrections for words that match nothing, offered only when they find something."""
from __future__ import annotations

import re

from .query import DEFAULT_FIELDS, ParsedQuery, parse_query
from .querylang import QueryError


def suggest(searcher, parsed: ParsedQuery, forms, has_hits, synonyms: bool = True) -> str | None:
    """The query with each unknown bare word replaced by its most common close spelling, if that has hits."""
    reader = searcher.reader()
    corrected = parsed.text
    changed = False
    for word in parsed.bare_words:
        if any(reader.doc_frequency(f, word) for f in DEFAULT_FIELDS) or not word.isalpha() or len(word) < 4:
            continue
        best = _closest(reader, word)
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


def _closest(reader, word: str) -> str | None:
    candidates: dict[str, int] = {}
    for field in DEFAULT_FIELDS:
        for term in reader.terms_within(field, word, 2 if len(word) > 5 else 1):
            candidates[term] = candidates.get(term, 0) + reader.doc_frequency(field, term)
    ranked = sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[0][0] if ranked else None
