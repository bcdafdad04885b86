"""The labels and headings of an IMR final determination letter, as patterns that match them however
an extractor wrapped or spaced them. The parser finds sections by them; the checks look for them where
they should not be.
"""
from __future__ import annotations

import re


def _marker(words: str, flags: int = 0) -> re.Pattern:
    """A phrase that may wrap anywhere between its words; a layout extractor may space a colon off."""
    return re.compile(r"\s+".join(re.escape(w) for w in words.split()).replace(":", r"\s*:"), flags)


HOW = _marker("HOW THE IMR FINAL DETERMINATION WAS MADE")
LICENSURE = re.compile(r"State\(s\)\s+of\s+Licensure\s*:")
SPECIALTY = re.compile(r"Certification\(s\)\s*/\s*Specialty\s*:")
SUMMARY = _marker("CLINICAL CASE SUMMARY")
SUMMARY_INTRO = _marker("The expert reviewer developed the following clinical case summary based on "
                        "a review of the case file, including all medical records:")
ISSUES = _marker("IMR ISSUES, DECISIONS AND RATIONALES")
ISSUES_INTRO = re.compile(r"The\s+Final\s+Determination\s+was\s+based\s+on\s+decisions\s+for\s+the\s+disputed\s+"
                          r"items\s*/\s*services\s+set\s+forth\s+below:")
CA_GUIDELINE = _marker("Claims Administrator guideline:")
MAXIMUS_GUIDELINE = _marker("MAXIMUS guideline:")
RATIONALE = _marker("Decision rationale:")
# A label the text of another section must never hold (it would mean a section boundary was missed).
ANY_LABEL = re.compile(
    r"\b(?:Case\s+Number|Date\s+Assigned|Decision\s+Date|Date\s+of\s+Injury|UR\s+Denial\s+Date|"
    r"Application\s+Received|State\(s\)\s+of\s+Licensure|Certification\(s\)\s*/\s*Specialty|"
    r"Claims\s+Administrator\s+guideline|MAXIMUS\s+guideline|Decision\s+rationale)\s*:|"
    r"HOW\s+THE\s+IMR\s+FINAL\s+DETERMINATION|CLINICAL\s+CASE\s+SUMMARY|IMR\s+ISSUES,\s+DECISIONS\s+AND\s+RATIONALES")
# The words of each of those labels, as running text (one space between words) spells them: a text
# holding none of them needs no regex.
LABEL_WORDS = ("Case Number", "Date Assigned", "Decision Date", "Date of Injury", "UR Denial Date",
               "Application Received", "of Licensure", "Specialty", "Administrator guideline",
               "MAXIMUS guideline", "Decision rationale", "HOW THE IMR", "CLINICAL CASE SUMMARY", "IMR ISSUES")
# An outcome ends its item and is followed by the decision's first label (or the end of the letter);
# in re-flowed text the label follows on the same line.
OUTCOME = re.compile(r":\s*(Upheld|Overturned)\s*(?=Claims\s+Administrator\s+guideline|MAXIMUS\s+guideline|"
                     r"Decision\s+rationale|\Z)", re.IGNORECASE)
# Any item heading's outcome, whatever follows it: more of these than decisions means an item was lost.
HEADING_OUTCOME = re.compile(r":[ \t]*\n?[ \t]*(?:Upheld|Overturned)[ \t]*(?:\n|$)", re.IGNORECASE)
