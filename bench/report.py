"""Tables and the target verdicts of a benchmark run, as markdown (printed by run.py, pasted into BENCHMARKS.md).

    .venv/bin/python bench/report.py bench/out/results.json    # the tables of an earlier run again
    .venv/bin/python bench/report.py --compare A.json B.json    # the targets of several runs side by side
"""
from __future__ import annotations

import json
import math
import sys

TARGET_LETTERS = 100_000  # the targets are defined at this size


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100): the smallest value with at least p% of values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(values: list[float]) -> dict:
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
            "p99": percentile(values, 99), "max": max(values) if values else None}


def table(header: list[str], rows: list[list]) -> str:
    def cell(v) -> str:
        if v is None:
            return "–"
        if isinstance(v, float):
            return f"{v:,.1f}" if abs(v) >= 10 else f"{v:.2f}"
        if isinstance(v, int) and not isinstance(v, bool):
            return f"{v:,}"
        return str(v).replace("|", "\\|")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def targets(size: dict, pdf: dict | None) -> list[dict]:
    """Every target of the issue with the figure measured at this size; pass is None when not measured."""
    q, cmp_, build = size.get("queries", {}), size.get("comparison", {}), size.get("build", {})
    upd, srv = size.get("update", {}), size.get("server", {})
    steady, busy = size.get("load") or {}, size.get("load_rebuilding") or {}
    switched = busy if busy.get("switches") else {}  # no switch seen: not what the row claims to measure
    rss = [v for v in (steady.get("server_rss_mb"), busy.get("server_rss_mb")) if v is not None]
    overall = q.get("first", {}).get("overall", {})
    kinds = cmp_.get("kinds", {})
    worst_kind = max(kinds.items(), key=lambda kv: kv[1].get("p95_ratio") or 0, default=(None, {}))
    over = cmp_.get("queries_over_10x")
    rows = [
        ("full search p95 (first ask, over the mix)", "≤ 100 ms", overall.get("p95"), "ms", lambda v: v <= 100),
        ("full search p50 (first ask, over the mix)", "≤ 15 ms", overall.get("p50"), "ms", lambda v: v <= 15),
        ("p95 ÷ FTS5 bare p95, worst kind", "≤ 10×", worst_kind[1].get("p95_ratio"), "×",
         lambda v: v <= 10),
        ("queries whose single timing ÷ FTS5's > 10×", "0", over, "queries", lambda v: v == 0),
        ("build from text, decisions/s (wall)", "≥ 1,500", build.get("decisions_per_s"), "/s", lambda v: v >= 1500),
        ("build from PDF, letters/s (wall)", "≥ 200", (pdf or {}).get("letters_per_s"), "/s", lambda v: v >= 200),
        ("peak build RSS, text (sum over the process tree)", "≤ 1,536 MB", build.get("peak_rss_mb"), "MB",
         lambda v: v <= 1536),
        ("--update of new letters", "≤ 60 s", upd.get("seconds"), "s", lambda v: v <= 60),
        ("server start to first answer", "≤ 2 s", srv.get("ready_s"), "s", lambda v: v <= 2),
        ("web errors under load, no rebuilds", "0", steady.get("errors"), "", lambda v: v == 0),
        ("web p95 under load, no rebuilds", "≤ 300 ms", steady.get("p95_ms"), "ms", lambda v: v <= 300),
        ("web errors under load, rebuilding meanwhile", "0", switched.get("errors"), "", lambda v: v == 0),
        ("web p95 under load, rebuilding meanwhile", "≤ 300 ms", switched.get("p95_ms"), "ms", lambda v: v <= 300),
        ("serving RSS per process (after the query burst)", "≤ 400 MB", srv.get("rss_mb"), "MB", lambda v: v <= 400),
        ("serving RSS per process (load script, peak)", "≤ 400 MB", max(rss) if rss else None, "MB",
         lambda v: v <= 400),
    ]
    conditions = {"p95 ÷ FTS5 bare p95, worst kind": worst_kind[0] or "",
                  "web errors under load, no rebuilds": _load_label(steady),
                  "web p95 under load, no rebuilds": _load_label(steady),
                  "web errors under load, rebuilding meanwhile": _load_label(busy, switching=True),
                  "web p95 under load, rebuilding meanwhile": _load_label(busy, switching=True)}
    return [{"target": name, "goal": goal, "measured": value, "unit": unit, "conditions": conditions.get(name, ""),
             "pass": None if value is None else bool(test(value))} for name, goal, value, unit, test in rows]


def _load_label(load: dict, switching: bool = False) -> str:
    if not load.get("available"):
        return ""
    label = f"{load.get('clients')} clients × {load.get('seconds')} s"
    return label + (f", {load.get('switches', 0)} index switches" if switching else "")


def _plain(value) -> bool:
    """A figure worth a line of its own: a scalar, or a list of numbers (each rebuild's seconds)."""
    if isinstance(value, list):
        return all(isinstance(v, (int, float)) for v in value)
    return not isinstance(value, dict)


def verdict(flag: bool | None) -> str:
    return "not measured" if flag is None else ("PASS" if flag else "FAIL")


