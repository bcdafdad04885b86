"""JSON and CSV: the `indexer search --json` contract, whole letters with precedents, a CSV export."""
from __future__ import annotations

from itertools import islice

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context

from indexer.query import SEARCH_SECONDS
from indexer.search import export

from . import present
from .views import decision_precedents

bp = Blueprint("api", __name__)
CSV_LIMIT = 10_000
CSV_CHUNK = 500  # rows per piece sent: the first rows go out at once, memory stays small


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


@bp.route("/search.csv")
def search_csv():
    """Every hit (up to 10,000) as CSV rows, streamed: matched once, rows sent as they are read."""
    args = present.search_args()
    seconds = current_app.config.get("SEARCH_SECONDS", SEARCH_SECONDS)
    # a query that cannot run is a 400 (or a 503) here, before any row is sent; one build snapshot throughout
    lines = export(present.live(), args["q"], CSV_LIMIT, request.url_root.rstrip("/"), sort=args["sort"],
                   synonyms=args["synonyms"], seconds=seconds)

    def chunks():
        while chunk := "".join(islice(lines, CSV_CHUNK)):
            yield chunk

    return Response(stream_with_context(chunks()), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="imr-search.csv"'})
