"""Writing the match table: the build's runs (runs.py) placed in document order, then merged with an
update's old table into data, keys and offsets (the layout is reader.py's, which reads it).

The merge is the build's last step, after the parse workers are gone. Keys are split into ranges of
about equal work, read off the runs' marks (runs.py writes one every MARK_EVERY keys), and the ranges
are merged (merge.py) by up to `jobs` new processes, each into its own part files;
the parts are then joined in key order. In-process when jobs is 1 or the work is small.
"""
from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from array import array
from collections import Counter
from pathlib import Path

from ..fields import WORD_FIELDS
from .merge import merge_ranges, run_size
from .reader import DIRECTORY, TableReader, read_array
from .runs import remove_run

# A key range's work (and memory), in values of the runs:
KEY_WEIGHT = 8  # a key of a run costs about as much to merge as this many values
OLD_BYTES_PER_VALUE = 8  # an update's old entry bytes weigh on a range's memory one eighth as much as new values
RANGE_WEIGHT = 8_000_000  # the most work one range may take (bounds a merge process's memory)
PARALLEL_WEIGHT = 4_000_000  # below this much work a second process costs more than it saves


class TableWriter:
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
        """Merge old table (update) and runs into the final files (merge_table, in up to `jobs` processes);
        `size` = document slots."""
        letter_sizes = _letter_sizes(self.first, size)
        keys, offsets, counts = merge_table(self.dir, self.runs, self.previous, size, self.spaces, letter_sizes, jobs)
        for path, *_ in self.runs:
            remove_run(path)
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


def merge_table(out: Path, runs: list, previous: Path | None, size: int, spaces: dict[str, int],
                letter_sizes: array, jobs: int = 1) -> tuple[list[str], array, array]:
    """Write `out/data.bin`; return (keys, offsets, counts). `runs`: (path, first document, field ->
    first position, marks); `previous`: the previous build's table directory or None; `letter_sizes`:
    _letter_sizes. The key ranges are merged by up to `jobs` processes, each taking every jobs-th.

    The processes are new interpreters, not forks: a forked child shares this process's few hundred
    MB at first, but its garbage collector and reference counts soon copy much of them; at 100,000
    letters the build's peak (all processes' RSS summed) went from 1,820 MB forked to 1,074 MB."""
    old = TableReader(previous) if previous is not None else None
    bounds = [None, *_split(runs, old, jobs), None]
    ranges = list(enumerate(zip(bounds, bounds[1:])))
    processes = min(jobs, len(ranges))
    if processes <= 1:
        merge_ranges(out, runs, old, size, spaces, letter_sizes, ranges)
    else:
        job = (out, runs, previous, size, spaces, letter_sizes)  # each process opens the old table itself
        _merge_in_processes(out, [(*job, ranges[n::processes]) for n in range(processes)])
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


def _merge_in_processes(out: Path, jobs: list[tuple]) -> None:
    """Run each job (merge_ranges' arguments, the old table as its directory) in a new interpreter
    (`python -m indexer.table.merge JOBFILE PID`); not multiprocessing's spawn, which would re-run the
    caller's main script in every process."""
    files, processes = [], []
    try:
        for n, job in enumerate(jobs):
            files.append(out / f"merge{n}.job")
            files[-1].write_bytes(pickle.dumps(job, pickle.HIGHEST_PROTOCOL))
            command = [sys.executable, "-m", "indexer.table.merge", str(files[-1]), str(os.getpid())]
            processes.append(subprocess.Popen(command))
        codes = [process.wait() for process in processes]
        if any(codes):
            raise ChildProcessError(f"a merge process of the match table failed (exit codes {codes})")
    finally:
        for process in processes:
            if process.poll() is None:  # this build was interrupted: its merges are no use
                process.kill()
                process.wait()
        for file in files:
            file.unlink(missing_ok=True)


def _split(runs: list, old, jobs: int) -> list[str]:
    """Keys cutting the runs into ranges of about equal work (values, and keys weighted by
    KEY_WEIGHT, read off their marks), none over RANGE_WEIGHT, so that a range's values and keys fit in
    memory whatever the size of the build; at least `jobs` of them when the work passes PARALLEL_WEIGHT."""
    weighted: list[tuple[str, int]] = []
    for path, _, _, marks in runs:
        keys, values = run_size(path)
        ends = [(n, v) for _, n, v in marks[1:]] + [(keys, values)]
        weighted.extend((k, (v_end - v) + KEY_WEIGHT * (n_end - n)) for (k, n, v), (n_end, v_end) in zip(marks, ends))
    if old is not None:
        # a sample per 64 keys, weighed by their count and their stored bytes (a range holds them in memory)
        ends = old.offsets
        weighted.extend((old.keys[i],
                         64 * KEY_WEIGHT + (ends[min(i + 64, len(ends) - 1)] - ends[i]) // OLD_BYTES_PER_VALUE)
                        for i in range(0, len(old.keys), 64))
    weighted.sort()
    total = sum(weight for _, weight in weighted)
    parts = max(jobs if total >= PARALLEL_WEIGHT else 1, -(-total // RANGE_WEIGHT))
    if parts <= 1:
        return []
    cuts, running, share = [], 0, total / parts
    for k, weight in weighted:
        running += weight
        if running >= share * (len(cuts) + 1) and len(cuts) < parts - 1 and (not cuts or k > cuts[-1]):
            cuts.append(k)
    return cuts
