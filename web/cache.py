"""Whole-response caching for pages whose answer depends only on the URL and the live build.

Builds are immutable, so a search, a case page or a precedent report asked twice of the same build
gets the same answer: each worker keeps the bytes of its recent 200 answers, keyed by the full URL
and valid for one build only (a rebuild switched in makes every entry unreachable, and they are
dropped). The cache is bounded by the total size of the bodies, least recently used out first.
Responses say `X-Cache: hit` or `X-Cache: miss`.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

from flask import Flask, Response, current_app, g, request

MAX_BYTES = 64 * 2**20
ENTRY_SHARE = 8  # one answer may take at most 1/8 of the cache (a 10,000-row CSV is about 1.5 MB)
ENDPOINTS = frozenset({
    "views.search_page", "views.case_page", "api.api_search", "api.api_case", "api.search_csv",
    "analytics.treatment_index", "analytics.treatment_page", "analytics.guideline_index",
    "analytics.guideline_page", "analytics.api_treatment_index", "analytics.api_treatment",
    "analytics.api_guideline_index", "analytics.api_guideline",
})
SKIPPED_HEADERS = frozenset({"content-length", "x-cache"})


class ResponseCache:
    """An LRU map from URL to (headers, body) for the answers of one build; thread-safe."""

    def __init__(self, max_bytes: int = MAX_BYTES):
        self.max_bytes = max_bytes
        self.bytes = 0
        self.build: str | None = None  # the build whose answers are held; set by the first get()
        self._entries: OrderedDict[str, tuple[list, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, build: str, url: str) -> tuple[list, bytes] | None:
        with self._lock:
            self._follow(build)
            entry = self._entries.get(url)
            if entry is not None:
                self._entries.move_to_end(url)
            return entry

    def put(self, build: str, url: str, headers: list, body: bytes) -> None:
        """Keep an answer of the live build; one of a build already replaced is not kept (a rebuild
        switched in while its view ran)."""
        if len(body) > self.max_bytes // ENTRY_SHARE:
            return
        with self._lock:
            if build != self.build:
                return
            old = self._entries.pop(url, None)
            if old is not None:
                self.bytes -= len(old[1])
            self._entries[url] = (headers, body)
            self.bytes += len(body)
            while self.bytes > self.max_bytes:
                self.bytes -= len(self._entries.popitem(last=False)[1][1])

    def __len__(self) -> int:
        return len(self._entries)

    def _follow(self, build: str) -> None:
        """Drop everything when the live build has changed (the caller holds the lock)."""
        if build != self.build:
            self._entries.clear()
            self.bytes = 0
            self.build = build


def init_app(app: Flask) -> None:
    """Answer cacheable GETs from the cache before their view runs; keep their 200 answers after.
    Only when RESPONSE_CACHE_BYTES is set (`indexer serve` sets MAX_BYTES): an app made for a test
    answers every request afresh."""
    size = app.config.get("RESPONSE_CACHE_BYTES", 0)
    if not size:
        return
    cache = app.extensions["imr_response_cache"] = ResponseCache(size)

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


class Memo:
    """A bounded, thread-safe map of values computed once per build (it lives in `Live.cache`, so it
    goes away with its build)."""

    def __init__(self, limit: int):
        self.limit = limit
        self._values: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, compute):
        """The value under `key`, computed (outside the lock: two threads may both compute it) if absent."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = compute()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.limit:
                self._values.popitem(last=False)
        return value


def per_build(live, name: str, limit: int = 4096) -> Memo:
    """The memo called `name` of a build (`live.cache` is per build; setdefault is atomic)."""
    memo = live.cache.get(f"web.{name}")
    return memo if memo is not None else live.cache.setdefault(f"web.{name}", Memo(limit))
