"""File -> text -> Determination: letters read (extract), cleaned (text), their header and decisions
parsed (header, parse) into plain data (model).

Never imports Whoosh, NumPy or any index layer (table, store, query, search, precedents, build).
The names below are imported on first use (PEP 562), so reading a file's text (`extract`) does not
load the domain vocabulary that a Determination's `to_dict` needs.
"""
from __future__ import annotations

__all__ = ["Decision", "Determination", "Finding", "extract_text", "find_letters", "parse_file", "parse_text"]


def __getattr__(name: str):
    """A public name, imported from its module on first use."""
    if name in ("extract_text", "find_letters"):
        from . import extract as home
    elif name in ("parse_file", "parse_text"):
        from . import parse as home
    elif name in ("Decision", "Determination", "Finding"):
        from . import model as home
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(home, name)
