"""What a fresh interpreter loads for each entry point: the run-time side of the import contracts.

import-linter (setup.cfg, `make lint`) checks the import statements; the packages' lazy exports
(PEP 562) and the CLI's imports inside its commands keep those arrows at run time too, which only
a new process shows.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .helpers import ROOT

NEVER = {
    "indexer": ["numpy", "whoosh", "indexer.letters", "indexer.store", "indexer.build"],
    "indexer.cli": ["web", "flask", "numpy", "indexer.build", "indexer.search"],
    "web.serve": ["numpy", "indexer.build", "indexer.table.writer", "indexer.table.runs", "indexer.table.merge",
                  "indexer.terms.factor_rules"],
    "indexer.build": ["web", "flask", "indexer.query", "indexer.search", "indexer.precedents.similar",
                      "indexer.precedents.reports", "indexer.terms.factor_rules"],
    "indexer.table.merge": ["indexer.terms", "indexer.letters", "indexer.store", "whoosh.fields"],
    "indexer.letters.extract": ["indexer.terms", "indexer.letters.model", "whoosh"],
}


def loaded_by(module: str) -> set[str]:
    code = f"import importlib, json, sys; importlib.import_module({module!r}); print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


@pytest.mark.parametrize("module,never", NEVER.items(), ids=list(NEVER))
def test_an_entry_point_never_loads_what_its_layer_must_not(module, never):
    loaded = loaded_by(module)
    assert [name for name in never if name in loaded] == []


def test_every_public_name_is_there_on_first_use():
    import indexer

    assert [name for name in indexer.__all__ if getattr(indexer, name, None) is None] == []
    with pytest.raises(AttributeError, match="no_such_name"):
        getattr(indexer, "no_such_name")
