"""Run a query: one page of hits (one per decision) with snippets, the facets and outcome statistics
over all matches, and the CSV export of a query's hits."""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from itertools import chain
from typing import Iterator

from markupsafe import Markup
from whoosh.query import Term

from ..query import SEARCH_SECONDS, Matches, ParsedQuery, parse_query, ranked, stem_forms
from ..query.match import match
from ..query.suggest import suggest
from ..store import IndexHandle, Live, as_live, decision_url, iso_date
from ..store.rows import header
from .facets import facet_counts
from .ordering import by_date
from .snippets import excerpt, mark_spans, render, snippets
from .statistics import outcome_stats

PAGE_SIZE = 20
SORTS = ("relevance", "newest", "oldest")


@dataclass
class Hit:
    case: str
    decision: int
    item: str
    outcome: str
    specialty: list[str]
    decision_date: str | None
    category: str
    snippets: list[Markup]
    url: str
    letter: str = ""
    item_marked: Markup = Markup("")


@dataclass
class SearchResult:
    query: str
    total: int
    page: int
    pages: int
    sort: str
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    stats: dict
    synonyms: list[str] = field(default_factory=list)
    suggestion: str | None = None

    def to_dict(self) -> dict:
        """The `indexer search --json` / `/api/search` contract."""
        data = asdict(self)
        for hit in data["hits"]:
            hit["snippets"] = [str(s) for s in hit["snippets"]]
            hit.pop("item_marked")
        return data


def search(index: IndexHandle | Live, text: str, page: int = 1, sort: str = "relevance",
           synonyms: bool = True, page_size: int = PAGE_SIZE, seconds: float = SEARCH_SECONDS) -> SearchResult:
    """Parse and run a user query; raises QueryError for a query that cannot run, SearchTimeout for
    one that would run too long."""
    live = as_live(index)
    if sort not in SORTS:
        sort = "relevance"
    forms = stem_forms(live.stems)
    parsed = parse_query(text, forms, use_synonyms=synonyms)
    found = match(live.table, parsed.query, seconds)
    total = found.total
    pages = max(1, math.ceil(total / page_size))
    page = min(max(1, page), pages)
    order = _ordered(live, found, page * page_size, sort)
    with live.searcher() as searcher:
        hits = [_hit(live, searcher, d, parsed) for d in order[(page - 1) * page_size:]]
    has_hits = lambda q: bool(match(live.table, q, seconds).bits)  # noqa: E731
    suggestion = suggest(live.table, parsed, forms, has_hits, synonyms) if total == 0 else None
    facets = facet_counts(live, found.bits)
    stats = outcome_stats(facets["outcome"].get("Upheld", 0), facets["outcome"].get("Overturned", 0))
    return SearchResult(text, total, page, pages, sort, hits, facets, stats, parsed.synonyms, suggestion)


def export(index: IndexHandle | Live, text: str, limit: int, root: str, sort: str = "relevance",
           synonyms: bool = True, seconds: float = SEARCH_SECONDS) -> Iterator[str]:
    """The CSV lines of the first `limit` hits in search order (rows.py), links starting with `root`:
    matched and ordered once (a page at a time would repeat the match per page), each row read as it is
    written. A query that cannot run raises here, before the first line."""
    live = as_live(index)
    parsed = parse_query(text, stem_forms(live.stems), use_synonyms=synonyms)
    found = match(live.table, parsed.query, seconds)
    order = _ordered(live, found, limit, sort if sort in SORTS else "relevance")
    return chain([header()], live.rows.lines(order, root))


def _ordered(live: Live, found: Matches, need: int, sort: str) -> list[int]:
    """The first `need` matches in the order asked: by relevance (newest first among equals) or date."""
    if sort == "relevance":
        return ranked(found, need, lambda bits, n: by_date(live, bits, n, newest=True))
    return by_date(live, found.bits, need, newest=sort == "newest")


def _fields(stored: dict, **more) -> Hit:
    return Hit(case=stored["case"], decision=stored["decision"], item=stored["item"],
               outcome=stored["outcome"].capitalize(), specialty=[s for s in stored["specialty_key"].split("|") if s],
               decision_date=iso_date(stored.get("decided")), category=stored["category"],
               url=decision_url(stored["letter"], stored["decision"]), letter=stored["letter"], **more)


def _hit(live: Live, searcher, docnum: int, parsed: ParsedQuery) -> Hit:
    stored = searcher.stored_fields(docnum)
    marks = snippets(stored["rationale"], *parsed.marks_for("rationale"))
    if not marks:  # the letter's summary is stored once, on its first decision
        first = live.table.first[docnum]
        summary = (stored if first == docnum else searcher.stored_fields(first)).get("summary", "")
        marks = snippets(summary, *parsed.marks_for("summary"), top=2) or [excerpt(stored["rationale"])]
    item = stored["item"]
    return _fields(stored, snippets=marks, item_marked=render(item, mark_spans(item, *parsed.marks_for("item"))))


def get_letter(index: IndexHandle | Live, key: str) -> dict | None:
    """The whole parsed letter stored under a key (case number or file name), or None."""
    with as_live(index).searcher() as searcher:
        for hit in searcher.search(Term("letter", key), limit=None):
            if hit.get("letter_json"):
                return json.loads(hit["letter_json"])
    return None
