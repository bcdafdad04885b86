"""Objects a build computes once and keeps beside its index, for every server process to load.

A figure that takes seconds to work out from a build (the precedent aggregates: 2.3 s at 100,000
letters) was computed by each server worker on each switch, competing with searches; loading the
build's copy takes 0.14 s. The file is the build's like its segments (builds are trusted and never
change); a missing, damaged or older-format file reads as None and the caller computes instead.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path

SUFFIX = ".pickle"


def write_object(build: Path, name: str, version: int, value) -> None:
    """Keep `value` as `name` in `build`: written aside, then renamed in (never through a hard link
    that an updated build shares with its previous one)."""
    path = Path(build) / f"{name}{SUFFIX}"
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb") as out:
        pickle.dump((version, value), out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def read_object(build: Path, name: str, version: int):
    """The value `write_object` kept, or None when there is none of this `version` to read."""
    try:
        with open(Path(build) / f"{name}{SUFFIX}", "rb") as f:
            found, value = pickle.load(f)
    except Exception:  # none, or damaged (unpickling raises nearly anything): computing again loses nothing
        return None
    return value if found == version else None


def is_build_object(filename: str) -> bool:
    """Whether a build's file is one of these (an update computes its own rather than linking them)."""
    return filename.endswith(SUFFIX)
