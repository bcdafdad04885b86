"""A chunk of letters' match-table entries, gathered in a parse worker and written as one sorted run.

Putting each of a decision's 1,500 or so keys (words, pairs, triples, values, positions) into the table
cost the build's main process about 1.1 ms a decision, serially: most of its time, with the parse
workers waiting on it. A parse worker now gathers a whole chunk of letters, numbering its documents
from 0 and its words from 0 in each field's position space, and writes the entries sorted by key. The
main process only places each run (its first document, where its position spaces start), and the
table's merge adds those offsets (table_writer.py, bitset.encode_runs).
"""
from __future__ import annotations

import pickle
from array import array
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .analysis import words
from .positions import GAP, token_places
from .postings import SPECIALTY, case_prefix_keys, date_keys, key, position_key, token_keys
from .schema import LETTER_FIELDS, LIST_FIELDS, VALUE_FIELDS, WORD_FIELDS

MARK_EVERY = 512  # entries between two marks of a run, where a merge of a key range starts reading


@dataclass
class Run:
    """A written run and its documents' own columns, all numbered from the run's first document."""

    path: str
    documents: int
    decided: array  # YYYYMMDD per document
    first: array  # its letter's first document, in the run
    bases: dict  # field -> where each document's words start (array "Q")
    spaces: dict  # field -> positions the run takes (GAP after each document)
    marks: list  # (key, byte offset) of every MARK_EVERY-th entry, for table_writer's ranges


def doc_keys(doc: dict, tokens: dict[str, list[str]]) -> list[str]:
    """Every match-table key of one index document (`tokens`: its word fields split into words):
    words and pairs, values, facet values, dates. The letter's own text is keyed by add_letter."""
    keys: set[str] = set()
    for name, found in tokens.items():
        if name not in LETTER_FIELDS:
            keys |= token_keys(name, found)
    keys.update(key(n, str(doc[n])) for n in VALUE_FIELDS if doc.get(n))
    for name in LIST_FIELDS:
        keys.update(key(name, v.strip().lower()) for v in (doc.get(name) or "").split(",") if v.strip())
    keys.update(key(SPECIALTY, v) for v in doc.get("specialty_key", "").split("|") if v)
    keys.update(case_prefix_keys(doc.get("case") or ""))
    keys.update(date_keys("decided", doc.get("decided", 0)))
    keys.update(date_keys("injured", doc.get("injured", 0)))
    return list(keys)


class ChunkPostings:
    """The entries of consecutive letters, documents numbered from 0; `write` sorts them into a run."""

    def __init__(self):
        self.pending: dict[str, array] = defaultdict(lambda: array("I"))
        self.decided, self.first = array("I"), array("I")
        self.bases = {f: array("Q") for f in WORD_FIELDS}
        self.spaces = dict.fromkeys(WORD_FIELDS, 0)

    def add_letter(self, docs: list[dict]) -> None:
        """One letter's index documents (schema.documents), numbered after those already added."""
        start, pending = len(self.decided), self.pending
        tokens = [{f: words(d[f]) for f in WORD_FIELDS if d.get(f)} for d in docs]  # each field split once
        numbers = range(start, start + len(docs))
        for name in LETTER_FIELDS:  # the letter's own text (its summary) is keyed on its first decision
            if docs and name in tokens[0]:
                for k in token_keys(name, tokens[0][name]):
                    pending[k].append(start)
        for docnum, doc, fields in zip(numbers, docs, tokens):
            self.decided.append(doc.get("decided", 0))
            self.first.append(start)
            for k in doc_keys(doc, fields):
                pending[k].append(docnum)
            for name, base in self.spaces.items():
                self.bases[name].append(base)  # a document without the field too: its range is empty
            for name, found in fields.items():
                base, prefix = self.spaces[name], position_key(name, "")
                length, places = token_places(found)
                for word, at in places.items():
                    pending[prefix + word].extend([base + p for p in at])
                self.spaces[name] = base + length + GAP

    def write(self, path: Path) -> Run:
        """Write the entries sorted by key, as (key, uint32 bytes) pickles, and describe the run."""
        marks = []
        with open(path, "wb") as out:  # read back by table_writer._read_run
            for n, k in enumerate(sorted(self.pending)):
                if n % MARK_EVERY == 0:
                    marks.append((k, out.tell()))
                pickle.dump((k, self.pending[k].tobytes()), out, protocol=pickle.HIGHEST_PROTOCOL)
        return Run(str(path), len(self.decided), self.decided, self.first, self.bases, self.spaces, marks)

