"""A chunk of letters' match-table entries, gathered in a parse worker and written as one sorted run.

A parse worker gathers a whole chunk of letters, numbering its documents from 0; the main process
only places each run (its first document, its segment), and the segment's merge (merge.py) turns
the run's numbers into document numbers and strided positions.

A decision has about 900 entries (every word and adjacent pair of eight fields with their positions,
a dozen values). Made one by one as Python strings and list appends they cost about 1 ms of CPU a
decision. Here a field's words become numbers once (a dictionary lookup in C), and a whole chunk's
words and pairs are numbered, sorted and made unique as NumPy arrays: each distinct key of the chunk
becomes a string once, not once per document.

A run's files (`SUFFIXES` after its path): the sorted keys and their uint64 starts (as a segment's,
dictionary.py); `.docs`, uint32 run-local documents grouped by key, with `.docs.ends` (uint64, each
key's end, after a leading 0); `.places`, uint64 positions of the words and pairs of word fields
(run-local document << 32 | the word's place in the document's field), with `.places.ends`.
"""
from __future__ import annotations

from array import array
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..analysis import words
from ..fields import LETTER_FIELDS, LIST_FIELDS, VALUE_FIELDS, WORD_FIELDS
from .dictionary import KEYS, STARTS
from .keys import SECTION, SEP, SPECIALTY, case_prefix_keys, date_keys, key

MARK_EVERY = 512  # keys between two marks of a run, where a merge of a key range starts reading
SUFFIXES = (f".{KEYS}", f".{STARTS}", ".docs", ".docs.ends", ".places", ".places.ends")
PLACE_BITS = 32  # a run's place: its document << PLACE_BITS | the word's place in that document's field


@dataclass
class Run:
    """A written run and its documents' own columns, all numbered from the run's first document."""

    path: str
    documents: int
    decided: array  # YYYYMMDD per document
    first: array  # its letter's first document, in the run
    longest: dict  # field -> the most words one document of the run has in it (a segment's stride)
    marks: list  # (key, key number, documents before it, places before it) of every MARK_EVERY-th key


def value_keys(doc: dict) -> set[str]:
    """The keys of one index document's values: exact values, list and facet values, case-number
    prefixes, dates (its words are keyed by ChunkTable.write)."""
    keys = {key(n, str(doc[n])) for n in VALUE_FIELDS if doc.get(n)}
    for name in LIST_FIELDS:
        keys.update(key(name, v.strip().lower()) for v in (doc.get(name) or "").split(",") if v.strip())
    keys.update(key(SPECIALTY, v) for v in doc.get("specialty_key", "").split("|") if v)
    keys.update(key(SECTION, v) for v in doc.get("section_keys", "").split("|") if v)
    keys.update(case_prefix_keys(doc.get("case") or ""))
    keys.update(date_keys("decided", doc.get("decided", 0)))
    keys.update(date_keys("injured", doc.get("injured", 0)))
    return keys


class _Numbering(dict):
    """word -> its number, in order of first sight; `map(numbers.__getitem__, words)` runs in C."""

    def __missing__(self, word: str) -> int:
        self[word] = number = len(self)
        return number


