"""Free clinical prose whose vocabulary keeps growing the way real letters' vocabulary does.

Template sentences alone repeat: at 3,000 letters the template generator had 5,568 distinct words
and 39,408 adjacent pairs where real letters grow words as tokens^0.485, pairs as tokens^0.746 and
triples as tokens^0.851 (fitted on the bundled real letters; BENCHMARKS.md). Here a word chain,
trained on the real letters' summaries and rationales (data/chain.json.gz, made by
bench/train_prose.py), writes sentences with three kinds of novelty, each deterministic from the
letter's own random stream:

- a word follows one of its successors seen in the real letters (by count), or, with its
  Good-Turing chance of an unseen successor (times KAPPA), the j-th member of an endless list of
  successors of its own (j drawn from a Zipf law of exponent BETA; member j is fixed by a hash of
  the word and j): known words in new orders, so pairs and triples keep growing;
- with chance TAIL_RATE a word comes from an endless tail of coined terms, misspellings and
  numbers with units, its rank drawn from a Zipf-Mandelbrot law (TAIL_EXPONENT, TAIL_SHIFT):
  words keep growing, quickly at first and as about tokens^0.44 in the long run;
- with chance REPEAT a word repeats one this letter's prose already used, as real letters repeat
  their patient's conditions and drugs (fewer distinct words per letter, new pairs between them).

Sentences hold no colon, so the parser never reads one as a label or an outcome line.
"""
from __future__ import annotations

import gzip
import json
import zlib
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

CHAIN_FILE = Path(__file__).resolve().parent / "data" / "chain.json.gz"
KAPPA = 5.0  # times a word's Good-Turing chance of an unseen successor (at most MAX_NOVELTY)
MAX_NOVELTY = 0.9
BETA = 1.33  # Zipf exponent of a new successor's index
COMMON = 40  # the commonest words (the, of, and...) are never a new successor
TAIL_RATE = 0.065
TAIL_EXPONENT = 2.29
TAIL_SHIFT = 14_700
REPEAT = 0.45
ONSETS = ("b", "br", "c", "cl", "d", "f", "fl", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "qu", "r", "s", "st", "t",
          "tr", "v", "z", "x", "ph", "th", "ch", "sp", "sc")
VOWELS = ("a", "e", "i", "o", "u", "y", "ae", "ia", "io", "ou")
ENDINGS = ("", "", "al", "ine", "ol", "ate", "itis", "osis", "ectomy", "ic", "ide", "one", "ase", "ia", "an", "ex", "um")
UNITS = ("mg", "mm", "cm", "ml", "mcg", "kg", "lbs", "hrs", "deg", "percent")


class Chain:
    """The trained chain: each word's successors with cumulative counts and its chance of a new one."""

    def __init__(self, data: dict):
        self.successors: dict[str, tuple[list[str], list[int], float]] = {}
        frequency: dict[str, int] = {}
        for word, pairs in data["successors"].items():
            counts = [c for _, c in pairs]
            hapax = sum(1 for c in counts if c == 1)
            novelty = min(MAX_NOVELTY, KAPPA * (hapax + 1) / (sum(counts) + 1))
            self.successors[word] = ([w for w, _ in pairs], list(accumulate(counts)), novelty)
            for w, c in pairs:
                frequency[w] = frequency.get(w, 0) + c
        self.words = sorted(frequency, key=lambda w: (-frequency[w], w))
        self.starts = [w for w, _ in data["starts"]]
        self.start_totals = list(accumulate(c for _, c in data["starts"]))
        self.lengths = [n for n, _ in data["lengths"]]
        self.length_totals = list(accumulate(c for _, c in data["lengths"]))


@lru_cache(maxsize=1)
def chain() -> Chain:
    return Chain(json.loads(gzip.decompress(CHAIN_FILE.read_bytes())))


def _pick(totals: list[int], u: float) -> int:
    """The index a uniform u in [0, 1) falls on, by cumulative counts."""
    return min(bisect_right(totals, u * totals[-1]), len(totals) - 1)


def _hash(text: str) -> float:
    """A uniform number in [0, 1) fixed by `text` (the same in every process, unlike hash())."""
    return zlib.crc32(text.encode("utf-8")) / 4294967296.0


def coined(rank: int) -> str:
    """The tail word of a rank: a coined term (7 in 10), a misspelling of one of the 5,000 commonest
    real words (2 in 10: a letter dropped, doubled or swapped) or a number with a unit."""
    kind, n = rank % 10, rank // 10
    if kind < 2:
        word = chain().words[n % 5000].strip(".,;()[]\"'").lower()
        if len(word) > 3 and word.isalpha():
            i, edit = 1 + n // 5000 % (len(word) - 2), n // 5000 // (len(word) - 2) % 3
            return (word[:i] + word[i + 1:], word[:i] + word[i] + word[i:],
                    word[:i - 1] + word[i] + word[i - 1] + word[i + 1:])[edit]
    if kind == 2:
        return f"{n % 9973}{UNITS[n // 9973 % len(UNITS)]}"
    n, parts = rank + 7, []
    while n:
        n, r = divmod(n, len(ONSETS) * len(VOWELS))
        parts.append(ONSETS[r % len(ONSETS)] + VOWELS[r // len(ONSETS)])
    return "".join(parts) + ENDINGS[rank % len(ENDINGS)]


def tail_word(u: float) -> str:
    """A tail word by a Zipf-Mandelbrot law over ranks: P(rank >= r) = ((r + shift) / (1 + shift)) ** -(e - 1)."""
    return coined(int((1.0 + TAIL_SHIFT) * (1.0 - u) ** (-1.0 / (TAIL_EXPONENT - 1.0)) - TAIL_SHIFT))


def new_successor(word: str, j: int) -> str:
    """Member j of a word's endless list of successors: a real word other than the commonest."""
    words = chain().words
    return words[COMMON + int(_hash(f"{word}\x1f{j}") * (len(words) - COMMON))]


def next_word(rng, word: str, memory: list[str]) -> str:
    if memory and rng.random() < REPEAT:
        return memory[int(rng.random() * len(memory))]
    if rng.random() < TAIL_RATE:
        return tail_word(rng.random())
    found = chain().successors.get(word)
    if found is None or rng.random() < found[2]:
        return new_successor(word, int((1.0 - rng.random()) ** (-1.0 / (BETA - 1.0))))
    successors, totals, _ = found
    return successors[_pick(totals, rng.random())]


def sentence(rng, memory: list[str], shortest: int = 6) -> str:
    """One sentence of free prose; `memory` holds the words this letter's prose used so far (and
    gains this sentence's)."""
    ch = chain()
    length = max(shortest, ch.lengths[_pick(ch.length_totals, rng.random())])
    word = ch.starts[_pick(ch.start_totals, rng.random())]
    out = [word]
    while len(out) < 2 * length and not (word.endswith(".") and len(out) >= shortest):
        word = next_word(rng, word, memory)
        out.append(word)
    memory.extend(w for w in out if not w.endswith("."))
    text = " ".join(out)
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text.rstrip(",;") + "."
