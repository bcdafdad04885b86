"""Sentence-shaped snippets with the query's words and phrases marked; document text always escaped."""
from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

LETTERS = r"[^\W\d_]"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])")
MAX_SNIPPET = 320


def mark_spans(text: str, words: set[str], phrases: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Character spans of the words and whole phrases of a query found in `text`, in order.

    One compiled pattern scans the lowercased text in C, with token boundaries as the analyzer draws
    them (letters and numbers are separate tokens); every branch starts with a literal character, so
    the scan skips to possible starts and marking costs microseconds even in a long rationale.
    """
    lower = text.lower()
    fold = len(lower) != len(text)  # a few characters change length when lowercased
    pattern = _pattern(frozenset(words), tuple(phrases), fold)
    return _merge([m.span() for m in pattern.finditer(text if fold else lower)]) if pattern else []


@lru_cache(maxsize=256)
def _pattern(words: frozenset[str], phrases: tuple[tuple[str, ...], ...], fold: bool) -> re.Pattern | None:
    runs = sorted({p for p in phrases if all(p)}, key=len, reverse=True) + [(w,) for w in sorted(words) if w]
    parts = [_run(run) for run in runs]  # longest first: at one position the whole phrase wins
    return re.compile("|".join(parts), re.IGNORECASE if fold else 0) if parts else None


def _run(tokens: tuple[str, ...]) -> str:
    """A regex for consecutive tokens (`*` and `?` as in wildcards), bounded like the analyzer's tokens;
    the boundary before the first token is checked after its first character is matched."""
    out = []
    for i, token in enumerate(tokens):
        numeric = token[:1].isdigit()
        body = re.escape(token).replace(r"\*", LETTERS + "*").replace(r"\?", LETTERS)
        if i == 0:
            first = re.escape(token[0])
            body = re.escape(token[1:]).replace(r"\*", LETTERS + "*").replace(r"\?", LETTERS)
            out.append(first + (r"(?<!\d.)(?<!\d\..)" if numeric else f"(?<!{LETTERS}.)"))
        else:
            same = numeric == tokens[i - 1][:1].isdigit()
            out.append(r"[\W_]+" if same else r"[\W_]*")
        out.append(body)
    out.append(r"(?!\d|\.\d)" if tokens[-1][:1].isdigit() else f"(?!{LETTERS})")
    return "".join(out)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def render(text: str, spans: list[tuple[int, int]], offset: int = 0) -> Markup:
    """Escaped text with <mark> around each span (spans relative to `offset`)."""
    out, pos = [], 0
    for start, end in spans:
        start, end = start - offset, end - offset
        if end <= 0 or start >= len(text):
            continue
        start, end = max(start, 0), min(end, len(text))
        out.append(escape(text[pos:start]))
        out.append(Markup("<mark>%s</mark>") % text[start:end])
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def snippets(text: str, words: set[str], phrases: list[tuple[str, ...]], top: int = 3) -> list[Markup]:
    """Up to `top` sentences holding the most distinct marked terms, in document order."""
    spans = mark_spans(text, words, phrases)
    if not spans:
        return []
    bounds, start = [], 0
    for m in SENTENCE_END.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    scored = []
    for i, (s, e) in enumerate(bounds):
        inside = [sp for sp in spans if sp[0] >= s and sp[1] <= e]
        if inside:
            distinct = len({text[a:b].lower() for a, b in inside})
            scored.append((-distinct, -len(inside), i, s, e, inside))
    chosen = sorted(sorted(scored)[:top], key=lambda t: t[2])
    return [_clip(text, s, e, inside) for _, _, _, s, e, inside in chosen]


def _clip(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> Markup:
    """One sentence, cut to MAX_SNIPPET characters around its first mark when it is longer."""
    prefix = suffix = ""
    if end - start > MAX_SNIPPET:
        first = spans[0][0]
        new_start = max(start, first - MAX_SNIPPET // 3)
        new_start = text.find(" ", new_start, first) + 1 if new_start > start else new_start
        new_end = min(end, new_start + MAX_SNIPPET)
        space = text.rfind(" ", spans[0][1], new_end)
        new_end = space if space > 0 and new_end < end else new_end
        prefix, suffix = ("… " if new_start > start else ""), (" …" if new_end < end else "")
        start, end = new_start, new_end
    body = render(text[start:end], [sp for sp in spans if sp[1] <= end], offset=start)
    return Markup(prefix) + body + Markup(suffix)


def excerpt(text: str, length: int = 240) -> Markup:
    """An escaped opening of a text, cut at a word boundary, for hits that matched in another field."""
    if len(text) <= length:
        return escape(text)
    cut = text.rfind(" ", 0, length)
    return escape(text[:cut if cut > 0 else length]) + Markup(" …")
