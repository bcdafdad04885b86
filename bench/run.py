"""The benchmark of issue 7: build, query, FTS5 baseline, update, start-up and web load at 10k and 100k letters.

    .venv/bin/python bench/run.py                           # 10,000 and 100,000 letters (make bench)
    .venv/bin/python bench/run.py --letters 10000 --pdf-letters 1000
    .venv/bin/python bench/run.py --quick --out /tmp/b      # the smoke version (120 letters, 20-50 s)

For each size N: generate (or reuse) `--out/corpus-N`, build it with the real CLI in a subprocess
(timed, memory of the whole process tree sampled), load the same decisions into SQLite FTS5, ask
the query mix (bench/queries.py) in-process as full searches after a warm-up on other queries,
then again (repeated-query latency), then as bare FTS5 queries; `--update` a hard-linked copy of
the index with 1,000 letters of another seed; start the server and time its first answer; run
bench/load.py when it exists, twice on hard-linked copies of the index: without rebuilds (the N-letter
index under load) and while updates add the extra letters to the N letters and take them away again,
in turn (the index keeps its size and switches under the clients; --quick runs only this one), for
--rebuild-seconds: builds yield the CPU to the server (`indexer build --nice`), so under 32 busy
clients an update adding 1,000 letters takes 35-115 s and a minute may see no switch at all. PDFs
are built once, at --pdf-letters. Prints markdown tables and every target with PASS/FAIL, writes `--out/results.json`.
Exits 0 when targets fail (it is a measurement), 1 when a step errored.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import fts5  # noqa: E402
import report  # noqa: E402
from procmem import TreeMemory, rss_mb, tree  # noqa: E402
from queries import SAMPLE_LETTERS, build_mix  # noqa: E402

EXTRA_SEED = 2  # in the main corpus's case-number space, seed 2 never meets seed 1's numbers (synth.generate.case_space)


def indexer_cmd() -> list[str]:
    script = Path(sys.executable).parent / "indexer"
    return [str(script)] if script.exists() else [sys.executable, "-m", "indexer.cli"]


def letter_files(corpus: Path, sub: str = "txt") -> list[str]:
    return sorted(str(p) for p in (corpus / sub).rglob("*") if p.suffix in (".txt", ".pdf"))


def ensure_corpus(path: Path, letters: int, seed: int, pdf: int, jobs: int, space: int | None = None) -> dict:
    """Generate the corpus unless a complete one is there (truth lines and files both = letters);
    `space`: the case-number space (synth.generate.case_space), for update letters."""
    truth = path / "truth.jsonl"
    if truth.is_file() and sum(1 for _ in truth.open()) == letters and len(letter_files(path)) == letters \
            and len(letter_files(path, "pdf") if pdf else []) == pdf:
        return {"dir": str(path), "generated_s": None}
    shutil.rmtree(path, ignore_errors=True)
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "synth.generate", str(path.resolve()), "--letters", str(letters), "--seed", str(seed),
           "--jobs", str(jobs)] + (["--pdf", str(pdf)] if pdf else []) + (["--space", str(space)] if space else [])
    subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)  # ROOT: where synth/ is
    return {"dir": str(path), "generated_s": round(time.perf_counter() - started, 2)}


def current_manifest(index: Path) -> dict:
    build = Path(os.path.realpath(index / "current"))
    names = [p for p in build.glob("*") if p.name.lower().startswith("manifest") and p.suffix == ".json"]
    return json.loads(names[0].read_text()) if names else {}


def dir_mb(path: Path) -> float:
    return round(sum(p.stat().st_blocks * 512 for p in path.rglob("*") if p.is_file()) / 2**20, 1)


def timed_build(paths: list[Path], index: Path, jobs: int, update: bool = False) -> dict:
    """Run `indexer build` as a subprocess; wall time, the manifest's counts, sampled memory of its tree."""
    cmd = indexer_cmd() + ["build", *map(str, paths), "--index", str(index), "--jobs", str(jobs)]
    cmd += ["--update"] if update else []
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeMemory(proc.pid) as memory:
        out, err = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err.strip()[-2000:]}")
    manifest = current_manifest(index)
    letters, decisions = manifest.get("letters", 0), manifest.get("decisions", 0)
    return {"command": " ".join(cmd), "seconds": round(seconds, 2), "letters": letters, "decisions": decisions,
            "letters_per_s": round(letters / seconds, 1), "decisions_per_s": round(decisions / seconds, 1),
            "skipped": sum(1 for line in err.splitlines() if line.startswith("skipped ")),
            "cli_summary": out.strip().splitlines()[-1] if out.strip() else "",
            "peak_rss_mb": memory.peak_rss_mb, "peak_pss_mb": memory.peak_pss_mb,
            "peak_single_mb": memory.peak_single_mb, "memory_samples": memory.samples,
            "index_mb": dir_mb(Path(os.path.realpath(index / "current")))}


