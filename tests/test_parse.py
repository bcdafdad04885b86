"""The parser against every bundled letter: the hand-checked truth file and the five seed texts."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from indexer.letters import parse_file, parse_text
from indexer.letters.header import iso_date
from indexer.letters.text import normalize_lines

from .helpers import LETTER, LETTER_TRUTH as TRUTH, SEED_DECISIONS, SEEDS, expected_items


@pytest.fixture(scope="module")
def parsed() -> dict:
    return {t["file"]: parse_file(str(SEEDS / "dwc-2016-2017" / t["file"])) for t in TRUTH}


def test_truth_covers_all_130_letters_and_303_items():
    assert len(TRUTH) == 130
    assert sum(len(t["items"]) for t in TRUTH) == 303


@pytest.mark.parametrize("truth", TRUTH, ids=[t["file"] for t in TRUTH])
def test_letter_matches_truth(truth, parsed):
    det = parsed[truth["file"]]
    assert det.case_number == truth["case_number"]
    for name in ("date_assigned", "date_of_injury", "decision_date", "ur_denial_date", "application_received"):
        assert getattr(det, name) == iso_date(truth[name]), name
    assert det.priority == truth["priority"]
    assert det.licensure == [s.strip() for s in truth["licensure"].split(",")]
    assert ", ".join(det.specialty) == truth["specialty"]
    got = [(d.item, d.outcome, d.original_request is not None) for d in det.decisions]
    assert got == [(i["item"], i["outcome"], i["modified_request"]) for i in expected_items(truth)]


def test_every_decision_has_guidelines_and_a_clean_rationale(parsed):
    for det in parsed.values():
        for dec in det.decisions:
            assert dec.rationale and dec.maximus_guideline and dec.claims_administrator_guideline
            assert "\n" not in dec.rationale and "\f" not in dec.rationale and "  " not in dec.rationale
            assert "Claims Administrator guideline:" not in dec.rationale


def test_rationale_ends_where_the_next_item_begins(parsed):
    det = parsed["CM16-0230651.pdf"]
    assert det.decisions[0].rationale.endswith("the request for EMG/NCV of the lower extremities is not medically necessary.")
    assert det.decisions[1].rationale.startswith("The California MTUS 2016 Chronic Pain Guidelines state, electromyography")


def test_partly_authorized_request_keeps_all_three_parts(parsed):
    dec = parsed["CM16-0234202.pdf"].decisions[0]
    assert (dec.original_request, dec.authorized, dec.item) == ("Norco 10/325mg #60", "Norco 10/325mg #25",
                                                                "Norco 10/325mg #35")


def test_wrapped_specialty_is_one_specialty(parsed):
    wrapped = [d for d in parsed.values() if "Public Health & General Preventive Medicine" in d.specialty]
    assert len(wrapped) == 4


@pytest.mark.parametrize("name,decisions", SEED_DECISIONS.items())
def test_seed_letters(name, decisions):
    det = parse_file(str(SEEDS / name))
    assert [(d.item, d.outcome) for d in det.decisions] == decisions
    assert det.case_number is None and det.summary.startswith(("Injured worker", "The injured worker"))


def test_seeds_hold_nine_decisions_three_overturned():
    decisions = [d for name in SEED_DECISIONS for d in parse_file(str(SEEDS / name)).decisions]
    assert len(decisions) == 9
    assert sum(d.outcome == "Overturned" for d in decisions) == 3


TWO_RUN_HEADER = """Case Number:
Date Assigned:
Date of Injury:
Decision Date:
UR Denial Date:
Priority:
Application Received:
CM16-0000001
12/07/2016
10/13/2016
01/09/2017
11/22/2016
Standard
11/29/2016
"""


# pdftotext's default mode: each half of the header table as a column of labels, then its values
PDFTOTEXT_HEADER = """Case Number:
Date Assigned:
Decision Date:
Priority:

CM16-0000001
12/07/2016
01/09/2017
Standard

Date of Injury:
UR Denial Date:
Application
Received:

10/13/2016
11/22/2016
11/29/2016

"""
# pdftotext -layout: a value between the two lines of its label
LAYOUT_HEADER = """Case Number:           CM16-0000001
Date Assigned:         12/07/2016                      Date of Injury:      10/13/2016
Decision Date:         01/09/2017                      UR Denial Date:      11/22/2016
Priority:              Standard                        Application          11/29/2016
                                                       Received:

"""
# pdfminer: values ahead of their labels, one beside its label
PDFMINER_HEADER = """Case Number:
Date Assigned:
Decision Date:
Priority:

CM16-0000001
12/07/2016
01/09/2017
Standard

10/13/2016
Date of Injury:
UR Denial Date:   11/22/2016
11/29/2016
Application
Received:

