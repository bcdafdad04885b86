# Quick start: `make run` serves the bundled letters, `make test` runs the whole suite.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
INDEX  ?= index
PORT   ?= 8000
SEEDS  := $(shell find seeds -type f \( -name '*.txt' -o -name '*.pdf' \) 2>/dev/null)

.PHONY: run test lint install bench bench-archive clean

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# The index is rebuilt only when it is missing or older than a seed file or the schema (its version).
$(INDEX)/.built: $(VENV)/.installed $(SEEDS) indexer/store/schema.py
	$(VENV)/bin/indexer build seeds --index $(INDEX)
	touch $@

run: $(INDEX)/.built
	$(VENV)/bin/indexer serve --index $(INDEX) --port $(PORT)

# ruff (pyproject.toml) and the import contracts between the pipeline's stages (setup.cfg, lint-imports)
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test: lint
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) bench/run.py

# The whole public archive: 2,000,000 generated letters (hours; LETTERS=1000000 or 100000 for smaller runs)
LETTERS ?= 2000000
bench-archive: $(VENV)/.installed
	$(PY) bench/archive.py --letters $(LETTERS)

clean:
	rm -rf $(VENV) $(INDEX) *.egg-info
