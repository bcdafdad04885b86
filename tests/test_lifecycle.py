"""The index life cycle under stress: readers during rebuilds, killed builds, rival builds, no room to write."""
from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from indexer.build import build_index
from indexer.search import search
from indexer.store import IndexHandle, Live, as_live, current_build
from synth import generate

ROOT = Path(__file__).resolve().parent.parent
INDEXER = [sys.executable, "-m", "indexer.cli"]
# One snapshot answers all of these; together they tell corpus A from corpus B and from any mix of the two.
QUERIES = ("outcome:overturned", "medically necessary", "case:CM*")


def generated_letters(folder: Path, count: int, seed: int, pdf: int = 0) -> list[str]:
    """`count` synthetic letters written by synth/generate.py (in this process), sorted by path."""
    generate.generate(str(folder), count, seed=seed, pdf=pdf, jobs=1)
    return sorted(str(p) for p in (folder / "txt").rglob("*.txt"))


def answer(index: IndexHandle | Live) -> list:
    """Totals and every hit's id for QUERIES, all from one snapshot of the index."""
    live = as_live(index)
    out = []
    for q in QUERIES:
        result = search(live, q, page_size=100)
        out.append([result.total, sorted(f"{h.letter}#{h.decision}" for h in result.hits)])
    return out


@pytest.fixture(scope="module")
def letters(tmp_path_factory) -> list[str]:
    """16 generated letters; the first two (in generation order) as PDFs instead of text."""
    folder = tmp_path_factory.mktemp("letters")
    texts = generated_letters(folder, 16, seed=11, pdf=2)
    pdfs = {Path(p).stem: str(p) for p in (folder / "pdf").glob("*.pdf")}
    return [pdfs.get(Path(t).stem, t) for t in texts]


def expected_answers(tmp_path_factory, sets: dict) -> dict:
    """Each corpus built alone into its own index, and that index's answer."""
    expected = {}
    for name, files in sets.items():
        root = tmp_path_factory.mktemp(f"expected-{name}")
        build_index(files, root, jobs=1)
        expected[name] = answer(IndexHandle(root))
    assert expected["A"] != expected["B"]
    return expected


@pytest.fixture(scope="module")
def corpora(tmp_path_factory, letters) -> dict:
    """Small corpora A and B (B drops A's first letters and adds others) for quick builds, and their answers."""
    sets = {"A": letters[:3], "B": letters[2:5]}
    return {"files": sets, "expected": expected_answers(tmp_path_factory, sets)}


@pytest.fixture(scope="module")
def big_corpora(tmp_path_factory, letters) -> dict:
    """Larger corpora, PDFs included, so a build lasts long enough to be killed in each of its phases."""
    sets = {"A": letters[:10], "B": letters[6:16]}
    roots = {}
    for name, files in sets.items():
        roots[name] = tmp_path_factory.mktemp(f"big-{name}")
        build_index(files, roots[name], jobs=1)
    return {"files": sets, "roots": roots}


def version_of(got: list, expected: dict) -> str:
    """Which corpus an answer belongs to, or a description of the mismatch."""
    for name, want in expected.items():
        if got == want:
            return name
    return f"neither A nor B: {json.dumps(got)[:300]}"


def read_until(stop: threading.Event | Path, root: Path, expected: dict, check_every: float = 0.01,
               pause: float = 0.1) -> dict:
    """Search continuously (a short pause between answers leaves the builder some CPU) through a private
    handle; count answers per corpus and every failure."""
    handle = IndexHandle(root, check_every=check_every)
    seen: dict[str, int] = {"A": 0, "B": 0}
    builds: set[str] = set()
    errors: list[str] = []
    stopped = stop.is_set if isinstance(stop, threading.Event) else stop.exists
    while not stopped():
        try:
            live = handle.live()
            version = version_of(answer(live), expected)
            builds.add(live.build.name)
        except Exception as exc:  # the claim under test: no exception of any kind
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        if version in seen:
            seen[version] += 1
        else:
            errors.append(version)
        time.sleep(pause)
    return {"seen": seen, "builds": len(builds), "errors": errors[:5], "error_count": len(errors)}


def reader_process_main(stop: str, root: str, expected_json: str) -> None:
    """Entry point of the reader subprocess: prints 'ready', then its counts as JSON when the stop file appears."""
    expected = json.loads(Path(expected_json).read_text())
    print("ready", flush=True)
    print(json.dumps(read_until(Path(stop), Path(root), expected)), flush=True)


