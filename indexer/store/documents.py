"""A decision as the index holds it: Determination -> index documents (one per decision), the letter's
key, dates as stored, and how a decision is found and linked.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from ..letters import Determination
from ..terms import decision_sources, distinct_sections, relied_on, section_key


def letter_key(det: Determination) -> str:
    """A letter's permanent key: its case number, or the file name for letters printed without one."""
    return det.case_number or Path(det.source).stem


def date_number(iso: str | None) -> int:
    """An ISO date as the YYYYMMDD number the index stores (0 when unknown)."""
    return int(iso.replace("-", "")) if iso else 0


def iso_date(number: int | None) -> str | None:
    """The stored YYYYMMDD number back as an ISO date; None when unknown."""
    return f"{number // 10000:04d}-{number // 100 % 100:02d}-{number % 100:02d}" if number else None


def find_decision(searcher, letter: str, decision: int) -> int | None:
    """The document number of a letter's decision, or None. A letter's decisions are consecutive
    documents in order, so only `letter` is indexed: indexing each decision's id as well cost the
    build's single writer a third of its final commit."""
    first = searcher.document_number(letter=letter)
    if first is None or decision < 1 or first + decision > searcher.doc_count_all():
        return None
    stored = searcher.stored_fields(first + decision - 1)
    return first + decision - 1 if (stored.get("letter"), stored.get("decision")) == (letter, decision) else None


def decision_url(letter: str, decision: int) -> str:
    """The case page anchor of one decision (the key quoted: file names may hold '#', '?' or spaces)."""
    return f"/case/{quote(letter, safe='')}#d{decision}"


def documents(det: Determination, source_hash: str = "") -> list[dict]:
    """Index documents for one letter; each carries its letter's fields so field queries stay per item."""
    key = letter_key(det)
    letter = det.to_dict() | {"key": key, "hash": source_hash, "path": os.path.abspath(det.source)}
    docs = []
    for n, (dec, out) in enumerate(zip(det.decisions, letter["decisions"]), start=1):
        guideline = f"{dec.claims_administrator_guideline}\n{dec.maximus_guideline}"
        treatment = out["treatment"]
        sources = decision_sources(dec.maximus_guideline, dec.claims_administrator_guideline)
        sections = [s for c in relied_on(dec.maximus_guideline, dec.claims_administrator_guideline)
                    for s in c.sections]
        doc = dict(
            id=f"{key}#{n}", letter=key, case=det.case_number or "", decision=n,
            specialty=", ".join(det.specialty), licensure=", ".join(det.licensure),
            outcome=dec.outcome.lower(), category=treatment["category"], treatment=treatment["name"],
            treatment_key=treatment["name"], strength_key=treatment["strength"] or "",
            quantity_key=treatment["quantity"] or "", section="\n".join(sections),
            section_key="|".join(distinct_sections(sections)),
            section_keys="|".join(dict.fromkeys(map(section_key, sections))),  # as counted: the table's ~section
            specialty_key="|".join(det.specialty), source_key="|".join(sources), source=",".join(sources),
            decided=date_number(det.decision_date), injured=date_number(det.date_of_injury),
        )
        for name, text in (("item", dec.item), ("rationale", dec.rationale), ("guideline", guideline)):
            doc[name] = text
        if n == 1:  # the letter's own text is written once; the match table gives it to every decision
            doc.update(letter_json=json.dumps(letter), summary=det.summary)
        docs.append(doc)
    return docs