def clone_index(index: Path, dest: Path) -> None:
    """A private copy of the live build made of hard links (builds are immutable), so `index` stays as it is."""
    build = Path(os.path.realpath(index / "current"))
    shutil.rmtree(dest, ignore_errors=True)
    target = dest / "builds" / build.name
    (dest / "builds").mkdir(parents=True)
    shutil.copytree(build, target, copy_function=os.link, ignore=lambda d, names: [n for n in names if n.endswith("LOCK")])
    os.symlink(os.path.relpath(target, dest), dest / "current")


def run_queries(index: Path, mix, warm) -> dict:
    """Each query once as a full search on a warm index (the server's own warm-up, then other
    queries), then the whole mix again."""
    from indexer.search import search
    from indexer.search.facets import warm as warm_index
    from indexer.store import IndexHandle

    handle = IndexHandle(index)
    warm_index(handle.live())  # the search half of what `indexer serve` warms when it opens a build
    for q in warm:
        search(handle, q.text)
    gc.collect()
    rows, errors = [], []
    for q in mix:
        started = time.perf_counter()
        try:
            result = search(handle, q.text)
        except Exception as exc:  # a query the engine rejects is a finding, not a crash
            errors.append(f"{q.text}: {type(exc).__name__}: {exc}")
            continue
        rows.append({"text": q.text, "kind": q.kind, "ms": (time.perf_counter() - started) * 1000,
                     "total": result.total, "hits": len(result.hits)})
    for row in rows:
        started = time.perf_counter()
        search(handle, row["text"])
        row["repeat_ms"] = (time.perf_counter() - started) * 1000
    kinds = sorted({r["kind"] for r in rows}, key=[q.kind for q in mix].index)
    return {"rows": rows, "errors": errors,
            "first": {"overall": report.summary([r["ms"] for r in rows])},
            "repeated": {"overall": report.summary([r["repeat_ms"] for r in rows])},
            "kinds": {k: report.summary([r["ms"] for r in rows if r["kind"] == k]) for k in kinds},
            "repeated_kinds": {k: report.summary([r["repeat_ms"] for r in rows if r["kind"] == k]) for k in kinds},
            "slowest": sorted(rows, key=lambda r: -r["ms"])[:10]}


def run_fts5(db: Path, mix, warm) -> dict:
    base = fts5.Fts5(db)
    for q in warm:
        base.ask(q.match, q.decided)
    rows = []
    for q in mix:
        answer = base.ask(q.match, q.decided)
        rows.append({"text": q.text, "kind": q.kind, "ms": answer.ms, "total": answer.total})
    base.close()
    kinds = sorted({r["kind"] for r in rows}, key=[q.kind for q in mix].index)
    return {"rows": rows, "overall": report.summary([r["ms"] for r in rows]),
            "kinds": {k: report.summary([r["ms"] for r in rows if r["kind"] == k]) for k in kinds}}


