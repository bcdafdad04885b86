"""One build as a reader sees it, and the handle that follows the live build across switches.

The read side of the index directory (directory.py is the write side): a server process holds one
IndexHandle, which re-resolves the `current` symlink every half second and opens a new build's
Whoosh index, match table and rows once, as a Live snapshot that its requests share. Never imports
the build, NumPy or the table's writer.
"""
from __future__ import annotations

import json
import threading
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError

from ..errors import IndexMissing
from ..table import DIRECTORY as TABLE_DIRECTORY, TableReader
from .directory import STEMS, current_build, read_summary
from .rows import DIRECTORY as ROWS, RowReader
from .schema import SCHEMA_VERSION, build_schema


@dataclass
class Live:
    """One build as a reader sees it: the open index plus the tables and caches that belong to it."""

    build: Path
    ix: object
    manifest: dict
    stems: dict
    table: TableReader
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
            table = TableReader(build / TABLE_DIRECTORY)
            rows = RowReader(build / ROWS)
            ix = FileStorage(str(build), supports_mmap=False).open_index(schema=self.schema)
        except (EmptyIndexError, OSError, ValueError, KeyError) as exc:
            raise IndexMissing(f"cannot open the index at {build} (rebuild it): {exc}") from exc
        return Live(build, ix, manifest, stems, table, rows)
