"""The Whoosh schema of a build: each decision's stored fields and the columns precedents count.

Built in code every time an index is opened; documents.py makes the documents that fill it.
"""
from __future__ import annotations

from whoosh.fields import ID, NUMERIC, STORED, Schema

from ..fields import WORD_FIELDS

SCHEMA_VERSION = 13  # also the layout of the match table (table/) and the rows (rows/)
# Whoosh keeps each decision's stored fields and the analytics columns; it does not index the words.
# Every word, pair and value lives in the match table (indexer.table), which answers all
# matching; phrases longer than two words and proximity use the words' and pairs' positions there
# (table/positions.py). Indexing the words in Whoosh as well cost about 4 ms a decision in the single
# writer and a 16-minute final merge at 100,000 letters, for postings no search read.


def build_schema() -> Schema:
    """The schema, built in code every time an index is opened (never the pickled copy)."""
    fields = dict(
        id=STORED(),  # "<letter key>#<decision number>"; a decision is found by its letter (find_decision)
        letter=ID(stored=True),  # indexed: a case page and an update find a letter's decisions by it
        case=STORED(),
        decision=STORED(),
        outcome=_column(ID(stored=True, sortable=True)),
        category=_column(ID(stored=True, sortable=True)),
        specialty_key=_column(ID(stored=True, sortable=True)),  # "A|B": the facet value of the specialty list
        source_key=_column(ID(stored=True, sortable=True)),  # "acoem|mtus": guideline sources cited
        decided=_column(NUMERIC(int, stored=True, sortable=True, signed=False)),  # YYYYMMDD, 0 when unknown
        letter_json=STORED(),  # the whole parsed letter, on its first decision only
        # Precedent analytics (precedents/aggregation.py reads these columns in one pass; never searched by users):
        treatment_key=_column(ID(sortable=True)),  # the canonical treatment name, exactly
        strength_key=_column(ID(sortable=True)),  # "10/325 mg" ("" when none)
        quantity_key=_column(ID(sortable=True)),  # "120", "12 sessions" ("" when none)
        section_key=_column(ID(stored=True, sortable=True)),  # "Opioids, criteria for use|Weaning of Medications"
    )
    fields.update((name, STORED()) for name in WORD_FIELDS)
    return Schema(**fields)


def _column(field):
    """A per-document column (and stored value when asked) with no postings: the table finds values."""
    field.indexed = False
    return field
