"""Reference implementations the tests check the library against, written out independently of it:
the Wilson interval, and a plain positional Whoosh index of the same letters that answers queries the
way Whoosh alone would.
"""
from __future__ import annotations

import math

from whoosh import query as wq
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from indexer.analysis import exact_analyzer
from indexer.fields import VALUE_FIELDS, WORD_FIELDS
from indexer.letters import parse_file
from indexer.store import documents, read_manifest


def wilson(overturned: int, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval, written out independently of indexer.search.statistics."""
    z, p = 1.959964, overturned / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)


def whoosh_matches(handle, q):
    """A plain positional Whoosh index of the same letters answers each leaf; AND/OR/NOT are plain set
    algebra over those answers (Whoosh's own AndNot matcher lets matches through when its right side
    holds phrases). Answers are mapped to the build's document numbers through the decision ids."""
    searcher, ours = _reference_index(handle.live())
    return sorted(ours[searcher.stored_fields(d)["id"]] for d in _reference(searcher, q))


_REFERENCES: dict = {}


def _reference_index(live):
    """Every letter of the build re-parsed from its file into an in-memory Whoosh index with the
    searchable schema of old: words with positions, exact values, dates as numbers."""
    if live.build not in _REFERENCES:
        fields = dict(id=ID(stored=True, unique=True), letter=ID(stored=True), source=KEYWORD(commas=True, lowercase=True),
                      decided=NUMERIC(int, signed=False, stored=True), injured=NUMERIC(int, signed=False, stored=True))
        fields.update((name, ID()) for name in VALUE_FIELDS)
        fields.update((name, TEXT(analyzer=exact_analyzer())) for name in WORD_FIELDS)
        ix = RamStorage().create_index(Schema(**fields))
        with ix.writer() as writer:
            for path, entry in read_manifest(live.build)["files"].items():
                for doc in documents(parse_file(path), entry["hash"]):
                    writer.add_document(**{k: v for k, v in doc.items() if k in fields})
        with live.searcher() as s:
            ours = {s.stored_fields(d)["id"]: d for d in s.reader().all_doc_ids()}
        _REFERENCES[live.build] = (ix.searcher(), ours)
    return _REFERENCES[live.build]


def _reference(s, q) -> set[int]:
    if isinstance(q, wq.And):
        return set.intersection(*(_reference(s, c) for c in q.subqueries))
    if isinstance(q, wq.Or):
        return set.union(*(_reference(s, c) for c in q.subqueries))
    if isinstance(q, wq.AndNot):
        return _reference(s, q.a) - _reference(s, q.b)
    if isinstance(q, wq.Not):
        return set(s.reader().all_doc_ids()) - _reference(s, q.query)
    if isinstance(q, wq.NumericRange) and not (q.start and q.end):  # Whoosh's open-ended ranges match everything
        low, high = q.start or 1, q.end or 99999999
        return {d for d in s.reader().all_doc_ids() if low <= (s.stored_fields(d).get(q.fieldname) or 0) <= high}
    found = set(s.docs_for_query(q))
    if getattr(q, "fieldname", None) == "summary":  # held by a letter's first decision, true of all of them
        letters = {s.stored_fields(d)["letter"] for d in found}
        found = {d for d in s.reader().all_doc_ids() if s.stored_fields(d)["letter"] in letters}
    return found
