"""Precedent analytics over the bundled letters: every count checked against truth.jsonl and the seeds."""
from __future__ import annotations

import json
import shutil
from collections import Counter, defaultdict

import pytest

from indexer.build import build_index
from indexer.precedents import aggregation, reports
from indexer.store import IndexHandle, column_values, current_build, read_object, write_object
from indexer.terms import relied_on, section_key

from .helpers import DECISION_TRUTH as TRUTH, SEEDS
from .reference import wilson


def test_every_treatment_count_matches_the_truth(handle):
    expected: dict[str, Counter] = defaultdict(Counter)
    for d in TRUTH:
        expected[d["treatment"].name][d["outcome"]] += 1
    listed = reports.treatment_list(handle)
    assert len(TRUTH) == 312 and len(listed) == len(expected) == 142
    assert {t["treatment"]: (t["upheld"], t["overturned"]) for t in listed} == \
        {name: (c["Upheld"], c["Overturned"]) for name, c in expected.items()}
    assert [t["decisions"] for t in listed] == sorted((t["decisions"] for t in listed), reverse=True)
    assert listed[0] == {"treatment": "physical therapy", "category": "therapy", "decisions": 39, "upheld": 34,
                         "overturned": 5, "overturn_rate": 0.1282, "ci_low": 0.056, "ci_high": 0.2671, "warning": None}


def test_rates_carry_their_wilson_interval_and_a_warning_below_30(handle):
    for t in reports.treatment_list(handle):
        assert (t["ci_low"], t["ci_high"]) == wilson(t["overturned"], t["decisions"])
        assert t["overturn_rate"] == round(t["overturned"] / t["decisions"], 4)
        assert (t["warning"] is None) == (t["decisions"] >= 30)
    norco = reports.treatment_report(handle, "hydrocodone/acetaminophen")
    assert norco["stats"]["warning"] == "only 8 decisions: too few to rely on this rate"


def test_treatment_breakdowns_match_the_truth(handle):
    norco = [d for d in TRUTH if d["treatment"].name == "hydrocodone/acetaminophen"]
    report = reports.treatment_report(handle, "hydrocodone/acetaminophen")
    assert (report["treatment"], report["category"], report["search"]) == \
        ("hydrocodone/acetaminophen", "medication", 'treatment:"hydrocodone/acetaminophen"')
    for dim, value in (("year", lambda d: d["year"]), ("strength", lambda d: d["treatment"].strength or ""),
                       ("quantity", lambda d: d["treatment"].quantity or "")):
        counts = Counter((value(d), d["outcome"]) for d in norco)
        assert {r["value"]: (r["upheld"], r["overturned"]) for r in report["by"][dim]} == \
            {v: (counts[v, "Upheld"], counts[v, "Overturned"]) for v, _ in counts}, dim
    assert [r["label"] for r in report["by"]["year"]] == ["2017", "date unknown"]


@pytest.mark.parametrize("name", ["physical therapy", "MRI lumbar spine", "hydrocodone/acetaminophen"])
def test_breakdown_rows_add_up(handle, name):
    report = reports.treatment_report(handle, name)
    total = report["stats"]["decisions"]
    for dim in ("year", "strength", "quantity"):
        assert sum(r["decisions"] for r in report["by"][dim]) == total
    assert sum(r["decisions"] for r in report["by"]["source"]) >= total  # a decision may cite two sources
    for rows in report["by"].values():
        for r in rows:
            assert r["decisions"] == r["upheld"] + r["overturned"]
            assert (r["ci_low"], r["ci_high"]) == wilson(r["overturned"], r["decisions"])


@pytest.fixture(scope="module")
def stored(handle) -> list[dict]:
    """Every decision as the index stores its letter (for the guideline lines and specialties)."""
    with handle.live().searcher() as searcher:
        letters = [json.loads(f["letter_json"]) for f in searcher.all_stored_fields() if f.get("letter_json")]
    return [d | {"key": letter["key"], "n": n, "specialty": letter["specialty"], "date": letter["decision_date"]}
            for letter in letters for n, d in enumerate(letter["decisions"], 1)]


