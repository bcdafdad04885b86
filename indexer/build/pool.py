"""Parse letters in worker processes, a chunk at a time, each chunk with the run of its match-table
entries (table/runs.py); one pathological file is bounded in time and memory and becomes a reason, never a
stalled or crashed build."""
from __future__ import annotations

import hashlib
import multiprocessing
import resource
import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..analysis import words
from ..errors import ParseError
from ..fields import WORD_FIELDS
from ..letters import parse_file
from ..store import documents, letter_key, release_inherited_locks
from ..table.runs import ChunkTable, Run

FILE_SECONDS = 30  # one pathological file may not stall a build
FILE_MEMORY = 2 * 1024**3
CHUNK_LETTERS = 1024  # letters a parse worker gathers into one run of the match table (table/runs.py)
# A field's words are numbered within its document; a segment must hold a whole run of documents
# with room for the longest field (table/writer.py): far beyond any real letter, but checked here.
MAX_FIELD_WORDS = 500_000


@dataclass
class Parsed:
    """One file as a worker left it: its documents, or the reason it has none."""

    path: str
    digest: str
    key: str = ""
    docs: list = field(default_factory=list)
    error: str = ""
    warnings: list = field(default_factory=list)  # (field, message) of each doubt the checks raised


@dataclass
class Chunk:
    """Consecutive letters parsed by one worker, and the run of their match-table entries."""

    letters: list
    run: Run


def file_digest(path: str) -> str:
    """The SHA-1 of a file's bytes ("" when it cannot be read: the parse then says why)."""
    try:
        return hashlib.sha1(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def write_run(letters: list[Parsed], path: Path) -> Run:
    """The run of the table entries of these parsed letters (those that failed have none)."""
    table = ChunkTable()
    for item in letters:
        if not item.error:
            table.add_letter(item.docs)
    return table.write(path)


def parse_all(paths: list[tuple[str, str]], runs: Path, jobs: int, progress, strict: bool = False) -> Iterator[Chunk]:
    """(path, digest or "") pairs parsed in worker processes, a chunk of consecutive letters at a time,
    in order; digests are filled in there, and each chunk's table entries are written under `runs`.
    `strict` fails a letter whose parse raised a doubt (its reason lists them) instead of keeping it."""
    size = max(min(CHUNK_LETTERS, -(-len(paths) // (jobs * 4))), 1)
    chunks = [(paths[i:i + size], str(runs / f"run{i // size:05d}.tmp"), strict)
              for i in range(0, len(paths), size)]
    done = 0
    window = threading.Semaphore(jobs * 2)  # parsed chunks waiting for the writer, at most
    stopped = False

    def feed() -> Iterator[tuple[list, str]]:
        for task in chunks:
            window.acquire()  # never let results pile up in memory when the writer is the slower side
            if stopped:
                return
            yield task

    if jobs == 1 or len(paths) < 4:
        results = map(_parse_chunk, chunks)
        pool = None
    else:
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_limit_worker)
        results = pool.imap(_parse_chunk, feed())
    try:
        for chunk in results:
            if pool:
                window.release()
            for _ in chunk.letters:
                done += 1
                if progress:
                    progress(done, len(paths))
            yield chunk
    finally:
        if pool:
            stopped = True
            for _ in range(jobs * 2 + 1):
                window.release()  # wake the feeder so the pool can shut down
            pool.terminate()
            pool.join()


def _parse_chunk(task: tuple[list[tuple[str, str]], str, bool]) -> Chunk:
    """Worker: parse a chunk of letters and write the run of their table entries."""
    paths, run_path, strict = task
    letters = [_parse_one(p, strict) for p in paths]
    return Chunk(letters, write_run(letters, Path(run_path)))


def _limit_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    release_inherited_locks()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > FILE_MEMORY:
        resource.setrlimit(resource.RLIMIT_AS, (FILE_MEMORY, hard))


def _too_long(docs: list[dict]) -> str:
    """Why a letter cannot be indexed because one of its fields holds too many words ("" when none does)."""
    for number, doc in enumerate(docs, 1):
        for name in WORD_FIELDS:
            text = doc.get(name) or ""
            # a field has no more words than characters: most fields are never split here
            if len(text) > MAX_FIELD_WORDS and len(words(text)) > MAX_FIELD_WORDS:
                return (f"the {name} of decision {number} holds {len(words(text)):,} words; "
                        f"at most {MAX_FIELD_WORDS:,} can be indexed")
    return ""


class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Timeout()


def _parse_one(task: tuple[str, str], strict: bool = False) -> Parsed:
    """Worker: extract, parse and make documents for one file; every failure becomes a reason."""
    path, digest = task
    digest = digest or file_digest(path)
    old = signal.signal(signal.SIGALRM, _on_alarm) if _can_alarm() else None
    if old is not None:
        signal.alarm(FILE_SECONDS)
    try:
        det = parse_file(path)
        if strict and det.warnings:
            return Parsed(path, digest, error="parsed with warnings (--strict): " + "; ".join(map(str, det.warnings)))
        docs = documents(det, digest)
        too_long = _too_long(docs)
        if too_long:
            return Parsed(path, digest, error=too_long)
        return Parsed(path, digest, letter_key(det), docs, warnings=[(w.field, w.message) for w in det.warnings])
    except ParseError as exc:
        return Parsed(path, digest, error=exc.reason)
    except _Timeout:
        return Parsed(path, digest, error=f"gave up after {FILE_SECONDS} s (pathological file?)")
    except MemoryError:
        return Parsed(path, digest, error="needs too much memory to read")
    except RecursionError:
        return Parsed(path, digest, error="too deeply nested to read")
    finally:
        if old is not None:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)


def _can_alarm() -> bool:
    """SIGALRM bounds one file's time in a pool worker, or in-process when this is the main thread."""
    return (multiprocessing.current_process().name != "MainProcess"
            or threading.current_thread() is threading.main_thread())
