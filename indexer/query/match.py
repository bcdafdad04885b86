"""Run a parsed Whoosh query over the match table (indexer.table) as set algebra, and rank the matches.

Words, values, dates, wildcards and two-word phrases are table lookups; longer phrases are ANDs of
their pairs' positions, and proximity shifts and ANDs of the words' positions (table/positions.py),
segment by segment, so every answer is exact. A deadline bounds the work: a search that would run too
long stops with SearchTimeout instead of holding a server thread.
"""
from __future__ import annotations

import fnmatch
import heapq
import math
import time
from dataclasses import dataclass, field

from pyroaring import BitMap
from whoosh import query as wq

from ..errors import QueryError, SearchTimeout
from ..fields import FIELD_BOOSTS, LETTER_FIELDS
from ..table import (
    CASE_PREFIX,
    SEP,
    TableReader,
    date_field,
    documents,
    follow,
    intersection,
    key,
    meets,
    phrase_starts,
    union,
)
from .compile import FIELDS

SEARCH_SECONDS = 5.0
MAX_EXPANSION = 5000  # words a wildcard may stand for
RANKED_CLAUSES = 12


@dataclass
class Matches:
    """Every matching document as a set, plus the weighted clauses that rank them."""

    bits: BitMap
    clauses: list[tuple[BitMap, float]] = field(default_factory=list)  # (documents, weight)

    @property
    def total(self) -> int:
        return len(self.bits)


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
        self.clauses: list[tuple[BitMap, float]] = []

    def eval(self, q: wq.Query, scored: bool) -> BitMap:
        if isinstance(q, wq.And):
            return intersection([self.eval(c, scored) for c in q.subqueries])
        if isinstance(q, wq.Or):
            if all(isinstance(c, wq.Term) for c in q.subqueries) and len({c.fieldname for c in q.subqueries}) == 1:
                words = self.p.bits_any([_term_key(c) for c in q.subqueries])  # a word's forms, or synonyms
                return self._scored(q.subqueries[0].fieldname, words, scored)
            return union([self.eval(c, scored) for c in q.subqueries])
        if isinstance(q, wq.AndNot):
            positive = self.eval(q.a, scored)
            return positive - self.eval(q.b, False) if positive else BitMap()
        if isinstance(q, wq.Not):
            return self.p.universe - self.eval(q.query, False)
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
            return BitMap()
        raise TypeError(f"the match table cannot answer {type(q).__name__} queries")

    def _scored(self, fieldname: str, bits: BitMap, scored: bool) -> BitMap:
        boost = FIELD_BOOSTS.get(fieldname)
        if scored and bits and boost:
            idf = math.log(1 + self.p.size / (1 + len(bits)))
            self.clauses.append((bits, boost * idf))
        return bits

    def _term(self, q: wq.Term) -> BitMap:
        return self.p.bits(_term_key(q))

    def _phrase(self, q: wq.Phrase) -> BitMap:
        """Words in order: a two-word phrase is its pair's key (which also proves any looser `~N`);
        a longer exact phrase is checked on its pairs' positions in the documents holding all its
        pairs; `~N` on the words' positions in the documents holding all its words."""
        tokens, field = list(q.words), q.fieldname
        if len(tokens) == 1:
            return self.p.bits(key(field, tokens[0]))
        pairs = [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
        adjacent = intersection([self.p.bits(key(field, pair)) for pair in pairs])
        if q.slop <= 1:
            return adjacent if len(tokens) == 2 or not adjacent else self._exact(field, pairs, adjacent)
        sure = adjacent if len(tokens) == 2 else BitMap()
        rest = intersection([self.p.bits(key(field, t)) for t in tokens]) - sure
        return sure | self._near(field, tokens, q.slop, rest) if rest else sure

    def _exact(self, field: str, pairs: list[str], candidates: BitMap) -> BitMap:
        """Documents of `candidates` where the pairs stand one after another (table/positions.py):
        pairs at every other place, and the last one, cover the phrase."""
        cover = list(range(0, len(pairs), 2))
        if cover[-1] != len(pairs) - 1:
            cover.append(len(pairs) - 1)
        found = []
        for segment in self.p.segments:
            if segment.holds(candidates):
                parts = [(offset, segment.places_of(key(field, pairs[offset]))) for offset in cover]
                if all(places for _, places in parts):
                    found.append(documents(phrase_starts(parts), segment.strides[field], segment.base))
                self._check_deadline()
        return self._spread(field, union(found))

    def _near(self, field: str, tokens: list[str], slop: int, candidates: BitMap) -> BitMap:
        """Documents of `candidates` where each word stands 1 to `slop` words after the one before."""
        found = []
        for segment in self.p.segments:
            if not segment.holds(candidates):
                continue
            at = segment.places_of(key(field, tokens[0]))
            for n, token in enumerate(tokens[1:], start=2):
                if not at:
                    break
                step = meets if n == len(tokens) else follow  # the last step's documents are all that count
                at = step(at, segment.places_of(key(field, token)), slop)
                self._check_deadline()
            found.append(documents(at, segment.strides[field], segment.base))
        return self._spread(field, union(found))

    def _spread(self, field: str, docs: BitMap) -> BitMap:
        """A letter's text matched in some of its decisions is held by all of them."""
        return self.p.whole_letters(self.p.letters_of(docs)) if field in LETTER_FIELDS and docs else docs

    def _check_deadline(self) -> None:
        if time.monotonic() > self.deadline:
            raise SearchTimeout("the search took too long; narrow it with more words or a field filter")

    def _expand(self, q: wq.Query) -> BitMap:
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

    def _range(self, fieldname: str, start: int | None, end: int | None) -> BitMap:
        """Dates as the fewest year, month and day sets that cover [start, end] exactly."""
        lo, hi = str(start or "00000000"), str(end or "99999999")
        year, month, day = (date_field(fieldname, level) for level in "ymd")
        bits = BitMap()
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