def builder_process_main(root: str, files_json: str, switches: str) -> None:
    """Entry point of the builder subprocess: B, A, B, ... alternating full and --update builds, one line each."""
    files = json.loads(Path(files_json).read_text())
    for n in range(1, int(switches) + 1):  # full, update, update, full, full, update, ...
        name, update = ("B" if n % 2 else "A"), (n // 2) % 2 == 1
        report = build_index(files[name], root, jobs=1, update=update)
        print(json.dumps({"corpus": name, "update": update, "skipped": report.skipped,
                          "seconds": round(report.seconds, 2)}), flush=True)
        time.sleep(0.05)  # let every reader catch at least one answer from this build


def start_helper(function: str, *args) -> subprocess.Popen:
    code = f"import sys; from tests.test_lifecycle import {function}; {function}(*sys.argv[1:])"
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE, text=True)


def test_readers_see_old_or_new_index_never_a_mix_across_20_switches(tmp_path, corpora):
    root, files, expected = tmp_path / "ix", corpora["files"], corpora["expected"]
    build_index(files["A"], root, jobs=1)
    (tmp_path / "expected.json").write_text(json.dumps(expected))
    (tmp_path / "files.json").write_text(json.dumps(files))
    stop_file, stop = tmp_path / "stop", threading.Event()
    reader = start_helper("reader_process_main", stop_file, root, tmp_path / "expected.json")
    builder = None
    results: list[dict] = []
    threads = [threading.Thread(target=lambda: results.append(read_until(stop, root, expected))) for _ in range(2)]
    try:
        assert reader.stdout.readline().strip() == "ready"
        for thread in threads:
            thread.start()
        builder = start_helper("builder_process_main", root, tmp_path / "files.json", 20)
        builds = [json.loads(line) for line in builder.communicate(timeout=120)[0].splitlines()]
        assert builder.returncode == 0
    finally:
        stop.set()
        stop_file.write_text("stop")
        for thread in threads:
            thread.join(timeout=30)
        try:
            out = reader.communicate(timeout=30)[0]
        finally:
            for proc in (reader, builder):
                if proc and proc.poll() is None:
                    proc.kill()
                    proc.wait()
    results.append(json.loads(out.splitlines()[-1]))
    assert [b["corpus"] for b in builds] == ["B", "A"] * 10
    assert [b["update"] for b in builds].count(True) == 10 and all(b["skipped"] == [] for b in builds)
    for result in results:
        assert (result["error_count"], result["errors"]) == (0, [])
        assert result["seen"]["A"] > 0 and result["seen"]["B"] > 0, result
    assert max(r["builds"] for r in results) >= 10, results  # the readers really followed the switches
    assert answer(IndexHandle(root)) == expected["A"]