def test_specialty_breakdown_matches_the_letters(handle, stored):
    counts = Counter((s, d["outcome"]) for d in stored if d["treatment"]["name"] == "physical therapy"
                     for s in d["specialty"])
    rows = reports.treatment_report(handle, "physical therapy")["by"]["specialty"]
    assert {r["value"]: (r["upheld"], r["overturned"]) for r in rows} == \
        {s: (counts[s, "Upheld"], counts[s, "Overturned"]) for s, _ in counts}


def test_every_section_count_matches_the_guideline_lines(handle, stored):
    expected: dict[str, Counter] = defaultdict(Counter)
    for d in stored:
        keys = {section_key(s) for c in relied_on(d["maximus_guideline"], d["claims_administrator_guideline"])
                for s in c.sections}
        for key in keys:
            expected[key][d["outcome"]] += 1
    listed = reports.section_list(handle)
    assert len(listed) == len(expected) == 112
    assert {s["key"]: (s["upheld"], s["overturned"]) for s in listed} == \
        {k: (c["Upheld"], c["Overturned"]) for k, c in expected.items()}
    assert (listed[0]["section"], listed[0]["decisions"], listed[0]["overturned"]) == ("Special Studies", 59, 6)


def test_section_report_lists_every_citing_decision_newest_first(handle, stored):
    citing = [d for d in stored if any(section_key(s) == "physical medicine treatment" for c in
                                       relied_on(d["maximus_guideline"], d["claims_administrator_guideline"])
                                       for s in c.sections)]
    first = reports.section_report(handle, "Physical medicine treatment")
    second = reports.section_report(handle, "PHYSICAL MEDICINE TREATMENT", page=2)
    assert (first["section"], first["key"]) == ("Physical medicine treatment", "physical medicine treatment")
    assert first["decisions"]["total"] == len(citing) == 36 and first["decisions"]["pages"] == 2
    items = first["decisions"]["items"] + second["decisions"]["items"]
    assert len(first["decisions"]["items"]) == 20 and len(items) == 36
    assert {(i["letter"], i["decision"]) for i in items} == {(d["key"], d["n"]) for d in citing}
    dates = [i["decision_date"] or "" for i in items]
    assert dates == sorted(dates, reverse=True)
    treatments = Counter(d["treatment"]["name"] for d in citing)
    assert {r["value"]: r["decisions"] for r in first["by"]["treatment"]} == dict(treatments)
    assert set(first["by"]) == {"year", "treatment", "source"}
    assert reports.section_report(handle, "physical medicine treatment", page=99)["decisions"]["page"] == 2


def test_examples_are_the_newest_of_each_side(handle, stored):
    report = reports.treatment_report(handle, "physical therapy")
    for side in ("upheld", "overturned"):
        mine = sorted((d["date"] or "" for d in stored if d["treatment"]["name"] == "physical therapy"
                       and d["outcome"].lower() == side), reverse=True)[:3]
        shown = report["examples"][side]
        assert [e["decision_date"] or "" for e in shown] == mine
        assert all(e["outcome"].lower() == side and e["url"] == f"/case/{e['letter']}#d{e['decision']}" for e in shown)


def test_unknown_names_and_case_insensitive_lookup(handle):
    assert reports.treatment_report(handle, "no such treatment") is None
    assert reports.section_report(handle, "no such section") is None
    assert reports.treatment_report(handle, "mri LUMBAR spine")["treatment"] == "MRI lumbar spine"


def test_computed_once_per_build_and_warmed(seeds_index):
    live = IndexHandle(seeds_index).live()
    assert aggregation.CACHE_KEY not in live.cache
    aggregation.warm(live)
    first = live.cache[aggregation.CACHE_KEY]
    assert aggregation.aggregates(live) is first and first.decisions == 312


def _seed_texts_built(tmp_path):
    """The five seed texts copied to a folder and built into an index: (folder, index root)."""
    seeds = tmp_path / "letters"
    seeds.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, seeds / path.name)
    root = tmp_path / "index"
    build_index([str(seeds)], root, jobs=1)
    return seeds, root


