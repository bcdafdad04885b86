"""The index directory: immutable builds under `builds/`, the live one named by the `current` symlink.

A build is written beside the live one and switched in with an atomic rename of the symlink, so a
reader opens either the old complete index or the new one, never a half-written one. This is the
write side (the build lock, the switch, pruning) and where a build's files are named and found;
live.py is the read side.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from pathlib import Path

from ..errors import BuildLocked
from .files import read_files

MANIFEST = "manifest.json"  # the summary again, renamed in last: a build without it is unfinished
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
    """The build's summary with every letter file it holds under "files" (files.py): for tools and
    tests; a build and a server read only what they need (read_summary, files.read_files)."""
    return json.loads((build / MANIFEST).read_text()) | {"files": read_files(build)}


def read_summary(build: Path) -> dict:
    """What a reader needs of a build: its schema version, when it was built, its letters and decisions."""
    return json.loads((build / SUMMARY).read_text())


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
