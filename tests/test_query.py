"""The query language: what parses to what, and every error a user can make, with its message."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from indexer.errors import QueryError
from indexer.query import FIELDS, parse_query
from indexer.query.compile import date_range


@pytest.mark.parametrize("text,message", [
    ("", "empty query"),
    ("   ", "empty query"),
    ("foo:bar", 'Unrecognized field "foo"'),
    ("reviewer_name:smith", 'Unrecognized field "reviewer_name"'),
    ("*pioid", "a wildcard needs at least 3 letters"),
    ("op*", "a wildcard needs at least 3 letters"),
    ('"functional improvement', "unclosed quote"),
    ("(norco", "unbalanced parentheses"),
    ("norco)", "unexpected \")\""),
    ("AND", "an operator or parenthesis has nothing to apply to"),
    ("OR", "an operator or parenthesis has nothing to apply to"),
    ("NOT", "NOT needs something after it"),
    ("()", "an operator or parenthesis has nothing to apply to"),
    ("the of and", "nothing to search for"),
    ("item:", '"item:" needs a value'),
    ("decided:notadate", "cannot read the date in decided:notadate"),
    ("decided:2017-02-30", "decided:2017-02-30 is not a real date"),
    ("decided:2017..2016", "the range ends before it starts"),
    ("outcome:maybe", "outcome:maybe is not an outcome"),
    ("category:cooking", "category:cooking is not a category"),
    ("x" * 1001, "query too long (1001 characters; at most 1000)"),
    ('"pain relief"~51', "at most 50 words may come between"),
])
def test_bad_queries_say_what_is_wrong(text, message):
    with pytest.raises(QueryError) as info:
        parse_query(text)
    assert message in info.value.message
    assert info.value.fields == FIELDS
    assert "Searchable fields: item, rationale" in str(info.value)


@pytest.mark.parametrize("text,expected", [
    ("2016", (20160101, 20161231)),
    ("2016-02", (20160201, 20160229)),
    ("2016-12-01..2017-01-31", (20161201, 20170131)),
    ("2016..", (20160101, None)),
    ("..2016-06", (None, 20160630)),
    (">=2017-01-01", (20170101, None)),
    (">2017-01-01", (20170102, None)),
    ("<2017-01-01", (None, 20161231)),
    ("<=2017-01", (None, 20170131)),
    ("01/09/2017", (20170109, 20170109)),
])
def test_date_ranges(text, expected):
    assert date_range(text, "decided") == expected


@pytest.mark.parametrize("text,query", [
    ("item:norco outcome:upheld", "(item:norco AND outcome:upheld)"),
    ('rationale:"not medically necessary"', 'rationale:"not medically necessary"'),
    ("item:10/325mg", 'item:"10 325 mg"'),
    ("norco -tramadol", "((item:norco OR rationale:norco OR summary:norco) ANDNOT "
                        "(item:tramadol OR rationale:tramadol OR summary:tramadol))"),
    ("case:cm16-0230651", "case:CM16-0230651"),
    ("Outcome:Overturned", "outcome:overturned"),
    ("result:over", "outcome:overturned"),
    ("hydroco*", "(item:hydroco* OR rationale:hydroco* OR summary:hydroco*)"),
])
def test_parsed_form(text, query):
    assert str(parse_query(text, use_synonyms=False).query) == query


def test_synonyms_are_reported_and_switchable():
    parsed = parse_query("item:norco")
    assert any(line.startswith("norco: ") and "hydrocodone" in line for line in parsed.synonyms)
    assert "item:hydrocodone" in str(parsed.query)
    plain = parse_query("item:norco", use_synonyms=False)
    assert plain.synonyms == [] and str(plain.query) == "item:norco"


def test_quoted_phrases_are_exact_words():
    parsed = parse_query('"functional improvement"', forms=lambda w: [w, w + "s"])
    assert "improvements" not in str(parsed.query)
    assert parse_query("improvement", forms=lambda w: [w, w + "s"], use_synonyms=False).query is not None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_raises_query_error(text):
    try:
        parse_query(text)
    except QueryError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(['item:', 'outcome:', '"', '(', ')', 'AND', 'OR', 'NOT', '-', '*', 'norco', 'a',
                                 'decided:', '2016', '..', '>=', ' ', '~5', 'x:', ':', '?', '10/325', '<b>']),
                max_size=15))
def test_syntax_soup_parses_or_raises_query_error(parts):
    try:
        parse_query("".join(parts))
    except QueryError:
        pass