def tree_digest(build: Path) -> dict[str, str]:
    """Every file of a build, by content: an untouched build has the same digest."""
    return {str(p.relative_to(build)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(build.rglob("*")) if p.is_file()}


# --- killed builds -------------------------------------------------------------------------------

def crashloop_module():
    """bench/crashloop.py: the suite runs its kills, fewer of them, on a smaller corpus."""
    import crashloop  # bench/ is on pytest's pythonpath (setup.cfg)

    return crashloop


def test_killed_builds_leave_the_previous_index_and_the_next_build_succeeds(tmp_path, big_corpora):
    crashloop, files = crashloop_module(), big_corpora["files"]
    expected = crashloop.expected_answers(tmp_path, files)
    root = tmp_path / "ix"
    build_index(files["A"], root, jobs=1)
    timed = crashloop.timeline(root, files["B"], update=False)  # B is live after it
    lengths = {"full": timed, "update": list(timed)}  # each run adjusts them to what it saw
    log = crashloop.kill_runs(root, files, expected, runs=8, seed=5, lengths=lengths, say=lambda line: None)
    assert [problem for _, problem in log] == [""] * 8, log
    assert len({where for where, _ in log}) >= 3, log  # the kills really were spread over the phases
    assert crashloop.last_build_checks(root, files["A"], expected["A"]) == ""


# --- rival builds ----------------------------------------------------------------------------------

def test_two_builds_at_once_one_wins_the_other_names_the_lock_holder(tmp_path, big_corpora):
    """While one build holds the index (stopped with SIGSTOP once its pid is in the lock file, so the
    overlap does not depend on the machine's speed), a second is refused and names it; the first
    then finishes and its letters are what the index answers."""
    root, files = tmp_path / "ix", big_corpora["files"]
    first = subprocess.Popen(INDEXER + ["build", *files["A"], "--index", str(root), "--jobs", "1"], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock, deadline = root / ".build.lock", time.monotonic() + 60
    while not (lock.is_file() and lock.read_text().strip() == str(first.pid)):
        assert first.poll() is None and time.monotonic() < deadline, "the first build never held the lock"
        time.sleep(0.005)
    first.send_signal(signal.SIGSTOP)
    try:
        second = subprocess.run(INDEXER + ["build", *files["B"], "--index", str(root), "--jobs", "1"], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
    finally:
        first.send_signal(signal.SIGCONT)
    out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    assert second.returncode == 1
    assert second.stderr.strip() == (f"Error: another build is running on {root} (pid {first.pid}); "
                                     "wait for it to finish")
    assert answer(IndexHandle(root)) == answer(IndexHandle(big_corpora["roots"]["A"]))


# --- no room to write --------------------------------------------------------------------------------

def _build_with_file_limit(root: Path, files: list[str], limit: int, update: bool) -> subprocess.CompletedProcess:
    """`indexer build` in a process that cannot write a file past `limit` bytes: writes fail with EFBIG,
    as they would with ENOSPC on a full disk (SIGXFSZ ignored, which Python does anyway)."""

    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    args = INDEXER + ["build", *files, "--index", str(root), "--jobs", "1"] + (["--update"] if update else [])
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=60, preexec_fn=limit_files)


@pytest.mark.parametrize("limit, update", [(2_000, False), (60_000, True)])
def test_disk_full_keeps_the_previous_index_with_a_clear_error(tmp_path, corpora, limit, update):
    root, files, expected = tmp_path / "ix", corpora["files"], corpora["expected"]
    build_index(files["A"], root, jobs=1)
    live, digest = current_build(root), tree_digest(current_build(root))
    result = _build_with_file_limit(root, files["B"], limit, update)
    assert result.returncode == 1
    assert result.stderr == "Error: build failed, previous index kept: [Errno 27] File too large\n"
    assert "Traceback" not in result.stdout + result.stderr
    assert (current_build(root), tree_digest(live)) == (live, digest)
    assert answer(IndexHandle(root)) == expected["A"]
    assert sorted((root / "builds").iterdir()) == [live]  # the failed build cleaned up after itself
    assert build_index(files["B"], root, jobs=1, update=update).letters == (2 if update else 3)
    assert answer(IndexHandle(root)) == expected["B"]


class Unwritable:
    """Make a folder unwritable: chmod for a normal user; for root (whom chmod does not stop) the
    immutable attribute, which stops root too. Skips when neither can be done here."""

    def __init__(self, path: Path):
        self.path = path
        self.mode = path.stat().st_mode

    def __enter__(self):
        if os.geteuid() != 0:
            self.path.chmod(0o555)
            return self
        chattr = shutil.which("chattr")
        if not chattr:
            pytest.skip("running as root, where chmod does not stop writes, and chattr is not installed")
        done = subprocess.run([chattr, "+i", str(self.path)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"running as root, where chmod does not stop writes, and chattr +i failed: {done.stderr.strip()}")
        return self

    def __exit__(self, *exc) -> None:
        if os.geteuid() == 0:
            subprocess.run([shutil.which("chattr"), "-i", str(self.path)], check=True)
        self.path.chmod(self.mode)


@pytest.mark.parametrize("where", ["index folder", "builds folder"])
def test_unwritable_index_keeps_the_previous_index_with_a_clear_error(tmp_path, corpora, where):
    root, files, expected = tmp_path / "ix", corpora["files"], corpora["expected"]
    build_index(files["A"], root, jobs=1)
    live, digest = current_build(root), tree_digest(current_build(root))
    folder = root if where == "index folder" else root / "builds"
    with Unwritable(folder):
        result = subprocess.run(INDEXER + ["build", *files["B"], "--index", str(root), "--jobs", "1"], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    denied = "[Errno 1] Operation not permitted" if os.geteuid() == 0 else "[Errno 13] Permission denied"
    assert result.stderr.startswith(f"Error: build failed, previous index kept: {denied}: "), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (current_build(root), tree_digest(live)) == (live, digest)
    assert answer(IndexHandle(root)) == expected["A"]
    assert build_index(files["B"], root, jobs=1).letters == 3
    assert answer(IndexHandle(root)) == expected["B"]


# --- a slow request across rebuilds ------------------------------------------------------------------

def test_a_request_holding_a_snapshot_across_two_rebuilds_still_reads_it(tmp_path, corpora):
    # a case page under load opens one searcher per decision, each re-reading the build's files: the build
    # it started on must outlive two quick rebuilds (bench/load.py met exactly this as a 500)
    root, files, expected = tmp_path / "ix", corpora["files"], corpora["expected"]
    build_index(files["A"], root, jobs=1)
    snapshot = IndexHandle(root).live()  # what one request took when it started
    build_index(files["B"], root, jobs=1)
    build_index(files["A"], root, jobs=1, update=True)
    assert answer(snapshot) == expected["A"]