class ChunkTable:
    """The entries of consecutive letters, documents numbered from 0; `write` sorts them into a run."""

    def __init__(self):
        self.numbers = _Numbering()
        self.values: dict[str, list[int]] = defaultdict(list)
        self.tokens = {f: array("i") for f in WORD_FIELDS}  # every word of the field, as numbers
        self.holders = {f: array("i") for f in WORD_FIELDS}  # documents with the field's text
        self.lengths = {f: array("i") for f in WORD_FIELDS}  # ...and their number of words
        self.decided, self.first = array("I"), array("I")

    def add_letter(self, docs: list[dict]) -> None:
        """One letter's index documents (store.documents), numbered after those already added. The
        letter's own text (LETTER_FIELDS, its summary) is keyed on its first decision."""
        start, number = len(self.decided), self.numbers.__getitem__
        for docnum, doc in enumerate(docs, start):
            self.decided.append(doc.get("decided", 0))
            self.first.append(start)
            for k in value_keys(doc):
                self.values[k].append(docnum)
            for name in WORD_FIELDS:
                text = doc.get(name)
                if text:
                    found = words(text)
                    if found:
                        self.tokens[name].extend(map(number, found))
                        self.holders[name].append(docnum)
                        self.lengths[name].append(len(found))

    def write(self, path: Path) -> Run:
        """Write the entries sorted by key (run files: SUFFIXES) and describe the run."""
        groups = self._value_groups()
        ranked = self._ranked_words()
        for name in WORD_FIELDS:
            if len(self.tokens[name]):
                groups.append(self._word_group(name, ranked))
        groups.sort(key=lambda group: group[0])  # a group holds one field's keys: fields never interleave
        keys = [k for group in groups for k in group[1]]
        doc_ends, place_ends = (np.cumsum(np.concatenate([np.zeros(1, np.int64)] + [g[i] for g in groups]))
                                for i in (2, 4))
        blob = "\n".join(keys).encode("utf-8")
        starts = np.concatenate([[0], np.flatnonzero(np.frombuffer(blob, np.uint8) == 10) + 1, [len(blob) + 1]])
        path = str(path)
        files = dict(zip(SUFFIXES, (blob, starts[:len(keys) + 1].astype(np.uint64), None, doc_ends.astype(np.uint64),
                                    None, place_ends.astype(np.uint64))))
        files[".docs"] = b"".join(g[3].astype(np.uint32).tobytes() for g in groups)
        files[".places"] = b"".join(g[5].astype(np.uint64).tobytes() for g in groups)
        for suffix, data in files.items():
            Path(path + suffix).write_bytes(data if isinstance(data, bytes) else data.tobytes())
        marks = [(keys[i], i, int(doc_ends[i]), int(place_ends[i])) for i in range(0, len(keys), MARK_EVERY)]
        longest = {f: max(self.lengths[f], default=0) for f in WORD_FIELDS}
        return Run(path, len(self.decided), self.decided, self.first, longest, marks)

    def _value_groups(self) -> list[tuple]:
        """(field prefix, keys, document counts, documents, place counts, places) of the value keys,
        a group per field."""
        by_field: dict[str, list[str]] = defaultdict(list)
        for k in sorted(self.values):
            by_field[k[:k.index(SEP) + 1]].append(k)
        none = np.zeros(0, np.int64)
        return [(prefix, ks, np.array([len(self.values[k]) for k in ks], np.int64),
                 np.fromiter((d for k in ks for d in self.values[k]), np.int64), np.zeros(len(ks), np.int64), none)
                for prefix, ks in by_field.items()]

    def _ranked_words(self) -> tuple[np.ndarray, list[str]]:
        """(each word number's rank in string order, from 1; the words by rank, "" first)."""
        ordered = sorted(self.numbers)
        rank = np.empty(len(ordered), np.int64)
        numbers = np.fromiter(map(self.numbers.__getitem__, ordered), np.int64, len(ordered))
        rank[numbers] = np.arange(1, len(ordered) + 1)
        return rank, ["", *ordered]

    def _word_group(self, name: str, ranked) -> tuple:
        """The group of one word field: its words and pairs, each with its documents and places.

        A word is the number r * base, a pair r1 * base + r2 (r ranks the words in string order from
        1, base = words + 1), so numeric order is the order of the keys' strings (" " sorts before
        every character a word holds); each gram's place is where its first word stands."""
        rank, by_rank = ranked
        base = len(by_rank)
        lengths = np.frombuffer(self.lengths[name], np.int32).astype(np.int64)
        holders = np.frombuffer(self.holders[name], np.int32).astype(np.int64)
        tokens = rank[np.frombuffer(self.tokens[name], np.int32)]
        docs = np.repeat(holders, lengths)
        offsets = np.arange(len(tokens)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        places = (docs << PLACE_BITS) | offsets
        same = docs[1:] == docs[:-1]
        grams = np.concatenate([tokens * base, (tokens[:-1] * base + tokens[1:])[same]])
        gram_places = np.concatenate([places, places[:-1][same]])
        order = np.argsort(grams, kind="stable")  # places ascend within a gram: they did in each kind
        grams, gram_places = grams[order], gram_places[order]
        codes, place_counts = _groups(grams)
        gram_docs = gram_places >> PLACE_BITS
        if name in LETTER_FIELDS:  # a letter's text is keyed on its first decision (positions stay its own)
            gram_docs = np.frombuffer(self.first, np.uint32).astype(np.int64)[gram_docs]
        distinct = np.ones(len(grams), bool)
        distinct[1:] = (grams[1:] != grams[:-1]) | (gram_docs[1:] != gram_docs[:-1])
        _, doc_counts = _groups(grams[distinct])
        prefix = f"{name}{SEP}"
        keys = [f"{prefix}{by_rank[a]} {by_rank[b]}" if b else f"{prefix}{by_rank[a]}"
                for a, b in zip((codes // base).tolist(), (codes % base).tolist())]
        return prefix, keys, doc_counts, gram_docs[distinct], place_counts, gram_places


def _groups(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(each distinct value, how many times it stands) of a sorted array."""
    if not len(values):
        return values, np.zeros(0, np.int64)
    starts = np.flatnonzero(np.concatenate([[True], values[1:] != values[:-1]]))
    return values[starts], np.diff(np.concatenate([starts, [len(values)]]))


def remove_run(path: str) -> None:
    """Delete a run's files."""
    for suffix in SUFFIXES:
        Path(path + suffix).unlink(missing_ok=True)
