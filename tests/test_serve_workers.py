"""`indexer serve --workers N`: a real server, its real worker processes, real signals."""
from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from web import serve

ROOT = Path(__file__).resolve().parent.parent
INDEXER = [sys.executable, "-m", "indexer.cli"]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def children(pid: int) -> set[int]:
    """The live child processes of `pid`."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found |= {int(c) for c in task.read_text().split()}
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    """Whether `pid` exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(condition, seconds: float = 10.0, every: float = 0.05):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"still not true after {seconds} s: {condition}")


def get(port: int, path: str = "/api/search?q=norco") -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def answers(port: int) -> bool:
    try:
        return get(port) == 200
    except OSError:
        return False


def connection_owners(port: int, pids: set[int]) -> dict[int, int]:
    """How many established connections to `port` each process holds (from /proc/net/tcp and its fds)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":  # 01 = ESTABLISHED
            inodes.add(f"socket:[{fields[9]}]")
    owners = {}
    for pid in pids:
        held = 0
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                held += os.readlink(fd) in inodes
            except OSError:
                pass
        owners[pid] = held
    return owners


@pytest.fixture()
def temp(tmp_path):
    """The server's temporary folder (TMPDIR), where its response cache lives while it runs."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder


def cache_folders(temp: Path) -> list[Path]:
    return list(temp.glob("imr-search-cache-*"))


@pytest.fixture()
def server(seeds_index, temp):
    """`indexer serve --workers 2` on a free port, stopped (the whole process group) at the end."""
    port = free_port()
    proc = subprocess.Popen(INDEXER + ["serve", "--index", str(seeds_index), "--port", str(port), "--workers", "2",
                                       "--threads", "2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True, env=os.environ | {"TMPDIR": str(temp)})
    try:
        wait_for(lambda: answers(port) or proc.poll() is not None, seconds=20)
        assert proc.poll() is None, proc.stdout.read()
        wait_for(lambda: len(children(proc.pid)) == 2)
        yield proc, port
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        proc.stdout.close()


def test_both_workers_take_connections(server):
    proc, port = server
    workers = children(proc.pid)
    held: list[http.client.HTTPConnection] = []
    try:
        def spread() -> bool:  # keep-alive connections stay with the worker that accepted them
            conn = http.client.HTTPConnection(HOST, port, timeout=10)
            conn.request("GET", "/api/search?q=norco")
            assert conn.getresponse().read()
            held.append(conn)
            return all(connection_owners(port, workers).values())
        wait_for(spread, seconds=10, every=0.01)
    finally:
        for conn in held:
            conn.close()
    assert children(proc.pid) == workers


def test_an_answer_one_worker_computed_is_a_hit_in_the_other(server, temp):
    proc, port = server
    workers = children(proc.pid)
    held: list[http.client.HTTPConnection] = []
    seen = []
    try:
        def ask() -> bool:  # a new connection each time, until both workers hold one
            conn = http.client.HTTPConnection(HOST, port, timeout=10)
            conn.request("GET", "/search?q=item:norco")
            response = conn.getresponse()
            seen.append((response.status, response.getheader("X-Cache"), response.read()))
            held.append(conn)
            return len(held) >= 4 and all(connection_owners(port, workers).values())
        wait_for(ask, seconds=10, every=0.01)
    finally:
        for conn in held:
            conn.close()
    assert [(status, cache) for status, cache, _ in seen] == [(200, "miss")] + [(200, "hit")] * (len(seen) - 1)
    assert len({body for _, _, body in seen}) == 1
    assert len(cache_folders(temp)) == 1


def test_a_killed_worker_is_replaced_and_requests_keep_succeeding(server):
    proc, port = server
    workers = children(proc.pid)
    victim = min(workers)
    os.kill(victim, signal.SIGKILL)

    def replaced() -> set[int] | None:
        now = children(proc.pid)
        return now if len(now) == 2 and victim not in now else None
    replaced = wait_for(replaced)
    assert len(replaced & workers) == 1
    assert [get(port) for _ in range(20)] == [200] * 20
    assert "exited (SIGKILL)" in os.read(proc.stdout.fileno(), 65536).decode()


def test_sigterm_stops_every_worker_and_the_parent_exits_0(server, temp):
    proc, port = server
    workers = children(proc.pid)
    assert get(port, "/search?q=norco") == 200 and len(cache_folders(temp)) == 1
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 0
    wait_for(lambda: not any(alive(pid) for pid in workers))
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)  # nothing at all left in the server's process group
    assert not answers(port)
    assert cache_folders(temp) == []  # the response cache went with the server


def test_workers_leave_when_the_parent_is_killed(server):
    proc, port = server
    workers = children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    wait_for(lambda: not any(alive(pid) for pid in workers), seconds=5)


def test_one_worker_is_a_single_process(seeds_index, temp):
    port = free_port()
    proc = subprocess.Popen(INDEXER + ["serve", "--index", str(seeds_index), "--port", str(port), "--workers", "1"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env=os.environ | {"TMPDIR": str(temp)})
    try:
        wait_for(lambda: answers(port), seconds=20)
        assert children(proc.pid) == set()
        assert len(cache_folders(temp)) == 1
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
    assert cache_folders(temp) == []


def arena_heaps(pid: int) -> int:
    """glibc's malloc arenas beyond the main one. Each is a heap of exactly 64 MB, reserved at a 64 MB
    boundary: an anonymous read-write part at its start and, until it has grown to the whole heap, an
    inaccessible rest ending 64 MB further on. Other anonymous mappings may start at such a boundary
    by chance (large allocations are often 2 MB aligned), so the whole reservation is checked."""
    heap = 64 << 20
    anonymous = []
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        fields = line.split()
        if len(fields) == 5:
            start, end = (int(x, 16) for x in fields[0].split("-"))
            anonymous.append((start, end, fields[1]))
    ends = {start: (end, perms) for start, end, perms in anonymous}
    heaps = 0
    for start, end, perms in anonymous:
        if start % heap or not perms.startswith("rw"):
            continue
        rest = ends.get(end)
        if end - start == heap or (rest and rest[1].startswith("---") and rest[0] - start == heap):
            heaps += 1
    return heaps


def test_workers_keep_their_malloc_arenas_few(server):
    proc, port = server
    held = [http.client.HTTPConnection(HOST, port, timeout=10) for _ in range(8)]
    try:
        for _ in range(5):  # several connections at once, so every waitress thread allocates
            for conn in held:
                conn.request("GET", "/api/search?q=norco+OR+pain&facets=1")
            for conn in held:
                assert conn.getresponse().read()
    finally:
        for conn in held:
            conn.close()
    for worker in children(proc.pid):
        assert arena_heaps(worker) <= serve.MALLOC_ARENAS - 1
