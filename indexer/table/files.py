"""How the table's readers reach its files: by offset with `pread` (sets, positions, keys), or memory-
mapped (the small per-document columns, read in bulk).

A memory map lets every worker share the page cache, but each page a worker has touched stays in its
resident memory for as long as the map lives; at the archive's size the sets and keys are gigabytes,
so they are read by offset into short-lived bytes, and only the per-document columns (4 bytes a
decision) are mapped.
"""
from __future__ import annotations

import mmap
import os
import weakref
from array import array
from pathlib import Path


class ReadFile:
    """A file read by offset (os.pread: thread-safe, no shared file position), closed with its owner."""

    def __init__(self, path: Path):
        self.fd = os.open(path, os.O_RDONLY)
        self.size = os.fstat(self.fd).st_size
        weakref.finalize(self, os.close, self.fd)

    def read(self, offset: int, size: int) -> bytes:
        """`size` bytes from `offset` (fewer only past the end)."""
        if size <= 0:
            return b""
        data = os.pread(self.fd, size, offset)
        while len(data) < size:  # pread may return less than asked at once; the file never shrinks
            more = os.pread(self.fd, size - len(data), offset + len(data))
            if not more:
                break
            data += more
        return data

    def numbers(self, typecode: str, first: int, count: int) -> array:
        """Items [first, first + count) of a file of fixed-width numbers."""
        out = array(typecode)
        out.frombytes(self.read(first * out.itemsize, count * out.itemsize))
        return out


def mapped(path: Path) -> memoryview:
    """A read-only memory map of a whole file (an empty view for an empty file)."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if not size:
            return memoryview(b"")
        return memoryview(mmap.mmap(f.fileno(), size, prot=mmap.PROT_READ))
