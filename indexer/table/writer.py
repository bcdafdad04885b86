"""Writing the match table: the build's runs (runs.py) gathered into segments in document order, each
segment merged as soon as it is full (the layout is segment.py's and reader.py's).

A segment takes runs until it holds SEGMENT_DOCUMENTS decisions or until its strided positions would
pass 32 bits (a document's stride follows the longest field of the segment). Its keys are then
split into ranges of about equal work, read off the runs' marks (runs.py writes one every
MARK_EVERY keys), and the ranges are merged (merge.py) by up to `jobs` new processes, each into its
own part files, which are joined in key order; the segment's runs are deleted. So the build's
temporary files and every merge's memory are bounded by one segment, whatever the build's size.
An update links the previous build's segments unchanged and adds segments for its new letters.
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
from typing import Iterator

import numpy as np
from pyroaring import BitMap

from ..errors import BuildError
from ..fields import WORD_FIELDS
from . import sets
from .dictionary import KEYS, STARTS, write_blocks
from .merge import SegmentPlan, SegmentRun, merge_ranges, run_size
from .positions import stride_for
from .reader import DECIDED, DELETED, DIRECTORY, FIRST, META
from .runs import remove_run
from .segment import COUNTS, DOCS, META as SEGMENT_META, PLACES

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # where `indexer` is: not whatever the caller's folder holds
SEGMENT_DOCUMENTS = 1 << 20  # decisions per segment at most (a full build's segments are this size)
POSITION_SPACE = 1 << 32  # a segment's positions are 32-bit: documents << stride must fit
WORDS = "words"  # a segment's words of the text fields with their stems ("word\tstem" lines): the stem table
# A key range's work (and memory), in values of the runs:
KEY_WEIGHT = 8  # a key of a run costs about as much to merge as this many values
RANGE_WEIGHT = 8_000_000  # the most work one range may take (bounds a merge process's memory)
PARALLEL_WEIGHT = 4_000_000  # below this much work a second process costs more than it saves


class TableWriter:
    """Places the build's runs (runs.py) in document order and merges them segment by segment;
    `finish` writes the table's own files."""

    def __init__(self, build: Path, previous: Path | None = None, jobs: int = 1):
        self.dir = build / DIRECTORY
        self.dir.mkdir()
        self.jobs = jobs
        self.segments: list[str] = []
        self.decided, self.first, self.deleted = array("I"), array("I"), BitMap()
        if previous:
            old = previous / DIRECTORY
            self.segments = json.loads((old / META).read_text())["segments"]
            for name in self.segments:  # segments are immutable: hard links make a private copy at no cost
                (self.dir / name).mkdir()
                for item in (old / name).iterdir():
                    os.link(item, self.dir / name / item.name)
            self.decided.frombytes((old / DECIDED).read_bytes())
            self.first.frombytes((old / FIRST).read_bytes())
            self.deleted = sets.decode((old / DELETED).read_bytes())
        self.linked = len(self.segments)  # the previous build's segments, linked unchanged
        self.pending: list[SegmentRun] = []  # the runs of the segment being filled
        self.base, self.documents, self.longest = 0, 0, dict.fromkeys(WORD_FIELDS, 0)

    def add_run(self, docnum: int, run) -> None:
        """A run (runs.Run) whose documents are numbered from `docnum` on, after every run before it."""
        for values, extra in ((self.decided, run.decided), (self.first, array("I", [f + docnum for f in run.first]))):
            values.extend([0] * (docnum - len(values)))
            values.extend(extra)
        longest = {f: max(self.longest[f], run.longest[f]) for f in WORD_FIELDS}
        documents = docnum + run.documents - self.base
        if self.pending and (documents > SEGMENT_DOCUMENTS or not _fits(documents, longest)):
            self._merge_segment()
            longest = dict(run.longest)
        if not self.pending:
            self.base = docnum
        if not _fits(docnum + run.documents - self.base, longest):  # a run alone (pool.MAX_FIELD_WORDS prevents it)
            field = max(longest, key=longest.get)
            raise BuildError(f"a decision's {field} holds {longest[field]:,} words, too many to index")
        self.pending.append(SegmentRun(run.path, docnum, run.marks))
        self.documents, self.longest = docnum + run.documents - self.base, longest

    def finish(self, size: int, deleted: list[int]) -> None:
        """Merge the last segment and write the table's files; `size` = document slots, `deleted` =
        the documents deleted since the previous build."""
        if self.pending:
            self._merge_segment()
        self.deleted |= sets.from_ids(deleted)
        for name, values in ((DECIDED, self.decided), (FIRST, self.first)):
            values.extend([0] * (size - len(values)))
            (self.dir / name).write_bytes(values[:size].tobytes())
        (self.dir / DELETED).write_bytes(sets.encode(array("I", self.deleted.to_array())))
        (self.dir / META).write_text(json.dumps({"size": size, "segments": self.segments}))

    def stems(self, previous: dict[str, list[str]] | None = None) -> dict[str, set[str]]:
        """stem -> the words of the text fields sharing it, over every segment (the words were stemmed
        by the merge processes); at least the groups of two or more words. An update gives the
        previous build's groups (its stem table): then only its own segments are grouped whole, and
        the linked ones are searched just for the words sharing a stem with a new word, a scan
        without sets (at two million letters five segments of a million words each)."""
        groups: dict[str, set[str]] = {}
        linked = self.linked if previous is not None else 0
        for name in self.segments[linked:]:
            for word, stem in _words(self.dir / name):
                groups.setdefault(stem, set()).add(word)
        if not linked:
            return groups
        for stem, words in previous.items():
            groups.setdefault(stem, set()).update(words)
        wanted = {stem for stem, words in groups.items() if stem not in previous}  # old singletons may join
        for name in self.segments[:linked] if wanted else ():
            for word, stem in _words(self.dir / name, wanted):
                groups[stem].add(word)
        return groups

    def _merge_segment(self) -> None:
        """Merge the pending runs into the next segment (in up to `jobs` processes) and delete them."""
        name = f"s{len(self.segments):04d}"
        out = self.dir / name
        out.mkdir()
        strides = {f: stride_for(n) for f, n in self.longest.items()}
        sizes = _letter_sizes(self.first, self.base, self.documents)
        plan = SegmentPlan(out, self.pending, self.base, strides, sizes)
        bounds = [None, *_split(self.pending, self.jobs), None]
        ranges = list(enumerate(zip(bounds, bounds[1:])))
        processes = min(self.jobs, len(ranges))
        if processes <= 1:
            merge_ranges(plan, ranges)
        else:
            _merge_in_processes(out, [(plan, ranges[n::processes]) for n in range(processes)])
        _join_parts(out, len(ranges))
        write_blocks(out)
        meta = {"base": self.base, "documents": self.documents, "strides": strides}
        (out / SEGMENT_META).write_text(json.dumps(meta))
        for run in self.pending:
            remove_run(run.path)
        self.segments.append(name)
        self.pending, self.documents, self.longest = [], 0, dict.fromkeys(WORD_FIELDS, 0)


