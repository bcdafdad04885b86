"""Merging one key range of the build's runs (runs.py) and an update's old table into encoded sets.

Each run holds its keys in order with their documents (or positions), numbered from the run's start.
A range's keys from every run are united into one sorted list; each run's values are then placed,
offset by where the run starts, into one array grouped by key, runs in document order, by NumPy.
Only the per-key encoding and compression step is a Python loop (sets.encode's layout, byte for
byte): the merge used to spend 150-200 ns of Python on every one of the table's 175 million members
at 100,000 letters, and a pickle load per key and run.
"""
from __future__ import annotations

import ctypes
import os
import pickle
import signal
import sys
import zlib
from array import array
from bisect import bisect_left, bisect_right
from pathlib import Path

import numpy as np

from ..fields import WORD_FIELDS
from .keys import LETTER_PREFIXES, POSITIONS, SEP
from .reader import DOCUMENT_DENSE, POSITION_DENSE, TableReader

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def run_size(path: str) -> tuple[int, int]:
    """(keys, values) of a written run."""
    return os.path.getsize(path + ".starts") // 8 - 1, os.path.getsize(path) // 4


def merge_ranges(out: Path, runs: list, old: TableReader | None, size: int, spaces: dict[str, int],
                 letter_sizes: array, ranges: list[tuple[int, tuple[str | None, str | None]]]) -> None:
    """Merge each (part number, (lo, hi)) key range into `out/part<n>.data` and `.keys`; `old`: the
    previous build's table (an update) or None."""
    sizes = np.frombuffer(letter_sizes, np.uint32).astype(np.int64) if len(letter_sizes) else np.zeros(0, np.int64)
    for part, (lo, hi) in ranges:
        _merge_range(out, runs, old, size, spaces, sizes, part, lo, hi)


def _merge_range(out: Path, runs: list, old, size: int, spaces: dict[str, int], letter_sizes: np.ndarray,
                 part: int, lo: str | None, hi: str | None) -> None:
    slices = [_read_run(path, docnum, starts, marks, lo, hi) for path, docnum, starts, marks in runs]
    olds = _read_old(old, lo, hi) if old is not None else {}
    keys = sorted(set(olds).union(*(ks for ks, _, _, _ in slices)))
    index = dict(zip(keys, range(len(keys))))
    totals = np.zeros(len(keys), np.int64)
    numbered = []
    for ks, counts, _, _ in slices:
        where = np.fromiter(map(index.__getitem__, ks), np.int64, len(ks))
        totals[where] += counts  # a key stands once in a run
        numbered.append(where)
    bounds = np.zeros(len(keys) + 1, np.int64)
    np.cumsum(totals, out=bounds[1:])
    merged, cursor = np.empty(int(bounds[-1]), np.int64), bounds[:-1].copy()
    for where, (ks, counts, values, offsets) in zip(numbered, slices):
        local = np.cumsum(counts) - counts
        merged[np.repeat(cursor[where] - local, counts) + np.arange(len(values))] = values + np.repeat(offsets, counts)
        cursor[where] += counts
    with open(out / f"part{part}.data", "wb") as data:
        lengths, counts = _encode_all(data, keys, olds, merged, bounds, size, spaces, letter_sizes)
    (out / f"part{part}.keys").write_bytes(pickle.dumps((keys, lengths, counts), pickle.HIGHEST_PROTOCOL))


def _encode_all(data, keys: list[str], olds: dict, merged: np.ndarray, bounds: np.ndarray, size: int,
                spaces: dict[str, int], letter_sizes: np.ndarray) -> tuple[array, array]:
    """Write each key's entry (its old parts, then its new members as one zlib'd part: sets.encode's
    layout); return the entries' lengths and counts."""
    space = np.full(len(keys), size, np.int64)
    dense = np.full(len(keys), DOCUMENT_DENSE, np.int64)
    for name in WORD_FIELDS:  # a word's positions are a set over its field's position space
        first, last = _prefix_range(keys, f"{POSITIONS}{name}{SEP}")
        space[first:last], dense[first:last] = spaces.get(name, 0), POSITION_DENSE
    members = np.diff(bounds)
    counted = members.copy()
    for prefix in LETTER_PREFIXES:  # a letter-text key counts every decision of its letters
        first, last = _prefix_range(keys, prefix)
        if last > first:
            weights = np.concatenate([[0], np.cumsum(letter_sizes[merged[bounds[first]:bounds[last]]])])
            counted[first:last] = (weights[bounds[first + 1:last + 1] - bounds[first]]
                                   - weights[bounds[first:last] - bounds[first]])
    deltas = np.diff(merged, prepend=0)
    deltas[bounds[:-1][members > 0]] = merged[bounds[:-1][members > 0]]  # each set's first delta is from 0
    sparse = memoryview(deltas.astype(np.uint32).tobytes())
    is_dense = (members * dense >= space).tolist()
    lengths, counts = array("Q"), array("I")
    for k, start, end, count, bitmap, width in zip(keys, bounds.tolist(), bounds[1:].tolist(), counted.tolist(),
                                                   is_dense, space.tolist()):
        blob, total = olds.get(k, (b"", 0))
        if end > start:
            encoded = b"D" + _bitmap(merged[start:end], width) if bitmap else b"S" + sparse[4 * start:4 * end]
            blob, total = blob + zlib.compress(encoded, 1), total + count
        data.write(blob)
        lengths.append(len(blob))
        counts.append(total)
    return lengths, counts


