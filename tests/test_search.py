"""Search over the bundled letters: exact totals, phrases, synonyms, facets, statistics, paging."""
from __future__ import annotations

import json
import re

import pytest

from indexer.errors import QueryError
from indexer.search import by_date, ordering, outcome_stats, search
from indexer.table import members
from indexer.terms import normalize_treatment

from .helpers import LETTER_TRUTH as TRUTH, SEED_DECISIONS, expected_items

ALL = [(i, t) for t in TRUTH for i in expected_items(t)] + [
    ({"item": item, "outcome": outcome}, None) for decisions in SEED_DECISIONS.values() for item, outcome in decisions]


def count(predicate) -> int:
    return sum(1 for item, truth in ALL if predicate(item, truth))


@pytest.mark.parametrize("query,predicate", [
    ("outcome:overturned", lambda i, t: i["outcome"] == "Overturned"),
    ("outcome:upheld", lambda i, t: i["outcome"] == "Upheld"),
    ('specialty:"pain management"', lambda i, t: t is not None and "Pain Management" in t["specialty"]),
    ("specialty:orthopedic outcome:upheld",
     lambda i, t: t is not None and "Orthopedic" in t["specialty"] and i["outcome"] == "Upheld"),
    ("decided:2016", lambda i, t: t is not None and t["decision_date"].endswith("2016")),
    ("decided:2017-01", lambda i, t: t is not None and t["decision_date"].startswith("01/") and
     t["decision_date"].endswith("2017")),
    ("category:imaging", lambda i, t: normalize_treatment(i["item"]).category == "imaging"),
])
def test_totals_match_the_letters(handle, query, predicate):
    result = search(handle, query)
    assert result.total == count(predicate) > 0


def test_phrase_keeps_negations(handle):
    negative = search(handle, 'rationale:"not medically necessary"')
    positive = search(handle, 'rationale:"medically necessary"')
    assert 0 < negative.total < positive.total
    assert search(handle, 'rationale:"medically necessary" -rationale:"not medically necessary"').total > 0


def test_phrase_matches_only_where_the_exact_words_stand(handle):
    result = search(handle, '"objective functional improvement"')
    assert result.total > 0
    for hit in result.hits:
        # punctuation is not a word: "objective, functional improvement" is the phrase too
        assert any(re.search(r"<mark>objective\W+functional\W+improvement</mark>", str(s), re.I) for s in hit.snippets)
    assert search(handle, '"improvement functional objective"').total == 0


def test_word_forms_match_outside_quotes(handle):
    assert search(handle, "improve").total > search(handle, '"improve"').total


def test_item_hydrocodone_finds_norco_and_says_so(handle):
    result = search(handle, "item:hydrocodone")
    items = {hit.item for hit in result.hits}
    assert "Norco 10/325mg #120" in items and "Hydrocodone 10/325 mg #110" in items
    assert any("norco" in line for line in result.synonyms)
    assert search(handle, "item:hydrocodone", synonyms=False).total < result.total


@pytest.mark.parametrize("query", ["item:10/325", "item:10/325mg", 'item:"10/325 mg"'])
def test_drug_strengths_are_findable(handle, query):
    items = {hit.item for hit in search(handle, query).hits}
    assert {"Norco 10/325mg #120", "Norco 10/325mg quantity 90", "Hydrocodone 10/325 mg #110"} <= items


@pytest.mark.parametrize("query", ["physical therapy", "decided:2017 norco", "category:imaging"])
def test_facets_partition_the_total(handle, query):
    result = search(handle, query)
    assert result.total > 0
    for name in ("outcome", "category"):
        assert sum(result.facets[name].values()) == result.total
    assert sum(result.facets["year"].values()) == search(handle, f"({query}) decided:1900..2100").total
    assert sum(result.facets["specialty"].values()) >= result.total
    assert result.stats["decisions"] == result.total


def test_outcome_statistics_use_wilson_interval():
    stats = outcome_stats(upheld=88, overturned=12)
    assert (stats["decisions"], stats["overturn_rate"], stats["ci_low"], stats["ci_high"]) == (100, 0.12, 0.07, 0.1981)
    assert stats["warning"] is None
    assert outcome_stats(20, 5)["warning"] == "only 25 decisions: too few to rely on this rate"


def test_pages_of_twenty_and_a_page_beyond_the_end_is_the_last(handle):
    first = search(handle, "outcome:upheld")
    last = search(handle, "outcome:upheld", page=999)
    assert len(first.hits) == 20 and first.pages == -(-first.total // 20)
    assert last.page == first.pages and len(last.hits) == first.total - 20 * (first.pages - 1)


def test_sort_newest_and_oldest(handle):
    newest = [h.decision_date for h in search(handle, "decided:2016..2017", sort="newest").hits]
    oldest = [h.decision_date for h in search(handle, "decided:2016..2017", sort="oldest").hits]
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest)
    assert newest[0] == "2017-02-28" and oldest[0] == "2016-12-09"


def test_did_you_mean_offers_only_corrections_with_hits(handle):
    assert search(handle, "acupunture").suggestion == "acupuncture"
    assert search(handle, "zzzzqqqq").suggestion is None


def test_snippets_escape_document_text_and_mark_terms(handle):
    hit = search(handle, "functional improvement").hits[0]
    assert len(hit.snippets) <= 3 and all("<mark>" in str(s) for s in hit.snippets)
    assert hit.url == f"/case/{hit.letter}#d{hit.decision}"


def test_match_in_another_field_gives_an_escaped_excerpt(handle):
    hit = search(handle, "outcome:overturned").hits[0]
    assert hit.snippets and "<mark>" not in str(hit.snippets[0])


def test_json_contract(handle):
    data = json.loads(json.dumps(search(handle, "item:norco").to_dict()))
    assert {"query", "total", "page", "pages", "hits", "facets", "stats", "synonyms", "suggestion"} <= set(data)
    assert set(data["facets"]) == {"outcome", "specialty", "category", "guideline", "year"}
    assert {"case", "decision", "item", "outcome", "specialty", "decision_date", "category", "snippets",
            "url"} <= set(data["hits"][0])
    assert {"decisions", "upheld", "overturned", "overturn_rate", "ci_low", "ci_high"} <= set(data["stats"])


def test_query_errors_propagate(handle):
    with pytest.raises(QueryError):
        search(handle, "nosuchfield:x")


@pytest.mark.parametrize("query", ["physical therapy", "outcome:overturned"])
def test_guideline_facet_counts_are_selectable_with_source(handle, query):
    from indexer.terms import SOURCE_LABELS
    result = search(handle, query)
    keys = {label: key for key, label in SOURCE_LABELS.items()}
    assert result.facets["guideline"]
    for label, n in result.facets["guideline"].items():
        assert search(handle, f"({query}) source:{keys[label]}").total == n


@pytest.mark.parametrize("newest", [True, False])
@pytest.mark.parametrize("need", [1, 20, 400])
def test_date_order_is_the_same_whether_sorted_whole_or_month_by_month(handle, monkeypatch, newest, need):
    """by_date sorts small sets at once and walks years and months otherwise: the same order either way,
    and it is the order of the stored dates (equal dates in document order, undated last)."""
    live = handle.live()
    bits = live.table.universe
    whole = by_date(live, bits, need, newest)
    monkeypatch.setattr(ordering, "SORT_WHOLE", 0)
    assert by_date(live, bits, need, newest) == whole
    decided = live.table.decided
    dated = sorted((d for d in members(bits) if decided[d]), key=lambda d: (-decided[d] if newest else decided[d], d))
    assert whole == (dated + [d for d in members(bits) if not decided[d]])[:need]
