"""The archive benchmark (`make bench-archive`): the whole public archive, about 2 million letters with a
real-like vocabulary (synth/prose.py), built, searched, served under load and updated while serving,
every figure printed against the archive's targets.

    .venv/bin/python bench/archive.py                          # 2,000,000 letters: several hours
    .venv/bin/python bench/archive.py --letters 1000000
    .venv/bin/python bench/archive.py --letters 100000         # also SQLite FTS5 per query class

Steps, each timed, a failed one recorded and the others still run: the corpus (generated once,
deterministic, reused when complete), 1,000 more letters of another seed for the update, the build
(`indexer build`, the memory of its whole process tree sampled), the index's size on disk, the
distinct-query mix (bench/queries.py: each query asked once as a full search, page 1 with snippets,
facets and statistics), SQLite FTS5 on the same decisions (at 200,000 letters or fewer), the server
(start to first answer, each worker's memory after the mix: RSS, PSS and private), an update of
1,000 letters into the live index while a client keeps searching (its errors and latency, the
update's time, each worker's peak memory, the time from the switch to the first answer from the new
build), and the web load (bench/load.py, 32 clients for 60 s). Writes `--out/archive-N.json`;
prints markdown tables. Exits 0 when targets fail (it is a measurement), 1 when a step errored.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import traceback
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import fts5  # noqa: E402
import report  # noqa: E402
from procmem import rss_mb, tree  # noqa: E402
from queries import SAMPLE_LETTERS, build_mix  # noqa: E402
from run import (  # noqa: E402
    EXTRA_SEED,
    clone_index,
    compare,
    current_manifest,
    dir_mb,
    ensure_corpus,
    free_port,
    get,
    indexer_cmd,
    letter_files,
    machine,
    n_rows,
    run_fts5,
    run_load,
    run_queries,
    timed_build,
)

from synth.generate import case_space  # noqa: E402

FTS5_UP_TO = 200_000  # SQLite FTS5 is loaded and asked only at this size or below (it takes hours at 2M)
DISK_GB = 250  # the whole build must fit twice on a disk this size


def private_mb(pid: int) -> tuple[float, float]:
    """(PSS, private) memory of one process in MB, from /proc/<pid>/smaps_rollup: pages of the index
    files mapped by every worker count once in the machine's page cache, not per worker."""
    found = {}
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            name, _, rest = line.partition(":")
            if name in ("Pss", "Private_Clean", "Private_Dirty"):
                found[name] = int(rest.split()[0])
    except OSError:
        return 0.0, 0.0
    return round(found.get("Pss", 0) / 1024, 1), round((found.get("Private_Clean", 0) + found.get("Private_Dirty", 0)) / 1024, 1)


def worker_memory(server_pid: int) -> list[dict]:
    """Each worker process of a server (its children; the supervisor only forks them): RSS, PSS, private."""
    out = []
    for pid in tree(server_pid)[1:] or [server_pid]:
        rss, hwm = rss_mb(pid)
        pss, private = private_mb(pid)
        out.append({"pid": pid, "rss_mb": rss, "peak_rss_mb": hwm, "pss_mb": pss, "private_mb": private})
    return out


