"""Each decision's short fields (case, letter, number, date, item, outcome, specialties, category) as one
line of a flat file beside each build, keyed by Whoosh's document numbers.

A CSV export writes up to 10,000 of these. Read from Whoosh, each row costs a whole stored record (the
rationale and, on a letter's first decision, the letter's JSON, decompressed and unpickled): about
60 us at 100,000 letters. Here a row is one positional read and a split.

Layout of `<build>/rows/`: `rows.bin` (UTF-8 records, fields joined by SEP, documents one after another)
and `offsets.bin` (uint64, one more than the document slots; a deleted or missing document is empty).
"""
from __future__ import annotations

import os
import shutil
import weakref
from array import array
from pathlib import Path

DIRECTORY = "rows"
SEP = "\x1f"
FIELDS = ("case", "letter", "decision", "decided", "item", "outcome", "specialty_key", "category")
NUMBERS = ("decision", "decided")


def _clean(value) -> str:
    return str(value or "").replace(SEP, " ")


class RowWriter:
    """Appends rows in document order; an update copies the previous build's rows and goes on after them."""

    def __init__(self, build: Path, previous: Path | None = None):
        self.dir = build / DIRECTORY
        self.dir.mkdir()
        self.offsets = array("Q", [0])
        if previous:
            shutil.copyfile(previous / DIRECTORY / "rows.bin", self.dir / "rows.bin")
            self.offsets = _offsets(previous / DIRECTORY)
        self.out = open(self.dir / "rows.bin", "ab")

    def add(self, docnum: int, doc: dict) -> None:
        self._pad(docnum)
        record = SEP.join(_clean(doc.get(name)) for name in FIELDS).encode("utf-8")
        self.out.write(record)
        self.offsets.append(self.offsets[-1] + len(record))

    def _pad(self, slots: int) -> None:
        """Empty rows up to `slots` documents (numbers Whoosh gave to nothing we wrote)."""
        self.offsets.extend([self.offsets[-1]] * (slots + 1 - len(self.offsets)))

    def finish(self, size: int) -> None:
        self._pad(size)
        self.out.close()
        (self.dir / "offsets.bin").write_bytes(self.offsets[:size + 1].tobytes())

    def cancel(self) -> None:
        self.out.close()


class RowReader:
    """Read side; thread-safe (positional reads on one descriptor)."""

    def __init__(self, directory: Path):
        self.offsets = _offsets(directory)
        self._fd = os.open(directory / "rows.bin", os.O_RDONLY)
        weakref.finalize(self, os.close, self._fd)

    def row(self, docnum: int) -> dict:
        """The document's fields by name, as Whoosh stores them (numbers as ints, 0 when unknown)."""
        start, end = self.offsets[docnum], self.offsets[docnum + 1]
        values = os.pread(self._fd, end - start, start).decode("utf-8").split(SEP)
        out = dict(zip(FIELDS, values))
        for name in NUMBERS:
            out[name] = int(out[name] or 0)
        return out


def _offsets(directory: Path) -> array:
    values = array("Q")
    values.frombytes((directory / "offsets.bin").read_bytes())
    return values
