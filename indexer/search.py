"""Run a query: one hit per decision with snippets, facets and outcome statistics over all matches."""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from itertools import chain
from typing import Iterator

from markupsafe import Markup
from whoosh.query import Term

from .bitset import members, union
from .guidelines import SOURCE_LABELS
from .matching import SEARCH_SECONDS, Matches, match, ranked
from .postings import SPECIALTY, date_field, key
from .query import ParsedQuery, parse_query, stem_forms
from .rows import header
from .statistics import outcome_stats
from .snippets import excerpt, mark_spans, render, snippets
from .schema import decision_url, iso_date
from .store import IndexHandle, Live, as_live
from .suggest import suggest

PAGE_SIZE = 20
SORTS = ("relevance", "newest", "oldest")
FACETS = ("outcome", "specialty", "category", "guideline", "year")
YEARS, MONTHS = date_field("decided", "y"), date_field("decided", "m")
SORT_WHOLE = 512  # by_date lists and sorts sets up to this size at once
UNDATED = 99999999  # sorts after every YYYYMMDD


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
    found = match(live.postings, parsed.query, seconds)
    total = found.total
    pages = max(1, math.ceil(total / page_size))
    page = min(max(1, page), pages)
    order = _ordered(live, found, page * page_size, sort)
    with live.searcher() as searcher:
        hits = [_hit(live, searcher, d, parsed) for d in order[(page - 1) * page_size:]]
    has_hits = lambda q: match(live.postings, q, seconds).bits != 0  # noqa: E731
    suggestion = suggest(live.postings, parsed, forms, has_hits, synonyms) if total == 0 else None
    facets = _facets(live, found.bits)
    stats = outcome_stats(facets["outcome"].get("Upheld", 0), facets["outcome"].get("Overturned", 0))
    return SearchResult(text, total, page, pages, sort, hits, facets, stats, parsed.synonyms, suggestion)


def export(index: IndexHandle | Live, text: str, limit: int, root: str, sort: str = "relevance",
           synonyms: bool = True, seconds: float = SEARCH_SECONDS) -> Iterator[str]:
    """The CSV lines of the first `limit` hits in search order (rows.py), links starting with `root`:
    matched and ordered once (a page at a time would repeat the match per page), each row read as it is
    written. A query that cannot run raises here, before the first line."""
    live = as_live(index)
    parsed = parse_query(text, stem_forms(live.stems), use_synonyms=synonyms)
    found = match(live.postings, parsed.query, seconds)
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
        first = live.postings.first[docnum]
        summary = (stored if first == docnum else searcher.stored_fields(first)).get("summary", "")
        marks = snippets(summary, *parsed.marks_for("summary"), top=2) or [excerpt(stored["rationale"])]
    item = stored["item"]
    return _fields(stored, snippets=marks, item_marked=render(item, mark_spans(item, *parsed.marks_for("item"))))


def value_sets(live: Live, field: str) -> list[tuple[str, int]]:
    """(value, documents) for every value of a facet field, read once per build (builds never change)."""
    cache = live.cache.setdefault("value_sets", {})
    if field not in cache:
        postings = live.postings
        start = key(field, "")
        cache[field] = [(k[len(start):], postings.bits(k) & postings.universe)
                        for k in postings.keys_from(start, start + "\uffff")]
    return cache[field]


def warm(live: Live) -> None:
    """Load the facet and date sets of a build before its first search needs them, and the sets that
    carry a letter's text (stored on its first decision) to all its decisions."""
    for name in ("outcome", "category", SPECIALTY, "source", YEARS, MONTHS):
        value_sets(live, name)
    live.postings.warm()


def by_date(live: Live, bits: int, need: int, newest: bool = True) -> list[int]:
    """The first `need` documents of a set by decision date (then document order); undated ones last.
    Years are tried before their months, so a set pays a dozen ANDs rather than one per month; a set
    that is wanted whole or is small is listed once and sorted (each listing scans the whole range)."""
    decided = live.postings.decided
    if bits.bit_count() <= max(need, SORT_WHOLE):
        return _date_sorted(members(bits), decided, newest)[:need]
    out: list[int] = []
    for year, months in (reversed(_calendar(live)) if newest else _calendar(live)):
        if not bits & year:
            continue
        for month in (reversed(months) if newest else months):
            part = bits & month
            if part:
                out.extend(_date_sorted(members(part), decided, newest))
                if len(out) >= need:
                    return out[:need]
    undated = live.cache.get("undated")
    if undated is None:
        undated = live.cache["undated"] = live.postings.universe & ~union(s for _, s in value_sets(live, MONTHS))
    return out + members(bits & undated, need - len(out))


def _date_sorted(docs: list[int], decided, newest: bool) -> list[int]:
    """`docs` sorted by date in place (stable: equal dates stay in document order), undated ones last."""
    if newest:
        docs.sort(key=decided.__getitem__, reverse=True)
    else:
        docs.sort(key=lambda d: decided[d] or UNDATED)
    return docs


def _calendar(live: Live) -> list[tuple[int, list[int]]]:
    """(documents of a year, [documents of each of its months]) in ascending order, once per build."""
    if "calendar" not in live.cache:
        months: dict[str, list[int]] = {}
        for month, docs in value_sets(live, MONTHS):
            months.setdefault(month[:4], []).append(docs)
        live.cache["calendar"] = [(docs, months.get(year, [])) for year, docs in value_sets(live, YEARS)]
    return live.cache["calendar"]


def _facets(live: Live, bits: int) -> dict[str, dict[str, int]]:
    """Counts over every match, not just the page; a decision with two specialties counts for each."""
    def counts(field: str, label=lambda v: v) -> dict[str, int]:
        pairs = ((label(v), (bits & s).bit_count()) for v, s in value_sets(live, field)) if bits else ()
        return dict(sorted(((v, n) for v, n in pairs if n), key=lambda vn: (-vn[1], vn[0])))
    years = counts(YEARS)
    return {
        "outcome": counts("outcome", str.capitalize),
        "specialty": counts(SPECIALTY),
        "category": counts("category"),
        "guideline": counts("source", lambda v: SOURCE_LABELS.get(v, v)),
        "year": {y: years[y] for y in sorted(years, reverse=True)},
    }


def get_letter(index: IndexHandle | Live, key: str) -> dict | None:
    """The whole parsed letter stored under a key (case number or file name), or None."""
    with as_live(index).searcher() as searcher:
        for hit in searcher.search(Term("letter", key), limit=None):
            if hit.get("letter_json"):
                return json.loads(hit["letter_json"])
    return None