def _fits(documents: int, longest: dict[str, int]) -> bool:
    """Whether a segment of this many documents, with these longest fields, keeps its positions in 32 bits."""
    return all(documents << stride_for(n) <= POSITION_SPACE for n in longest.values())


def _words(segment: Path, stems: set[str] | None = None) -> Iterator[tuple[str, str]]:
    """(word, stem) of a segment's words of the text fields; only those of `stems` when given."""
    text = (segment / WORDS).read_text(encoding="utf-8")
    for line in text.split("\n") if text else ():
        word, _, stem = line.partition("\t")
        if stems is None or stem in stems:
            yield word, stem


def _letter_sizes(first: array, base: int, documents: int) -> np.ndarray:
    """Decisions per letter at its first decision (0 elsewhere) over a segment's documents: what a
    letter-text key counts. A letter never spans two segments (a segment takes whole runs)."""
    sizes = np.zeros(documents, np.int64)
    for f, n in Counter(first[base:base + documents]).items():  # counted in C; a step per letter
        sizes[f - base] = n
    return sizes


def _join_parts(out: Path, parts: int) -> None:
    """The parts' keys, sets and counts, in key order, as the segment's files."""
    ends = {DOCS: 0, PLACES: 0, KEYS: 0}
    files = {name: open(out / name, "wb") for name in (KEYS, STARTS, DOCS, f"{DOCS}.at", PLACES, f"{PLACES}.at",
                                                       COUNTS, WORDS)}
    try:
        files[f"{DOCS}.at"].write(np.zeros(1, np.uint64).tobytes())
        files[f"{PLACES}.at"].write(np.zeros(1, np.uint64).tobytes())
        words: set[str] = set()
        for i in range(parts):
            keys, doc_lengths, place_lengths, counts, part_words = pickle.loads((out / f"part{i}.index").read_bytes())
            words.update(part_words)
            if keys:
                blob = ("\n" if ends[KEYS] else "").encode() + "\n".join(keys).encode("utf-8")
                newlines = np.flatnonzero(np.frombuffer(blob, np.uint8) == 10) + 1 + ends[KEYS]
                starts = newlines if ends[KEYS] else np.concatenate([[0], newlines])
                files[KEYS].write(blob)
                files[STARTS].write(starts.astype(np.uint64).tobytes())
                ends[KEYS] += len(blob)
            for name, lengths in ((DOCS, doc_lengths), (PLACES, place_lengths)):
                files[f"{name}.at"].write((ends[name] + np.cumsum(lengths)).astype(np.uint64).tobytes())
                ends[name] += int(np.sum(lengths))
                with open(out / f"part{i}.{name}", "rb") as part:
                    shutil.copyfileobj(part, files[name], 1 << 20)
                (out / f"part{i}.{name}").unlink()
            files[COUNTS].write(np.asarray(counts, np.uint32).tobytes())
            (out / f"part{i}.index").unlink()
        files[STARTS].write(np.array([ends[KEYS] + 1], np.uint64).tobytes())
        files[WORDS].write("\n".join(sorted(words)).encode("utf-8"))
    finally:
        for f in files.values():
            f.close()


