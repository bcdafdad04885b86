"""Drive the real server with many concurrent keep-alive clients while rebuilds switch the index under it.

    .venv/bin/python bench/load.py --index ROOT [--corpus DIR [--base DIR]] [--clients 32] [--seconds 60] [--workers N] [--port P] [--json OUT]

Starts `indexer serve --index ROOT [--workers N]` on 127.0.0.1 (a free port unless --port), waits for it, then runs
--clients threads, each on its own http.client keep-alive connection, over a mixed workload: searches
from a built-in list (field filters, phrases, wildcards, dates, facet clicks, page 2, sort=newest),
case pages of letters seen in results, /api/search, /search.csv now and then, the precedent pages
(treatment and guideline-section reports, their JSON twins and listings, names read from the server's
own listings at the start), a few queries that must be refused with a 400. With --corpus, a background loop rebuilds the index from it (full and --update
in turn) the whole time, so `current` switches under the clients. With --base too (the letters the
index was built from, given as they were then), the rebuilds are updates that add the --corpus letters
to the base letters and take them away again, in turn: the index keeps its size while it switches.

Prints requests/s, p50/p95/p99 latency, errors (any status >= 500, a connection error, a 4xx on a
valid request or a wrong status on an invalid one), index switches seen, the server's memory (the
peak of the RSS summed over its processes, sampled, and the peak of its largest single process) and
the response cache's hit rate (answers saying `X-Cache: hit` among those saying hit or miss);
--json OUT writes the same figures. Exits 1 when there was any error. Loopback only; everything it
starts is stopped at the end, on Ctrl-C too.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

from procmem import rss_mb, tree  # bench/ is on the path when this script runs

from seeds import QUERIES as SEED_QUERIES

ROOT = Path(__file__).resolve().parent.parent
INDEXER = [sys.executable, "-m", "indexer.cli"]
HOST = "127.0.0.1"
# The bundled-letters mix of bench/seeds.py plus filters, NOT, case prefixes and CSV-worthy queries.
QUERIES = SEED_QUERIES + [
    "source:mtus outcome:overturned",
    "(acupuncture OR chiropractic) decided:2016..2018", "injured:<2010 category:surgery", "NOT norco opioids",
    "treatment:hydrocodone", "licensure:california specialty:orthopedic", "summary:lumbar rationale:fusion",
    "category:dme", "case:CM16*", "medically necessary", "omeprazole OR pantoprazole", '"home exercise program"',
]
FACETS = ["outcome:upheld", "outcome:overturned", "category:medication", "category:imaging", "category:therapy",
          "decided:2016", "decided:2017", "source:odg", "source:mtus"]
INVALID = ["foo:bar", '"unclosed', "(", "*pioid", "decided:notadate", "x" * 1001]
MAX_KEYS = 500  # letters the clients remember for case pages
SERVER_LAG = 2.0  # a server worker looks at `current` every 0.5 s: answers from the build before are right this long
# (kind, weight): what one request is, drawn at random by each client
MIX = [("search", 28), ("page2", 7), ("newest", 7), ("facet", 7), ("api", 14), ("case", 15), ("api_case", 4),
       ("csv", 3), ("analytics", 8), ("static", 3), ("invalid", 4)]


@dataclass
class Tally:
    """What the clients saw; one lock, shared."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0
    cache: dict[str, int] = field(default_factory=lambda: {"hit": 0, "miss": 0})  # X-Cache answers
    gone: int = 0  # case pages that were 404 because a rebuild dropped the letter: right, not an error
    error_samples: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    treatments: list[str] = field(default_factory=list)  # names for the precedent pages, read at the start
    sections: list[str] = field(default_factory=list)

    def record(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.by_kind.setdefault(kind, []).append(seconds)
            if error:
                self.errors += 1
                if len(self.error_samples) < 20:
                    self.error_samples.append(f"{kind}: {error}")

    def count_cache(self, header: str | None) -> None:
        if header in self.cache:
            with self.lock:
                self.cache[header] += 1

    def count_gone(self, key: str) -> None:
        with self.lock:
            self.gone += 1
            if key in self.keys:
                self.keys.remove(key)

    def add_keys(self, keys: list[str]) -> None:
        with self.lock:
            for key in keys:
                if key not in self.keys and len(self.keys) < MAX_KEYS:
                    self.keys.append(key)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def request_for(kind: str, rng: random.Random, tally: Tally) -> tuple[str, int]:
    """(path, expected status) for one request of a kind."""
    q = rng.choice(QUERIES)
    if kind == "page2":
        return "/search?" + urlencode({"q": q, "page": 2}), 200
    if kind == "newest":
        return "/search?" + urlencode({"q": q, "sort": "newest"}), 200
    if kind == "facet":
        return "/search?" + urlencode({"q": f"{q} {rng.choice(FACETS)}"}), 200
    if kind == "api":
        return "/api/search?" + urlencode({"q": q, "page": rng.choice([1, 1, 2])}), 200
    if kind in ("case", "api_case") and tally.keys:
        key = quote(rng.choice(tally.keys), safe="")
        return (f"/case/{key}?" + urlencode({"q": q}) if kind == "case" else f"/api/case/{key}"), 200
    if kind == "csv":
        return "/search.csv?" + urlencode({"q": q}), 200
    if kind == "analytics":
        return analytics_path(rng, tally), 200
    if kind == "static":
        return rng.choice(["/", "/help", "/static/style.css"]), 200
    if kind == "invalid":
        return rng.choice(["/search?", "/api/search?"]) + urlencode({"q": rng.choice(INVALID)}), 400
    return "/search?" + urlencode({"q": q}), 200


def analytics_path(rng: random.Random, tally: Tally) -> str:
    """A treatment or guideline-section report (3 in 4 as HTML), or now and then a listing page."""
    kind = rng.choice(["treatment", "guideline"])
    names = tally.treatments if kind == "treatment" else tally.sections
    if not names or rng.random() < 0.1:
        return f"/{kind}/" + rng.choice(["", "?page=2"])
    return ("/api" if rng.random() < 0.25 else "") + f"/{kind}/" + quote(rng.choice(names), safe="")


def analytics_names(port: int) -> tuple[list[str], list[str]]:
    """The first 200 treatments and guideline sections the server lists (most decided first)."""
    found = []
    for kind, name in (("treatment", "treatment"), ("guideline", "key")):
        names = []
        for page in (1, 2):
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
            conn.request("GET", f"/api/{kind}/?page={page}")
            names += [row[name] for row in json.loads(conn.getresponse().read())["items"]]
            conn.close()
        found.append(names)
    return found[0], found[1]


def key_of(path: str) -> str:
    return unquote(path.split("?")[0].split("/")[-1])


KEY_IN_HTML = re.compile(r'href="/case/([^"?#/]+)')


def seen_keys(path: str, body: bytes) -> list[str]:
    if path.startswith("/api/search"):
        return [hit["letter"] for hit in json.loads(body)["hits"]]
    if path.startswith("/search?"):
        return [unquote(k) for k in KEY_IN_HTML.findall(body.decode("utf-8", "replace"))]
    return []


class Letters:
    """The letter keys of the build `current` names now, read from its manifest once per build."""

    def __init__(self, index: str):
        self.link = os.path.join(index, "current")
        self.lock = threading.Lock()
        self.build, self.keys = "", set()
        self.start = os.path.realpath(self.link)
        self.last_switch = float("-inf")  # set by watch()

    def switched_within(self, seconds: float) -> bool:
        """Whether `current` changed in the last `seconds` (the server may still answer from the build before)."""
        return time.monotonic() - self.last_switch < seconds

    def switched(self) -> bool:
        """Whether `current` names another build than when the run started."""
        return os.path.realpath(self.link) != self.start

    def has(self, key: str) -> bool:
        with self.lock:
            for _ in range(3):  # a build can be pruned between reading the link and its manifest
                build = os.path.realpath(self.link)
                if build == self.build:
                    break
                try:
                    manifest = json.loads(Path(build, "manifest.json").read_text())
                except OSError:
                    continue
                self.build, self.keys = build, {entry["key"] for entry in manifest["files"].values()}
                break
            return key in self.keys


def client(port: int, deadline: float, seed: int, tally: Tally, letters: Letters) -> None:
    """One keep-alive connection issuing requests back to back until the deadline."""
    rng = random.Random(seed)
    kinds, weights = zip(*MIX)
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        path, expected = request_for(kind, rng, tally)
        started = time.perf_counter()
        error = None
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
            tally.count_cache(response.getheader("X-Cache"))
            if response.status == 404 and kind in ("case", "api_case") and (
                    not letters.has(key_of(path)) or letters.switched_within(SERVER_LAG)):
                tally.count_gone(key_of(path))  # a rebuild dropped it (or the server has not seen the one that
                # brought it back yet); the server is right for the build it answers from
            elif response.status == 404 and kind == "analytics" and letters.switched():
                tally.count_gone("")  # a name listed before a rebuild without those letters
            elif response.status != expected:
                error = f"{response.status} (expected {expected}) on {path[:120]}: {body[:200]!r}"
            elif expected == 200 and len(tally.keys) < MAX_KEYS:  # parsing bodies costs the clients' CPU
                tally.add_keys(seen_keys(path, body))
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__}: {exc} on {path[:120]}"
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
        except ValueError as exc:  # an answer that does not parse (bad JSON): counted, the client goes on
            error = f"{type(exc).__name__}: {exc} on {path[:120]}"
        tally.record(kind, time.perf_counter() - started, error)
    conn.close()


