"""User query -> Whoosh query: fields and aliases, word forms, synonyms, dates, validation."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable

from whoosh import query as wq

from ..analysis import is_stopword, stem_word, words
from ..errors import QueryError
from ..table import MAX_SLOP, SHORTEST_CASE_PREFIX
from ..terms import CATEGORIES, SOURCES, synonyms_of
from .syntax import Group, Not, Parser, Phrase, Prefix, Value, Word

TEXT = {"item": "item", "rationale": "rationale", "summary": "summary", "guideline": "guideline",
        "specialty": "specialty", "licensure": "licensure", "treatment": "treatment", "section": "section"}
VALUES = ("outcome", "category", "source", "case", "decided", "injured")
ALIASES = {"items": "item", "request": "item", "reason": "rationale", "rationales": "rationale",
           "guidelines": "guideline", "specialties": "specialty", "spec": "specialty", "state": "licensure",
           "license": "licensure", "result": "outcome", "cat": "category", "date": "decided",
           "doi": "injured", "injury": "injured", "casenumber": "case", "sections": "section"}
FIELDS = tuple(TEXT) + VALUES
DEFAULT_FIELDS = ("item", "rationale", "summary")  # bare words; item weighted highest in the schema
OUTCOME_VALUES = ("upheld", "overturned")


@dataclass
class ParsedQuery:
    """A runnable query plus what the results page shows about it."""

    text: str
    query: wq.Query
    synonyms: list[str] = field(default_factory=list)  # "norco: hydrocodone, vicodin"
    # What to mark in each field's text: field -> (words, phrases); bare words are marked everywhere.
    marks: dict[str, tuple[set[str], list[tuple[str, ...]]]] = field(default_factory=dict)
    bare_words: list[str] = field(default_factory=list)  # candidates for "did you mean"

    def marks_for(self, name: str) -> tuple[set[str], list[tuple[str, ...]]]:
        """Words and phrases to mark in a field: those queried in it plus the bare ones."""
        words, phrases = self.marks.get(name, (set(), []))
        bare_words, bare_phrases = self.marks.get("*", (set(), []))
        return words | bare_words, phrases + bare_phrases

    def _mark(self, fields, words=(), phrase=None) -> None:
        key = fields[0] if len(fields) == 1 else "*"
        entry = self.marks.setdefault(key, (set(), []))
        entry[0].update(words)
        if phrase:
            entry[1].append(phrase)


def field_kind(name: str) -> tuple[str, str]:
    """Canonical field and its kind for a name users type; an unknown name is a QueryError."""
    name = ALIASES.get(name.lower(), name.lower())
    if name in TEXT:
        return name, "text"
    if name in VALUES:
        return name, "value"
    raise QueryError(f'Unrecognized field "{name}"', FIELDS)


def parse_query(text: str, forms: Callable[[str], list[str]] = lambda w: [w],
                use_synonyms: bool = True) -> ParsedQuery:
    """Parse what a user typed; `forms` gives the indexed forms of a word (its stem group)."""
    tree = Parser(text, field_kind, FIELDS).parse()
    out = ParsedQuery(text, wq.NullQuery)
    builder = _Builder(out, forms, use_synonyms)
    q = builder.build(tree)
    if q is None:
        raise QueryError("nothing to search for: only common words or operators", FIELDS)
    if isinstance(q, wq.Not):
        q = wq.AndNot(wq.Every(), q.query)
    out.query = q
    return out


class _Builder:
    def __init__(self, out: ParsedQuery, forms, use_synonyms: bool):
        self.out, self.forms, self.use_synonyms = out, forms, use_synonyms

    def build(self, node) -> wq.Query | None:
        if isinstance(node, Group):
            return self._group(node)
        if isinstance(node, Not):
            child = self.build(node.child)
            return wq.Not(child) if child is not None else None
        if isinstance(node, Value):
            return _value_query(node)
        fields = (TEXT[node.field],) if node.field else DEFAULT_FIELDS
        if isinstance(node, Prefix):
            return self._prefix(node, fields)
        if isinstance(node, Phrase):
            return self._phrase(node, fields)
        return self._word(node, fields)

    def _group(self, node: Group) -> wq.Query | None:
        parts = [q for q in (self.build(c) for c in node.children) if q is not None]
        if not parts:
            return None
        if node.op == "or":
            return wq.Or(parts) if len(parts) > 1 else parts[0]
        positive = [q for q in parts if not isinstance(q, wq.Not)]
        negative = [q.query for q in parts if isinstance(q, wq.Not)]
        if not positive:
            return wq.Not(wq.Or(negative)) if len(negative) > 1 else parts[0]
        q = wq.And(positive) if len(positive) > 1 else positive[0]
        for neg in negative:
            q = wq.AndNot(q, neg)
        return q

    def _word(self, node: Word, fields) -> wq.Query | None:
        tokens = words(node.text)
        if not tokens:
            return None
        if len(tokens) == 1 and is_stopword(tokens[0]) and node.field is None:
            return None
        alternatives = [self._text_query(tokens, fields, stem=True)]
        if self.use_synonyms:
            alts = synonyms_of(" ".join(tokens))
            if alts:
                self.out.synonyms.append(f"{' '.join(tokens)}: {', '.join(alts)}")
                alternatives += [self._text_query(words(a), fields, stem=False) for a in alts if words(a)]
        if node.field is None and len(tokens) == 1:
            self.out.bare_words.append(tokens[0])
        return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)

    def _text_query(self, tokens: list[str], fields, stem: bool) -> wq.Query:
        """One word (all its forms) or a multi-token word ("10/325mg") as a phrase, in each field."""
        if len(tokens) == 1:
            variants = self.forms(tokens[0]) if stem else [tokens[0]]
            self.out._mark(fields, variants)
            per_field = [wq.Or([wq.Term(f, v) for v in variants]) if len(variants) > 1 else wq.Term(f, variants[0])
                         for f in fields]
        else:
            self.out._mark(fields, phrase=tuple(tokens))
            per_field = [wq.Phrase(f, tokens) for f in fields]
        return wq.Or(per_field) if len(per_field) > 1 else per_field[0]

    def _phrase(self, node: Phrase, fields) -> wq.Query | None:
        tokens = words(node.text)
        if not tokens:
            return None
        if node.slop > MAX_SLOP:
            raise QueryError(f'"{node.text}"~{node.slop}: at most {MAX_SLOP} words may come between', FIELDS)
        if len(tokens) == 1:
            self.out._mark(fields, [tokens[0]])
            per_field = [wq.Term(f, tokens[0]) for f in fields]
        else:
            self.out._mark(fields, phrase=tuple(tokens))
            per_field = [wq.Phrase(f, tokens, slop=node.slop + 1) for f in fields]
        return wq.Or(per_field) if len(per_field) > 1 else per_field[0]

    def _prefix(self, node: Prefix, fields) -> wq.Query:
        text = node.text.lower()
        if re.fullmatch(r"[^*?]+\*", text):
            per_field = [wq.Prefix(f, text[:-1]) for f in fields]
        else:
            per_field = [wq.Wildcard(f, text) for f in fields]
        self.out._mark(fields, [text])
        return wq.Or(per_field) if len(per_field) > 1 else per_field[0]


def _value_query(node: Value) -> wq.Query:
    text = node.text.strip()
    if node.field == "outcome":
        match = [v for v in OUTCOME_VALUES if v.startswith(text.lower())] if len(text) >= 2 else []
        if len(match) != 1:
            raise QueryError(f'outcome:{text} is not an outcome; use outcome:upheld or outcome:overturned', FIELDS)
        return wq.Term("outcome", match[0])
    if node.field == "category":
        keys = [k for k, _ in CATEGORIES]
        match = [k for k in keys if k == text.lower()] or [k for k in keys if k.startswith(text.lower()) and text]
        if len(match) != 1:
            raise QueryError(f'category:{text} is not a category; categories: {", ".join(keys)}', FIELDS)
        return wq.Term("category", match[0])
    if node.field == "source":
        match = [k for k in SOURCES if k == text.lower()]
        if not match:
            raise QueryError(f'source:{text} is not a guideline source; sources: {", ".join(SOURCES)}', FIELDS)
        return wq.Term("source", match[0])
    if node.field == "case":
        case = text.upper()
        if case.endswith("*") and len(case) > SHORTEST_CASE_PREFIX:
            return wq.Prefix("case", case[:-1])
        return wq.Term("case", case)
    low, high = date_range(text, node.field)
    return wq.NumericRange(node.field, low, high)


_DATE = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?|\d{1,2}/\d{1,2}/\d{4}"


def date_range(text: str, name: str) -> tuple[int | None, int | None]:
    """`2016`, `2016-12`, `2016-12-01`, `A..B`, `>=A`, `<A`... as inclusive YYYYMMDD numbers."""
    m = re.fullmatch(rf"(?P<op>>=|<=|>|<)?(?P<a>{_DATE})?(?:(?P<dots>\.\.)(?P<b>{_DATE})?)?", text)
    if not m or not (m["a"] or m["b"]) or (m["op"] and (m["dots"] or not m["a"])):
        raise QueryError(f'cannot read the date in {name}:{text}; use {name}:2016, {name}:2016-12, '
                         f'{name}:2016-12-01..2017-01-31 or {name}:>=2017-01-01', FIELDS)
    first, last = _day_span(m["a"], name) if m["a"] else (None, None)
    if m["dots"]:
        end = _day_span(m["b"], name)[1] if m["b"] else None
        if first and end and first > end:
            raise QueryError(f"{name}:{text}: the range ends before it starts", FIELDS)
        return first, end
    op = m["op"]
    if op == ">=":
        return first, None
    if op == ">":
        return _next_day(last), None
    if op == "<=":
        return None, last
    if op == "<":
        return None, _previous_day(first)
    return first, last


def _day_span(text: str, name: str) -> tuple[int, int]:
    try:
        if "/" in text:
            month, day, year = (int(p) for p in text.split("/"))
            parts = [year, month, day]
        else:
            parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            start, end = dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        elif len(parts) == 2:
            start = dt.date(parts[0], parts[1], 1)
            end = (dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1) - dt.timedelta(days=1))
        else:
            start = end = dt.date(*parts)
    except ValueError:
        raise QueryError(f'{name}:{text} is not a real date', FIELDS) from None
    return _num(start), _num(end)


def _num(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def _next_day(n: int) -> int:
    return _num(dt.date(n // 10000, n // 100 % 100, n % 100) + dt.timedelta(days=1))


def _previous_day(n: int) -> int:
    return _num(dt.date(n // 10000, n // 100 % 100, n % 100) - dt.timedelta(days=1))


def stem_forms(table: dict[str, list[str]]) -> Callable[[str], list[str]]:
    """A `forms` function over the stem table a build wrote: a word and its other indexed forms."""
    def forms(word: str) -> list[str]:
        group = table.get(stem_word(word)) if word.isalpha() else None
        return sorted(set(group) | {word}) if group else [word]
    return forms