"""


def body(letter: str) -> str:
    return letter.split("Received:\n11/29/2016\n", 1)[1]


def run_on(text: str) -> str:
    """Every paragraph break and line break gone, as an export that re-flows the whole letter
    (a word broken at a line end mended first)."""
    return rewrap(" ".join(re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text).split()), 72)


def check_letter(det):
    assert det.case_number == "CM16-0000001"
    assert (det.date_assigned, det.date_of_injury, det.decision_date, det.ur_denial_date,
            det.application_received) == ("2016-12-07", "2016-10-13", "2017-01-09", "2016-11-22", "2016-11-29")
    assert det.priority == "Standard"
    assert det.licensure == ["California", "Texas"]
    assert det.specialty == ["Public Health & General Preventive Medicine", "Pain Management"]
    assert det.summary == "A worker with low back pain. Treatment included physical therapy."
    assert [(d.item, d.outcome) for d in det.decisions] == [
        ("Physical therapy 2 times a week for 6 weeks for the lumbar spine and the cervical spine", "Upheld"),
        ("Norco 10/325mg #60", "Overturned")]
    assert det.decisions[1].original_request == "Norco 10/325mg #120"
    assert det.decisions[1].rationale == "There is documented functional improvement. The request is medically necessary."
    assert det.decisions[0].rationale == "Therapy is not medically necessary."


def double_spaced(text: str) -> str:
    return "".join(line + " \n\n" for line in text.split("\n"))


def rewrap(text: str, width: int) -> str:
    """Hard-wrap every line at `width` characters, as some extractors do."""
    import textwrap
    return "\n".join("\n".join(textwrap.wrap(line, width, break_long_words=False)) or "" for line in text.split("\n"))


@pytest.mark.parametrize("variant", [
    pytest.param(lambda t: t, id="plain"),
    pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
    pytest.param(lambda t: t.replace("Decision rationale: There", "\fDecision rationale: There"), id="form-feed"),
    pytest.param(double_spaced, id="blank-line-after-every-line"),
    pytest.param(lambda t: TWO_RUN_HEADER + body(t), id="header-in-two-runs"),
    pytest.param(lambda t: PDFTOTEXT_HEADER + body(t), id="header-columns-in-two-blocks"),
    pytest.param(lambda t: PDFTOTEXT_HEADER.replace("\n\n", "\n") + body(t), id="header-columns-without-blank-lines"),
    pytest.param(lambda t: LAYOUT_HEADER + body(t), id="header-value-inside-its-label"),
    pytest.param(lambda t: PDFMINER_HEADER + body(t), id="header-values-before-labels"),
    pytest.param(lambda t: t.replace("authorized by the\n", "authorized by the\n\n\f"), id="page-break-in-partly-authorized"),
    pytest.param(lambda t: t.replace("a week for 6 weeks", "a week\n\f\nfor 6 weeks"), id="page-break-in-an-item"),
    pytest.param(run_on, id="whole-letter-run-on"),
    pytest.param(lambda t: t.replace("\n", "\nPage 1 of 2\n", 1).replace("Decision rationale: There",
                                     "Page 2 of 2\n12/8/26, 10:15 AM letter.pdf\nDecision rationale: There"),
                 id="page-furniture"),
    pytest.param(lambda t: rewrap(t, 60), id="wrapped-at-60"),
    pytest.param(lambda t: rewrap(t, 38), id="wrapped-at-38"),
])
def test_layout_variants_parse_alike(variant):
    check_letter(parse_text(variant(LETTER), "x.txt"))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_text_encodings(tmp_path, encoding):
    path = tmp_path / "letter.txt"
    path.write_bytes(LETTER.replace("A worker", "A café worker").encode(encoding))
    det = parse_file(str(path))
    assert det.summary.startswith("A café worker")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\u00a0\u2003ab.\n\r\f\ufeff", max_size=60))
def test_lines_collapse_every_run_of_spaces_tabs_and_no_break_spaces(text):
    """One space for each run of spaces, tabs and no-break spaces, lines stripped, as a per-line
    regex over [ \\t\\u00a0]+ does; double spacing undone first, then a page break with the blank
    lines around it as one line break (the faster form must not change a letter's text)."""
    flat = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = flat.split("\n")
    odd = lines[1::2]
    if len(odd) >= 4 and sum(1 for line in odd if not line.strip()) >= 0.95 * len(odd):
        lines = lines[0::2]
    flat = re.sub(r"\s*\f\s*", "\n", "\n".join(lines))
    assert normalize_lines(text) == [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in flat.split("\n")]


@pytest.mark.parametrize("text,lines", [
    ("last line of a page\n\n\fFirst of the next", ["last line of a page", "First of the next"]),
    ("a\n\nb", ["a", "", "b"]),
    ("one\n\ntwo\n\n\n\nthree\n\nfour\n\n", ["one", "two", "", "three", "four", ""]),
    ("one\n\ntwo\n\n\fthree\n\nfour\n\nfive\n\n", ["one", "two", "three", "four", "five", ""]),
])
def test_a_page_break_is_a_line_break_not_a_paragraph_break(text, lines):
    assert normalize_lines(text) == lines
