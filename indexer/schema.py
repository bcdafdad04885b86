"""The Whoosh schema and Determination -> index documents (one document per decision)."""
from __future__ import annotations

import json
import os
from urllib.parse import quote
from pathlib import Path

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import exact_analyzer
from .citations import distinct_sections, relied_on
from .guidelines import decision_sources
from .model import Determination

SCHEMA_VERSION = 5  # also the layout of the match table (postings/)
# Text fields users can search. Each is indexed once, word for word with positions; bare words find
# their other forms through the stem table the build writes beside the index (see stems.py).
TEXT_FIELDS = ("item", "rationale", "summary", "guideline")
LETTER_FIELDS = ("summary",)  # the letter's own text: indexed and stored on its first decision only
FIELD_BOOSTS = {"item": 4.0, "rationale": 1.0, "summary": 0.5, "guideline": 1.0}
FACET_COLUMNS = ("outcome", "category", "specialty_key", "source_key", "decided")


def build_schema() -> Schema:
    """The schema, built in code every time an index is opened (never the pickled copy)."""
    fields = dict(
        id=ID(stored=True, unique=True),  # "<letter key>#<decision number>"
        letter=ID(stored=True),
        case=ID(stored=True),
        decision=NUMERIC(int, stored=True),
        specialty=TEXT(analyzer=exact_analyzer()),
        licensure=TEXT(analyzer=exact_analyzer()),
        outcome=ID(stored=True, sortable=True),
        category=ID(stored=True, sortable=True),
        treatment=TEXT(analyzer=exact_analyzer(), stored=True),
        specialty_key=ID(stored=True, sortable=True),  # "A|B": the facet value of the specialty list
        source_key=ID(stored=True, sortable=True),  # "acoem|mtus": guideline sources cited
        source=KEYWORD(commas=True, lowercase=True),  # the same sources, each searchable (source:odg)
        decided=NUMERIC(int, stored=True, sortable=True, signed=False),  # YYYYMMDD, 0 when unknown
        injured=NUMERIC(int, signed=False),
        rationale_text=STORED(),
        summary_text=STORED(),
        letter_json=STORED(),  # the whole parsed letter, on its first decision only
        # Precedent analytics (analytics.py reads these columns in one pass; never searched by users):
        treatment_key=ID(sortable=True),  # the canonical treatment name, exactly
        strength_key=ID(sortable=True),  # "10/325 mg" ("" when none)
        quantity_key=ID(sortable=True),  # "120", "12 sessions" ("" when none)
        section=TEXT(analyzer=exact_analyzer()),  # the guideline sections the reviewer relied on
        section_key=ID(stored=True, sortable=True),  # "Opioids, criteria for use|Weaning of Medications"
    )
    for name in TEXT_FIELDS:
        fields[name] = TEXT(analyzer=exact_analyzer(), field_boost=FIELD_BOOSTS[name], stored=name == "item")
    return Schema(**fields)


def letter_key(det: Determination) -> str:
    """A letter's permanent key: its case number, or the file name for letters printed without one."""
    return det.case_number or Path(det.source).stem


def date_number(iso: str | None) -> int:
    """An ISO date as the YYYYMMDD number the index stores (0 when unknown)."""
    return int(iso.replace("-", "")) if iso else 0


def iso_date(number: int | None) -> str | None:
    """The stored YYYYMMDD number back as an ISO date; None when unknown."""
    return f"{number // 10000:04d}-{number // 100 % 100:02d}-{number % 100:02d}" if number else None


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
            specialty_key="|".join(det.specialty), source_key="|".join(sources), source=",".join(sources),
            decided=date_number(det.decision_date), injured=date_number(det.date_of_injury),
            rationale_text=dec.rationale,
        )
        for name, text in (("item", dec.item), ("rationale", dec.rationale), ("guideline", guideline)):
            doc[name] = text
        if n == 1:  # the letter's own text is written once; the match table gives it to every decision
            doc.update(letter_json=json.dumps(letter), summary=det.summary, summary_text=det.summary)
        docs.append(doc)
    return docs
