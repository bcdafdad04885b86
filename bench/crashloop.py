"""Kill `indexer build` with SIGKILL at many moments and prove nothing is lost.

    .venv/bin/python bench/crashloop.py [--runs 20] [--letters 400] [--pdf 5] [--seed 1] [--work DIR]

Generates a corpus (synth/generate.py), splits it into two overlapping sets A and B, and builds A.
Then, run after run, starts a build of the other set (full and --update in turn) and SIGKILLs its main
process (as the OOM killer would) in one of its phases, in turn: start-up, extraction and writing,
the match table and stems, the check and fsync, the switch. Each phase is recognised on disk as it
begins (the new build folder, Whoosh's commit, stems.json, manifest.json), and the kill comes a seeded
random fraction of that phase's length (timed on an unkilled build) after it began, so the moments
are spread over the phase whatever the machine's load.

After every kill: the live index is either the previous one, byte for byte unchanged and giving the
same answers as before, or (when the kill came after the switch) the new one, complete and giving the
new set's answers; the next build starts without any manual cleanup. A last build must succeed and
leave no unfinished build folders or temporary links. One line per run, then a summary; exit 1 on any
failure.
tests/test_lifecycle.py runs the same kills, fewer of them, on a smaller corpus.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from indexer.build import build_index
from indexer.search import search
from indexer.store import MANIFEST, IndexHandle, current_build

INDEXER = [sys.executable, "-m", "indexer.cli"]
QUERIES = ("case:CM*", "outcome:overturned", "category:medication", '"medically necessary"', "norco OR tramadol")
# Phase i lasts from milestone i (0: the start) to milestone i + 1, as seen on disk by `reached`.
PHASES = ("start-up", "extraction and writing", "match table and stems", "check and fsync", "switch")
AFTER = "after the switch"


def corpus(work: Path, letters: int, pdf: int, seed: int) -> dict[str, list[str]]:
    """Two overlapping sets of generated letters (the PDFs standing in for their text twins)."""
    from synth import generate

    generate.generate(str(work / "corpus"), letters, seed=seed, pdf=pdf, jobs=2)
    pdfs = {p.stem: str(p) for p in (work / "corpus" / "pdf").glob("*.pdf")}
    files = [pdfs.get(p.stem, str(p)) for p in sorted((work / "corpus" / "txt").rglob("*.txt"))]
    cut = len(files) // 4
    return {"A": files[:len(files) - cut], "B": files[cut:]}


def answer(index) -> list:
    """Totals, facets and the set of hit ids for a few queries: equal answers mean equal indexes."""
    out = []
    for q in QUERIES:
        result = search(index, q, page_size=5000)
        out.append((result.total, result.facets, sorted(f"{h.letter}#{h.decision}" for h in result.hits)))
    return out


def expected_answers(work: Path, sets: dict) -> dict:
    """Each set built alone, in this process, and its answers."""
    expected = {}
    for name, files in sets.items():
        build_index(files, work / f"expected-{name}", jobs=2)
        expected[name] = answer(IndexHandle(work / f"expected-{name}"))
    assert expected["A"] != expected["B"]
    return expected


def tree_digest(build: Path) -> dict[str, str]:
    """Every file of a build, by content: an untouched build has the same digest."""
    return {str(p.relative_to(build)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(build.rglob("*")) if p.is_file()}


def generation(build: Path) -> int:
    """The Whoosh commit generation of a build folder (-1 for none)."""
    found = [int(m.group(1)) for p in build.glob("_MAIN_*.toc") if (m := re.fullmatch(r"_MAIN_(\d+)\.toc", p.name))]
    return max(found, default=-1)


class Watch:
    """What one build has reached, read from disk: 0 start-up ... 4 manifest written, 5 switched."""

    def __init__(self, root: Path, update: bool):
        self.root = root
        self.live = current_build(root)
        self.before = set((root / "builds").iterdir())
        self.base = generation(self.live) if update else 0

    def reached(self) -> int:
        if current_build(self.root) != self.live:
            return 5
        new = sorted((p for p in (self.root / "builds").iterdir() if p not in self.before), key=lambda p: p.name)
        if not new:
            return 0
        build = new[-1]
        if (build / "manifest.json").exists():
            return 4
        if (build / "stems.json").exists():
            return 3
        return 2 if generation(build) > self.base else 1


def start_build(root: Path, files: list[str], update: bool, jobs: int = 2) -> subprocess.Popen:
    args = INDEXER + ["build", *files, "--index", str(root), "--jobs", str(jobs)] + (["--update"] if update else [])
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def timeline(root: Path, files: list[str], update: bool, jobs: int = 2) -> list[float]:
    """An unkilled build, watched: how long each phase lasted (seconds, one per PHASES entry)."""
    watch, started = Watch(root, update), time.perf_counter()
    proc = start_build(root, files, update, jobs)
    seen = [0.0] + [None] * 5
    while proc.poll() is None:
        reached = watch.reached()
        for k in range(1, reached + 1):
            seen[k] = seen[k] if seen[k] is not None else time.perf_counter() - started
        time.sleep(0.001)
    err = proc.stderr.read()
    proc.stderr.close()
    if proc.returncode != 0:
        raise RuntimeError(f"a reference build failed: {err.strip()}")
    end = time.perf_counter() - started
    for k in range(5, 0, -1):  # a milestone missed between two polls happened by the next one seen
        seen[k] = seen[k] if seen[k] is not None else (seen[k + 1] if k < 5 else end)
    return [max(0.001, seen[k + 1] - seen[k]) for k in range(5)]


def kill_in_phase(root: Path, files: list[str], update: bool, phase: int, fraction: float,
                  lengths: list[float], jobs: int = 2) -> tuple[float, int, str]:
    """Start a build, SIGKILL its main process `fraction` of the way into `phase`, clear away its workers.
    Phases seen from start to end on the way update `lengths`, so the aim follows the machine's load.
    Returns (seconds from start to the kill, milestones reached, error of a build that ended by itself)."""
    watch, started = Watch(root, update), time.perf_counter()
    proc = start_build(root, files, update, jobs)
    seen = {0: 0.0}
    deadline = None
    try:
        while proc.poll() is None:
            now = time.perf_counter() - started
            reached = watch.reached()
            for k in range(1, reached + 1):
                seen.setdefault(k, now)
            if deadline is None and reached >= phase:
                deadline = seen[phase] + fraction * lengths[phase]
            if deadline is not None and now >= deadline:
                break
            time.sleep(0.001)
        ended = proc.poll()
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        moment = time.perf_counter() - started
        for k in range(len(PHASES)):
            if k in seen and k + 1 in seen and seen[k + 1] > seen[k]:
                lengths[k] = seen[k + 1] - seen[k]
        problem = proc.stderr.read().strip()[-300:] if ended else ""
        return moment, watch.reached(), problem
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # parser workers orphaned by the kill
        except ProcessLookupError:
            pass
        proc.stderr.close()


def kill_runs(root: Path, sets: dict, expected: dict, runs: int, seed: int, lengths: dict, jobs: int = 2,
              say=print) -> list[tuple[str, str]]:
    """`runs` killed builds, phases and full/--update in turn; after each, the checks. [(phase, problem)]."""
    rng = random.Random(seed)
    log = []
    for n in range(runs):
        update, phase, fraction = n % 2 == 1, n % len(PHASES), rng.random()
        live = current_build(root)
        version = next((name for name, want in expected.items() if answer(IndexHandle(root)) == want), "?")
        other = "B" if version == "A" else "A"
        digest = tree_digest(live)
        moment, reached, problem = kill_in_phase(root, sets[other], update, phase, fraction,
                                                 lengths["update" if update else "full"], jobs)
        now = current_build(root)
        got = answer(IndexHandle(root))
        if problem:
            problem = f"the build ended by itself before the kill: {problem}"
        elif now == live and (tree_digest(live), got) != (digest, expected[version]):
            problem = "the previous index changed"
        elif now != live and got != expected[other]:
            problem = "the switched-to index is not the whole new set"
        where = AFTER if reached == 5 else PHASES[reached]
        say(f"run {n + 1:2d}  {'update' if update else 'full  '}  aimed at {PHASES[phase]:22} +{fraction:3.0%}  "
            f"killed at {moment:6.2f} s in: {where:22}  live: {version if now == live else other} "
            f"({'previous' if now == live else 'new'})  check: {'FAILED: ' + problem if problem else 'ok'}")
        log.append((where, problem))
    return log


def last_build_checks(root: Path, files: list[str], want: list, jobs: int = 2) -> str:
    """A build after all the kills must succeed with no cleanup, answer right and leave nothing stale."""
    proc = start_build(root, files, update=False, jobs=jobs)
    _, err = proc.communicate()
    if proc.returncode != 0:
        return f"the last build failed: {err.strip()}"
    if answer(IndexHandle(root)) != want:
        return "the last build does not answer like its set"
    # Finished builds replaced less than RETIRED_GRACE ago stay for readers still on them; nothing else may.
    builds = sorted(p.name for p in (root / "builds").iterdir() if not (p / MANIFEST).is_file())
    if builds or list(root.glob("current.*.tmp")):
        return f"stale folders or links after the last build: {builds}"
    return ""


def crashloop(work: Path, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    sets = corpus(work, args.letters, args.pdf, args.seed)
    expected = expected_answers(work, sets)
    root = work / "index"
    build_index(sets["A"], root, jobs=2)
    lengths = {"full": timeline(root, sets["B"], update=False), "update": timeline(root, sets["A"], update=True)}
    build_index(sets["A"], root, jobs=2)
    for mode, phases in lengths.items():
        print(f"an unkilled {mode} build: " + ", ".join(f"{p} {s:.2f} s" for p, s in zip(PHASES, phases)))
    print(f"sets A {len(sets['A'])} letters, B {len(sets['B'])}; A is live", flush=True)
    log = kill_runs(root, sets, expected, args.runs, args.seed, lengths, say=lambda line: print(line, flush=True))
    failures = [f"run {n}: {problem}" for n, (_, problem) in enumerate(log, start=1) if problem]
    last = last_build_checks(root, sets["B"], expected["B"])
    if last:
        failures.append(last)
    phases = Counter(where for where, _ in log)
    print(f"\n{len(log)} kills in {time.perf_counter() - started:.0f} s; killed in: "
          + ", ".join(f"{where} {phases[where]}" for where in (*PHASES, AFTER) if phases[where]))
    print(f"last build: {'ok' if not last else 'FAILED'}")
    print("all checks passed" if not failures else "FAILURES:\n  " + "\n  ".join(failures))
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20, help="killed builds (default 20)")
    parser.add_argument("--letters", type=int, default=400, help="generated letters (default 400)")
    parser.add_argument("--pdf", type=int, default=5, help="of which this many as PDFs (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="seed for the corpus and the kill moments")
    parser.add_argument("--work", help="working folder (default: a temporary one, removed at the end)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.letters < 8:
        parser.error("--runs must be at least 1 and --letters at least 8")
    if args.work:
        Path(args.work).mkdir(parents=True, exist_ok=True)
        return crashloop(Path(args.work), args)
    with tempfile.TemporaryDirectory(prefix="crashloop-") as tmp:
        return crashloop(Path(tmp), args)


if __name__ == "__main__":
    sys.exit(main())
