"""Run a parsed Whoosh query over the match table (indexer.table) as set algebra, and rank the matches.

Words, values, dates, wildcards and phrases of up to three words are table lookups; longer phrases and
proximity are shifts and ANDs over the words' position sets (table/positions.py), so every answer is exact.
A deadline bounds the work: a search that would run too long stops with SearchTimeout instead of
holding a server thread.
"""
from __future__ import annotations

import fnmatch
import heapq
import math
import time
from dataclasses import dataclass, field

from whoosh import query as wq

from ..errors import QueryError, SearchTimeout
from ..fields import FIELD_BOOSTS, LETTER_FIELDS
from ..table import (
    CASE_PREFIX,
    GRAM,
    SEP,
    TableReader,
    date_field,
    documents_at,
    from_ids,
    intersection,
    key,
    step,
    union,
)
from .compile import FIELDS

SEARCH_SECONDS = 5.0
MAX_EXPANSION = 5000  # words a wildcard may stand for
RANKED_CLAUSES = 12


@dataclass
class Matches:
    """Every matching document as a set, plus the weighted clauses that rank them."""

    bits: int
    clauses: list[tuple[int, float]] = field(default_factory=list)  # (documents, weight)

    @property
    def total(self) -> int:
        return self.bits.bit_count()


def match(table: TableReader, q: wq.Query, seconds: float = SEARCH_SECONDS) -> Matches:
    """The exact set of live documents matching `q`; raises SearchTimeout past the deadline."""
    run = _Run(table, time.monotonic() + seconds)
    bits = run.eval(q, scored=True) & table.universe
    return Matches(bits, run.clauses)


def _term_key(q: wq.Term) -> str:
    text = q.text.decode("utf-8") if isinstance(q.text, bytes) else str(q.text)
    return key(q.fieldname, text)


