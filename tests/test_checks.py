"""The checks: silent on every bundled letter, and each doubt they exist for is reported with its field."""
from __future__ import annotations

import pytest

from indexer.letters import parse_file, parse_text

from .helpers import LETTER, SEEDS

BUNDLED = sorted(SEEDS.glob("*.txt")) + sorted((SEEDS / "dwc-2016-2017").glob("*.pdf"))


def test_no_bundled_letter_raises_a_doubt():
    assert len(BUNDLED) == 135
    doubts = {path.name: [str(w) for w in parse_file(str(path)).warnings] for path in BUNDLED}
    assert {name: found for name, found in doubts.items() if found} == {}


def swap_injury_and_decision(text: str) -> str:
    """The header misread as the old fallback misread pdftotext's columns: two dates traded."""
    return (text.replace("Date of Injury: 10/13/2016", "Date of Injury: 01/09/2017")
                .replace("Decision Date: 01/09/2017", "Decision Date: 10/13/2016"))


@pytest.mark.parametrize("change,finding", [
    pytest.param(swap_injury_and_decision, "ur_denial_date: 2016-11-22 is before date_of_injury 2017-01-09",
                 id="dates-out-of-order"),
    pytest.param(lambda t: t.replace("Decision Date: 01/09/2017", "Decision Date: 01/09/2099"),
                 "decision_date: 2099-01-09 is in the future", id="future-date"),
    pytest.param(lambda t: t.replace("Decision Date: 01/09/2017", "Decision Date: 01/09/2012"),
                 "decision_date: 2012-01-09 is before IMR began (2013)", id="decision-before-2013"),
    pytest.param(lambda t: t.replace("Decision Date: 01/09/2017", "Decision Date:"),
                 "decision_date: label found but no value", id="label-without-value"),
    pytest.param(lambda t: t.replace("State(s) of Licensure: California, Texas", "State(s) of Licensure:"),
                 "licensure: label found but no value", id="licensure-without-value"),
    pytest.param(lambda t: t.replace("10/325mg #60 is:\nOverturned", "10/325mg #60 is:"),
                 "decisions: 2 decision blocks but 1 items with an outcome (an item without an outcome?)",
                 id="item-without-outcome"),
    pytest.param(lambda t: t.replace("10/325mg #60 is:\nOverturned", "10/325mg #60 is:"),
                 "decisions[1].rationale: holds another section's label 'Claims Administrator guideline:'",
                 id="rationale-runs-into-the-next-item"),
    pytest.param(lambda t: t.replace("Therapy is not medically necessary.",
                                     "Therapy is not medically necessary.\nMAXIMUS guideline: ODG."),
                 "decisions[1].rationale: holds another section's label 'MAXIMUS guideline:'",
                 id="label-left-in-rationale"),
    pytest.param(lambda t: t.replace("Overturned\n", "Overturned\nContinued overleaf\n"),
                 "decisions: 2 items set forth but 1 decisions parsed", id="fewer-decisions-than-headings"),
])
def test_a_doubtful_parse_says_which_field_and_why(change, finding):
    text = change(LETTER)
    assert text != LETTER
    assert finding in [str(w) for w in parse_text(text, "x.txt").warnings]


def test_the_unchanged_letter_raises_no_doubt():
    assert parse_text(LETTER, "x.txt").warnings == []


def test_warnings_are_in_the_json_contract():
    det = parse_text(LETTER.replace("Decision Date: 01/09/2017", "Decision Date:"), "x.txt")
    assert det.to_dict()["warnings"] == [{"field": "decision_date", "message": "label found but no value"}]