class Server:
    """`indexer serve` on a free loopback port, stopped on exit."""

    def __init__(self, index: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(indexer_cmd() + ["serve", "--index", str(index), "--port", str(self.port),
                                                      "--host", "127.0.0.1"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def wait_ready(self, probe: str = "norco", limit: float = 120) -> float:
        started = time.perf_counter()
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited {self.proc.returncode}: {self.proc.stderr.read()[-2000:]}")
            if time.perf_counter() - started > limit:
                raise RuntimeError(f"server gave no 200 within {limit} s")
            try:
                if get(f"{self.base}/api/search?q={probe}", timeout=limit)[0] == 200:
                    return time.perf_counter() - started
            except OSError:
                time.sleep(0.02)

    def search(self, text: str, timeout: float = 30) -> tuple[int, dict | None]:
        status, body = get(f"{self.base}/api/search?" + urllib.parse.urlencode({"q": text}), timeout=timeout)
        return status, (json.loads(body) if status == 200 else None)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Client(threading.Thread):
    """Asks the mix's queries one after another until stopped; keeps each answer's time and status."""

    def __init__(self, server: Server, texts: list[str]):
        super().__init__(daemon=True)
        self.server, self.texts = server, texts
        self.times: list[float] = []
        self.failures: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        i = 0
        while not self.stop.is_set():
            text = self.texts[i % len(self.texts)]
            started = time.perf_counter()
            try:
                status, _ = self.server.search(text, timeout=60)
            except OSError as exc:
                status, text = 0, f"{text}: {exc}"
            self.times.append((time.perf_counter() - started) * 1000)
            if status != 200:
                self.failures.append(f"{status} {text}")
            i += 1


class Sampler(threading.Thread):
    """The largest RSS any worker of the server reaches while running; when `current` is renamed."""

    def __init__(self, server: Server, index: Path):
        super().__init__(daemon=True)
        self.server, self.link = server, index / "current"
        self.target = os.readlink(self.link)
        self.switched_at: float | None = None
        self.peak_worker_mb = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            if self.switched_at is None and os.readlink(self.link) != self.target:
                self.switched_at = time.perf_counter()
            workers = tree(self.server.proc.pid)[1:]
            self.peak_worker_mb = max([self.peak_worker_mb] + [rss_mb(p)[0] for p in workers])
            self.stop.wait(0.02)


def update_while_serving(index: Path, corpus: Path, extra: Path, mix: list[str], out: Path, jobs: int) -> dict:
    """An update adding `extra`'s letters to a copy of the index while its server answers a client."""
    copy = out / "update-copy"
    clone_index(index, copy)
    probe = f"case:{json.loads(open(extra / 'truth.jsonl').readline())['case_number']}"
    try:
        with Server(copy) as server:
            server.wait_ready()
            sampler, client = Sampler(server, copy), Client(server, mix)
            sampler.start()
            client.start()
            before = current_manifest(copy)
            figures = timed_build([corpus / "txt", extra / "txt"], copy, jobs, update=True)
            built = time.perf_counter()
            while True:  # the first answer that holds the new letters
                status, answer = server.search(probe)
                if status == 200 and answer["total"] > 0:
                    answered = time.perf_counter()
                    break
                if time.perf_counter() - built > 120:
                    raise RuntimeError("the server never answered from the updated build")
                time.sleep(0.01)
            time.sleep(3)  # a little more serving from the new build
            client.stop.set()
            sampler.stop.set()
            client.join()
            sampler.join()
            after = worker_memory(server.proc.pid)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    latency = report.summary(client.times)
    return {"command": figures["command"], "seconds": figures["seconds"], "cli_summary": figures["cli_summary"],
            "peak_build_rss_mb": figures["peak_rss_mb"],
            "letters_added": figures["letters"] - before.get("letters", 0),
            "client_requests": len(client.times), "client_errors": len(client.failures),
            "client_failures": client.failures[:10], "client_p50_ms": round(latency["p50"] or 0, 1),
            "client_p95_ms": round(latency["p95"] or 0, 1), "client_max_ms": round(latency["max"] or 0, 1),
            "switch_to_answer_s": round(answered - sampler.switched_at, 3) if sampler.switched_at else None,
            "peak_worker_rss_mb": sampler.peak_worker_mb, "workers_after": after}


def server_memory(index: Path, mix: list[str]) -> dict:
    """Start to first answer; each worker's memory after asking the whole mix twice."""
    with Server(index) as server:
        ready = server.wait_ready()
        failures = 0
        for _ in range(2):
            for text in mix:
                failures += server.search(text, timeout=120)[0] != 200
        workers = worker_memory(server.proc.pid)
    return {"ready_s": round(ready, 3), "mix_non_200": failures, "workers": workers,
            "worker_rss_mb": max(w["rss_mb"] for w in workers), "worker_pss_mb": max(w["pss_mb"] for w in workers),
            "worker_private_mb": max(w["private_mb"] for w in workers)}


def targets(n: int, size: dict) -> list[dict]:
    """Every target of the archive with the figure measured at this size (pass None: not measured)."""
    build, q, srv = size.get("build", {}), size.get("queries", {}), size.get("server", {})
    upd, load, disk = size.get("update", {}), size.get("load", {}), size.get("disk", {})
    overall = q.get("first", {}).get("overall", {})
    heavy = [r for r in q.get("rows", []) if r["kind"] in ("phrase_long", "proximity_common")]
    rows = [
        ("build from text", "≤ 90 min", build.get("seconds") and round(build["seconds"] / 60, 1), "min",
         lambda v: v <= 90),
        ("peak build memory (RSS summed over the process tree)", "≤ 10 GB",
         build.get("peak_rss_mb") and round(build["peak_rss_mb"] / 1024, 2), "GB", lambda v: v <= 10),
        ("--update adding 1,000 letters", "≤ 60 s", upd.get("seconds"), "s", lambda v: v <= 60),
        ("letters the update added", f"all {size.get('extra_letters', 0):,}",
         upd.get("letters_added"), "letters", lambda v: v == size.get("extra_letters")),
        ("searches answered during the update", "0 errors", upd.get("client_errors"), "errors", lambda v: v == 0),
        ("server start to first answer", "≤ 5 s", srv.get("ready_s"), "s", lambda v: v <= 5),
        ("switch to first answer from the new build", "≤ 5 s", upd.get("switch_to_answer_s"), "s", lambda v: v <= 5),
        ("steady RSS per worker (after the mix, twice)", "≤ 1 GB", srv.get("worker_rss_mb") and
         round(srv["worker_rss_mb"] / 1024, 2), "GB", lambda v: v <= 1),
        ("RSS per worker while a switch is in progress", "≤ 1.5 GB", upd.get("peak_worker_rss_mb") and
         round(upd["peak_worker_rss_mb"] / 1024, 2), "GB", lambda v: v <= 1.5),
        ("full search p50 (the distinct-query mix, asked once)", "≤ 25 ms", overall.get("p50"), "ms", lambda v: v <= 25),
        ("full search p95", "≤ 200 ms", overall.get("p95"), "ms", lambda v: v <= 200),
        ("slowest query of the mix", "≤ 1.5 s", overall.get("max") and round(overall["max"] / 1000, 3), "s",
         lambda v: v <= 1.5),
        ("long phrases and common words within 5 answered", "all", len(heavy) - len(q.get("errors", []))
         if q else None, f"of {len(heavy)}", lambda v: v == len(heavy) and not q.get("errors")),
        (f"web, {load.get('clients', '?')} clients × {round(load.get('seconds', 0))} s: errors", "0", load.get("errors"),
         "", lambda v: v == 0),
        (f"web, {load.get('clients', '?')} clients × {round(load.get('seconds', 0))} s: p95", "≤ 600 ms",
         load.get("p95_ms"), "ms", lambda v: v <= 600),
        ("index size on disk, twice, at 2M letters' rate", f"≤ {DISK_GB} GB", disk.get("twice_at_2m_gb"), "GB",
         lambda v: v <= DISK_GB),
    ]
    if n <= 100_000:
        cmp_ = size.get("comparison", {})
        kinds = cmp_.get("kinds", {})
        worst = max(kinds.items(), key=lambda kv: kv[1].get("p95_ratio") or 0, default=(None, {}))
        rows += [
            ("at 100k: full search p50", "≤ 15 ms", overall.get("p50"), "ms", lambda v: v <= 15),
            ("at 100k: full search p95", "≤ 100 ms", overall.get("p95"), "ms", lambda v: v <= 100),
            (f"at 100k: p95 ÷ FTS5 p95, worst class ({worst[0]})", "≤ 10×", worst[1].get("p95_ratio"), "×",
             lambda v: v <= 10),
            ("at 100k: build, decisions/s", "≥ 1,500", build.get("decisions_per_s"), "/s", lambda v: v >= 1500),
        ]
    return [{"target": name, "goal": goal, "measured": value, "unit": unit,
             "pass": None if value is None else bool(test(value))} for name, goal, value, unit, test in rows]


def render(n: int, size: dict) -> str:
    out = [f"## Archive benchmark, {n:,} letters"]
    build = size.get("build")
    if build:
        out.append(report.table(
            ["build", "letters", "decisions", "wall s", "decisions/s", "peak RSS MB (tree sum)", "peak PSS MB",
             "largest process MB", "index MB", "bytes per letter"],
            [["text", build["letters"], build["decisions"], build["seconds"], build["decisions_per_s"],
              build["peak_rss_mb"], build["peak_pss_mb"], build["peak_single_mb"], build["index_mb"],
              size.get("disk", {}).get("bytes_per_letter")]]))
    q = size.get("queries")
    if q:
        rows = [[kind, s["n"], s["p50"], s["p95"], s["max"], q["repeated_kinds"][kind]["p50"],
                 (size.get("comparison") or {}).get("kinds", {}).get(kind, {}).get("p95_ratio")]
                for kind, s in q["kinds"].items()]
        rows.append(["overall", q["first"]["overall"]["n"], q["first"]["overall"]["p50"], q["first"]["overall"]["p95"],
                     q["first"]["overall"]["max"], q["repeated"]["overall"]["p50"],
                     (size.get("comparison") or {}).get("overall_p95_ratio")])
        out.append("Full search latency, ms (page 1 with snippets, facets over all matches, outcome statistics; each "
                   "query asked once)\n\n" + report.table(
                       ["class", "queries", "p50", "p95", "max", "repeated p50", "p95 ÷ FTS5 p95"], rows))
        out.append("Slowest 10\n\n" + report.table(["query", "class", "ms", "matches"],
                                                   [[r["text"], r["kind"], r["ms"], r["total"]] for r in q["slowest"]]))
    for key, title in (("server", "Server"), ("update", "Update while serving"), ("load", "Web load"),
                       ("disk", "Disk")):
        if size.get(key):
            out.append(f"{title}: " + ", ".join(f"{k} {v}" for k, v in size[key].items()
                                                if not isinstance(v, (dict, list)) or k == "client_failures"))
    rows = [[t["target"], t["goal"], t["measured"], t["unit"], report.verdict(t["pass"])] for t in size["targets"]]
    out.append(f"Targets at {n:,} letters\n\n" + report.table(["target", "goal", "measured", "unit", "verdict"], rows))
    return "\n\n".join(out)


def measure(args) -> dict:
    n, out, jobs = args.letters, Path(args.out), args.jobs
    size, errors = {"extra_letters": args.extra_letters}, []

    def step(name: str, fn):
        print(f"[{n:,}] {name}…", flush=True)
        started = time.perf_counter()
        try:
            size[name] = fn()
            size.setdefault("step_seconds", {})[name] = round(time.perf_counter() - started, 1)
        except Exception as exc:
            traceback.print_exc()
            errors.append(f"{name}: {type(exc).__name__}: {exc}")

    space = case_space(n)  # the update's letters are numbered in the corpus's space: never one of its cases
    corpus, index = out / f"corpus-{n}", out / f"index-{n}"
    extra = out / (f"extra-{args.extra_letters}" if space == case_space(args.extra_letters)
                   else f"extra-{args.extra_letters}-space{space}")
    step("corpus", lambda: ensure_corpus(corpus, n, 1, 0, jobs))
    step("extra", lambda: ensure_corpus(extra, args.extra_letters, EXTRA_SEED, 0, jobs, space))
    if args.skip_build and current_manifest(index).get("letters") == n:
        print(f"[{n:,}] build: reusing {index}", flush=True)
    else:
        shutil.rmtree(index, ignore_errors=True)
        step("build", lambda: timed_build([corpus / "txt"], index, jobs))

    def disk() -> dict:
        mb = dir_mb(Path(os.path.realpath(index / "current")))
        per_letter = mb * 2**20 / n
        return {"index_gb": round(mb / 1024, 2), "bytes_per_letter": round(per_letter),
                "twice_at_2m_gb": round(2 * per_letter * 2_000_000 / 2**30, 1)}
    step("disk", disk)
    paths = letter_files(corpus)
    sample = fts5.parse_rows(paths[:SAMPLE_LETTERS], jobs)
    mix, warm = build_mix(sample)
    size["mix"] = [{"text": q.text, "kind": q.kind} for q in mix]
    step("queries", lambda: run_queries(index, mix, warm))
    if size.get("queries"):
        errors += [f"query {e}" for e in size["queries"]["errors"]]
    if n <= FTS5_UP_TO:
        def load_fts5() -> dict:
            rows = sample + fts5.parse_rows(paths[SAMPLE_LETTERS:], jobs)
            seconds = fts5.load(corpus / "fts5.sqlite", rows)
            return {"rows": n_rows(corpus / "fts5.sqlite"), "insert_s": round(seconds, 2)}
        step("fts5_load", load_fts5)
        step("fts5", lambda: run_fts5(corpus / "fts5.sqlite", mix, warm))
        if size.get("queries") and size.get("fts5"):
            size["comparison"] = compare(size["queries"], size["fts5"])
    texts = [q.text for q in mix]
    step("server", lambda: server_memory(index, texts))
    step("update", lambda: update_while_serving(index, corpus, extra, texts, out, jobs))
    if args.load_seconds > 0:
        def load() -> dict:
            copy = out / "load-copy"
            clone_index(index, copy)
            try:
                return run_load(copy, None, out / "load-result", args.load_seconds, args.clients)
            finally:
                shutil.rmtree(copy, ignore_errors=True)
        step("load", load)
    size["errors"] = errors
    return size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=2_000_000, help="corpus size (default 2,000,000)")
    parser.add_argument("--extra-letters", type=int, default=1000, help="letters the update adds (default 1,000)")
    parser.add_argument("--out", default=str(HERE / "out"), help="work and results folder (default bench/out)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for generating, building and parsing")
    parser.add_argument("--load-seconds", type=int, default=60, help="web load duration (0: skip)")
    parser.add_argument("--clients", type=int, default=32, help="web load clients")
    parser.add_argument("--skip-build", action="store_true", help="reuse a complete index of this size under --out")
    args = parser.parse_args(argv)
    args.out = str(Path(args.out).resolve())
    Path(args.out).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = {"command": " ".join(["bench/archive.py", *(argv if argv is not None else sys.argv[1:])]),
               "started": time.strftime("%Y-%m-%dT%H:%M:%S"), "machine": machine()}
    try:
        results["size"] = size = measure(args)
        size["targets"] = targets(args.letters, size)
        print("\n" + render(args.letters, size) + "\n", flush=True)
        results["errors"] = size.pop("errors")
    except Exception as exc:
        traceback.print_exc()
        results["errors"] = [f"{type(exc).__name__}: {exc}"]
    results["seconds"] = round(time.perf_counter() - started, 1)
    path = Path(args.out) / f"archive-{args.letters}.json"
    path.write_text(json.dumps(results, indent=1, default=str))
    for error in results["errors"]:
        print(f"ERROR: {error}", file=sys.stderr)
    print(f"results: {path} ({results['seconds']:.0f} s)")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
