"""Write a fresh index (or an updated copy) from letters parsed in parallel (pool.py), then
switch to it atomically.

Whoosh's stored fields keep each segment's offsets in a 32-bit array (whoosh.columns.VarBytesColumn),
so one Whoosh segment cannot pass 4 GiB of stored records: a 1,000,000-letter build with a
real-like vocabulary died there after 23 minutes. The writer is therefore committed (without
merging, which would renumber the documents under the match table) and reopened whenever the records
it holds near WHOOSH_SEGMENT_BYTES, or WHOOSH_SEGMENT_DOCUMENTS decisions: the limit is kept by
construction, never met.
"""
from __future__ import annotations

import gc
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from ..errors import BuildError
from ..letters import find_letters
from ..precedents import aggregation
from ..store import (
    FILES,
    MANIFEST,
    SCHEMA_VERSION,
    STEMS,
    SUMMARY,
    BuildLock,
    RowWriter,
    build_schema,
    current_build,
    is_build_object,
    prune_builds,
    read_files,
    read_summary,
    switch_to,
    write_files,
)
from ..table.runs import Run, remove_run
from ..table.writer import TableWriter
from .pool import Chunk, Parsed, file_digest, parse_all, write_run

RUNS = "runs"  # the build's temporary folder of chunk runs (each segment's are deleted once merged)
WHOOSH_SEGMENT_BYTES = 2 << 30  # stored bytes (estimated from the records' text) a Whoosh segment may take
WHOOSH_SEGMENT_DOCUMENTS = 1 << 20


INDEX_PER_TEXT_BYTE = 3  # disk a build takes per byte of letter text, at its peak (_check_disk_space)
PDF_TEXT_BYTES = 30_000  # a published letter's text is under this; its PDF file is several times larger
SPARE_BYTES = 256 * 2**20  # the per-decision files an update copies, the manifest, the stem table


@dataclass
class BuildReport:
    """What a build did, for the summary line and for --strict."""

    letters: int = 0
    decisions: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[tuple[str, str, str]] = field(default_factory=list)  # (path, field, message): kept, doubted
    seconds: float = 0.0
    build_dir: str = ""

    @property
    def letters_per_second(self) -> float:
        return self.letters / self.seconds if self.seconds else 0.0


def build_index(paths: list[str], root: str | Path, jobs: int | None = None, update: bool = False,
                progress: Callable[[int, int], None] | None = None, strict: bool = False) -> BuildReport:
    """Index the letters under `paths` into `root` and switch to the new index atomically. A letter
    whose parse the checks doubt is kept and its findings reported (`strict`: skipped, with them)."""
    root = Path(root)
    jobs = jobs or os.cpu_count() or 1
    started = time.perf_counter()
    report = BuildReport()
    with BuildLock(root), _bookkeeping():
        (root / "builds").mkdir(parents=True, exist_ok=True)
        prune_builds(root)  # we hold the lock, so any unfinished build is a dead one
        files, problems = find_letters(paths)
        report.skipped.extend(problems)
        previous = current_build(root) if update else None
        if previous and read_summary(previous).get("schema_version") != SCHEMA_VERSION:
            previous = None  # built by another version: an update cannot reuse it, so build afresh
        old_files = read_files(previous) if previous else {}
        stamps, digests, todo, kept = _changes(files, old_files, bool(previous))
        gc.freeze()  # the records are made: never scanned again (_bookkeeping)
        gc.enable()
        _check_disk_space(root, todo, stamps)
        target = _new_build_dir(root, previous)
        (target / RUNS).mkdir()
        parsed = parse_all([(p, digests.get(p, "")) for p in todo], target / RUNS, jobs, progress, strict)
        try:
            manifest_files = _write(target, previous, old_files, kept, parsed, report, stamps, jobs)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        report.unchanged = len(kept)
        report.removed = len(old_files) - len(kept) - sum(p in old_files for p in todo)  # not among `files`
        _write_manifest(target, manifest_files)
        switch_to(root, target)
        prune_builds(root)
    report.seconds = time.perf_counter() - started
    report.build_dir = str(target)
    return report


