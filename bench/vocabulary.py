"""Vocabulary growth of real and generated letters: distinct words, adjacent pairs and triples.

    .venv/bin/python bench/vocabulary.py                       # real letters + 100,000 generated ones
    .venv/bin/python bench/vocabulary.py --letters 1000000 --svg docs/vocabulary-growth.svg

A letter's text is what the index holds of it, as the project's parser reads it: each decision's
item, guideline lines and rationale, the case summary, the specialty and the licensure (the
header's case number and dates are left out: every letter has a case number of its own, which
would make words grow linearly). Tokens are `[a-z0-9]+`, lower-cased. The real curve is the mean
over 30 random orders of the bundled published letters (seeds/dwc-2016-2017), with a least-squares
power-law fit; the generated curve (synth, seed 1) is averaged over the same 30 orders of its
first 130 letters at those sizes, then taken in corpus order. Prints a markdown table (each size's
counts, their ratio to the real curve, measured up to 130 letters and fitted beyond, and the local
exponents between sizes) and, with --svg, writes the chart.
"""
from __future__ import annotations

import argparse
import math
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r"[a-z0-9]+")
SMALL = (5, 10, 25, 50, 75, 100, 130)
LARGE = (200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000)
ORDERS = 30
_MIX = np.uint64(0x9E3779B97F4A7C15)


def indexed_text(letter) -> str:
    """What the index holds of a parsed letter (a Determination), as one text."""
    parts = []
    for d in letter.decisions:
        parts += [d.item, d.claims_administrator_guideline, d.maximus_guideline, d.rationale]
    parts += [letter.summary, ", ".join(letter.specialty), ", ".join(letter.licensure)]
    return "\n".join(parts)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def _mix(a: np.ndarray) -> np.ndarray:
    a = (a ^ (a >> np.uint64(31))) * _MIX
    return a ^ (a >> np.uint64(29))


class Growth:
    """Distinct words, pairs and triples of token lists added in order, read at checkpoints. Pairs and
    triples are kept as 64-bit hashes of word numbers (a collision among 10^8 keys is unlikely, and
    would only undercount by one)."""

    def __init__(self):
        self.numbers: dict[str, int] = {}
        self.tokens = 0
        self.pairs, self.triples = np.zeros(0, np.uint64), np.zeros(0, np.uint64)
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []
        self._pending_size = 0

    def add(self, toks: list[str]) -> None:
        ids = np.fromiter((self.numbers.setdefault(t, len(self.numbers)) for t in toks), np.uint64, len(toks))
        self.tokens += len(toks)
        pairs = _mix(ids[:-1] * np.uint64(4_000_037) + ids[1:])
        triples = _mix(pairs[:-1] + ids[2:]) if len(ids) > 2 else np.zeros(0, np.uint64)
        self._pending.append((pairs, triples))
        self._pending_size += len(triples)
        if self._pending_size > 20_000_000:
            self.counts()

    def counts(self) -> tuple[int, int, int, int]:
        """(tokens, words, pairs, triples) so far."""
        if self._pending:
            self.pairs = np.union1d(self.pairs, np.concatenate([p for p, _ in self._pending]))
            self.triples = np.union1d(self.triples, np.concatenate([t for _, t in self._pending]))
            self._pending, self._pending_size = [], 0
        return self.tokens, len(self.numbers), len(self.pairs), len(self.triples)


def averaged(letters: list[list[str]], sizes, orders: int = ORDERS, seed: int = 0) -> dict[int, list[float]]:
    """Mean (tokens, words, pairs, triples) at each size over random orders of `letters` (the first in
    the given order)."""
    rng, out = random.Random(seed), {n: [0.0] * 4 for n in sizes}
    for o in range(orders):
        order = list(range(len(letters)))
        if o:
            rng.shuffle(order)
        growth = Growth()
        for k, i in enumerate(order, 1):
            growth.add(letters[i])
            if k in out:
                for q, v in enumerate(growth.counts()):
                    out[k][q] += v / orders
    return out


