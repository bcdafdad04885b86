"""Figures for the bundled letters: build time (text and PDF separately) and query latency.

    .venv/bin/python bench/seeds.py [--runs 5]

Builds each set several times into temporary folders and reports medians; then runs a fixed mix of
queries (each a full search: page 1 with snippets, facets and statistics) and prints p50/p95.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.build import build_index  # noqa: E402
from indexer.search import search  # noqa: E402
from indexer.store import IndexHandle  # noqa: E402

QUERIES = [
    "norco", "item:norco outcome:upheld", '"functional improvement"', '"not medically necessary"',
    'rationale:"functional improvement" -norco', "physical therapy", "acupuncture OR chiropractic",
    "category:imaging outcome:overturned", 'specialty:"pain management"', "hydroco*", "decided:2017-01",
    '"weaning opioids"~5', "item:10/325mg", "improve", "mri lumbar", "guideline:odg", "tramadol",
    "outcome:overturned", "urine drug screen", "epidural steroid injection", "tens unit", "gabapentin",
    "lidoderm", "cervical spine", "knee arthroscopy", "home health", "psychotherapy", "decided:>=2017-02-01",
    "emg/ncv", "cyclobenzaprine", "functional restoration program", "acupunture",
]


def median_build(paths: list[str], runs: int) -> tuple[float, int, int]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            report = build_index(paths, tmp)
            times.append(report.seconds)
    return statistics.median(times), report.letters, report.decisions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    seeds = ROOT / "seeds"
    texts = [str(p) for p in sorted(seeds.glob("*.txt"))]
    for name, paths in (("text (5 seed letters)", texts), ("PDF (130 letters)", [str(seeds / "dwc-2016-2017")]),
                        ("all bundled", [str(seeds)])):
        seconds, letters, decisions = median_build(paths, args.runs)
        print(f"build {name:22} median {seconds:6.2f} s over {args.runs} runs: {letters} letters, "
              f"{decisions} decisions, {letters / seconds:6.1f} letters/s, {decisions / seconds:6.1f} decisions/s")
    with tempfile.TemporaryDirectory() as tmp:
        build_index([str(seeds)], tmp)
        handle = IndexHandle(tmp)
        search(handle, "warm up")
        first, repeat = [], []
        for query in QUERIES:
            for bucket in (first, repeat):
                start = time.perf_counter()
                search(handle, query)
                bucket.append((time.perf_counter() - start) * 1000)
    for name, values in (("first ask", first), ("repeated", repeat)):
        values = sorted(values)
        p95 = values[min(len(values) - 1, round(0.95 * len(values)) - 1)]
        print(f"query {name:10} over {len(values)} queries: p50 {statistics.median(values):6.1f} ms, "
              f"p95 {p95:6.1f} ms, max {values[-1]:6.1f} ms")


if __name__ == "__main__":
    main()
