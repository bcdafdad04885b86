"""The match table answers exactly what a plain positional Whoosh index of the same letters answers, query by query."""
from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from indexer.build import build_index
from indexer.query import parse_query, stem_forms
from indexer.query.match import match
from indexer.store import IndexHandle
from indexer.table import members

from .helpers import SEEDS
from .reference import whoosh_matches as _whoosh

QUERIES = [
    "norco", "functional improvement", '"functional improvement"', '"not medically necessary"',
    '"medically necessary"', '"no documentation of functional improvement"', '"physical therapy"~3',
    '"pain relief"~10', "opioid*", "physio*", "item:mri", 'item:"physical therapy"', "outcome:overturned",
    "outcome:upheld -norco", "norco OR tramadol", "(acupuncture OR chiropractic) outcome:overturned",
    "decided:2017", "decided:2016-12..2017-01-15", "decided:>=2017-02-10", "decided:<2017-01",
    "injured:2016-10..2016-12", "category:medication NOT opioid*", "specialty:\"orthopedic surgery\"",
    "source:odg", "source:none", "licensure:california", "guideline:\"chronic pain\"", "summary:fusion",
    "treatment:\"hydrocodone/acetaminophen\"", "10/325", "10/325mg", "not", "-outcome:upheld", "case:CM17*",
    "case:CM16-023*", "case:cm16-0230651*", "rationale:tramad?l", "improve", "improving",
]


def _table(handle, q):
    return members(match(handle.live().table, q).bits)


@pytest.mark.parametrize("text", QUERIES)
def test_table_equals_whoosh(handle, text):
    parsed = parse_query(text, stem_forms(handle.live().stems))
    expected = _whoosh(handle, parsed.query)
    assert _table(handle, parsed.query) == expected


def test_the_queries_are_not_trivial(handle):
    """Most of the table above must match something, or the equality proves little."""
    forms = stem_forms(handle.live().stems)
    nonempty = [t for t in QUERIES if _whoosh(handle, parse_query(t, forms).query)]
    assert len(nonempty) >= len(QUERIES) - 3


WORDS = ["norco", "therapy", "physical", "functional", "improvement", "not", "medically", "necessary",
         "pain", "lumbar", "mri", "upheld", "opioid", "chronic", "guidelines", "documentation", "no", "of"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), st.sampled_from(["", "item:", "rationale:"]),
       st.sampled_from(["plain", "phrase", "near", "or"]))
def test_random_queries_agree(handle, words, field, shape):
    text = {"plain": " ".join(words), "phrase": f'{field}"{" ".join(words)}"',
            "near": f'{field}"{" ".join(words)}"~4', "or": " OR ".join(field + w for w in words)}[shape]
    try:
        parsed = parse_query(text, stem_forms(handle.live().stems))
    except Exception:
        return
    assert _table(handle, parsed.query) == _whoosh(handle, parsed.query)


def test_proximity_agrees_whichever_form_each_word_is_read_in(handle):
    """A rare word's positions are walked as a list and a common word's read as a bitmap
    (positions.step): every pairing of the forms, either way round, gives Whoosh's answer."""
    postings, forms = handle.live().table, stem_forms(handle.live().stems)
    as_list = {w: isinstance(postings.places("rationale", w), list) for w in WORDS if postings.places("rationale", w)}
    pairings = set()
    for a in as_list:
        for b in as_list:
            if a != b:
                pairings.add((as_list[a], as_list[b]))
                q = parse_query(f'rationale:"{a} {b}"~6', forms).query
                assert _table(handle, q) == _whoosh(handle, q), (a, b)
    assert pairings == {(True, True), (True, False), (False, True), (False, False)}


def test_update_keeps_table_and_whoosh_in_step(tmp_path):
    """After an update (changed, vanished and new letters), deleted documents never match, and the kept
    documents' text records still line up with their numbers (proximity, long phrases)."""
    corpus = tmp_path / "letters"
    corpus.mkdir()
    texts = sorted(SEEDS.glob("*.txt"))
    for p in texts[:4]:
        shutil.copy(p, corpus / p.name)
    root = tmp_path / "ix"
    build_index([str(corpus)], root, jobs=1)
    (corpus / texts[0].name).unlink()
    (corpus / texts[1].name).write_text(texts[1].read_text().replace("Norco", "Percocet"))
    shutil.copy(texts[4], corpus / texts[4].name)
    build_index([str(corpus)], root, jobs=1, update=True)
    handle = IndexHandle(root)
    assert handle.live().table.universe.bit_count() == handle.live().ix.doc_count()
    for text in ["norco", "percocet", "medically necessary", '"functional improvement"', "outcome:upheld",
                 "decided:2000..2100", "-norco", '"pain relief"~10', '"functional improvement"~4',
                 '"the request is not medically necessary"']:
        q = parse_query(text, stem_forms(handle.live().stems)).query
        assert _table(handle, q) == _whoosh(handle, q), text


def test_negated_word_excludes_every_decision_holding_it(handle):
    """`-norco` drops every Norco decision (Whoosh's AndNot matcher alone kept "Norco 10/325mg #120")."""
    from indexer.search import search
    result = search(handle, "outcome:upheld -norco", page_size=400)
    assert result.total == len(result.hits)
    assert not [h.item for h in result.hits if "norco" in h.item.lower()]
