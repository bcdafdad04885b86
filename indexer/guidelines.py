"""Which guideline sources a decision's guideline line cites: MTUS, ACOEM, ODG or other."""
from __future__ import annotations

import re

SOURCES = ("mtus", "acoem", "odg", "other", "none")
SOURCE_LABELS = {"mtus": "MTUS", "acoem": "ACOEM", "odg": "ODG", "other": "Other", "none": "No citation"}
# The MTUS body-part chapters of 2004 are ACOEM's Practice Guidelines adopted into the MTUS.
_ACOEM_CHAPTERS = re.compile(r"ACOEM|Complaints\s+2004|Initial\s+Approaches\s+to\s+Treatment|General\s+Approach|"
                             r"Independent\s+Medical\s+Examinations|Stress\s+Related\s+Conditions", re.IGNORECASE)
_MTUS = re.compile(r"(?<!Non-)\bMTUS\b|California\s+Medical\s+Treatment\s+Utilization", re.IGNORECASE)
_ODG = re.compile(r"\bODG\b|Official\s+Disability\s+Guidelines", re.IGNORECASE)
_OTHER_CITATION = re.compile(r"Non-MTUS\s+Citation:?\s+(.{0,80})", re.IGNORECASE | re.DOTALL)
_NO_CITATION = re.compile(r"did\s+not\s+(?:cite|base)", re.IGNORECASE)


def guideline_sources(text: str) -> list[str]:
    """Sources cited in a guideline line, in SOURCES order; "other" for a citation of anything else."""
    found = [name for name, pattern in (("mtus", _MTUS), ("acoem", _ACOEM_CHAPTERS), ("odg", _ODG))
             if pattern.search(text)]
    other = any(not (_ODG.match(m.group(1)) or _ACOEM_CHAPTERS.match(m.group(1)))
                for m in _OTHER_CITATION.finditer(text))
    if other or (not found and text.strip() and not _NO_CITATION.search(text)):
        found.append("other")
    return found


def decision_sources(maximus_guideline: str, claims_administrator_guideline: str) -> list[str]:
    """The sources the IMR reviewer relied on (the administrator's line only when the reviewer's is
    missing); ["none"] when the reviewer cited no medical evidence."""
    line = maximus_guideline if maximus_guideline.strip() else claims_administrator_guideline
    return guideline_sources(line) or ["none"]
