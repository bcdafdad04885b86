"""A chunk of letters' match-table entries, gathered in a parse worker and written as one sorted run.

A parse worker gathers a whole chunk of letters, numbering its documents from 0 and its words from 0
in each field's position space; the main process only places each run (its first document, where
its position spaces start), and the table's merge adds those offsets (writer.py).

A decision has about 900 entries (every word, adjacent pair and triple of eight fields, their
positions, a dozen values). Made one by one as Python strings and list appends they cost about 1 ms
of CPU a decision, a third of the build. Here a field's words become numbers once (a dictionary
lookup in C), and a whole chunk's words, pairs and triples are numbered, sorted and made unique as
NumPy arrays: each distinct key of the chunk becomes a string once, not once per document.
"""
from __future__ import annotations

from array import array
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..analysis import words
from ..fields import LETTER_FIELDS, LIST_FIELDS, VALUE_FIELDS, WORD_FIELDS
from .keys import SEP, SPECIALTY, case_prefix_keys, date_keys, key, position_key, token_keys
from .positions import GAP

MARK_EVERY = 512  # keys between two marks of a run, where a merge of a key range starts reading
# A key is one number, (word, next word, the one after) in base `words + 1` ranked in string order;
# past this many distinct words in one chunk the number would overflow 64 bits (string keys instead).
MAX_RANKED_WORDS = 2**21 - 2
SUFFIXES = ("", ".keys", ".starts", ".ends")  # a run's files: values, key text, key offsets, value ends


@dataclass
class Run:
    """A written run and its documents' own columns, all numbered from the run's first document."""

    path: str
    documents: int
    decided: array  # YYYYMMDD per document
    first: array  # its letter's first document, in the run
    bases: dict  # field -> where each document's words start (array "Q")
    spaces: dict  # field -> positions the run takes (GAP after each document)
    marks: list  # (key, key number, values before it) of every MARK_EVERY-th key, for the writer's ranges


