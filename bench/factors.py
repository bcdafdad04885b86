"""The deciding-factor extractor against the hand labels of the bundled letters (issue 21).

    .venv/bin/python bench/factors.py [--split] [--errors] [--time]

Parses the 130 bundled PDFs with the project's parser, extracts each decision's factors and prints,
per factor, precision, recall and support (the labelled occurrences) against
tests/data/factor-labels.jsonl, then the micro-averaged precision, recall and F1. `--split` prints
the same for the two parts the labels were written in: the held-out third (every third letter by
case number, labelled after the first rules were written) and the rest. `--errors` lists each
disagreement with the extractor's evidence sentence; `--time` the extractor's time per decision.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.letters import parse_file  # noqa: E402
from indexer.terms.factors import FACTORS, extract_factors  # noqa: E402

LETTERS = ROOT / "seeds" / "dwc-2016-2017"
LABELS = ROOT / "tests" / "data" / "factor-labels.jsonl"


def bundled_decisions() -> list[dict]:
    """Every decision of the bundled PDFs: case number, decision number (from 1), item, outcome, rationale."""
    rows = []
    for path in sorted(LETTERS.glob("*.pdf")):
        letter = parse_file(str(path))
        rows += [{"case_number": letter.case_number, "decision": n, "item": d.item, "outcome": d.outcome,
                  "rationale": d.rationale} for n, d in enumerate(letter.decisions, start=1)]
    return rows


def read_labels(path: Path = LABELS) -> dict[tuple[str, int], dict]:
    """The hand labels by (case number, decision number)."""
    rows = (json.loads(line) for line in path.read_text().splitlines() if line.strip())
    return {(row["case_number"], row["decision"]): row for row in rows}


def held_out(case_numbers) -> set[str]:
    """The third of the letters labelled after the rules were first written: every third case number."""
    return {case for n, case in enumerate(sorted(set(case_numbers))) if n % 3 == 2}


def score(pairs) -> dict:
    """Per-factor and micro-averaged precision, recall and F1 of (labelled, extracted) id sets."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for gold, got in pairs:
        for factor in FACTORS:
            tp[factor] += factor in gold and factor in got
            fp[factor] += factor in got and factor not in gold
            fn[factor] += factor in gold and factor not in got
    per = {f: _ratios(tp[f], fp[f], fn[f]) | {"support": tp[f] + fn[f]} for f in FACTORS}
    return {"factors": per, "micro": _ratios(sum(tp.values()), sum(fp.values()), sum(fn.values()))}


def _ratios(tp: int, fp: int, fn: int) -> dict:
    return {"precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None,
            "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None}


def _fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def report(title: str, result: dict) -> None:
    print(f"\n{title}\n{'factor':28s} precision  recall  support")
    for factor, row in result["factors"].items():
        print(f"{factor:28s} {_fmt(row['precision']):>9s} {_fmt(row['recall']):>7s} {row['support']:8d}")
    micro = result["micro"]
    print(f"{'micro':28s} {_fmt(micro['precision']):>9s} {_fmt(micro['recall']):>7s}   F1 {_fmt(micro['f1'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="store_true", help="also score the held-out third and the rest apart")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--time", action="store_true", help="time the extractor per decision")
    args = parser.parse_args()
    decisions, labels = bundled_decisions(), read_labels()
    extracted = {(d["case_number"], d["decision"]): extract_factors(d["rationale"], d["outcome"], d["item"])
                 for d in decisions}
    pairs = {key: (set(labels[key]["factors"]), {f.id for f in found}) for key, found in extracted.items()}
    report(f"All {len(pairs)} decisions", score(pairs.values()))
    if args.split:
        held = held_out(case for case, _ in pairs)
        report("Held-out third", score(p for (case, _), p in pairs.items() if case in held))
        report("The other two thirds", score(p for (case, _), p in pairs.items() if case not in held))
    if args.errors:
        for key, (gold, got) in pairs.items():
            evidence = {f.id: f.evidence for f in extracted[key]}
            for factor in sorted(gold ^ got):
                kind = "missed" if factor in gold else f"extra: {evidence[factor][:160]}"
                print(f"{key[0]} #{key[1]} {factor}: {kind}")
    if args.time:
        best = min(_seconds_per_decision(decisions) for _ in range(5))
        print(f"\nextractor: {best * 1e6:.0f} us per decision (best of 5 passes over {len(decisions)})")


def _seconds_per_decision(decisions: list[dict]) -> float:
    start = time.perf_counter()
    for d in decisions:
        extract_factors(d["rationale"], d["outcome"], d["item"])
    return (time.perf_counter() - start) / len(decisions)


if __name__ == "__main__":
    main()