class _Run:
    def __init__(self, table: TableReader, deadline: float):
        self.p, self.deadline = table, deadline
        self.clauses: list[tuple[int, float]] = []

    def eval(self, q: wq.Query, scored: bool) -> int:
        if isinstance(q, wq.And):
            return intersection([self.eval(c, scored) for c in q.subqueries])
        if isinstance(q, wq.Or):
            if all(isinstance(c, wq.Term) for c in q.subqueries) and len({c.fieldname for c in q.subqueries}) == 1:
                words = self.p.bits_any([_term_key(c) for c in q.subqueries])  # a word's forms, or synonyms
                return self._scored(q.subqueries[0].fieldname, words, scored)
            return union([self.eval(c, scored) for c in q.subqueries])
        if isinstance(q, wq.AndNot):
            positive = self.eval(q.a, scored)
            return positive & ~self.eval(q.b, False) if positive else 0
        if isinstance(q, wq.Not):
            return self.p.universe & ~self.eval(q.query, False)
        if isinstance(q, wq.Every):
            return self.p.universe
        if isinstance(q, wq.Term):
            return self._scored(q.fieldname, self._term(q), scored)
        if isinstance(q, wq.Phrase):
            return self._scored(q.fieldname, self._phrase(q), scored)
        if isinstance(q, (wq.Prefix, wq.Wildcard)):
            return self._scored(q.fieldname, self._expand(q), scored)
        if isinstance(q, wq.NumericRange):
            return self._range(q.fieldname, q.start, q.end)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return 0
        raise TypeError(f"the match table cannot answer {type(q).__name__} queries")

    def _scored(self, fieldname: str, bits: int, scored: bool) -> int:
        boost = FIELD_BOOSTS.get(fieldname)
        if scored and bits and boost:
            idf = math.log(1 + self.p.size / (1 + bits.bit_count()))
            self.clauses.append((bits, boost * idf))
        return bits

    def _term(self, q: wq.Term) -> int:
        return self.p.bits(_term_key(q))

    def _phrase(self, q: wq.Phrase) -> int:
        tokens, field = list(q.words), q.fieldname
        if len(tokens) == 1:
            return self.p.bits(key(field, tokens[0]))
        n = min(GRAM, len(tokens))
        runs = [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        adjacent = intersection([self.p.bits(key(field, run)) for run in runs])
        sure = adjacent if len(tokens) <= GRAM else 0  # the runs prove the whole phrase, near enough for any slop
        if q.slop <= 1 and (sure or not adjacent):
            return adjacent
        if q.slop > 1 and not intersection([self.p.bits(key(field, t)) for t in tokens]) & ~sure:
            return sure
        return self._near(field, tokens, max(1, q.slop))

    def _near(self, field: str, tokens: list[str], slop: int) -> int:
        """Documents where each word stands 1 to `slop` words after the one before (table/positions.py)."""
        at = self.p.places(field, tokens[0])
        for token in tokens[1:]:
            if not at:
                return 0
            at = step(at, self.p.places(field, token), slop)
        if time.monotonic() > self.deadline:
            raise SearchTimeout("the search took too long; narrow it with more words or a field filter")
        docs = from_ids(documents_at(at, self.p.bases[field]), self.p.size)
        if field in LETTER_FIELDS:  # the letter's text is on its first decision: all its decisions hold it
            return self.p.whole_letters(docs)
        return docs

    def _expand(self, q: wq.Query) -> int:
        text = q.text
        literal = text.split("*")[0].split("?")[0]
        if q.fieldname == "case" and isinstance(q, wq.Prefix):
            return self.p.bits(key(CASE_PREFIX, literal)) | self.p.bits(key("case", literal))
        start = key(q.fieldname, literal)
        words = [k for k in self.p.keys_from(start, start + "\uffff") if " " not in k]
        if isinstance(q, wq.Wildcard):
            words = [k for k in words if fnmatch.fnmatchcase(k.split(SEP, 1)[1], text)]
        if len(words) > MAX_EXPANSION:
            raise QueryError(f'{q.fieldname}:{text} stands for {len(words):,} different words; '
                             f'type more letters before the *', FIELDS)
        return self.p.bits_any(words)

    def _range(self, fieldname: str, start: int | None, end: int | None) -> int:
        """Dates as the fewest year, month and day sets that cover [start, end] exactly."""
        lo, hi = str(start or "00000000"), str(end or "99999999")
        year, month, day = (date_field(fieldname, level) for level in "ymd")
        bits = 0
        for year_key in self.p.keys_from(key(year, lo[:4]), key(year, hi[:4]) + "\0"):
            y = year_key.split(SEP)[1]
            if lo <= y + "0101" and y + "1231" <= hi:
                bits |= self.p.bits(year_key)
                continue
            for month_key in self.p.keys_from(key(month, y), key(month, y) + "\uffff"):
                m = month_key.split(SEP)[1]
                if lo <= m + "01" and m + "31" <= hi:
                    bits |= self.p.bits(month_key)
                    continue
                first, last = max(lo, m + "01"), min(hi, m + "31")
                for day_key in self.p.keys_from(key(day, first), key(day, last) + "\0"):
                    bits |= self.p.bits(day_key)
        return bits

def ranked(matches: Matches, need: int, by_date) -> list[int]:
    """The `need` best documents: the most (and weightiest) clauses first, newest first among equals."""
    return [d for d, _ in scored(matches, need, by_date)]


def scored(matches: Matches, need: int, by_date) -> list[tuple[int, float]]:
    """ranked() with each document's score: the summed weight of the (up to RANKED_CLAUSES heaviest)
    clauses it holds.

    Best-first search over the clauses: each step splits a set into the documents that have the next
    clause and those that lack it, so only the branches that reach the first page are ever split.
    """
    clauses = sorted(matches.clauses, key=lambda c: -c[1])[:RANKED_CLAUSES]
    left = [sum(w for _, w in clauses[i:]) for i in range(len(clauses) + 1)]
    heap = [(-left[0], 0, 0, 0.0, matches.bits)]
    tick, out = 1, []
    while heap and len(out) < need:
        _, _, depth, score, bits = heapq.heappop(heap)
        if depth == len(clauses):
            out.extend((d, score) for d in by_date(bits, need - len(out)))
            continue
        has = bits & clauses[depth][0]
        lacks = bits ^ has
        for part, gain in ((has, clauses[depth][1]), (lacks, 0.0)):
            if part:
                heapq.heappush(heap, (-(score + gain + left[depth + 1]), tick, depth + 1, score + gain, part))
                tick += 1
    return out
