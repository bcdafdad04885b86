"""Time the precedent pages of issue 6 on an index: the Flask app in-process, one client.

    .venv/bin/python bench/pages.py --index bench/out/index-100000 [--pages 40]

Prints the aggregates' loading (kept by the build, loaded once per build and process; computed when
the build has no usable copy) and their computation, then p50/p95/max of the most decided treatments' pages,
the most cited guideline sections' pages, case pages of letters found by a few searches (their
precedents computed cold) and those letters' JSON twins afterwards. The app has the server's shared
cache (in a temporary folder) but every URL is asked once, so no answer comes from it; the JSON
twins read the precedents their case pages computed, as in the server.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from report import summary  # noqa: E402  (bench/ is on the path when this script runs)

from indexer.precedents import aggregation, reports  # noqa: E402
from web import create_app  # noqa: E402

SEARCHES = ("norco", "physical therapy", "mri", "acupuncture", "tramadol", "omeprazole")


def timed(client, urls: list[str]) -> str:
    """p50, p95 (nearest rank, as bench/run.py) and max of one GET each (the body read whole), in ms; any answer but 200 stops the run."""
    out = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        response.get_data()
        out.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
    figures = summary(out)
    return f"n={figures['n']} p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, max {figures['max']:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True, help="an index directory (built by `indexer build`)")
    parser.add_argument("--pages", type=int, default=40, help="pages of each kind (default 40)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pages-") as cache:
        run(create_app({"INDEX_DIR": args.index, "TESTING": True, "RESPONSE_CACHE_DIR": cache}), args.pages)


def run(app, pages: int) -> None:
    client, live = app.test_client(), app.extensions["imr_index"].live()
    started = time.perf_counter()
    aggregation.warm(live)
    print(f"aggregates loaded from the build (once per build and process): {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    aggregation.compute(live)
    print(f"aggregates computed (once per build, by the build): {time.perf_counter() - started:.2f} s")
    treatments = [row["treatment"] for row in reports.treatment_list(live)[:pages]]
    sections = [row["key"] for row in reports.section_list(live)[:pages]]
    print("treatment pages:", timed(client, [f"/treatment/{quote(name, safe='')}" for name in treatments]))
    print("guideline pages:", timed(client, [f"/guideline/{quote(name, safe='')}" for name in sections]))
    letters = list(dict.fromkeys(hit["letter"] for q in SEARCHES
                                 for hit in client.get("/api/search?q=" + quote(q)).get_json()["hits"]))
    letters = [quote(key, safe="") for key in letters[:pages]]
    print("case pages (precedents cold):", timed(client, [f"/case/{key}" for key in letters]))
    print("their JSON twins afterwards:", timed(client, [f"/api/case/{key}" for key in letters]))


if __name__ == "__main__":
    main()
