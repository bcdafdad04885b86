"""Which guideline sources a decision's guideline line cites: MTUS, ACOEM, ODG or other."""
from __future__ import annotations

from .citations import ACOEM_ADOPTED, parse_citations

SOURCES = ("mtus", "acoem", "odg", "other", "none")
SOURCE_LABELS = {"mtus": "MTUS", "acoem": "ACOEM", "odg": "ODG", "other": "Other", "none": "No citation"}


def guideline_sources(text: str) -> list[str]:
    """Sources cited in a guideline line, in SOURCES order, from its parsed citations. An MTUS
    chapter adopted from ACOEM (the 2004 body-part chapters) counts as both MTUS and ACOEM; a line
    that says it is "outside of the MTUS" does not count as MTUS."""
    found = set()
    for citation in parse_citations(text):
        found.add(citation.source)
        if citation.source == "mtus" and ACOEM_ADOPTED.search(citation.guideline):
            found.add("acoem")
    return [name for name in SOURCES if name in found]


def decision_sources(maximus_guideline: str, claims_administrator_guideline: str) -> list[str]:
    """The sources the IMR reviewer relied on (the administrator's line only when the reviewer's is
    missing); ["none"] when the reviewer cited no medical evidence."""
    line = maximus_guideline if maximus_guideline.strip() else claims_administrator_guideline
    return guideline_sources(line) or ["none"]