def _merge_in_processes(out: Path, jobs: list[tuple]) -> None:
    """Run each job (merge_ranges' arguments) in a new interpreter (`python -m indexer.table.merge
    JOBFILE PID`); not multiprocessing's spawn, which would re-run the caller's main script in every
    process. New interpreters, not forks: a forked child shares this process's few hundred MB at first,
    but its garbage collector and reference counts soon copy much of them (at 100,000 letters the
    build's peak, all processes' RSS summed, went from 1,820 MB forked to 1,074 MB)."""
    files, processes = [], []
    try:
        for n, job in enumerate(jobs):
            files.append(out / f"merge{n}.job")
            files[-1].write_bytes(pickle.dumps(job, pickle.HIGHEST_PROTOCOL))
            command = [sys.executable, "-m", "indexer.table.merge", str(files[-1]), str(os.getpid())]
            processes.append(subprocess.Popen(command, cwd=PACKAGE_ROOT))  # `-m` finds this very package
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


def _split(runs: list[SegmentRun], jobs: int) -> list[str]:
    """Keys cutting the runs into ranges of about equal work (documents and places, and keys weighted
    by KEY_WEIGHT, read off their marks), none over RANGE_WEIGHT, so that a range's values and keys fit
    in memory whatever the size of the segment; at least `jobs` of them when the work passes
    PARALLEL_WEIGHT."""
    weighted: list[tuple[str, int]] = []
    for run in runs:
        keys, docs, places = run_size(run.path)
        ends = [(n, d, p) for _, n, d, p in run.marks[1:]] + [(keys, docs, places)]
        weighted.extend((k, (d_end - d) + (p_end - p) + KEY_WEIGHT * (n_end - n))
                        for (k, n, d, p), (n_end, d_end, p_end) in zip(run.marks, ends))
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
