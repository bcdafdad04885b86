"""Writing the match table: the build's runs (runs.py) placed in document order, then merged with an
update's old table into data, keys and offsets (the layout is postings.py's, which reads it).

The merge was the build's last serial step (0.75 ms a decision, with the parse workers gone). Keys are
split into ranges of about equal bytes, read off the runs' marks (runs.py writes one every MARK_EVERY
entries, with its byte offset), and each range is merged by its own forked process into its own part
files; the parts are then joined in key order. One range, in-process, when jobs is 1.
"""
from __future__ import annotations

import heapq
import json
import multiprocessing
import os
import pickle
import shutil
import zlib
from array import array
from collections import Counter
from bisect import bisect_right
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Iterator

from . import bitset
from .postings import (DIRECTORY, DOCUMENT_DENSE, LETTER_PREFIXES, POSITION_DENSE, PostingsReader, position_field,
                       read_array)
from .schema import WORD_FIELDS


class PostingsWriter:
    """Places the build's runs (runs.py) in document order; `finish` merges them into the table."""

    def __init__(self, build: Path, previous: Path | None = None):
        self.dir = build / DIRECTORY
        self.dir.mkdir()
        self.previous = previous / DIRECTORY if previous else None
        self.runs: list[tuple] = []  # (path, first document, field -> first position, marks)
        self.decided = read_array("I", self.previous / "decided.bin") if self.previous else array("I")
        self.first = read_array("I", self.previous / "first.bin") if self.previous else array("I")
        old = json.loads((self.previous / "meta.json").read_text())["positions"] if self.previous else {}
        self.spaces = {f: old.get(f, 0) for f in WORD_FIELDS}  # next free position of each field
        self.bases = {f: read_array("Q", self.previous / f"bases.{f}.bin") if self.previous else array("Q")
                      for f in WORD_FIELDS}

    def add_run(self, docnum: int, run) -> None:
        """A run (runs.Run) whose documents are numbered from `docnum` on; its positions go after the
        positions placed so far."""
        for values, extra in ((self.decided, run.decided), (self.first, array("I", [f + docnum for f in run.first]))):
            values.extend([0] * (docnum - len(values)))
            values.extend(extra)
        starts = {}
        for name in WORD_FIELDS:
            bases, starts[name] = self.bases[name], self.spaces[name]
            bases.extend([starts[name]] * (docnum - len(bases)))
            bases.extend([starts[name] + b for b in run.bases[name]])
            self.spaces[name] += run.spaces[name]
        self.runs.append((run.path, docnum, starts, run.marks))

    def finish(self, size: int, deleted: list[int], jobs: int = 1) -> None:
        """Merge old table (update) and runs into the final files (merge_table, in `jobs` processes);
        `size` = document slots."""
        old = PostingsReader(self.previous) if self.previous else None
        letter_sizes = _letter_sizes(self.first, size)
        keys, offsets, counts = merge_table(self.dir, self.runs, old, size, self.spaces, letter_sizes, jobs)
        for path, *_ in self.runs:
            os.unlink(path)
        (self.dir / "keys.txt").write_text("\n".join(keys), encoding="utf-8")
        (self.dir / "offsets.bin").write_bytes(offsets.tobytes())
        (self.dir / "counts.bin").write_bytes(counts.tobytes())
        for name, values in (("decided", self.decided), ("first", self.first)):
            values.extend([0] * (size - len(values)))
            (self.dir / f"{name}.bin").write_bytes(values.tobytes())
        for name, bases in self.bases.items():
            bases.extend([self.spaces[name]] * (size - len(bases)))
            (self.dir / f"bases.{name}.bin").write_bytes(bases.tobytes())
        (self.dir / "meta.json").write_text(json.dumps({"size": size, "keys": len(keys), "deleted": deleted,
                                                        "positions": self.spaces}))


def _letter_sizes(first: array, size: int) -> array:
    """Decisions per letter, at its first decision (0 elsewhere): what a letter-text key counts."""
    sizes = array("I", bytes(4 * size))
    for f, n in Counter(first[:size]).items():  # counted in C; a step per letter, not per decision
        sizes[f] = n
    return sizes