def _bitmap(ids: np.ndarray, width: int) -> bytes:
    """The bitmap of `width` bits holding these ascending, distinct numbers (sets.encode's)."""
    buf = np.zeros((width + 7) // 8, np.uint8)
    byte = ids >> 3
    bit = np.left_shift(1, ids & 7).astype(np.uint8)
    first = np.flatnonzero(np.concatenate([[True], byte[1:] != byte[:-1]]))
    buf[byte[first]] = np.bitwise_or.reduceat(bit, first)
    return buf.tobytes()


def _prefix_range(keys: list[str], prefix: str) -> tuple[int, int]:
    """Where the keys starting with `prefix` (which ends with SEP) stand in the sorted `keys`."""
    return bisect_left(keys, prefix), bisect_left(keys, prefix[:-1] + chr(ord(SEP) + 1))


def _read_run(path: str, docnum: int, starts: dict[str, int], marks: list, lo: str | None, hi: str | None):
    """A run's keys in [lo, hi), their value counts and values, and the offset that places each
    key's values: the run's first document for a document set, where its positions start for a
    position set."""
    first = _key_number(path, marks, lo, 0)
    last = _key_number(path, marks, hi, run_size(path)[0])
    if last <= first:
        return [], np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    at = _read(path + ".starts", np.uint64, first, last + 1)
    with open(path + ".keys", "rb") as blob:
        blob.seek(int(at[0]))
        keys = blob.read(int(at[-1] - at[0]) - 1).decode("utf-8").split("\n")
    ends = _read(path + ".ends", np.uint64, first, last + 1).astype(np.int64)
    values = _read(path, np.uint32, int(ends[0]), int(ends[-1])).astype(np.int64)
    offsets = np.full(len(keys), docnum, np.int64)
    for name in WORD_FIELDS:
        lower, upper = _prefix_range(keys, f"{POSITIONS}{name}{SEP}")
        offsets[lower:upper] = starts[name]
    return keys, np.diff(ends), values, offsets


def _key_number(path: str, marks: list, k: str | None, default: int) -> int:
    """The number of the run's first key not below `k` (`default` for no bound), found from the
    nearest mark by reading one block of keys."""
    if k is None:
        return default
    block = bisect_right([m for m, _, _ in marks], k) - 1
    if block < 0:
        return 0
    first = marks[block][1]
    last = marks[block + 1][1] if block + 1 < len(marks) else run_size(path)[0]
    at = _read(path + ".starts", np.uint64, first, last + 1)
    with open(path + ".keys", "rb") as blob:
        blob.seek(int(at[0]))
        keys = blob.read(int(at[-1] - at[0]) - 1).decode("utf-8").split("\n")
    return first + bisect_left(keys, k)


def _read(path: str, dtype, first: int, last: int) -> np.ndarray:
    """Items [first, last) of a file of fixed-width numbers."""
    width = np.dtype(dtype).itemsize
    return np.fromfile(path, dtype, count=max(0, last - first), offset=first * width)


def _read_old(old, lo: str | None, hi: str | None) -> dict[str, tuple[bytes, int]]:
    """The previous build's entries in [lo, hi): key -> (bytes as stored, count)."""
    keys = old.keys
    first = keys.bisect_left(lo) if lo is not None else 0
    last = keys.bisect_left(hi) if hi is not None else len(keys)
    return {keys[i]: (old.blob(i), old.counts[i]) for i in range(first, last)}


def main(job_file: str, build_pid: int) -> None:
    """A merge process started by the table's writer: `job_file` holds the pickled arguments of merge_ranges,
    with the old table's directory (or None) in place of its reader. Ctrl-C is the build's to handle
    (it kills this process), and a killed build takes it along."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with(build_pid)
    out, runs, previous, *rest = pickle.loads(Path(job_file).read_bytes())
    merge_ranges(out, runs, TableReader(previous) if previous is not None else None, *rest)


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
