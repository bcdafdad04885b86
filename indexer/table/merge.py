"""Merging one key range of a segment's runs (runs.py) into the segment's stored sets.

Each run holds its keys in order with their documents and places, numbered from the run's start. A
range's keys from every run are united into one sorted list; each run's values are then placed,
offset by where the run starts, into one array grouped by key (runs in document order), by NumPy:
documents become Whoosh's numbers, places become the segment's strided positions. The stored sets
are made by `encode_sets` in a few array operations for the many small sets (most keys at the
archive's size: a pair seen once), and by Roaring, one Python call each, for the large ones.
"""
from __future__ import annotations

import ctypes
import os
import pickle
import signal
import sys
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pyroaring import BitMap

from ..analysis import stem_word
from ..fields import TEXT_FIELDS, WORD_FIELDS
from .dictionary import KEYS, STARTS
from .keys import LETTER_PREFIXES, SEP
from .runs import PLACE_BITS
from .sets import SMALL

PR_SET_PDEATHSIG = 1  # linux/prctl.h
_LOW = np.uint64((1 << PLACE_BITS) - 1)


@dataclass
class SegmentRun:
    """A run as one segment's merge reads it."""

    path: str
    docnum: int  # Whoosh's number of the run's first document
    marks: list  # runs.Run.marks


@dataclass
class SegmentPlan:
    """What every range of one segment's merge shares."""

    out: Path
    runs: list  # SegmentRun, in document order
    base: int  # the segment's first document
    strides: dict  # field -> stride (positions.py)
    letter_sizes: np.ndarray  # decisions per letter at its first decision, 0 elsewhere, from `base` on


