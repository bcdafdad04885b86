"""JSON and CSV: the `indexer search --json` contract, whole letters with precedents, a CSV export."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context

from indexer.matching import SEARCH_SECONDS
from indexer.search import export

from . import present
from .views import decision_precedents

bp = Blueprint("api", __name__)
CSV_COLUMNS = ("case", "decision", "date", "item", "outcome", "specialty", "category", "url")
CSV_LIMIT = 10_000
CSV_CHUNK = 500  # rows per piece sent: the first rows go out at once, memory stays small
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@bp.route("/api/search")
def api_search():
    result = present.run_search(present.search_args())
    return jsonify(result.to_dict())


@bp.route("/api/case/<key>")
def api_case(key: str):
    live = present.live()
    letter = present.letter_or_404(live, key)
    for n, decision in enumerate(letter["decisions"], start=1):
        decision["precedents"] = decision_precedents(live, key, n)
    return jsonify(letter)


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula (a leading ' neutralises = + - @)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@bp.route("/search.csv")
def search_csv():
    """Every hit (up to 10,000) as CSV rows, streamed: matched once, rows written as records are read."""
    args = present.search_args()
    seconds = current_app.config.get("SEARCH_SECONDS", SEARCH_SECONDS)
    # a query that cannot run is a 400 (or a 503) here, before any row is sent; one build snapshot throughout
    hits = export(present.live(), args["q"], CSV_LIMIT, sort=args["sort"], synonyms=args["synonyms"], seconds=seconds)
    root = request.url_root.rstrip("/")

    def rows():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for n, hit in enumerate(hits, start=1):
            writer.writerow([safe_cell(v) for v in (
                hit.case or hit.letter, hit.decision, hit.decision_date or "", hit.item, hit.outcome,
                "; ".join(hit.specialty), hit.category, root + hit.url)])
            if n % CSV_CHUNK == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return Response(stream_with_context(rows()), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="imr-search.csv"'})
