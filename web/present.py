"""Presentation helpers shared by the views: request arguments, facet clauses, citations, the SVG bar."""
from __future__ import annotations

import datetime as dt

from flask import abort, current_app, request
from markupsafe import Markup

from indexer.query import SEARCH_SECONDS
from indexer.search import SORTS, SearchResult, get_letter, search
from indexer.store import IndexHandle, Live
from indexer.terms import SOURCE_LABELS

MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


def live() -> Live:
    """The live build of this app's index; raises IndexMissing (a 503) when there is none."""
    handle: IndexHandle = current_app.extensions["imr_index"]
    return handle.live()


def search_args() -> dict:
    """q, page, sort and synonyms from the query string; bad page numbers fall back to 1."""
    try:
        page = int(request.args.get("page", "1"))
    except ValueError:
        page = 1
    sort = request.args.get("sort", "relevance")
    return {"q": request.args.get("q", "").strip(), "page": max(1, page),
            "sort": sort if sort in SORTS else "relevance",
            "synonyms": request.args.get("synonyms", "on") != "off"}


def run_search(args: dict, **options) -> SearchResult:
    """The search the request's arguments ask for (page, sort and synonyms unless overridden)."""
    options = {"page": args["page"], "sort": args["sort"], "synonyms": args["synonyms"],
               "seconds": current_app.config.get("SEARCH_SECONDS", SEARCH_SECONDS)} | options
    return search(live(), args["q"], **options)


def letter_or_404(snapshot: Live, key: str) -> dict:
    """The stored letter under a key, or a 404 saying which key was not found."""
    letter = get_letter(snapshot, key)
    if letter is None:
        abort(404, description=f"No letter with the key {key}.")
    return letter


def facet_clause(name: str, value: str) -> str | None:
    """The query clause that narrows results to one facet value, or None when none can."""
    if name == "outcome":
        return f"outcome:{value.lower()}"
    if name == "category":
        return f"category:{value}"
    if name == "year":
        return f"decided:{value}"
    if name == "specialty":
        return f'specialty:"{value}"' if '"' not in value else None
    if name == "guideline":  # the facet shows labels ("MTUS", "No citation"); source: takes keys
        key = {label.lower(): k for k, label in SOURCE_LABELS.items()}.get(value.lower())
        return f"source:{key}" if key else None
    return None


def long_date(iso: str | None) -> str:
    """'2017-01-09' -> 'Jan. 9, 2017' (the style of a citation)."""
    if not iso:
        return ""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def citation(letter: dict, number: int, decision: dict) -> str:
    """`IMR CM16-0230651 (decided Jan. 9, 2017), item 2: Ultram 50mg #60 — Upheld`."""
    name = letter.get("case_number") or letter["key"]
    decided = long_date(letter.get("decision_date"))
    when = f" (decided {decided})" if decided else ""
    return f"IMR {name}{when}, item {number}: {decision['item']} \u2014 {decision['outcome']}"


def outcome_bar(stats: dict, width: int = 240, height: int = 18) -> Markup:
    """An upheld-vs-overturned bar drawn as SVG; colours come from classes in style.css (CSP-safe)."""
    total = stats["decisions"]
    if not total:
        return Markup("")
    upheld_w = round(width * stats["upheld"] / total)
    label = f"{stats['upheld']} upheld, {stats['overturned']} overturned"
    return Markup(
        '<svg class="bar" role="img" aria-label="{label}" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
        '<title>{label}</title>'
        '<rect class="bar-upheld" x="0" y="0" width="{uw}" height="{h}"></rect>'
        '<rect class="bar-overturned" x="{uw}" y="0" width="{ow}" height="{h}"></rect></svg>'
    ).format(label=label, w=width, h=height, uw=upheld_w, ow=width - upheld_w)


def percent(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.0f}%"
