"""The match table answers exactly what a plain positional Whoosh index of the same letters answers, query by query."""
from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from indexer.build import build_index
from indexer.query import parse_query, stem_forms
from indexer.query.match import match
from indexer.store import IndexHandle
from indexer.table import members, positions

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


@pytest.mark.parametrize("arrays_up_to", [positions.ARRAYS_UP_TO, 0], ids=["arrays", "sets"])
def test_proximity_agrees_whichever_side_is_the_smaller(handle, monkeypatch, arrays_up_to):
    """follow shifts the smaller set of positions, or searches sorted arrays (positions.follow): rare
    and common words, either way round and by either method, give Whoosh's answer."""
    monkeypatch.setattr(positions, "ARRAYS_UP_TO", arrays_up_to)
    table, forms = handle.live().table, stem_forms(handle.live().stems)
    sizes = {w: sum(len(p) for _, p in table.places(f"rationale\x1f{w}")) for w in WORDS}
    present = [w for w in WORDS if sizes[w]]
    pairings = set()
    for a in present:
        for b in present:
            if a != b:
                pairings.add(sizes[a] <= sizes[b])
                q = parse_query(f'rationale:"{a} {b}"~6', forms).query
                assert _table(handle, q) == _whoosh(handle, q), (a, b)
    assert pairings == {True, False}


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
    assert len(handle.live().table.universe) == handle.live().ix.doc_count()
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