@contextmanager
def _bookkeeping():
    """Keep the collector off the build's records of every file. At two million letters the paths,
    stamps, hashes and the previous build's record are about ten million objects: with the cyclic
    collector on, reading and comparing them took 22 s of a 42 s update (each collection scanned
    all of them again), and every collection after that scanned them once more; in a forked parse
    worker, scanning them also copied their pages. Collection is off while they are made and they
    are then frozen (gc.freeze: never scanned, still freed as usual); after the build, unfrozen."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


def _check_disk_space(root: Path, paths: list[str], stamps: dict[str, list[int]]) -> None:
    """Stop before writing anything when the disk cannot hold what this build adds. An index takes
    about 2.5 times its letters' text (16,400 bytes a letter at 100,000 generated letters of 6,600
    bytes; BENCHMARKS.md), and a full build also holds one segment's sorted runs until they merge:
    three times the text, with a PDF counted as PDF_TEXT_BYTES of text (its file is mostly layout).
    An update's old segments, Whoosh segments and rows are hard-linked: it needs room for its new
    letters and a copy of the small per-decision files."""
    sizes = ((path, stamps[path][0]) for path in paths if stamps[path])
    text = sum(min(size, PDF_TEXT_BYTES) if path.lower().endswith(".pdf") else size for path, size in sizes)
    needed = INDEX_PER_TEXT_BYTE * text + SPARE_BYTES
    free = shutil.disk_usage(root / "builds").free
    if needed > free:
        raise BuildError(f"not enough disk space under {root}: this build needs about {needed / 2**30:.1f} GB "
                         f"for {len(paths):,} letters, and {free / 2**30:.1f} GB are free; free some space or "
                         "build on a larger disk (--index)")


def _changes(files: list[str], old_files: dict[str, dict], update: bool):
    """(stamps, digests, todo, kept): every file's [size, mtime_ns] (taken before reading: a later
    change shows next time); in an update, every file's content hash (the record's when its stamp is
    unchanged); the files to parse, in order; and the record's entries of the files kept unchanged.
    One pass: at two million files, every step of it costs seconds."""
    stamps = {path: _stamp(path) for path in files}  # a thread pool measured slower: the GIL, not the disk
    digests: dict[str, str] = {}
    todo: list[str] = []
    kept: dict[str, dict] = {}
    for path in files:
        stamp = stamps[path]
        if not update:
            todo.append(path)
            continue
        entry = old_files.get(path)
        digest = digests[path] = _known_digest(entry, stamp) or file_digest(path)
        if entry is not None and entry["hash"] == digest:
            entry["stamp"] = stamp  # the record's own entry: read for this build alone
            kept[path] = entry
        else:
            todo.append(path)
    return stamps, digests, todo, kept


def _stamp(path: str) -> list[int]:
    try:
        status = os.stat(path)
    except OSError:
        return []
    return [status.st_size, status.st_mtime_ns]


def _known_digest(entry: dict | None, stamp: list[int]) -> str:
    """The manifest's hash of a file whose size and modification time are unchanged: an update need
    not read 100,000 unchanged letters (2 GB) to find the 1,000 new ones."""
    return entry["hash"] if entry and stamp and entry.get("stamp") == stamp else ""


def _new_build_dir(root: Path, previous: Path | None) -> Path:
    target = root / "builds" / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    target.mkdir()
    if previous:  # segments are immutable: hard links make a private copy at no cost
        for item in previous.iterdir():
            if (item.is_file() and not item.name.endswith("LOCK") and item.name not in (MANIFEST, STEMS, SUMMARY, FILES)
                    and not is_build_object(item.name)):
                os.link(item, target / item.name)
    return target


def _write(target: Path, previous, old_files: dict, kept: dict, parsed: Iterator[Chunk],
           report: BuildReport, stamps: dict[str, list[int]], jobs: int) -> dict:
    schema = build_schema()
    if previous:
        ix = FileStorage(str(target)).open_index(schema=schema)
    else:
        ix = whoosh_index.create_in(str(target), schema)
    docnum = first_new = ix.doc_count_all()  # new documents are numbered after the kept segments
    table = TableWriter(target, previous, jobs)
    rows = RowWriter(target, previous)
    samples: dict[int, str] = {}
    names = set(schema.names())  # a document's other keys feed only the table (source, injured)
    writer = _WhooshWriter(ix)
    try:
        manifest_files = dict(kept)
        keys = {entry["key"]: path for path, entry in kept.items()}
        digests = {entry["hash"]: path for path, entry in kept.items()}
        if previous:
            for path, entry in old_files.items():
                if path not in kept:
                    writer.delete_letter(entry["key"])
        for chunk in parsed:
            start, taken = docnum, []
            for item in chunk.letters:
                if item.error:
                    report.skipped.append((item.path, item.error))
                    continue
                if item.digest in digests:
                    report.skipped.append((item.path, f"duplicate: same content as {digests[item.digest]}"))
                    continue
                if item.key in keys:
                    report.skipped.append(
                        (item.path, f"duplicate: case {item.key} is already indexed from {keys[item.key]}"))
                    continue
                keys[item.key] = item.path
                digests[item.digest] = item.path
                taken.append(item)
                report.warnings.extend((item.path, name, message) for name, message in item.warnings)
                for doc in item.docs:
                    writer.add({k: v for k, v in doc.items() if k in names})
                    rows.add(docnum, doc)
                    if docnum % 997 == 0 or len(samples) < 3:
                        samples[docnum] = doc["id"]
                    docnum += 1
                manifest_files[item.path] = {"hash": item.digest, "key": item.key, "decisions": len(item.docs),
                                             "stamp": stamps[item.path]}
                report.letters += 1
                report.decisions += len(item.docs)
            if taken:
                table.add_run(start, _run_of(chunk, taken))
            else:
                remove_run(chunk.run.path)
    except BaseException:
        writer.cancel()
        rows.cancel()
        raise
    writer.commit()
    _finish_table(target, table, rows, samples, previous, first_new)
    return manifest_files


class _WhooshWriter:
    """Whoosh's writer, committed as a segment of its own (never merged: merging would renumber the
    documents under the match table) whenever it nears WHOOSH_SEGMENT_BYTES or _DOCUMENTS."""

    def __init__(self, ix):
        self.ix = ix
        self.writer = ix.writer(limitmb=256, compound=False)
        self.documents = self.bytes = 0

    def delete_letter(self, key: str) -> None:
        self.writer.delete_by_term("letter", key)

    def add(self, fields: dict) -> None:
        size = sum(len(v) for v in fields.values() if isinstance(v, str))
        if self.documents and (self.bytes + size > WHOOSH_SEGMENT_BYTES or self.documents >= WHOOSH_SEGMENT_DOCUMENTS):
            self.commit()
            self.writer = self.ix.writer(limitmb=256, compound=False)
        self.writer.add_document(**fields)
        self.documents += 1
        self.bytes += size

    def commit(self) -> None:
        self.writer.commit(merge=False)
        self.documents = self.bytes = 0

    def cancel(self) -> None:
        self.writer.cancel()


def _run_of(chunk: Chunk, taken: list[Parsed]) -> Run:
    """The chunk's run, or, when a duplicate letter in it was left out, a run of the letters taken
    (made here: duplicates are rare, and the run must number exactly the documents Whoosh got)."""
    if len(taken) == sum(1 for item in chunk.letters if not item.error):
        return chunk.run
    remove_run(chunk.run.path)
    return write_run(taken, Path(chunk.run.path).with_suffix(".kept"))


def _finish_table(target: Path, table: TableWriter, rows: RowWriter, samples: dict[int, str], previous: Path | None,
                  first_new: int) -> None:
    """Write the match table, the rows and the stem table, and prove they are keyed by the document
    numbers Whoosh gave; keep the precedent aggregates, which servers load rather than each working
    them out (aggregation.save: an update adds to the previous build's)."""
    ix = FileStorage(str(target)).open_index(schema=build_schema())
    with ix.reader() as reader:
        size = reader.doc_count_all()
        deleted = sorted(d for d in (base + d for leaf, base in reader.leaf_readers() if leaf.has_deletions()
                                     for d in leaf.deleted_docs_set) if d not in table.deleted)
        for docnum, doc_id in samples.items():
            if reader.stored_fields(docnum).get("id") != doc_id:
                raise BuildError(f"index check failed: document {docnum} is not {doc_id}")
        aggregation.save(target, reader, previous, first_new, deleted)
    table.finish(size, deleted)
    rows.finish(size)
    shutil.rmtree(target / RUNS, ignore_errors=True)
    _write_stems(target, table.stems(json.loads((previous / STEMS).read_text()) if previous else None))


def _write_stems(target: Path, groups: dict[str, set[str]]) -> None:
    """The table that lets a bare word find its other forms: stem -> the indexed words sharing it."""
    table = {stem: sorted(group) for stem, group in groups.items() if len(group) > 1}
    (target / STEMS).write_text(json.dumps(table, sort_keys=True))


def _write_manifest(target: Path, files: dict) -> None:
    ix = FileStorage(str(target)).open_index(schema=build_schema())
    expected = sum(entry["decisions"] for entry in files.values())
    if ix.doc_count() != expected:
        raise BuildError(f"index check failed: {ix.doc_count()} documents written, {expected} expected")
    summary = {"schema_version": SCHEMA_VERSION, "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
               "letters": len(files), "decisions": expected}
    write_files(target, files)
    (target / SUMMARY).write_text(json.dumps(summary))  # fsynced below with everything else
    path = target / MANIFEST
    with open(path.with_suffix(".tmp"), "w") as out:
        json.dump(summary, out)
        out.flush()
        os.fsync(out.fileno())
    for folder, _, names in os.walk(target):
        for name in [*names, "."]:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            os.fsync(fd)
            os.close(fd)
    os.replace(path.with_suffix(".tmp"), path)