def test_bulk_column_reads_equal_whoosh_and_skip_deleted_documents(tmp_path):
    seeds, root = _seed_texts_built(tmp_path)
    (seeds / "001_ec44e932cb4293ad.txt").unlink()  # its one decision: Norco, overturned
    shutil.copy(SEEDS / "dwc-2016-2017" / "CM16-0230651.pdf", seeds)
    build_index([str(seeds)], root, jobs=1, update=True)
    live = IndexHandle(root).live()
    with live.searcher() as searcher:
        reader = searcher.reader()
        assert (len(reader.leaf_readers()), reader.has_deletions(), reader.doc_count_all()) == (2, True, 19)
        for name in aggregation.COLUMNS:
            assert column_values(reader, name) == list(reader.column_reader(name)), name
        alive = reader.doc_count()
    agg = aggregation.aggregates(live)
    assert agg.decisions == alive == 8 + 10
    assert _figures(agg) == _figures(aggregation.compute(live))  # the update's kept counts: the old less the deleted, plus the new
    norco = [d for d in TRUTH if d["treatment"].name == "hydrocodone/acetaminophen"
             and d["key"] in ("000_9f06bb39291db0e8", "002_ac4403899a905f85", "003_0134393615b26c1c",
                              "004_f0d839e0a1819322", "CM16-0230651")]
    assert agg.treatments["hydrocodone/acetaminophen"].counts == [
        sum(d["outcome"] == "Upheld" for d in norco), sum(d["outcome"] == "Overturned" for d in norco)]


def _figures(agg: aggregation.Aggregates) -> tuple:
    """Everything an Aggregates holds, as plain data to compare."""
    def groups(found: dict) -> dict:
        return {n: (g.name, g.category, {d: dict(c) for d, c in g.by.items()}, dict(g.spellings)) for n, g in found.items()}
    return agg.decisions, agg.lookup, groups(agg.treatments), groups(agg.sections)


def _copy_of(seeds_index, tmp_path):
    build = tmp_path / "build"
    shutil.copytree(current_build(seeds_index), build)
    return build


def test_a_build_keeps_its_aggregates_as_a_server_would_compute_them(seeds_index):
    live = IndexHandle(seeds_index).live()
    kept = read_object(live.build, aggregation.CACHE_KEY, aggregation.AGGREGATES_VERSION)
    assert kept is not None and _figures(kept) == _figures(aggregation.compute(live))


def test_a_server_loads_the_kept_aggregates_and_computes_when_they_are_unusable(seeds_index, tmp_path):
    build = _copy_of(seeds_index, tmp_path)
    root = tmp_path / "root"
    root.mkdir()
    (root / "current").symlink_to(build)
    computed = _figures(aggregation.compute(IndexHandle(root).live()))
    marked = read_object(build, aggregation.CACHE_KEY, aggregation.AGGREGATES_VERSION)
    marked.decisions = -1  # proves the server took the build's copy rather than working it out
    write_object(build, aggregation.CACHE_KEY, aggregation.AGGREGATES_VERSION, marked)
    assert aggregation.aggregates(IndexHandle(root).live()).decisions == -1
    for damage in (b"not a pickle", b""):
        (build / f"{aggregation.CACHE_KEY}.pickle").write_bytes(damage)
        assert _figures(aggregation.aggregates(IndexHandle(root).live())) == computed
    write_object(build, aggregation.CACHE_KEY, aggregation.AGGREGATES_VERSION - 1, marked)  # an older format
    assert _figures(aggregation.aggregates(IndexHandle(root).live())) == computed


def test_an_update_keeps_its_own_aggregates_and_leaves_the_previous_builds(tmp_path):
    seeds, root = _seed_texts_built(tmp_path)
    before = current_build(root)
    first = _figures(read_object(before, aggregation.CACHE_KEY, aggregation.AGGREGATES_VERSION))
    shutil.copy(SEEDS / "dwc-2016-2017" / "CM16-0230651.pdf", seeds)
    build_index([str(seeds)], root, jobs=1, update=True)
    after = read_object(current_build(root), aggregation.CACHE_KEY, aggregation.AGGREGATES_VERSION)
    assert after.decisions == first[0] + 10
    assert _figures(read_object(before, aggregation.CACHE_KEY, aggregation.AGGREGATES_VERSION)) == first