def compare(ours: dict, base: dict) -> dict:
    """Ratios ours ÷ FTS5: of each kind's p95, and of each query's single timing; match counts side by side."""
    by_text = {r["text"]: r for r in base["rows"]}
    queries = []
    for r in ours["rows"]:
        f = by_text[r["text"]]
        big, small = max(r["total"], f["total"]), min(r["total"], f["total"])
        queries.append({"text": r["text"], "kind": r["kind"], "ms": r["ms"], "fts_ms": f["ms"],
                        "ratio": r["ms"] / f["ms"] if f["ms"] else None, "total": r["total"], "fts_total": f["total"],
                        "count_flag": big > 2 * small or (big > 0 and small == 0)})
    kinds = {k: {"p95": s["p95"], "fts_p95": base["kinds"][k]["p95"],
                 "p95_ratio": s["p95"] / base["kinds"][k]["p95"] if base["kinds"][k]["p95"] else None}
             for k, s in ours["kinds"].items()}
    return {"kinds": kinds, "queries": queries,
            "overall_p95_ratio": ours["first"]["overall"]["p95"] / base["overall"]["p95"],
            "queries_over_10x": sum(1 for q in queries if q["ratio"] and q["ratio"] > 10),
            "count_mismatches": sum(1 for q in queries if q["count_flag"])}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def run_server(index: Path, mix) -> dict:
    """Seconds from starting `indexer serve` to the first 200 of /api/search; RSS after one pass of the mix
    (the largest of its processes, which the per-process target is about, and their sum)."""
    port = free_port()
    cmd = indexer_cmd() + ["serve", "--index", str(index), "--port", str(port), "--host", "127.0.0.1"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited {proc.returncode}: {proc.stderr.read()[-2000:]}")
            if time.perf_counter() - started > 60:
                raise RuntimeError("server gave no 200 within 60 s")
            try:
                if get(f"{base}/api/search?q=norco", timeout=60)[0] == 200:
                    break
            except OSError:
                time.sleep(0.02)
        ready = time.perf_counter() - started
        times, failures = [], 0
        for q in mix:
            t0 = time.perf_counter()
            status, _ = get(f"{base}/api/search?" + urllib.parse.urlencode({"q": q.text}))
            times.append((time.perf_counter() - t0) * 1000)
            failures += status != 200
        per_process = [rss_mb(p) for p in tree(proc.pid)]  # the supervisor and its workers
        rss, hwm = max(r for r, _ in per_process), max(h for _, h in per_process)
        rss_sum = round(sum(r for r, _ in per_process), 1)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    lat = report.summary(times)
    return {"ready_s": round(ready, 3), "rss_mb": rss, "peak_rss_mb": hwm, "rss_sum_mb": rss_sum,
            "processes": len(per_process), "burst_requests": len(times),
            "burst_non_200": failures, "burst_p50_ms": round(lat["p50"], 1), "burst_p95_ms": round(lat["p95"], 1)}


def run_load(index: Path, corpus: Path | None, out: Path, seconds: int, clients: int, base: Path | None = None) -> dict:
    """bench/load.py against `index`; with `corpus` it updates the index meanwhile: `base` + `corpus`,
    then `base` again, in turn."""
    script = HERE / "load.py"
    if not script.exists():
        print("web load: not available (bench/load.py does not exist yet)", flush=True)
        return {"available": False}
    out.mkdir(parents=True, exist_ok=True)
    result = out / "load.json"
    result.unlink(missing_ok=True)
    cmd = [sys.executable, str(script), "--index", str(index), "--clients", str(clients), "--seconds", str(seconds),
           "--json", str(result)] + (["--corpus", str(corpus), "--base", str(base)] if corpus else [])
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds * 5 + 300)
    if not result.exists():  # exit 1 with a JSON = errors seen under load: a figure, not a failed step
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()[-2000:]}")
    return {"available": True, "command": " ".join(cmd), "exit": proc.returncode, **json.loads(result.read_text())}


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    mem = next((line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")), "0")
    try:
        from importlib.metadata import version
        whoosh = version("whoosh-reloaded")
    except Exception:
        whoosh = "?"
    return {"cpus": os.cpu_count(), "cpu_model": model, "mem_gb": round(int(mem) / 2**20, 1),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version, "whoosh_reloaded": whoosh,
            "loadavg_at_start": os.getloadavg()}


def measure_size(n: int, args, extra: Path, previous: dict) -> dict:
    """Every figure at one corpus size; a failed step is recorded in `errors` and the others still run."""
    out, size, errors = Path(args.out), {}, []

    def step(name: str, fn):
        print(f"[{n:,}] {name}…", flush=True)
        started = time.perf_counter()
        try:
            size[name] = fn()
            size.setdefault("step_seconds", {})[name] = round(time.perf_counter() - started, 1)
        except Exception as exc:
            traceback.print_exc()
            errors.append(f"{n} letters, {name}: {type(exc).__name__}: {exc}")

    corpus, index = out / f"corpus-{n}", out / f"index-{n}"
    step("corpus", lambda: ensure_corpus(corpus, n, 1, 0, args.jobs))
    txt = corpus / "txt"
    reuse = args.skip_build and current_manifest(index).get("letters") == n
    if reuse:
        if previous.get("build"):
            size["build"] = {**previous["build"], "reused": True}
    else:
        shutil.rmtree(index, ignore_errors=True)
        step("build", lambda: timed_build([txt], index, args.jobs))
    paths = letter_files(corpus)

    def load_fts5() -> dict:
        sample = fts5.parse_rows(paths[:SAMPLE_LETTERS], args.jobs)
        size["mix"], size["warmup"] = build_mix(sample)
        started = time.perf_counter()
        rows = sample + fts5.parse_rows(paths[SAMPLE_LETTERS:], args.jobs) if len(paths) > SAMPLE_LETTERS else sample
        parsed = time.perf_counter() - started
        seconds = fts5.load(corpus / "fts5.sqlite", rows)
        del rows
        gc.collect()
        return {"rows": n_rows(corpus / "fts5.sqlite"), "parse_s": round(parsed, 2), "insert_s": round(seconds, 2),
                "rows_per_s": round(n_rows(corpus / "fts5.sqlite") / seconds, 1),
                "db_mb": round((corpus / "fts5.sqlite").stat().st_size / 2**20, 1)}
    step("fts5_load", load_fts5)
    mix, warm = size.pop("mix", None), size.pop("warmup", None)
    if mix:
        size["mix"] = [{"text": q.text, "kind": q.kind, "fts5": q.match, "decided": q.decided} for q in mix]
        size["warmup"] = [q.text for q in warm]
        step("queries", lambda: run_queries(index, mix, warm))
        step("fts5", lambda: run_fts5(corpus / "fts5.sqlite", mix, warm))
        if size.get("queries") and size.get("fts5"):
            errors += [f"{n} letters, query {e}" for e in size["queries"]["errors"]]
            size["comparison"] = compare(size["queries"], size["fts5"])

    def update() -> dict:
        copy = out / f"update-{n}"
        clone_index(index, copy)
        before = current_manifest(copy)
        figures = timed_build([txt, extra / "txt"], copy, args.jobs, update=True)
        expected = before.get("decisions", 0) + sum(len(json.loads(line)["items"]) for line in open(extra / "truth.jsonl"))
        shutil.rmtree(copy, ignore_errors=True)
        return {**{k: figures[k] for k in ("command", "seconds", "cli_summary", "peak_rss_mb", "skipped")},
                "letters_added": figures["letters"] - before.get("letters", 0),
                "decisions_before": before.get("decisions"), "decisions_after": figures["decisions"],
                "decisions_expected": expected, "grew_as_expected": figures["decisions"] == expected}
    step("update", update)
    if size.get("update") and not size["update"]["grew_as_expected"]:
        errors.append(f"{n} letters, update: {size['update']['decisions_after']} decisions after the update, "
                      f"{size['update']['decisions_expected']} expected")
    if mix:
        step("server", lambda: run_server(index, mix))

    def load(rebuild: bool) -> dict:
        copy = out / f"load-{n}"
        clone_index(index, copy)  # load.py's rebuilds replace the index they are given: give it a copy
        try:
            seconds = args.rebuild_seconds if rebuild else args.load_seconds
            return run_load(copy, extra / "txt" if rebuild else None, out / f"load-{n}-result", seconds,
                            args.clients, base=txt)
        finally:
            shutil.rmtree(copy, ignore_errors=True)
    if args.load_seconds > 0 and not args.quick:
        step("load", lambda: load(False))
    if args.rebuild_seconds > 0:
        step("load_rebuilding", lambda: load(True))
    size["errors"] = errors
    return size


def n_rows(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM docs").fetchone()[0]
    finally:
        con.close()


def pdf_build(args, previous: dict) -> dict:
    out = Path(args.out)
    corpus, index = out / f"pdf-{args.pdf_letters}", out / f"pdf-{args.pdf_letters}" / "index"
    ensure_corpus(corpus, args.pdf_letters, 1, args.pdf_letters, args.jobs)
    if args.skip_build and current_manifest(index).get("letters") == args.pdf_letters and previous:
        return {**previous, "reused": True}
    shutil.rmtree(index, ignore_errors=True)
    return timed_build([corpus / "pdf"], index, args.jobs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", default="10000,100000", help="corpus sizes, comma-separated (default 10000,100000)")
    parser.add_argument("--pdf-letters", type=int, default=1000, help="letters in the PDF build (0: skip)")
    parser.add_argument("--extra-letters", type=int, default=1000, help="letters added by the --update step")
    parser.add_argument("--out", default=str(HERE / "out"), help="work and results folder (default bench/out)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for generating, building and parsing")
    parser.add_argument("--load-seconds", type=int, default=60, help="web load duration (0: skip)")
    parser.add_argument("--rebuild-seconds", type=int, default=150,
                        help="web load duration while updates switch the index (long enough for two switches)")
    parser.add_argument("--clients", type=int, default=32, help="web load clients")
    parser.add_argument("--skip-build", action="store_true", help="reuse the corpora and indexes under --out")
    parser.add_argument("--quick", action="store_true", help="smoke version: 120 letters, 8 PDFs, 15 extra, 3 s load with 4 clients while rebuilding")
    args = parser.parse_args(argv)
    if args.quick:
        args.letters, args.pdf_letters, args.extra_letters, args.load_seconds, args.clients = "120", 8, 15, 3, 4
        args.rebuild_seconds = 3
    sizes = [int(s.replace("_", "")) for s in args.letters.split(",") if s.strip()]
    args.out = str(Path(args.out).resolve())  # the index records letter paths as given; load.py runs elsewhere
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    results_path = out / "results.json"
    previous = json.loads(results_path.read_text()) if args.skip_build and results_path.exists() else {}
    if not fts5.fts5_available():
        print("error: this Python's sqlite3 has no FTS5", file=sys.stderr)
        return 1
    results = {"command": " ".join([Path(sys.executable).name, "bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
               "started": time.strftime("%Y-%m-%dT%H:%M:%S"), "machine": machine(), "sizes": {}, "errors": []}
    started = time.perf_counter()
    try:
        extra = out / f"extra-{args.extra_letters}"
        results["extra"] = ensure_corpus(extra, args.extra_letters, EXTRA_SEED, 0, args.jobs)
        if args.pdf_letters:
            print(f"PDF build of {args.pdf_letters:,} letters…", flush=True)
            results["pdf"] = pdf_build(args, previous.get("pdf") or {})
        for n in sizes:
            size = measure_size(n, args, extra, previous.get("sizes", {}).get(str(n), {}))
            size["targets"] = report.targets(size, results.get("pdf"))
            results["sizes"][str(n)] = size
            results["errors"] += size.pop("errors")
            print("\n" + report.render_size(str(n), size, results.get("pdf")) + "\n", flush=True)
            results_path.write_text(json.dumps(results, indent=1, default=str))  # keep what is done if a later size dies
    except Exception as exc:
        traceback.print_exc()
        results["errors"].append(f"{type(exc).__name__}: {exc}")
    results["seconds"] = round(time.perf_counter() - started, 1)
    results_path.write_text(json.dumps(results, indent=1, default=str))
    if results.get("pdf"):
        print(report.render({"pdf": results["pdf"]}))
    for error in results["errors"]:
        print(f"ERROR: {error}", file=sys.stderr)
    print(f"\nresults: {results_path} ({results['seconds']:.0f} s)")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
