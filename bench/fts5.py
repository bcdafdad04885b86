"""The SQLite FTS5 baseline: the same decisions in an FTS5 table, asked the same mix as bare queries.

One row per decision, columns item, rationale, summary, outcome, specialty, category (all indexed
with FTS5's default unicode61 tokenizer: exact lowercased words, no stemming, no stop words) and
decided (YYYYMMDD, UNINDEXED, filtered with WHERE). A bare query is what FTS5 needs to give the
same kind of answer as our full search, minus snippets/facets/statistics: the top 20 rows by bm25
rank and the count of all matches.
"""
from __future__ import annotations

import multiprocessing
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("item", "rationale", "summary", "outcome", "specialty", "category", "decided")
TOP = 20


def fts5_available() -> bool:
    """Python's sqlite3 was compiled with FTS5 (it is on Debian and in the python.org builds)."""
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(a)")
    except sqlite3.OperationalError:
        return False
    return True


def rows_of_file(path: str) -> list[tuple]:
    """The FTS5 rows of one letter, parsed by our own parser (the same text our index sees)."""
    from indexer.letters import parse_file
    from indexer.terms import normalize_treatment

    det = parse_file(path)
    decided = int(det.decision_date.replace("-", "")) if det.decision_date else 0
    specialty = ", ".join(det.specialty)
    return [(d.item, d.rationale, det.summary, d.outcome.lower(), specialty,
             normalize_treatment(d.item).category, decided) for d in det.decisions]


def parse_rows(paths: list[str], jobs: int = 2) -> list[tuple]:
    """Every decision of every letter, in path order; letters that do not parse are left out."""
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return [row for rows in pool.imap(_rows_or_none, paths, chunksize=64) for row in rows]


def _rows_or_none(path: str) -> list[tuple]:
    from indexer.errors import ParseError

    try:
        return rows_of_file(path)
    except ParseError:
        return []


def load(db_path: str | Path, rows: list[tuple]) -> float:
    """Write a fresh FTS5 database from the rows; returns the seconds spent (insert + commit)."""
    db_path = Path(db_path)
    for suffix in ("", "-wal", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute(f"CREATE VIRTUAL TABLE docs USING fts5({', '.join(COLUMNS[:-1])}, decided UNINDEXED)")
    con.executemany(f"INSERT INTO docs VALUES ({', '.join('?' * len(COLUMNS))})", rows)
    con.commit()
    con.close()
    return time.perf_counter() - started


@dataclass
class Answer:
    total: int
    top: list[int]
    ms: float


class Fts5:
    """A read connection to the baseline database; `ask` times one bare query."""

    def __init__(self, db_path: str | Path):
        self.con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)

    def ask(self, match: str, decided: tuple[int, int] | None = None) -> Answer:
        """Top 20 by bm25 rank plus the count of all matches, timed together."""
        where, params = [], []
        if match:
            where.append("docs MATCH ?")
            params.append(match)
        if decided:
            where.append("decided BETWEEN ? AND ?")
            params += list(decided)
        clause = " AND ".join(where) or "1"
        order = "ORDER BY rank " if match else ""
        started = time.perf_counter()
        top = [r[0] for r in self.con.execute(
            f"SELECT rowid, item FROM docs WHERE {clause} {order}LIMIT {TOP}", params)]
        total = self.con.execute(f"SELECT count(*) FROM docs WHERE {clause}", params).fetchone()[0]
        return Answer(total, top, (time.perf_counter() - started) * 1000)

    def close(self) -> None:
        self.con.close()