def rebuild_loop(index: str, corpus: str, stop: threading.Event, state: dict, base: str | None = None) -> None:
    """Full and --update builds in turn (with `base`: updates to base + corpus and back to base) until
    told to stop; the build in flight when told is let finish."""
    n = 0
    while not stop.is_set():
        if base:
            args = INDEXER + ["build", base] + ([] if n % 2 else [corpus]) + ["--update"]
        else:
            args = INDEXER + ["build", corpus] + (["--update"] if n % 2 else [])
        args += ["--index", index, "--jobs", str(state["jobs"])]
        started = time.monotonic()
        proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        state["proc"] = proc
        try:
            out, err = proc.communicate(timeout=state["build_timeout"])
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            state["failures"].append(f"build took over {state['build_timeout']} s; killed")
            continue
        if proc.returncode == 0:
            state["builds"] += 1
            state["build_seconds"].append(round(time.monotonic() - started, 1))
        else:
            state["failures"].append(err.strip().splitlines()[-1] if err.strip() else f"exit {proc.returncode}")
        n += 1


def watch(index: str, pid: int, stop: threading.Event, state: dict, letters: "Letters") -> None:
    """Count switches of `current` (and tell `letters` when the last one was) and follow the server's
    memory (every 0.05 s for the link, 0.25 s for /proc)."""
    link = os.path.join(index, "current")
    last = os.path.realpath(link)
    ticks = 0
    while not stop.wait(0.05):
        now = os.path.realpath(link)
        if now != last:
            state["switches"] += 1
            letters.last_switch = time.monotonic()
            last = now
        ticks += 1
        if ticks % 5 == 0:
            sample_memory(pid, state)


