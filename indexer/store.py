"""The index directory: immutable builds under `builds/`, the live one named by the `current` symlink.

A build is written beside the live one and switched in with an atomic rename of the symlink, so a
reader opens either the old complete index or the new one, never a half-written one.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError

from .errors import BuildLocked, IndexMissing
from .postings import DIRECTORY as POSTINGS, PostingsReader
from .rows import DIRECTORY as ROWS, RowReader
from .schema import SCHEMA_VERSION, build_schema

MANIFEST = "manifest.json"
RETIRED_GRACE = 60.0  # seconds a replaced build stays on disk (readers recheck `current` every 0.5 s)
STEMS = "stems.json"
SUMMARY = "summary.json"  # the manifest without its per-file entries: what a reader needs


def current_build(root: str | Path) -> Path | None:
    """The directory of the live build, or None when nothing was built yet."""
    link = Path(root) / "current"
    if not link.is_symlink() and not link.is_dir():
        return None
    target = Path(os.path.realpath(link))
    return target if (target / MANIFEST).is_file() else None


def read_manifest(build: Path) -> dict:
    return json.loads((build / MANIFEST).read_text())


def read_summary(build: Path) -> dict:
    """The build's manifest without the per-file entries (18 MB of JSON at 100,000 letters, 0.6 s to
    parse, which every server worker paid on every switch); builds before summary.json: the manifest."""
    try:
        return json.loads((build / SUMMARY).read_text())
    except FileNotFoundError:
        manifest = read_manifest(build)
        manifest.pop("files", None)
        return manifest


def switch_to(root: Path, build: Path) -> None:
    """Make `build` the live index atomically (rename of a fresh symlink over `current`)."""
    tmp = root / f"current.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(build, root), tmp)
    os.replace(tmp, root / "current")
    _fsync_dir(root)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def prune_builds(root: Path, keep: int = 2) -> None:
    """Remove old and abandoned builds; only call while holding the build lock."""
    live = current_build(root)
    builds = sorted((p for p in (root / "builds").iterdir() if p.is_dir()), key=lambda p: p.name)
    finished = [p for p in builds if (p / MANIFEST).is_file()]
    keepers = set(finished[-keep:]) | ({live} if live else set())
    now = time.time()
    for older, newer in zip(finished, finished[1:]):
        if now - (newer / MANIFEST).stat().st_mtime < RETIRED_GRACE:
            keepers.add(older)  # replaced moments ago: a reader may still be opening searchers on it
    for path in builds:
        if path not in keepers:
            shutil.rmtree(path, ignore_errors=True)
    for stale in root.glob("current.*.tmp"):
        stale.unlink(missing_ok=True)


class BuildLock:
    """An exclusive, non-blocking lock on the index directory; the kernel frees it if we die."""

    def __init__(self, root: Path):
        self.path = root / ".build.lock"
        self.fd: int | None = None

    def __enter__(self) -> "BuildLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder_pid(fd)
            os.close(fd)
            raise BuildLocked(f"another build is running on {self.path.parent} (pid {holder}); "
                              "wait for it to finish") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd
        HELD_LOCKS.add(fd)
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            HELD_LOCKS.discard(self.fd)
            os.ftruncate(self.fd, 0)  # a later loser must not name a finished build
            os.close(self.fd)


def _holder_pid(fd: int, patience: float = 2.0) -> str:
    """The lock holder's pid, waiting out the moment between its taking the lock and writing its pid."""
    deadline = time.monotonic() + patience
    while True:
        text = os.pread(fd, 32, 0).decode(errors="replace").strip()
        if text.isdigit() and _alive(int(text)):
            return text
        if time.monotonic() > deadline:
            return "unknown"
        time.sleep(0.01)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


HELD_LOCKS: set[int] = set()  # forked workers close these, so a killed build's orphans cannot hold the lock


def release_inherited_locks() -> None:
    """In a forked worker: drop the copies of the parent's lock descriptors."""
    for fd in list(HELD_LOCKS):
        try:
            os.close(fd)
        except OSError:
            pass
    HELD_LOCKS.clear()


@dataclass
class Live:
    """One build as a reader sees it: the open index plus the tables and caches that belong to it."""

    build: Path
    ix: object
    manifest: dict
    stems: dict
    postings: PostingsReader
    rows: RowReader
    cache: dict = field(default_factory=dict)  # computed once per build: facet columns, results
    _threads: threading.local = field(default_factory=threading.local, repr=False)
    _kept: list = field(default_factory=list, repr=False)  # every thread's searcher, closed with the build

    def __post_init__(self) -> None:
        weakref.finalize(self, _close_all, self._kept)

    def searcher(self) -> "_Borrowed":
        """This thread's searcher of this build, for `with live.searcher() as s:`.

        Never shared between threads (Whoosh readers keep file positions), but kept across requests:
        a fresh searcher re-reads the stored-fields offset table of the whole index on its first
        stored document, which at 24,000 decisions was most of a search's time.
        """
        searcher = getattr(self._threads, "searcher", None)
        if searcher is None:
            searcher = self._threads.searcher = self.ix.searcher()
            self._kept.append(searcher)
        return _Borrowed(searcher, self)


def _close_all(searchers: list) -> None:
    for searcher in searchers:
        searcher.close()


class _Borrowed:
    """A context manager that lends a kept searcher without closing it."""

    def __init__(self, searcher, owner: Live):
        self.searcher, self.owner = searcher, owner  # the owner must outlive the loan (it closes them)

    def __enter__(self):
        return self.searcher

    def __exit__(self, *exc) -> None:
        return None


def as_live(index: "IndexHandle | Live") -> Live:
    """The live build of a handle, or the snapshot itself: callers may hold either."""
    return index.live() if isinstance(index, IndexHandle) else index


class IndexHandle:
    """One per process: reopens the index when a rebuild switches `current`."""

    def __init__(self, root: str | Path, check_every: float = 0.5):
        self.root = Path(root)
        self.schema = build_schema()
        self.check_every = check_every
        self._lock = threading.Lock()
        self._live: Live | None = None
        self._checked = 0.0

    def live(self) -> Live:
        """The live build, re-resolved at most every `check_every` seconds; raises IndexMissing."""
        now = time.monotonic()
        live = self._live
        if live is not None and now - self._checked < self.check_every:
            return live
        with self._lock:
            build = current_build(self.root)
            if build is None:
                raise IndexMissing(f"no index at {self.root}; run `indexer build seeds/` first")
            if self._live is None or build != self._live.build:
                self._live = self._open(build)
            self._checked = now
            return self._live

    def _open(self, build: Path) -> Live:
        try:
            manifest = read_summary(build)
            if manifest.get("schema_version") != SCHEMA_VERSION:
                raise IndexMissing(f"the index at {self.root} was built by another version; rebuild it")
            stems = json.loads((build / STEMS).read_text())
            postings = PostingsReader(build / POSTINGS)
            rows = RowReader(build / ROWS)
            ix = FileStorage(str(build), supports_mmap=False).open_index(schema=self.schema)
        except (EmptyIndexError, OSError, ValueError, KeyError) as exc:
            raise IndexMissing(f"cannot open the index at {build} (rebuild it): {exc}") from exc
        return Live(build, ix, manifest, stems, postings, rows)