def run_size(path: str) -> tuple[int, int, int]:
    """(keys, documents, places) of a written run."""
    return (os.path.getsize(path + f".{STARTS}") // 8 - 1, os.path.getsize(path + ".docs") // 4,
            os.path.getsize(path + ".places") // 8)


def merge_ranges(plan: SegmentPlan, ranges: list[tuple[int, tuple[str | None, str | None]]]) -> None:
    """Merge each (part number, (lo, hi)) key range into `out/part<n>.docs`, `.places` and `.index`."""
    for part, (lo, hi) in ranges:
        _merge_range(plan, part, lo, hi)


def _merge_range(plan: SegmentPlan, part: int, lo: str | None, hi: str | None) -> None:
    slices = [_read_run(run, plan.base, lo, hi) for run in plan.runs]
    keys = sorted(set().union(*(s[0] for s in slices)))
    index = dict(zip(keys, range(len(keys))))
    where = [np.fromiter(map(index.__getitem__, s[0]), np.int64, len(s[0])) for s in slices]
    docs, doc_bounds = _gather(len(keys), [(w, s[1], s[2]) for w, s in zip(where, slices)])
    places, place_bounds = _gather(len(keys), [(w, s[3], s[4]) for w, s in zip(where, slices)])
    places = _strided(keys, place_bounds, places, plan.strides)
    counts = np.diff(doc_bounds)
    for prefix in LETTER_PREFIXES:  # a letter-text key counts every decision of its letters
        first, last = _prefix_range(keys, prefix)
        if last > first:
            held = plan.letter_sizes[docs[doc_bounds[first]:doc_bounds[last]] - plan.base]
            totals = np.concatenate([[0], np.cumsum(held)])
            counts[first:last] = np.diff(totals[doc_bounds[first:last + 1] - doc_bounds[first]])
    doc_blob, doc_lengths = encode_sets(docs.astype(np.uint32), doc_bounds)
    place_blob, place_lengths = encode_sets(places, place_bounds)
    (plan.out / f"part{part}.docs").write_bytes(doc_blob)
    (plan.out / f"part{part}.places").write_bytes(place_blob)
    words = {w for name, _, w in (k.partition(SEP) for k in keys if " " not in k)
             if name in TEXT_FIELDS and w.isalpha()}
    words = [f"{w}\t{stem_word(w)}" for w in sorted(words)]  # stemmed here, in parallel, for the stem table
    index_file = plan.out / f"part{part}.index"
    index_file.write_bytes(pickle.dumps((keys, doc_lengths, place_lengths, counts.astype(np.uint32), words),
                                        pickle.HIGHEST_PROTOCOL))


def _gather(n: int, pieces: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """One array of values grouped by key from each run's (key numbers, counts per key, values), runs
    in order within a key; and the bounds of each key's group."""
    totals = np.zeros(n, np.int64)
    for where, counts, _ in pieces:
        totals[where] += counts  # a key stands once in a run
    bounds = np.zeros(n + 1, np.int64)
    np.cumsum(totals, out=bounds[1:])
    merged, cursor = np.empty(int(bounds[-1]), np.int64), bounds[:-1].copy()
    for where, counts, values in pieces:
        local = np.cumsum(counts) - counts
        merged[np.repeat(cursor[where] - local, counts) + np.arange(len(values))] = values
        cursor[where] += counts
    return merged, bounds


def _strided(keys: list[str], bounds: np.ndarray, places: np.ndarray, strides: dict[str, int]) -> np.ndarray:
    """Segment document << PLACE_BITS | place, as the segment's positions: document << stride | place."""
    out = np.zeros(len(places), np.uint32)
    for name in WORD_FIELDS:
        first, last = _prefix_range(keys, f"{name}{SEP}")
        if last > first:
            lo, hi = bounds[first], bounds[last]
            chunk = places[lo:hi].astype(np.uint64)
            out[lo:hi] = ((chunk >> np.uint64(PLACE_BITS)) << np.uint64(strides[name])) | (chunk & _LOW)
    return out


def encode_sets(values: np.ndarray, bounds: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Each key's set in sets.encode's form, one after another (an empty set takes no bytes), and each
    one's length: the small sets placed by array operations, the large ones serialized by Roaring."""
    counts = np.diff(bounds)
    small = (counts > 0) & (counts <= SMALL)
    large = np.flatnonzero(counts > SMALL)
    blobs = [b"R" + BitMap(array("I", values[bounds[i]:bounds[i + 1]].astype(np.uint32).tobytes())).serialize()
             for i in large.tolist()]
    lengths = np.where(small, 1 + 4 * counts, 0)
    lengths[large] = [len(b) for b in blobs]
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    out = np.zeros(int(offsets[-1]), np.uint8)
    keys = np.flatnonzero(small)
    out[offsets[keys]] = ord("L")
    sizes = 4 * counts[keys]
    value_bytes = values[np.repeat(small, counts)].astype("<u4").view(np.uint8)
    out[np.repeat(offsets[keys] + 1, sizes) + _ragged(sizes)] = value_bytes
    for i, blob in zip(large.tolist(), blobs):
        out[offsets[i]:offsets[i + 1]] = np.frombuffer(blob, np.uint8)
    return out.tobytes(), lengths


def _ragged(sizes: np.ndarray) -> np.ndarray:
    """0..size-1 for each size, one after another."""
    return np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)


def _prefix_range(keys: list[str], prefix: str) -> tuple[int, int]:
    """Where the keys starting with `prefix` (which ends with SEP) stand in the sorted `keys`."""
    return bisect_left(keys, prefix), bisect_left(keys, prefix[:-1] + chr(ord(SEP) + 1))


def _read_run(run: SegmentRun, base: int, lo: str | None, hi: str | None):
    """A run's keys in [lo, hi) with their document counts and documents (Whoosh's numbers), and their
    place counts and places (segment document << PLACE_BITS | place)."""
    path = run.path
    size = run_size(path)[0]
    first, last = _key_number(run, lo, 0), _key_number(run, hi, size)
    if last <= first:
        empty = np.zeros(0, np.int64)
        return [], empty, empty, empty, empty
    keys = _keys(path, first, last)
    doc_ends = _read(path + ".docs.ends", np.uint64, first, last + 1).astype(np.int64)
    docs = _read(path + ".docs", np.uint32, int(doc_ends[0]), int(doc_ends[-1])).astype(np.int64) + run.docnum
    place_ends = _read(path + ".places.ends", np.uint64, first, last + 1).astype(np.int64)
    places = _read(path + ".places", np.uint64, int(place_ends[0]), int(place_ends[-1])).astype(np.int64)
    places += (run.docnum - base) << PLACE_BITS
    return keys, np.diff(doc_ends), docs, np.diff(place_ends), places


def _keys(path: str, first: int, last: int) -> list[str]:
    at = _read(path + f".{STARTS}", np.uint64, first, last + 1)
    with open(path + f".{KEYS}", "rb") as blob:
        blob.seek(int(at[0]))
        return blob.read(int(at[-1] - at[0]) - 1).decode("utf-8").split("\n")


def _key_number(run: SegmentRun, k: str | None, default: int) -> int:
    """The number of the run's first key not below `k` (`default` for no bound), found from the
    nearest mark by reading one block of keys."""
    if k is None:
        return default
    marks = run.marks
    block = bisect_right([m[0] for m in marks], k) - 1
    if block < 0:
        return 0
    first = marks[block][1]
    last = marks[block + 1][1] if block + 1 < len(marks) else run_size(run.path)[0]
    return first + bisect_left(_keys(run.path, first, last), k)


def _read(path: str, dtype, first: int, last: int) -> np.ndarray:
    """Items [first, last) of a file of fixed-width numbers."""
    width = np.dtype(dtype).itemsize
    return np.fromfile(path, dtype, count=max(0, last - first), offset=first * width)


def main(job_file: str, build_pid: int) -> None:
    """A merge process started by the table's writer: `job_file` holds the pickled (plan, ranges).
    Ctrl-C is the build's to handle (it kills this process), and a killed build takes it along."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with(build_pid)
    merge_ranges(*pickle.loads(Path(job_file).read_bytes()))


def _end_with(build_pid: int) -> None:
    """Ask Linux to kill this process when the build that started it dies (prctl PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: a killed build's merge runs on to its end, harmless
        return
    if os.getppid() != build_pid:  # the build died before the request was made
        os._exit(1)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
