"""Page furniture: the lines a viewer or printer adds are dropped, a letter's own lines never."""
from __future__ import annotations

import pytest

from indexer.letters.furniture import drop_furniture


@pytest.mark.parametrize("line", [
    "Page 2 of 3", "page 2", "Page 2/3", "2 of 3", "- 2 -", "-2-",
    "12/8/26, 10:15 AM CM16-0234202.pdf", "12/08/2026 10:15", "1/9/2017, 3:04:05 p.m. IMR letter",
    "file:///home/user/letters/CM16-0234202.pdf 1/3", "https://example.org/imr/CM16-0234202.pdf 2 / 3",
    "CM16-0234202.pdf", "IMR_letter.PDF", "IMR Final Determination CM16-0221706 Page 2 of 3",
    "CM16-0221706 Page 2 of 3",
])
def test_furniture_lines_are_dropped(line):
    assert drop_furniture(["before", line, "after"]) == ["before", "after"]


@pytest.mark.parametrize("line", [
    "Page(s): 74-95, 124.", "Page 2 of the report notes decreased range of motion.",
    "2016 the treating provider reported the pain level was 8 out of 10", "10/325mg #35 is: Upheld",
    "http://www.drugs.com/famotidine.html.", "https://www.cms.gov/Regulations-and-Guidance/Guidance/Transmittals/",
    "12/01/2016, the physician notes the patient was initially treated", "- Norco 10/325mg",
    "see the attached report.pdf for details", "", "as noted on page 2 of 3", "reviewed on 11/14/2016",
    "Decision based on MTUS Chronic Pain Medical Treatment 2016",
])
def test_letter_lines_are_kept(line):
    assert drop_furniture(["before", line, "after"]) == ["before", line, "after"]


def test_a_case_number_alone_is_furniture_only_after_the_header():
    """pdftotext gives the header's values a line each; after the header a lone case number is a
    viewer's page header."""
    lines = ["Case Number:", "Priority:", "", "CM16-0221706", "Standard", "HOW THE IMR FINAL DETERMINATION WAS MADE",
             "the request is not", "CM16-0221706", "medically necessary."]
    assert drop_furniture(lines) == lines[:7] + lines[8:]
