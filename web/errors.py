"""Error pages and security headers: user input never yields a traceback, only a plain message."""
from __future__ import annotations

from flask import Flask, abort, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import IndexMissing, QueryError, SearchTimeout

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _error(status: int, title: str, message: str, fields=()):
    if _wants_json():
        body = {"error": message}
        if fields:
            body["fields"] = list(fields)
        return jsonify(body), status
    query = request.args.get("q", "") if _utf8_query() else ""
    return render_template("error.html", status=status, title=title, message=message,
                           fields=list(fields), q=query), status


def _utf8_query() -> bool:
    """Whether the raw query string is UTF-8 (werkzeug raises on `request.args` otherwise)."""
    try:
        request.query_string.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def init_app(app: Flask) -> None:
    """Register the handlers for library errors, HTTP errors and anything unexpected."""

    @app.before_request
    def reject_undecodable_query():
        if not _utf8_query():
            abort(400, description="The address holds bytes that are not UTF-8 text; "
                                   "percent-encode them (for example %C3%A9 for \u00e9).")

    @app.errorhandler(QueryError)
    def bad_query(exc: QueryError):
        return _error(400, "That query cannot run", exc.message, exc.fields)

    @app.errorhandler(SearchTimeout)
    def too_slow(exc: SearchTimeout):
        return _error(503, "That search took too long", str(exc))

    @app.errorhandler(IndexMissing)
    def no_index(exc: IndexMissing):
        return _error(503, "No index yet", str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return _error(exc.code or 500, exc.name, exc.description or exc.name)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        return _error(500, "Something went wrong", "The server could not answer this request.")

    @app.after_request
    def security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
