"""Whole-response caching for pages whose answer depends only on the URL and the live build.

Builds are immutable, so a search, a case page or a precedent report asked twice of the same build
gets the same answer. The answers are kept as files in one directory that every worker of a server
shares (`indexer serve` makes it and removes it), so an answer computed by one worker is a hit in all
of them, and it costs no worker memory. Entries are keyed by build and full URL: a rebuild switched in
makes every entry unreachable, and the old build's files are removed. The total size of the bodies is
bounded, oldest written out first. Responses say `X-Cache: hit` or `X-Cache: miss`.
"""
from __future__ import annotations

import json

from flask import Flask, Response, current_app, g, request

from .shared_cache import ENTRY_SHARE, MAX_BYTES, SharedCache

ENDPOINTS = frozenset({
    "views.search_page", "views.case_page", "api.api_search", "api.api_case", "api.search_csv",
    "analytics.treatment_index", "analytics.treatment_page", "analytics.guideline_index",
    "analytics.guideline_page", "analytics.api_treatment_index", "analytics.api_treatment",
    "analytics.api_guideline_index", "analytics.api_guideline",
})
SKIPPED_HEADERS = frozenset({"content-length", "x-cache"})
MEMO_PREFIX = "memo:"  # keys of shared values (see shared()); never a URL


def init_app(app: Flask) -> None:
    """Answer cacheable GETs from the cache before their view runs; keep their 200 answers after.
    Only when RESPONSE_CACHE_DIR is set (`indexer serve` sets it): an app made for a test answers every
    request afresh."""
    directory = app.config.get("RESPONSE_CACHE_DIR")
    if not directory:
        return
    bound = app.config.get("RESPONSE_CACHE_BYTES") or MAX_BYTES
    cache = app.extensions["imr_response_cache"] = SharedCache(directory, bound)

    @app.before_request
    def answer_from_cache():
        if request.method not in ("GET", "HEAD") or request.endpoint not in ENDPOINTS:
            return None
        g.cache_key = (_live_build(), request.url)
        entry = cache.get(*g.cache_key)
        if entry is None:
            return None
        g.cache_hit = True
        headers, body = entry
        response = Response(body, headers=headers)
        response.headers["X-Cache"] = "hit"
        return response

    @app.after_request
    def keep_in_cache(response: Response) -> Response:
        key = g.pop("cache_key", None)
        if key is None or g.pop("cache_hit", False):
            return response
        response.headers["X-Cache"] = "miss"
        if response.status_code != 200:
            return response
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in SKIPPED_HEADERS]
        if response.is_streamed:  # kept once the whole body has gone out, if it is not too big
            response.response = Recording(response.response, cache.max_bytes // ENTRY_SHARE,
                                          lambda body: cache.put(*key, headers, body))
        else:
            cache.put(*key, headers, response.get_data())
        return response


def _live_build() -> str:
    return str(current_app.extensions["imr_index"].live().build)


class Recording:
    """A streamed body passed through as it is; once it has all gone out, `done` gets the whole of it
    (unless it grew past `limit` bytes). Closing it closes the body it wraps."""

    def __init__(self, chunks, limit: int, done):
        self.chunks, self.limit, self.done = chunks, limit, done

    def __iter__(self):
        parts: list[bytes] = []
        size = 0
        for chunk in self.chunks:
            if size <= self.limit:
                data = chunk.encode() if isinstance(chunk, str) else bytes(chunk)
                parts.append(data)
                size += len(data)
            yield chunk
        if size <= self.limit:
            self.done(b"".join(parts))

    def close(self) -> None:
        close = getattr(self.chunks, "close", None)
        if close is not None:
            close()


def shared(live, name: str, compute):
    """A JSON value computed once per build for all the workers: kept in the shared response folder
    under `name` (when the app has one), else just computed."""
    store: SharedCache | None = current_app.extensions.get("imr_response_cache")
    if store is None:
        return compute()
    build, key = str(live.build), MEMO_PREFIX + name
    entry = store.get(build, key)
    if entry is not None:
        return json.loads(entry[1])
    value = compute()
    store.put(build, key, [], json.dumps(value).encode())
    return value