def fit(rows) -> list[tuple[float, float]]:
    """(coefficient, exponent) of words, pairs and triples as c * tokens ** e, least squares in log-log."""
    xs = [math.log(r[0]) for r in rows]
    out = []
    for q in (1, 2, 3):
        ys = [math.log(r[q]) for r in rows]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        e = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        out.append((math.exp(my - e * mx), e))
    return out


def real_letters() -> list[list[str]]:
    from indexer.letters import parse_file

    return [tokens(indexed_text(parse_file(str(p)))) for p in sorted((ROOT / "seeds" / "dwc-2016-2017").glob("*.pdf"))]


def generated(count: int, seed: int = 1):
    """Token lists of the first `count` generated letters, as the parser reads their text."""
    from indexer.letters import parse_text
    from synth import layout, letter as synth_letter

    for index in range(count):
        made = synth_letter.build_letter(seed, index, 1_000_000 if count <= 1_000_000 else 10_000_000)
        yield tokens(indexed_text(parse_text(layout.letter_text(layout.paginate(made["blocks"])))))


def measure(count: int) -> tuple[dict, list, dict]:
    real = real_letters()
    real_rows = averaged(real, SMALL)
    fits = fit([real_rows[n] for n in SMALL if n >= 10])
    gen_rows, growth, first = {}, Growth(), []
    for k, toks in enumerate(generated(count), 1):
        if k <= SMALL[-1]:
            first.append(toks)
        growth.add(toks)
        if k in LARGE:
            gen_rows[k] = list(growth.counts())
            print(f"  {k:,} generated letters measured", file=sys.stderr)
    gen_rows.update(averaged(first, [n for n in SMALL if n <= len(first)]))
    return real_rows, fits, dict(sorted(gen_rows.items()))


def table(real_rows: dict, fits: list, gen_rows: dict) -> str:
    names = ("words", "pairs", "triples")
    lines = [f"Real letters ({len(real_rows) and SMALL[-1]} bundled, mean of {ORDERS} orders): "
             + ", ".join(f"{n} = {c:.3f} x tokens^{e:.3f}" for n, (c, e) in zip(names, fits)),
             "", "| letters | tokens | words (real) | pairs (real) | triples (real) | ratio to real w / p / t "
             "| local exponents w / p / t |", "|---|---|---|---|---|---|---|"]
    previous = None
    for n, (t, w, p, tr) in gen_rows.items():
        reference = real_rows[n][1:] if n in real_rows else [c * t ** e for c, e in fits]
        label = "" if n in real_rows else " fit"
        cells = [f"{v:,.0f} ({r:,.0f}{label})" for v, r in zip((w, p, tr), reference)]
        ratios = " / ".join(f"{v / r:.2f}" for v, r in zip((w, p, tr), reference))
        local = ""
        if previous:
            span = math.log(t / previous[0])
            local = " / ".join(f"{math.log(a / b) / span:.2f}" for a, b in zip((w, p, tr), previous[1:]))
        lines.append(f"| {n:,} | {t:,.0f} | {' | '.join(cells)} | {ratios} | {local} |")
        previous = (t, w, p, tr)
    return "\n".join(lines)


def chart(real_rows: dict, fits: list, gen_rows: dict) -> str:
    from svgchart import loglog_svg

    series = []
    top = max(r[0] for r in gen_rows.values())
    for q, name in ((1, "words"), (2, "pairs"), (3, "triples")):
        series.append((f"{name}, generated", [(r[0], r[q]) for r in gen_rows.values()], "solid"))
        c, e = fits[q - 1]
        span = [real_rows[SMALL[0]][0] * 10 ** (k / 4) for k in range(0, 60)]
        series.append((f"{name}, real (fit {e:.3f})", [(t, c * t ** e) for t in span if t <= top * 1.5], "dashed"))
    return loglog_svg("Vocabulary growth: generated letters against the real letters' fit",
                      "tokens of indexed text", "distinct", series)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=100_000, help="generated letters to measure (default 100,000)")
    parser.add_argument("--svg", help="write the chart to this file")
    args = parser.parse_args(argv)
    real_rows, fits, gen_rows = measure(args.letters)
    print(table(real_rows, fits, gen_rows))
    if args.svg:
        Path(args.svg).write_text(chart(real_rows, fits, gen_rows) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
