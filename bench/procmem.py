"""Memory of a process and all its descendants, sampled from /proc while it runs (Linux only).

getrusage(RUSAGE_CHILDREN).ru_maxrss is the largest single process, not the sum over a parent and
its parser workers, so the build's peak is sampled instead: every 0.2 s the RSS of every process in
the tree is summed (an upper bound: pages shared after fork count once per process) and so is PSS
(shared pages divided among their sharers, the fair sum). Peaks shorter than a sample can be missed.
"""
from __future__ import annotations

import threading
from pathlib import Path

INTERVAL = 0.2


def tree(pid: int) -> list[int]:
    """pid and all its descendants still alive."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                pass
    return found


def _kb(path: str, key: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of one process in MB, from /proc/<pid>/status."""
    return (round(_kb(f"/proc/{pid}/status", "VmRSS:") / 1024, 1), round(_kb(f"/proc/{pid}/status", "VmHWM:") / 1024, 1))


class TreeMemory:
    """Context manager: samples the tree of `pid` in a thread until the block ends."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_rss_mb = self.peak_pss_mb = self.peak_single_mb = 0.0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = [_kb(f"/proc/{p}/status", "VmRSS:") for p in tree(self.pid)]
            pss = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in tree(self.pid))
            if rss:
                self.samples += 1
                self.peak_rss_mb = max(self.peak_rss_mb, round(sum(rss) / 1024, 1))
                self.peak_single_mb = max(self.peak_single_mb, round(max(rss) / 1024, 1))
                self.peak_pss_mb = max(self.peak_pss_mb, round(pss / 1024, 1))
            self._stop.wait(INTERVAL)
