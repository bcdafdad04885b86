"""Whole-response caching for pages whose answer depends only on the URL and the live build.

Builds are immutable, so a search, a case page or a precedent report asked twice of the same build
gets the same answer. The answers are kept as files in one directory that every worker of a server
shares (`indexer serve` makes it and removes it), so an answer computed by one worker is a hit in all
of them, and it costs no worker memory. Entries are keyed by build and full URL: a rebuild switched in
makes every entry unreachable, and the old build's files are removed. The total size of the bodies is
bounded, oldest written out first. Responses say `X-Cache: hit` or `X-Cache: miss`.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import threading
from collections import OrderedDict
from pathlib import Path

from flask import Flask, Response, current_app, g, request

MAX_BYTES = 256 * 2**20
ENTRY_SHARE = 8  # one answer may take at most 1/8 of the cache (a 10,000-row CSV is about 1.5 MB)
SWEEP_SHARE = 16  # a worker checks the total size after writing 1/16 of the cache since its last check
ENDPOINTS = frozenset({
    "views.search_page", "views.case_page", "api.api_search", "api.api_case", "api.search_csv",
    "analytics.treatment_index", "analytics.treatment_page", "analytics.guideline_index",
    "analytics.guideline_page", "analytics.api_treatment_index", "analytics.api_treatment",
    "analytics.api_guideline_index", "analytics.api_guideline",
})
SKIPPED_HEADERS = frozenset({"content-length", "x-cache"})
MEMO_PREFIX = "memo:"  # keys of shared values (see shared()); never a URL


class SharedCache:
    """A map from (build, URL) to (headers, body) in files under `directory`, one folder per build;
    safe for threads and for processes (each file appears whole, by rename)."""

    def __init__(self, directory: str | Path, max_bytes: int = MAX_BYTES):
        self.dir = Path(directory)
        self.max_bytes = max_bytes
        self.build: str | None = None  # the build this process serves; set by get()
        self._written = 0  # bytes written since this process last checked the total
        self._names = itertools.count()
        self._lock = threading.Lock()

    def _path(self, build: str, url: str) -> Path:
        return self.dir / Path(build).name / hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, build: str, url: str) -> tuple[list, bytes] | None:
        if build != self.build:
            self._follow(build)
        try:
            with open(self._path(build, url), "rb") as entry:
                head, body = entry.read().split(b"\n", 1)
        except (OSError, ValueError):
            return None
        meta = json.loads(head)
        return (meta["headers"], body) if meta["url"] == url else None

    def put(self, build: str, url: str, headers: list, body: bytes) -> None:
        """Keep an answer of the live build; one of a build already replaced is not kept (a rebuild
        switched in while its view ran), nor one too big."""
        if build != self.build or len(body) > self.max_bytes // ENTRY_SHARE:
            return
        path = self._path(build, url)
        temporary = path.with_name(f".{os.getpid()}-{next(self._names)}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(temporary, "wb") as entry:
                entry.write(json.dumps({"url": url, "headers": headers}).encode() + b"\n" + body)
            os.replace(temporary, path)
        except OSError:  # a full disk or a folder removed by a switch: the answer is simply not kept
            temporary.unlink(missing_ok=True)
            return
        with self._lock:
            self._written += len(body)
            if self._written < self.max_bytes // SWEEP_SHARE:
                return
            self._written = 0
        self._sweep(path.parent)

    def _sweep(self, folder: Path) -> None:
        """Remove the oldest entries until the folder holds at most 3/4 of the bound."""
        entries = []
        for item in os.scandir(folder):
            try:
                info = item.stat()
            except OSError:
                continue
            entries.append((info.st_mtime_ns, info.st_size, item.path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes * 3 // 4:
                break
            try:
                os.unlink(path)
            except OSError:
                pass
            total -= size

    def _follow(self, build: str) -> None:
        """Serve another build: the folders of every other build go (another worker may still write
        one late answer into its old folder; the next switch removes it)."""
        with self._lock:
            self.build = build
        keep = Path(build).name
        for item in (os.scandir(self.dir) if self.dir.is_dir() else ()):
            if item.name != keep:
                shutil.rmtree(item.path, ignore_errors=True)

    def __len__(self) -> int:
        folder = self.dir / Path(self.build or "").name
        return sum(1 for item in os.scandir(folder) if not item.name.startswith(".")) if folder.is_dir() else 0


def init_app(app: Flask) -> None:
    """Answer cacheable GETs from the cache before their view runs; keep their 200 answers after.
    Only when RESPONSE_CACHE_DIR is set (`indexer serve` sets it): an app made for a test answers every
    request afresh."""
    directory = app.config.get("RESPONSE_CACHE_DIR")
    if not directory:
        return
    cache = app.extensions["imr_response_cache"] = SharedCache(directory, app.config.get("RESPONSE_CACHE_BYTES") or MAX_BYTES)

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


def per_build(live, name: str, limit: int = 4096) -> Memo:
    """The memo called `name` of a build (`live.cache` is per build; setdefault is atomic)."""
    memo = live.cache.get(f"web.{name}")
    return memo if memo is not None else live.cache.setdefault(f"web.{name}", Memo(limit))
