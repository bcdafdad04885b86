"""`indexer serve`: the app under waitress; with several workers, forked processes share one socket.

One Python process answers one request at a time per core at best (the GIL), so `--workers N`
binds the listening socket once and forks N processes that each build their own app (after the
fork: nothing index-related is shared) and run waitress on that socket; the kernel hands each new
connection to whichever worker accepts it first. The parent only supervises: it replaces a worker
that dies and, on SIGTERM or SIGINT, stops them all before exiting.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time

from waitress import serve as waitress_serve

from indexer.errors import IndexMissing
from indexer.precedents import aggregation
from indexer.search import facets

# Imported before any fork, so workers start sooner and share these modules' memory.
from . import (
    create_app,
    precedent_pages as _pages,  # noqa: F401
)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
STOP_GRACE = 5.0  # seconds workers get to exit after SIGTERM before SIGKILL
RESPAWN_DELAY = 1.0  # a worker that died this soon after starting is replaced only after this pause
BACKLOG = 1024
# glibc gives each thread that allocates its own malloc arena (up to 8 per core), and each arena keeps
# the pages freed by one request's big sets for itself. Measured at 100,000 letters with 32 clients
# and two index switches: the largest worker peaked at 470 MB with the default, 294 MB with 2 arenas.
# Threads take turns on the GIL anyway, so they hardly contend for an arena.
MALLOC_ARENAS = 2
_M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h


def serve(index_dir: str, host: str = "127.0.0.1", port: int = 8000, threads: int = 4, workers: int = 1) -> None:
    """Serve the index at `index_dir` until interrupted; each worker reopens the index on rebuilds.
    The workers share one response cache: a private temporary folder, removed when the server stops."""
    limit_malloc_arenas()
    cache_dir = tempfile.mkdtemp(prefix="imr-search-cache-")
    try:
        if workers <= 1:
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # unwind, so the cache folder goes too
            print(f"serving {index_dir} on http://{host}:{port}/ ({threads} threads)", flush=True)
            _run_worker(index_dir, threads, cache_dir, host=host, port=port)
            return
        sock = listen(host, port)
        print(f"serving {index_dir} on http://{host}:{port}/ ({workers} workers x {threads} threads)", flush=True)
        try:
            Supervisor(lambda: _run_worker(index_dir, threads, cache_dir, sockets=[sock]), workers).run()
        finally:
            sock.close()
    finally:  # workers leave by os._exit and never get here
        shutil.rmtree(cache_dir, ignore_errors=True)


def limit_malloc_arenas() -> bool:
    """Cap glibc's malloc arenas before any thread starts (workers inherit it across fork); False
    where the C library is not glibc, which then keeps its own policy."""
    try:
        return ctypes.CDLL(None).mallopt(_M_ARENA_MAX, MALLOC_ARENAS) == 1
    except (OSError, AttributeError):
        return False


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket, bound before any worker exists so they all accept from it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(BACKLOG)
    return sock


def _run_worker(index_dir: str, threads: int, cache_dir: str, **where) -> None:
    """One serving process: its own app and index handle, warmed in the background."""
    app = create_app({"INDEX_DIR": index_dir, "RESPONSE_CACHE_DIR": cache_dir})
    threading.Thread(target=_warm, args=(app.extensions["imr_index"],), daemon=True).start()
    waitress_serve(app, threads=threads, ident="imr-search", **where)


def _warm(handle) -> None:
    """Fill the per-build caches (facet sets, analytics) in the background; requests never wait on it."""
    try:
        live = handle.live()
    except IndexMissing:
        return
    facets.warm(live)
    aggregation.warm(live)


class Supervisor:
    """Keeps `count` forked workers running `target` until SIGTERM/SIGINT, then stops them all."""

    def __init__(self, target, count: int):
        self.target, self.count = target, count
        self.workers: dict[int, float] = {}  # pid -> start time (monotonic)

    def run(self) -> None:
        watched = {signal.SIGCHLD, *STOP_SIGNALS}
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, watched)  # taken by sigtimedwait below, no races
        try:
            for _ in range(self.count):
                self._start()
            while True:
                info = signal.sigtimedwait(watched, 1.0)
                if info is not None and info.si_signo in STOP_SIGNALS:
                    break
                self._replace_dead()
        finally:
            self._stop_all()
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)

    def _start(self) -> None:
        parent = os.getpid()
        pid = os.fork()
        if pid:
            self.workers[pid] = time.monotonic()
            return
        code = 0
        try:  # the worker: default signals, and it leaves if the parent disappears (SIGKILL leaves no orphans)
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent decides
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, set())
            threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
            self.target()
        except BaseException:  # noqa: BLE001 - a worker must never return into the parent's code
            import traceback
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    def _replace_dead(self) -> None:
        """Reap exited workers and start one for each; one that died young waits RESPAWN_DELAY first."""
        for pid in list(self.workers):
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done, status = pid, 0
            if not done:
                continue
            lived = time.monotonic() - self.workers.pop(pid)
            print(f"worker {pid} exited ({_describe(status)}) after {lived:.1f} s; starting another", flush=True)
            if lived < RESPAWN_DELAY:
                time.sleep(RESPAWN_DELAY)
            self._start()

    def _stop_all(self) -> None:
        """SIGTERM every worker, SIGKILL those still there after STOP_GRACE, and reap them all."""
        for pid in self.workers:
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE
        while self.workers and time.monotonic() < deadline:
            for pid in list(self.workers):
                try:
                    if os.waitpid(pid, os.WNOHANG)[0]:
                        del self.workers[pid]
                except ChildProcessError:
                    del self.workers[pid]
            time.sleep(0.05)
        for pid in list(self.workers):
            _signal(pid, signal.SIGKILL)
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
            del self.workers[pid]


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return signal.Signals(os.WTERMSIG(status)).name
    return f"status {os.waitstatus_to_exitcode(status)}"