def merge_table(out: Path, runs: list, old, size: int, spaces: dict[str, int], letter_sizes: array,
                jobs: int = 1) -> tuple[list[str], array, array]:
    """Write `out/data.bin`; return (keys, offsets, counts). `runs`: (path, first document, field ->
    first position, marks); `old`: a PostingsReader of the previous build or None; `letter_sizes`:
    _letter_sizes."""
    bounds = [None, *_split(runs, jobs), None]
    ranges = list(zip(bounds, bounds[1:]))
    job = (out, runs, old, size, spaces, letter_sizes)
    if len(ranges) == 1:
        _merge_range(*job, 0, None, None)
    else:
        fork = multiprocessing.get_context("fork")
        workers = [fork.Process(target=_merge_range, args=(*job, i, lo, hi)) for i, (lo, hi) in enumerate(ranges)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        if any(worker.exitcode for worker in workers):
            codes = [worker.exitcode for worker in workers]
            raise ChildProcessError(f"a merge process of the match table failed (exit codes {codes})")
    keys, offsets, counts = [], array("Q", [0]), array("I")
    with open(out / "data.bin", "wb") as data:
        for i in range(len(ranges)):
            part_keys, part_lengths, part_counts = pickle.loads((out / f"part{i}.keys").read_bytes())
            keys.extend(part_keys)
            for length in part_lengths:
                offsets.append(offsets[-1] + length)
            counts.extend(part_counts)
            with open(out / f"part{i}.data", "rb") as part:
                shutil.copyfileobj(part, data, 1 << 20)
            for name in (f"part{i}.keys", f"part{i}.data"):
                (out / name).unlink()
    return keys, offsets, counts


def _split(runs: list, jobs: int) -> list[str]:
    """Keys cutting the runs' bytes into `jobs` shares of about equal size (the marks' byte offsets)."""
    if jobs <= 1:
        return []
    weighted: list[tuple[str, int]] = []
    for path, _, _, marks in runs:
        ends = [offset for _, offset in marks[1:]] + [os.path.getsize(path)]
        weighted.extend((k, end - offset) for (k, offset), end in zip(marks, ends))
    weighted.sort()
    total = sum(weight for _, weight in weighted)
    cuts, running, share = [], 0, total / jobs
    for k, weight in weighted:
        running += weight
        if running >= share * (len(cuts) + 1) and len(cuts) < jobs - 1 and (not cuts or k > cuts[-1]):
            cuts.append(k)
    return cuts


def _merge_range(out: Path, runs: list, old, size: int, spaces: dict[str, int], letter_sizes: array,
                 part: int, lo: str | None, hi: str | None) -> None:
    sources = [_read_run(path, docnum, starts, marks, lo, hi) for path, docnum, starts, marks in runs]
    if old is not None:
        sources.insert(0, _read_old(old, lo, hi))  # old documents come first in number order
    keys, lengths, counts = [], array("Q"), array("I")
    with open(out / f"part{part}.data", "wb") as data:
        for k, entries in groupby(heapq.merge(*sources, key=itemgetter(0)), key=itemgetter(0)):
            parts = [(kind, payload) for _, kind, payload in entries]
            field = position_field(k)  # a word's positions are a set over its field's position space
            blob, count = _merge_parts(parts, *((spaces[field], POSITION_DENSE) if field else (size, DOCUMENT_DENSE)),
                                       letter_sizes if k.startswith(LETTER_PREFIXES) else None)
            data.write(blob)
            keys.append(k)
            lengths.append(len(blob))
            counts.append(count)
    (out / f"part{part}.keys").write_bytes(pickle.dumps((keys, lengths, counts), pickle.HIGHEST_PROTOCOL))


def _read_run(path: str, docnum: int, starts: dict[str, int], marks: list, lo: str | None,
              hi: str | None) -> Iterator[tuple[str, int, tuple[int, array]]]:
    """A run's entries in [lo, hi) (written by runs.ChunkPostings.write) with the offset that places
    them: its first document for a document set, where its positions start for a position set."""
    with open(path, "rb") as run:
        if lo is not None:
            at = bisect_right([k for k, _ in marks], lo) - 1
            run.seek(marks[at][1] if at >= 0 else 0)
        while True:
            try:
                k, ids = pickle.load(run)
            except EOFError:
                return
            if lo is not None and k < lo:
                continue
            if hi is not None and k >= hi:
                return
            values = array("I")
            values.frombytes(ids)
            field = position_field(k)
            yield k, 1, (starts[field] if field else docnum, values)


def _read_old(old, lo: str | None, hi: str | None) -> Iterator[tuple[str, int, tuple[bytes, int]]]:
    keys = old.keys
    first = keys.bisect_left(lo) if lo is not None else 0
    last = keys.bisect_left(hi) if hi is not None else len(keys)
    for i in range(first, last):
        yield keys[i], 0, (old.blob(i), old.counts[i])


def _merge_parts(parts: list[tuple[int, object]], size: int, dense: int,
                 letter_sizes: array | None) -> tuple[bytes, int]:
    """One key's encoded set and its count (for a letter-text key, held by first decisions, the
    decisions of those letters). An update leaves the old entry's bytes as they are and appends the
    new documents as one more compressed part (the reader ORs the parts), so it never re-reads or
    re-compresses the old sets; a full build writes one part."""
    old, count = parts[0][1] if parts[0][0] == 0 else (b"", 0)
    runs = [payload for kind, payload in parts if kind == 1]
    if not runs:
        return old, count
    if letter_sizes is None:
        count += sum(len(ids) for _, ids in runs)
    else:
        count += sum(sum(map(letter_sizes.__getitem__, map(offset.__add__, ids))) for offset, ids in runs)
    return old + zlib.compress(bitset.encode_runs(runs, size, dense), 1), count
