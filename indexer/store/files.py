"""A build's record of the letter files it holds: path, content hash, letter key, decisions and the
size and modification time seen, one line per file in `files.tsv`, sorted by path.

An update reads it to find what changed. At the archive's size (2 million letters) the same record as
JSON inside the manifest was about 360 MB, parsed in seconds into a dict per file on every update;
as tab-separated lines it reads in a fraction of that. A field holding a tab, a line break or a
backslash is escaped, so any file name round-trips.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

FILES = "files.tsv"
_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))
_NEEDS_ESCAPE = re.compile(r"[\\\t\n\r]")


def _escape(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):  # nearly every name: one C scan instead of four replaces
        return text
    for raw, escaped in _ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append({"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def write_files(build: Path, files: dict[str, dict]) -> None:
    """Write the record (flushed to disk: the build's manifest is renamed in only after it)."""
    with open(Path(build) / FILES, "w", encoding="utf-8", newline="\n") as out:
        for path in sorted(files):
            entry = files[path]
            size, mtime = (entry.get("stamp") or [-1, -1])[:2]
            out.write(f"{_escape(path)}\t{entry['hash']}\t{_escape(entry['key'])}\t{entry['decisions']}\t{size}\t{mtime}\n")
        out.flush()
        os.fsync(out.fileno())


def read_files(build: Path) -> dict[str, dict]:
    """path -> {"hash", "key", "decisions", "stamp": [size, mtime_ns] or []} of every file a build holds."""
    out = {}
    with open(Path(build) / FILES, encoding="utf-8", newline="\n") as f:
        for line in f:
            path, digest, key, decisions, size, mtime = line.rstrip("\n").split("\t")
            stamp = [int(size), int(mtime)] if size != "-1" else []
            out[_unescape(path)] = {"hash": digest, "key": _unescape(key), "decisions": int(decisions), "stamp": stamp}
    return out
