"""Run a query: one hit per decision with snippets, facets and outcome statistics over all matches."""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import asdict, dataclass, field

from markupsafe import Markup
from whoosh.query import Term

from .guidelines import SOURCE_LABELS
from .query import ParsedQuery, parse_query, stem_forms
from .snippets import excerpt, mark_spans, render, snippets
from .schema import FACET_COLUMNS, decision_url, iso_date
from .store import IndexHandle, Live, as_live
from .suggest import suggest

PAGE_SIZE = 20
SORTS = ("relevance", "newest", "oldest")
FACETS = ("outcome", "specialty", "category", "guideline", "year")
FEW_DECISIONS = 30


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


def outcome_stats(upheld: int, overturned: int) -> dict:
    """Counts and the overturn rate with its 95% Wilson interval; a warning when too few to rely on."""
    n = upheld + overturned
    stats = {"decisions": n, "upheld": upheld, "overturned": overturned,
             "overturn_rate": None, "ci_low": None, "ci_high": None, "warning": None}
    if n:
        z, p = 1.959964, overturned / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        stats.update(overturn_rate=round(p, 4), ci_low=round(max(0.0, centre - half), 4),
                     ci_high=round(min(1.0, centre + half), 4))
    if n < FEW_DECISIONS:
        stats["warning"] = f"only {n} decisions: too few to rely on this rate"
    return stats


def search(index: IndexHandle | Live, text: str, page: int = 1, sort: str = "relevance",
           synonyms: bool = True, page_size: int = PAGE_SIZE) -> SearchResult:
    """Parse and run a user query; raises QueryError for a query that cannot run."""
    live = as_live(index)
    if sort not in SORTS:
        sort = "relevance"
    forms = stem_forms(live.stems)
    parsed = parse_query(text, forms, use_synonyms=synonyms)
    with live.searcher() as searcher:
        matched = list(searcher.docs_for_query(parsed.query))
        total = len(matched)
        pages = max(1, math.ceil(total / page_size))
        page = min(max(1, page), pages)
        kwargs = {"sortedby": "decided", "reverse": sort == "newest"} if sort != "relevance" else {}
        results = searcher.search(parsed.query, limit=page * page_size, **kwargs)
        hits = [_hit(h.fields(), parsed) for h in results[(page - 1) * page_size:page * page_size]]
        facets = _facets(live, searcher, matched)
        suggestion = suggest(searcher, parsed, forms, synonyms) if total == 0 else None
    stats = outcome_stats(facets["outcome"].get("Upheld", 0), facets["outcome"].get("Overturned", 0))
    return SearchResult(text, total, page, pages, sort, hits, facets, stats, parsed.synonyms, suggestion)


def _hit(stored: dict, parsed: ParsedQuery) -> Hit:
    marks = snippets(stored["rationale_text"], *parsed.marks_for("rationale"))
    if not marks:
        marks = snippets(stored["summary_text"], *parsed.marks_for("summary"), top=2) or [excerpt(stored["rationale_text"])]
    item = stored["item"]
    return Hit(case=stored["case"], decision=stored["decision"], item=item,
               outcome=stored["outcome"].capitalize(), specialty=[s for s in stored["specialty_key"].split("|") if s],
               decision_date=iso_date(stored.get("decided")),
               category=stored["category"], snippets=marks, url=decision_url(stored["letter"], stored["decision"]),
               letter=stored["letter"], item_marked=render(item, mark_spans(item, *parsed.marks_for("item"))))


def _columns(live: Live, searcher) -> dict[str, list]:
    """Facet values of every document, read once per build (the index never changes under a build)."""
    columns = live.cache.get("columns")
    if columns is None:
        reader = searcher.reader()
        columns = {name: list(reader.column_reader(name)) for name in FACET_COLUMNS}
        live.cache["columns"] = columns
    return columns


def _facets(live: Live, searcher, matched: list[int]) -> dict[str, dict[str, int]]:
    """Counts over every match, not just the page; multi-valued fields count each value once."""
    cols = _columns(live, searcher)
    outcome = Counter(cols["outcome"][d] for d in matched)
    category = Counter(cols["category"][d] for d in matched)
    years = Counter(cols["decided"][d] // 10000 for d in matched)
    specialty: Counter = Counter()
    source: Counter = Counter()
    for d in matched:
        specialty.update(v for v in _text(cols["specialty_key"][d]).split("|") if v)
        source.update(v for v in _text(cols["source_key"][d]).split("|") if v)
    return {
        "outcome": {_text(k).capitalize(): v for k, v in outcome.most_common()},
        "specialty": dict(specialty.most_common()),
        "category": {_text(k): v for k, v in category.most_common()},
        "guideline": {SOURCE_LABELS.get(k, k): v for k, v in source.most_common()},
        "year": {str(y): v for y, v in sorted(years.items(), reverse=True) if y},
    }


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else (value or "")


def get_letter(index: IndexHandle | Live, key: str) -> dict | None:
    """The whole parsed letter stored under a key (case number or file name), or None."""
    with as_live(index).searcher() as searcher:
        for hit in searcher.search(Term("letter", key), limit=None):
            if hit.get("letter_json"):
                return json.loads(hit["letter_json"])
    return None
