"""One build on disk: the index directory and its atomic switch (directory), the live snapshot a
reader holds (live), the Whoosh schema (schema) and documents (documents), the CSV rows (rows),
objects the build keeps for its servers (objects) and bulk reads of Whoosh columns (columns).

Never imports NumPy, the build, or the table's writer, runs or merge.
"""
from __future__ import annotations

from .columns import column_values
from .directory import (
                        MANIFEST,
                        STEMS,
                        SUMMARY,
                        BuildLock,
                        current_build,
                        prune_builds,
                        read_manifest,
                        read_summary,
                        release_inherited_locks,
                        switch_to,
)
from .documents import decision_url, documents, find_decision, iso_date, letter_key
from .files import FILES, read_files, write_files
from .live import IndexHandle, Live, as_live
from .objects import is_build_object, read_object, write_object
from .rows import RowReader, RowWriter
from .schema import SCHEMA_VERSION, build_schema

__all__ = ["FILES", "MANIFEST", "SCHEMA_VERSION", "STEMS", "SUMMARY", "BuildLock", "IndexHandle", "Live", "RowReader",
           "RowWriter", "as_live", "build_schema", "column_values", "current_build", "decision_url", "documents",
           "find_decision", "is_build_object", "iso_date", "letter_key", "prune_builds", "read_manifest",
           "read_files", "read_object", "read_summary", "release_inherited_locks", "switch_to", "write_files",
           "write_object"]
