"""The benchmark cannot rot: `bench/run.py --quick` runs end to end and its JSON has every section, with sane values."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from queries import Query, build_mix, fixed_queries  # bench/ is on pytest's pythonpath (setup.cfg)
from report import percentile

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


@pytest.fixture(scope="module")
def quick(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("bench")
    proc = subprocess.run([sys.executable, str(BENCH / "run.py"), "--quick", "--out", str(out)],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads((out / "results.json").read_text())
    results["stdout"] = proc.stdout
    return results


@pytest.mark.slow
def test_quick_run_builds_both_paths(quick):
    build, pdf = quick["sizes"]["120"]["build"], quick["pdf"]
    assert (build["letters"], build["skipped"], pdf["letters"], pdf["skipped"]) == (120, 0, 8, 0)
    assert build["decisions"] > 120 and build["decisions_per_s"] > 0 and build["index_mb"] > 0
    assert build["peak_rss_mb"] >= build["peak_single_mb"] > 20


@pytest.mark.slow
def test_quick_run_times_every_query_against_fts5(quick):
    size = quick["sizes"]["120"]
    assert quick["errors"] == [] and size["queries"]["errors"] == []
    assert len(size["queries"]["rows"]) == len(size["fts5"]["rows"]) == len(size["mix"]) >= 100
    assert all(r["ms"] > 0 and r["repeat_ms"] > 0 for r in size["queries"]["rows"])
    assert size["fts5_load"]["rows"] == size["build"]["decisions"]
    by_text = {r["text"]: r for r in size["comparison"]["queries"]}
    common = next(q["text"] for q in size["mix"] if q["kind"] == "term_very_common")  # drawn from the corpus
    for text in ('"functional improvement"', common, "outcome:overturned", "decided:2016..2017"):
        assert by_text[text]["total"] > 0 and by_text[text]["fts_total"] > 0, text
    assert by_text["outcome:overturned"]["total"] == by_text["outcome:overturned"]["fts_total"]
    assert set(size["comparison"]["kinds"]) == {q["kind"] for q in size["mix"]}


@pytest.mark.slow
def test_quick_run_updates_serves_and_judges_every_target(quick):
    size = quick["sizes"]["120"]
    assert size["update"]["letters_added"] == 15 and size["update"]["grew_as_expected"]
    assert size["server"]["ready_s"] > 0 and size["server"]["burst_non_200"] == 0 and size["server"]["rss_mb"] > 0
    rebuilding = size["load_rebuilding"]
    assert rebuilding["requests"] > 0 and rebuilding["builds"] >= 1 and rebuilding["errors"] == 0
    assert "--base" in rebuilding["command"]  # updates of the benchmark's own index, not a small one instead
    verdicts = {t["target"]: t["pass"] for t in size["targets"]}
    assert len(verdicts) == 15
    assert verdicts["server start to first answer"] is not None and verdicts["web errors under load, no rebuilds"] is None
    assert "| target | goal | measured | unit | verdict |" in quick["stdout"]


def test_mix_has_every_kind_and_no_repeats():
    from fts5 import rows_of_file

    rows = [row for path in sorted((ROOT / "seeds").glob("*.txt")) for row in rows_of_file(str(path))]
    mix, warm = build_mix(rows)
    kinds = {q.kind for q in mix}
    assert {"term_rare", "term_very_common", "and2", "phrase_common", "phrase_rare", "proximity", "field", "date",
            "wildcard", "synonym", "boolean"} <= kinds
    assert len({q.text for q in mix}) == len(mix) >= 100
    assert not {q.text for q in warm} & {q.text for q in mix}
    assert Query('"functional improvement"', "phrase_common", '{item rationale summary} : "functional improvement"') in mix


@pytest.mark.parametrize("text, match, decided", [
    ("item:norco outcome:upheld", 'item : ("norco" OR "hydrocodone" OR "hydrocodone bitartrate" OR '
     '"hydrocodone/acetaminophen" OR "hydrocodone/apap" OR "hysingla" OR "lortab" OR "vicodin" OR "zohydro") '
     "AND outcome : upheld", None),
    ("decided:>=2020-01", "", (20200101, 99991231)),
    ("opioid*", "{item rationale summary} : opioid*", None),
])
def test_fixed_queries_translate_to_fts5(text, match, decided):
    query = next(q for q in fixed_queries() if q.text == text)
    assert (query.match, query.decided) == (match, decided)


@pytest.mark.parametrize("values, p, expected", [
    ([5.0, 1.0, 3.0, 2.0, 4.0], 50, 3.0), ([5.0, 1.0, 3.0, 2.0, 4.0], 95, 5.0), (list(map(float, range(1, 101))), 95, 95.0),
    ([7.0], 99, 7.0), ([], 50, None),
])
def test_percentile_is_nearest_rank(values, p, expected):
    assert percentile(values, p) == expected
