"""Shared fixtures: the bundled letters built once into a real on-disk index for the whole session."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.build import build_index
from indexer.store import IndexHandle

from .helpers import SEEDS


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory) -> Path:
    """An index of every bundled letter (5 seed texts + 130 PDFs), built once per test session."""
    root = tmp_path_factory.mktemp("index")
    report = build_index([str(SEEDS)], root, jobs=2)
    assert report.skipped == [], report.skipped
    return root


@pytest.fixture(scope="session")
def handle(seeds_index) -> IndexHandle:
    return IndexHandle(seeds_index)