def sample_memory(pid: int, state: dict) -> None:
    """Peak of the RSS summed over the server's processes (parent and workers) and peak of the largest
    one (VmHWM: a worker's own high-water mark, so short peaks between samples count too)."""
    memory = [rss_mb(p) for p in tree(pid)]  # (RSS, VmHWM) of each; 0 for one gone meanwhile
    state["processes"] = max(state["processes"], len(memory))
    state["rss_sum_mb"] = max(state["rss_sum_mb"], sum(rss for rss, _ in memory))
    state["rss_mb"] = max([state["rss_mb"]] + [peak for _, peak in memory])


def wait_until_up(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode} before answering")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/api/search?q=norco")
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {seconds:.0f} s")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * (len(ordered) - 1) + 0.5))] if ordered else 0.0


def stop_process(proc: subprocess.Popen | None) -> None:
    """SIGTERM the process group we started, SIGKILL it if it lingers."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def server_tracebacks(log: Path, limit: int = 3) -> list[str]:
    """The last few errors the server logged with their tracebacks (web/errors.py logs every 500)."""
    text = log.read_text(errors="replace") if log.exists() else ""
    return ["unhandled error on " + block.strip()[:3000] for block in text.split("unhandled error on ")[1:]][-limit:]


def run(args: argparse.Namespace, log: Path) -> dict:
    port = args.port or free_port()
    with open(log, "w") as sink:  # a file, not a pipe nobody reads: a chatty server must never block on it
        workers = ["--workers", str(args.workers)] if args.workers else []
        server = subprocess.Popen(INDEXER + ["serve", "--index", args.index, "--host", HOST, "--port", str(port)]
                                  + workers, cwd=ROOT, stdout=sink, stderr=sink, text=True, start_new_session=True)
    stop = threading.Event()
    state = {"builds": 0, "build_seconds": [], "failures": [], "switches": 0, "rss_mb": 0.0, "rss_sum_mb": 0.0, "processes": 0,
             "proc": None, "jobs": args.build_jobs, "build_timeout": max(60, args.seconds * 2)}
    background = []
    try:
        wait_until_up(port, server)
        letters = Letters(args.index)
        background.append(threading.Thread(target=watch, args=(args.index, server.pid, stop, state, letters),
                                           daemon=True))
        if args.corpus:
            background.append(threading.Thread(target=rebuild_loop, args=(args.index, args.corpus, stop, state, args.base),
                                               daemon=True))
        for thread in background:
            thread.start()
        tally = Tally()
        tally.treatments, tally.sections = analytics_names(port)
        started = time.monotonic()
        deadline = started + args.seconds
        clients = [threading.Thread(target=client, args=(port, deadline, n, tally, letters), daemon=True)
                   for n in range(args.clients)]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join(timeout=args.seconds + 120)
        elapsed = time.monotonic() - started
        sample_memory(server.pid, state)
        if server.poll() is not None:
            tally.errors += 1
            tally.error_samples.append(f"the server died with {server.returncode}: {log.read_text()[-500:]}")
    except BaseException:  # Ctrl-C, SIGTERM, a server that never came up: do not wait for a rebuild to finish
        stop.set()
        stop_process(state["proc"])
        raise
    finally:
        stop.set()
        for thread in background:
            thread.join(timeout=state["build_timeout"] + 5)
        stop_process(state["proc"])
        stop_process(server)
    errors = tally.errors + len(state["failures"])
    return {
        "requests": len(tally.latencies), "seconds": round(elapsed, 1),
        "rps": round(len(tally.latencies) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(tally.latencies, 0.50) * 1000, 1),
        "p95_ms": round(percentile(tally.latencies, 0.95) * 1000, 1),
        "p99_ms": round(percentile(tally.latencies, 0.99) * 1000, 1),
        "errors": errors, "switches": state["switches"], "server_rss_mb": round(state["rss_mb"], 1),
        "server_rss_sum_mb": round(state["rss_sum_mb"], 1), "server_processes": state["processes"],
        "workers": args.workers, "cache_hits": tally.cache["hit"], "cache_misses": tally.cache["miss"],
        "cache_hit_rate": round(tally.cache["hit"] / max(1, tally.cache["hit"] + tally.cache["miss"]), 3),
        "builds": state["builds"], "build_seconds": state["build_seconds"], "clients": args.clients, "gone": tally.gone,
        "by_kind": {kind: {"requests": len(v), "p50_ms": round(percentile(v, 0.5) * 1000, 1),
                           "p95_ms": round(percentile(v, 0.95) * 1000, 1)} for kind, v in sorted(tally.by_kind.items())},
        "error_samples": tally.error_samples + state["failures"][:10],
        "server_tracebacks": server_tracebacks(log) if tally.errors else [],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: .venv/bin/python bench/load.py --index /tmp/la/ix --corpus seeds --seconds 20")
    parser.add_argument("--index", required=True, help="an existing index directory (built by `indexer build`)")
    parser.add_argument("--corpus", help="letters to rebuild the index from, over and over, during the run")
    parser.add_argument("--base", help="with --corpus: the letters the index was built from (the same paths); "
                        "the rebuilds then add --corpus to them and take it away again, as updates")
    parser.add_argument("--clients", type=int, default=32, help="concurrent keep-alive clients (default 32)")
    parser.add_argument("--seconds", type=float, default=60, help="how long the clients run (default 60)")
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument("--workers", type=int, default=None,
                        help="server processes, passed to `indexer serve --workers` (default: the server's own)")
    parser.add_argument("--build-jobs", type=int, default=1, help="parser processes per rebuild (default 1)")
    parser.add_argument("--json", metavar="OUT", help="also write the figures to this JSON file")
    parser.add_argument("--server-log", metavar="FILE", help="keep the server's output here (default: discarded)")
    args = parser.parse_args(argv)
    if not os.path.isdir(os.path.join(args.index, "current")):
        parser.error(f"no index at {args.index}; build one first: indexer build seeds --index {args.index}")
    if args.base and not args.corpus:
        parser.error("--base needs --corpus (the letters to add and take away)")
    if args.clients < 1 or args.seconds <= 0 or (args.workers is not None and args.workers < 1):
        parser.error("--clients and --workers must be at least 1 and --seconds positive")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run()'s finally stops the server and builds
    with tempfile.TemporaryDirectory(prefix="load-") as tmp:
        try:
            figures = run(args, Path(args.server_log or Path(tmp) / "server.log"))
        except KeyboardInterrupt:
            print("interrupted; the server and any rebuild were stopped", file=sys.stderr)
            return 130
    print(f"{figures['requests']:,} requests in {figures['seconds']} s from {args.clients} clients: "
          f"{figures['rps']} requests/s; latency p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
          f"p99 {figures['p99_ms']} ms")
    for kind, row in figures["by_kind"].items():
        print(f"  {kind:9} {row['requests']:7,} requests  p50 {row['p50_ms']:8.1f} ms  p95 {row['p95_ms']:8.1f} ms")
    took = f", in {', '.join(f'{t:g}' for t in figures['build_seconds'])} s" if figures["build_seconds"] else ""
    print(f"index switches seen: {figures['switches']} ({figures['builds']} rebuilds finished{took}; "
          f"{figures['gone']} case pages of letters a rebuild had dropped, rightly 404); errors: {figures['errors']}")
    print(f"server: {figures['server_processes']} processes, peak RSS {figures['server_rss_sum_mb']} MB summed, "
          f"{figures['server_rss_mb']} MB the largest process; cache hits {figures['cache_hits']:,} of "
          f"{figures['cache_hits'] + figures['cache_misses']:,} cacheable answers ({figures['cache_hit_rate']:.0%})")
    for sample in figures["error_samples"]:
        print(f"  error: {sample}")
    for trace in figures["server_tracebacks"]:
        print("server log:\n" + trace)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