def render_size(n: str, size: dict, pdf: dict | None) -> str:
    """All the tables of one corpus size."""
    out = [f"## {int(n):,} letters"]
    build = size.get("build")
    if build:
        out.append(table(["build", "letters", "decisions", "wall s", "letters/s", "decisions/s", "peak RSS MB (tree sum)",
                          "peak PSS MB (tree)", "largest process MB", "index MB"],
                         [[("text" + (" (earlier run)" if build.get("reused") else "")), build["letters"],
                           build["decisions"], build["seconds"], build["letters_per_s"], build["decisions_per_s"],
                           build["peak_rss_mb"], build["peak_pss_mb"], build["peak_single_mb"], build["index_mb"]]]))
    q, f, c = size.get("queries"), size.get("fts5"), size.get("comparison")
    if q and f and c:
        rows = []
        for kind in list(q["kinds"]) + ["overall"]:
            ours = q["first"]["overall"] if kind == "overall" else q["kinds"][kind]
            again = q["repeated"]["overall"] if kind == "overall" else q["repeated_kinds"][kind]
            fts = f["overall"] if kind == "overall" else f["kinds"].get(kind, {})
            ratio = c["overall_p95_ratio"] if kind == "overall" else c["kinds"].get(kind, {}).get("p95_ratio")
            rows.append([kind, ours["n"], ours["p50"], ours["p95"], ours["p99"], again["p50"], again["p95"],
                         fts.get("p50"), fts.get("p95"), ratio])
        out.append("Query latency, ms (ours = full search: page 1 with snippets, facets, statistics; each query asked "
                   "once after a warm-up on other queries; FTS5 = bare top-20 + count; ratio = ours p95 ÷ FTS5 p95 "
                   "of the kind)\n\n" + table(
                       ["kind", "queries", "p50", "p95", "p99", "repeated p50", "repeated p95", "FTS5 p50", "FTS5 p95",
                        "p95 ratio"], rows))
        out.append("Slowest 10 queries (first ask)\n\n" + table(
            ["query", "kind", "ms", "matches"],
            [[r["text"], r["kind"], r["ms"], r["total"]] for r in q["slowest"]]))
        out.append("Every query: single timings (ratio = ours ÷ FTS5 of this one ask); match counts side by side "
                   "(⚠ = counts differ by more than 2×: tokenisation, word forms, boilerplate)\n\n" + table(
                       ["query", "kind", "ours ms", "FTS5 ms", "ratio", "ours matches", "FTS5 matches", ""],
                       [[r["text"], r["kind"], r["ms"], r["fts_ms"], r["ratio"], r["total"], r["fts_total"],
                         "⚠" if r["count_flag"] else ""] for r in c["queries"]]))
    for key, title in (("update", "Update"), ("server", "Server"), ("load", "Web load, no rebuilds"),
                       ("load_rebuilding", "Web load, rebuilding meanwhile"), ("fts5_load", "FTS5 load")):
        if size.get(key):
            out.append(f"{title}: " + ", ".join(f"{k} {v}" for k, v in size[key].items() if _plain(v)))
    rows = [[t["target"] + (f" ({t['conditions']})" if t.get("conditions") else ""), t["goal"], t["measured"], t["unit"],
             verdict(t["pass"])] for t in size.get("targets", [])]
    if rows:
        note = "" if int(n) == TARGET_LETTERS else f" (the issue sets them at {TARGET_LETTERS:,} letters)"
        out.append(f"Targets at {int(n):,} letters{note}\n\n" + table(["target", "goal", "measured", "unit", "verdict"], rows))
    return "\n\n".join(out)


def render(results: dict) -> str:
    parts = []
    pdf = results.get("pdf")
    if pdf:
        parts.append("## PDF build\n\n" + table(
            ["letters", "decisions", "wall s", "letters/s", "decisions/s", "peak RSS MB (tree sum)", "index MB"],
            [[pdf["letters"], pdf["decisions"], pdf["seconds"], pdf["letters_per_s"], pdf["decisions_per_s"],
              pdf["peak_rss_mb"], pdf["index_mb"]]]))
    for n, size in results.get("sizes", {}).items():
        parts.append(render_size(n, size, pdf))
    if results.get("errors"):
        parts.append("Errors:\n" + "\n".join(f"- {e}" for e in results["errors"]))
    return "\n\n".join(parts)


def compare_targets(runs: list[dict]) -> str:
    """One row per target, one column per corpus size over several runs (for BENCHMARKS.md)."""
    columns = [(n, size) for results in runs for n, size in results.get("sizes", {}).items()]
    rows = []
    for i, first in enumerate(columns[0][1].get("targets", []) if columns else []):
        row = [first["target"], first["goal"]]
        for _, size in columns:
            t = size["targets"][i]
            where = f" ({t['conditions']})" if t.get("conditions") else ""
            row.append("–" if t["measured"] is None else f"{table_value(t['measured'])} {t['unit']} {verdict(t['pass'])}{where}")
        rows.append(row)
    return table(["target", "goal"] + [f"{int(n):,} letters" for n, _ in columns], rows)


def table_value(v) -> str:
    return f"{v:,.1f}" if isinstance(v, float) else f"{v:,}"


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        print(compare_targets([json.loads(open(path).read()) for path in sys.argv[2:]]))
    else:
        print(render(json.loads(open(sys.argv[1]).read())))