def value_keys(doc: dict) -> set[str]:
    """The keys of one index document's values: exact values, list and facet values, case-number
    prefixes, dates (its words are keyed by ChunkTable.write)."""
    keys = {key(n, str(doc[n])) for n in VALUE_FIELDS if doc.get(n)}
    for name in LIST_FIELDS:
        keys.update(key(name, v.strip().lower()) for v in (doc.get(name) or "").split(",") if v.strip())
    keys.update(key(SPECIALTY, v) for v in doc.get("specialty_key", "").split("|") if v)
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
        self.bases = {f: array("Q") for f in WORD_FIELDS}
        self.spaces = dict.fromkeys(WORD_FIELDS, 0)

    def add_letter(self, docs: list[dict]) -> None:
        """One letter's index documents (schema.documents), numbered after those already added. The
        letter's own text (LETTER_FIELDS, its summary) is keyed on its first decision."""
        start, number = len(self.decided), self.numbers.__getitem__
        for docnum, doc in enumerate(docs, start):
            self.decided.append(doc.get("decided", 0))
            self.first.append(start)
            for k in value_keys(doc):
                self.values[k].append(docnum)
            for name in WORD_FIELDS:
                base = self.spaces[name]
                self.bases[name].append(base)  # a document without the field too: its range is empty
                text = doc.get(name)
                if text:
                    found = words(text)
                    self.tokens[name].extend(map(number, found))
                    self.holders[name].append(docnum)
                    self.lengths[name].append(len(found))
                    self.spaces[name] = base + len(found) + GAP

    def write(self, path: Path) -> Run:
        """Write the entries sorted by key (run files: SUFFIXES) and describe the run."""
        groups = self._value_groups()
        ranked = self._ranked_words()
        for name in WORD_FIELDS:
            if len(self.tokens[name]):
                groups.extend(self._word_groups(name, ranked))
        groups.sort(key=lambda group: group[0])  # a group holds one field's keys: fields never interleave
        keys = [k for _, ks, _, _ in groups for k in ks]
        ends = np.cumsum(np.concatenate([np.zeros(1, np.int64)] + [c for _, _, c, _ in groups]))
        blob = "\n".join(keys).encode("utf-8")
        starts = np.concatenate([[0], np.flatnonzero(np.frombuffer(blob, np.uint8) == 10) + 1, [len(blob) + 1]])
        path = str(path)
        with open(path, "wb") as out:
            for _, _, _, values in groups:
                out.write(values.astype(np.uint32).tobytes())
        Path(path + ".keys").write_bytes(blob)
        Path(path + ".starts").write_bytes(starts[:len(keys) + 1].astype(np.uint64).tobytes())
        Path(path + ".ends").write_bytes(ends.astype(np.uint64).tobytes())
        marks = [(keys[i], i, int(ends[i])) for i in range(0, len(keys), MARK_EVERY)]
        return Run(path, len(self.decided), self.decided, self.first, self.bases, self.spaces, marks)

    def _value_groups(self) -> list[tuple]:
        """(field prefix, keys, counts, documents) of the value keys, a group per field."""
        by_field: dict[str, list[str]] = defaultdict(list)
        for k in sorted(self.values):
            by_field[k[:k.index(SEP) + 1]].append(k)
        return [(prefix, ks, np.array([len(self.values[k]) for k in ks], np.int64),
                 np.fromiter((d for k in ks for d in self.values[k]), np.int64))
                for prefix, ks in by_field.items()]

    def _ranked_words(self) -> tuple[np.ndarray, list[str]] | None:
        """(each word number's rank in string order, from 1; the words by rank, "" first), or None
        when a chunk has too many distinct words for keys to be numbers."""
        if len(self.numbers) > MAX_RANKED_WORDS:
            return None
        ordered = sorted(self.numbers)
        rank = np.empty(len(ordered), np.int64)
        numbers = np.fromiter(map(self.numbers.__getitem__, ordered), np.int64, len(ordered))
        rank[numbers] = np.arange(1, len(ordered) + 1)
        return rank, ["", *ordered]

    def _word_groups(self, name: str, ranked) -> list[tuple]:
        """The groups of one word field: its words, pairs and triples (documents), and its words'
        positions (over the run's position space of the field)."""
        lengths = np.frombuffer(self.lengths[name], np.int32).astype(np.int64)
        holders = np.frombuffer(self.holders[name], np.int32).astype(np.int64)
        numbers = np.frombuffer(self.tokens[name], np.int32)
        docs = np.repeat(holders, lengths)
        bases = np.frombuffer(self.bases[name], np.uint64).astype(np.int64)[holders]
        places = np.repeat(bases - (np.cumsum(lengths) - lengths), lengths) + np.arange(len(numbers))
        holder = np.frombuffer(self.first, np.uint32).astype(np.int64) if name in LETTER_FIELDS else None
        if ranked is None:
            return [self._string_group(name, numbers, docs, holder), self._string_positions(name, numbers, places)]
        rank, by_rank = ranked
        tokens = rank[numbers]
        grams, gram_docs = _grams(tokens, docs, len(by_rank))
        if holder is not None:  # the letter's text is held by its first decision, as the reader expects
            gram_docs = holder[gram_docs]
        order = np.argsort(grams, kind="stable")  # a gram's documents ascend: they did in each kind
        grams, gram_docs = _distinct(grams[order], gram_docs[order])
        codes, counts = _groups(grams)
        base = len(by_rank)
        firsts, seconds = (codes // (base * base)).tolist(), (codes // base % base).tolist()
        thirds = (codes % base).tolist()
        prefix = f"{name}{SEP}"
        keys = [f"{prefix}{by_rank[a]} {by_rank[b]} {by_rank[c]}" if c else
                f"{prefix}{by_rank[a]} {by_rank[b]}" if b else f"{prefix}{by_rank[a]}"
                for a, b, c in zip(firsts, seconds, thirds)]
        order = np.argsort(tokens, kind="stable")
        words_at, counts_at = _groups(tokens[order])
        prefix_at = position_key(name, "")
        return [(prefix, keys, counts, gram_docs),
                (prefix_at, [prefix_at + by_rank[w] for w in words_at.tolist()], counts_at, places[order])]

    def _string_group(self, name: str, numbers: np.ndarray, docs: np.ndarray, holder) -> tuple:
        """The words, pairs and triples of a field as strings, one document at a time (the slow way,
        for a chunk with more distinct words than numbered keys allow)."""
        spelled, found = list(self.numbers), defaultdict(list)
        bounds = np.flatnonzero(np.diff(docs)) + 1
        starts = docs[np.concatenate([[0], bounds])].astype(np.int64)
        for doc_numbers, doc in zip(np.split(numbers, bounds), (starts if holder is None else holder[starts]).tolist()):
            for k in token_keys(name, [spelled[n] for n in doc_numbers.tolist()]):
                found[k].append(doc)
        for held in found.values():  # a letter's text from two of its decisions: one document
            held[:] = sorted(set(held))
        ks = sorted(found)
        return (f"{name}{SEP}", ks, np.array([len(found[k]) for k in ks], np.int64),
                np.fromiter((d for k in ks for d in found[k]), np.int64))

    def _string_positions(self, name: str, numbers: np.ndarray, places: np.ndarray) -> tuple:
        spelled = list(self.numbers)
        order = sorted(range(len(spelled)), key=spelled.__getitem__)
        rank = np.empty(len(spelled), np.int64)
        rank[order] = np.arange(len(spelled))
        at = np.argsort(rank[numbers], kind="stable")
        ranks, counts = _groups(rank[numbers][at])
        prefix = position_key(name, "")
        return prefix, [prefix + spelled[order[r]] for r in ranks.tolist()], counts, places[at]


def _grams(tokens: np.ndarray, docs: np.ndarray, base: int) -> tuple[np.ndarray, np.ndarray]:
    """Every word, pair and triple of adjacent words within one document as a number in `base`
    (first word most significant, 0 for "no word"), so numeric order is the order of the keys'
    strings (" " sorts before every character a word holds), with its document."""
    same = docs[1:] == docs[:-1]
    pairs = (tokens[:-1] * base + tokens[1:]) * base
    triples = (tokens[:-2] * base + tokens[1:-1]) * base + tokens[2:]
    whole = same[:-1] & same[1:]
    grams = np.concatenate([tokens * (base * base), pairs[same], triples[whole]])
    return grams, np.concatenate([docs, docs[:-1][same], docs[:-2][whole]])


def _distinct(grams: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted (gram, document) rows without repeats."""
    keep = np.ones(len(grams), bool)
    keep[1:] = (grams[1:] != grams[:-1]) | (docs[1:] != docs[:-1])
    return grams[keep], docs[keep]


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
