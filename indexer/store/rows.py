"""Each decision's CSV export row, written beside each build and keyed by Whoosh's document numbers.

A CSV export writes up to 10,000 rows. Made from Whoosh's stored records, each row cost a whole
record (the rationale and, on a letter's first decision, the letter's JSON, decompressed and
unpickled) plus formatting: about 60 us at 100,000 letters. Here the row's cells are formatted once,
at build time, and an export reads each with one positional read; only the link's host is added.

Layout of `<build>/rows/`: the rows in parts, `rows-0000.bin`, `rows-0001.bin`… (UTF-8: the CSV
cells before the link, SEP, the link's path; documents one after another), `parts.json` (each part's
name and the offset where it starts), and `offsets.bin` (uint64 offsets into the parts laid end to
end, one more than the document slots; a deleted or missing document is empty). A build writes one
part; an update hard-links the previous build's parts and writes one more, so it never copies the
rows it keeps (at two million letters, gigabytes).
"""
from __future__ import annotations

import csv
import io
import json
import os
from array import array
from bisect import bisect_right
from pathlib import Path

from ..table.files import ReadFile
from .documents import decision_url, iso_date

DIRECTORY = "rows"
PARTS = "parts.json"
SEP = "\x1f"
COLUMNS = ("case", "decision", "date", "item", "outcome", "specialty", "category", "url")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEEDS_QUOTES = frozenset(',"\r\n')


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula (a leading ' neutralises = + - @)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def header() -> str:
    return ",".join(COLUMNS) + "\r\n"


def cells(doc: dict) -> str:
    """The row's cells before the link, CSV-encoded, from a decision's stored fields."""
    buffer = io.StringIO()
    specialties = "; ".join(s for s in (doc.get("specialty_key") or "").split("|") if s)
    csv.writer(buffer).writerow([safe_cell(v) for v in (  # its own line end, so cells holding one get quotes
        doc.get("case") or doc["letter"], doc["decision"], iso_date(doc.get("decided")) or "", doc.get("item", ""),
        str(doc.get("outcome", "")).capitalize(), specialties, doc.get("category", ""))])
    return buffer.getvalue()[:-2].replace(SEP, " ")


class RowWriter:
    """Appends rows in document order to a new part; an update links the previous build's parts and
    goes on after them."""

    def __init__(self, build: Path, previous: Path | None = None):
        self.dir = build / DIRECTORY
        self.dir.mkdir()
        self.offsets = array("Q", [0])
        self.parts: list[list] = []
        if previous:
            old = previous / DIRECTORY
            self.parts = _parts(old)
            for name, _ in self.parts:
                os.link(old / name, self.dir / name)
            self.offsets = _offsets(old)
        name = f"rows-{len(self.parts):04d}.bin"
        self.parts.append([name, self.offsets[-1]])
        self.out = open(self.dir / name, "wb")

    def add(self, docnum: int, doc: dict) -> None:
        self._pad(docnum)
        record = f"{cells(doc)}{SEP}{decision_url(doc['letter'], doc['decision'])}".encode("utf-8")
        self.out.write(record)
        self.offsets.append(self.offsets[-1] + len(record))

    def _pad(self, slots: int) -> None:
        """Empty rows up to `slots` documents (numbers Whoosh gave to nothing we wrote)."""
        self.offsets.extend([self.offsets[-1]] * (slots + 1 - len(self.offsets)))

    def finish(self, size: int) -> None:
        self._pad(size)
        self.out.close()
        name, start = self.parts[-1]
        if start == self.offsets[-1] and len(self.parts) > 1:  # an update that added nothing adds no part
            os.unlink(self.dir / name)
            self.parts.pop()
        (self.dir / "offsets.bin").write_bytes(self.offsets[:size + 1].tobytes())
        (self.dir / PARTS).write_text(json.dumps(self.parts))

    def cancel(self) -> None:
        self.out.close()


class RowReader:
    """Read side; thread-safe (positional reads of each part, table.files.ReadFile)."""

    def __init__(self, directory: Path):
        self.offsets = _offsets(directory)
        parts = _parts(directory)
        self._starts = [start for _, start in parts]
        self._parts = [ReadFile(directory / name) for name, _ in parts]

    def lines(self, docnums, root: str):
        """The CSV lines of these documents, each link starting with `root` (the site's address)."""
        quoted = not NEEDS_QUOTES.isdisjoint(root)  # a link cell needs quotes only if the host has them
        offsets, parts, starts = self.offsets, self._parts, self._starts
        for d in docnums:
            start = offsets[d]
            part = bisect_right(starts, start) - 1  # a row lies wholly in the part it starts in
            data = parts[part].read(start - starts[part], offsets[d + 1] - start)
            before, path = data.decode("utf-8").split(SEP)
            link = root + path
            yield f'{before},"{link.replace(chr(34), chr(34) * 2)}"\r\n' if quoted else f"{before},{link}\r\n"


def _parts(directory: Path) -> list[list]:
    return json.loads((directory / PARTS).read_text())


def _offsets(directory: Path) -> array:
    values = array("Q")
    values.frombytes((directory / "offsets.bin").read_bytes())
    return values
