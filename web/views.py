"""HTML pages: home, search results, a whole letter, its original file, and query help."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, render_template, request, send_file, url_for

from indexer.errors import QueryError
from indexer.precedents import precedents
from indexer.query import parse_query, stem_forms
from indexer.search import FACETS, mark_spans, render

from . import cache, present

bp = Blueprint("views", __name__)
SOURCE_TYPES = {".pdf": "application/pdf", ".txt": "text/plain"}
URL_SAFE = "!$'()*,/:;?@"  # what werkzeug leaves unescaped in a query string (url_for)


@bp.route("/")
def home():
    return render_template("home.html", q="")


@bp.route("/search")
def search_page():
    args = present.search_args()
    if not args["q"]:
        return render_template("home.html", q="")
    result = present.run_search(args)
    base = url_for("views.search_page")
    return render_template("search.html", r=result, args=args, q=args["q"], facet_names=FACETS, present=present,
                           search_url=lambda **kw: _search_url(base, args, **kw))


def _search_url(base: str, args: dict, **changes) -> str:
    """A GET URL for the results page with some of the current arguments changed. Encoded as url_for
    encodes a query string, without its routing work: a results page links every facet value."""
    params = {"q": args["q"], "sort": args["sort"], "page": args["page"]} | changes
    if not args["synonyms"]:
        params["synonyms"] = "off"
    if params.get("sort") == "relevance":
        params.pop("sort")
    if params.get("page") == 1:
        params.pop("page")
    return base + "?" + urlencode([(k, v) for k, v in params.items() if v is not None], safe=URL_SAFE)


@bp.route("/case/<key>")
def case_page(key: str):
    live = present.live()
    letter = present.letter_or_404(live, key)
    q = request.args.get("q", "").strip()
    marker = _marker(q)
    decisions = [{"n": n, "d": d, "citation": present.citation(letter, n, d),
                  "item": marker(d["item"], "item"), "rationale": marker(d["rationale"], "rationale"),
                  "precedents": decision_precedents(live, key, n)}
                 for n, d in enumerate(letter["decisions"], start=1)]
    return render_template("case.html", letter=letter, decisions=decisions, q=q,
                           summary=marker(letter.get("summary") or "", "summary"), present=present)


def decision_precedents(live, key: str, number: int) -> list[dict]:
    """`precedents()` of one decision, computed once per build by one worker for all: case pages that
    differ only in the query marked (?q=) and the JSON twin share them."""
    return cache.shared(live, f"precedents/{key}#{number}", lambda: precedents(live, key, number))


def _marker(q: str):
    """A function marking the query's terms in a field's text (plain escaping without a query)."""
    parsed = None
    if q:
        try:
            parsed = parse_query(q, stem_forms(present.live().stems))
        except QueryError:
            parsed = None
    return lambda text, field: render(text, mark_spans(text, *parsed.marks_for(field)) if parsed else [])


@bp.route("/case/<key>/source")
def case_source(key: str):
    """The file a letter was indexed from: only the path recorded in the index, never one from the URL."""
    letter = present.letter_or_404(present.live(), key)
    path = _resolve_source(letter.get("path") or letter.get("source") or "")
    if path is None:
        abort(404, description="The original file of this letter is no longer available.")
    mimetype = SOURCE_TYPES[path.suffix.lower()]
    return send_file(path, mimetype=mimetype, as_attachment=False, download_name=path.name)


def _resolve_source(source: str) -> Path | None:
    """The recorded source as an existing .pdf/.txt file; relative paths are tried from the working
    directory and from the index directory's parent (where `indexer build seeds/` usually runs)."""
    if not source:
        return None
    recorded = Path(source)
    roots = [Path.cwd(), Path(current_app.config["INDEX_DIR"]).resolve().parent]
    candidates = [recorded] if recorded.is_absolute() else [root / recorded for root in roots]
    for path in candidates:
        if path.suffix.lower() in SOURCE_TYPES and path.is_file():
            return path.resolve()
    return None


@bp.route("/help")
def help_page():
    return render_template("help.html", q="")
