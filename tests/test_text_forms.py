"""Every text form of the 130 bundled letters parses to the Determination their PDF gives.

The forms are made from the PDFs here (tests/text_forms.py): pdftotext default and -layout, pypdf,
pdfminer.six, a viewer's paste with page furniture, three re-flowed exports (by pdftotext's paragraphs,
by guessed paragraphs, the whole letter as one), CRLF, cp1252 and UTF-8 with curly quotes, double
spaced. Header fields, reviewer, items, outcomes and partly authorised requests must be
equal; guideline lines, rationales and summary equal up to white space, end-of-line hyphens and
quote shapes, which extractors write differently.
"""
from __future__ import annotations

import shutil

import pytest

from indexer.letters import parse_file

from .helpers import LETTER_TRUTH, SEEDS
from .text_forms import FORMS, pdfminer_text, view

PDFS = [SEEDS / "dwc-2016-2017" / t["file"] for t in LETTER_TRUTH]
# pdfminer.six moves a line of this letter's summary to the foot of its page (its own reordering)
PDFMINER_MOVES = {"CM16-0249724.pdf": "was then replaced by and apparently the drain was in the colon."}


@pytest.fixture(scope="module")
def from_pdf() -> dict:
    return {pdf.name: view(parse_file(str(pdf))) for pdf in PDFS}


@pytest.mark.slow
@pytest.mark.parametrize("form", FORMS)
def test_text_form_parses_like_the_pdf(form, from_pdf, tmp_path):
    if form.startswith(("pdftotext", "crlf", "cp1252", "utf8", "rewrapped")) and not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: apt-get install poppler-utils (.ci/run installs it)")
    differ = {}
    for pdf in PDFS:
        path = tmp_path / (pdf.stem + ".txt")
        path.write_bytes(FORMS[form](str(pdf)))
        got, want = view(parse_file(str(path))), from_pdf[pdf.name]
        if form == "pdfminer" and pdf.name in PDFMINER_MOVES:
            assert PDFMINER_MOVES[pdf.name] not in " ".join(pdfminer_text(str(pdf)).split())
            got["summary"] = want["summary"]
        if got != want:
            differ[pdf.name] = [key for key in want if got[key] != want[key]]
    assert differ == {}


def test_the_line_pdfminer_moves_is_in_place_in_the_pdf():
    """The PDF's own text holds the line where it belongs, so the exception above hides no parser fault."""
    from indexer.letters import extract_text
    for name, words in PDFMINER_MOVES.items():
        assert words in " ".join(extract_text(str(SEEDS / "dwc-2016-2017" / name)).split())


PAGE_BREAKS = {  # what an extractor or a viewer's paste puts where a page ends
    "pdftotext": "\n\n\f",
    "pdfminer": "\n\n \n \n\f",
    "viewer": "\nfile:///home/user/letter.pdf    1/3\nPage 1 of 3\n12/8/26, 10:15 AM    letter.pdf\n",
}


@pytest.mark.parametrize("style", PAGE_BREAKS)
@pytest.mark.parametrize("name", ["CM16-0234202.pdf", "CM17-0020728.pdf", "CM16-0230651.pdf"])
def test_a_page_break_after_any_line_of_the_decisions_changes_nothing(name, style, from_pdf):
    """Partly authorized requests included: a page may end after any line of the decisions."""
    from indexer.letters import extract_text, parse_text
    lines = extract_text(str(SEEDS / "dwc-2016-2017" / name)).replace("\f", "\n").split("\n")
    first = next(i for i, line in enumerate(lines) if "set forth below" in line) + 1
    differ = []
    for cut in range(first, len(lines) - 1):
        text = "\n".join(lines[:cut]) + PAGE_BREAKS[style] + "\n".join(lines[cut:])
        if view(parse_text(text, name)) != from_pdf[name]:
            differ.append(lines[cut])
    assert differ == []
