"""The response cache's storage: answers as files in one folder shared by every worker of a server.

Each file appears whole (written beside, then renamed), so a worker never reads half an answer;
one folder per build, the other builds' folders removed when a worker moves to a new build; the
total size bounded, oldest written out first. See web/cache.py for what is cached and when.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import threading
from pathlib import Path

MAX_BYTES = 256 * 2**20
ENTRY_SHARE = 8  # one answer may take at most 1/8 of the cache (a 10,000-row CSV is about 1.5 MB)
SWEEP_SHARE = 16  # a worker checks the total size after writing 1/16 of the cache since its last check


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
