"""Checks that make a doubtful parse loud: a letter is still kept, but each doubt is a Finding.

A layout the parser misreads shows itself in what it gives: dates out of their natural order or out
of range, a label found with no value, an item block with no outcome, a section that holds another
section's label, or fewer decisions than the letter's item headings. None of these holds for any
bundled letter (tests/test_checks.py), so a finding is worth a look.
"""
from __future__ import annotations

import datetime as dt

from .header import LABEL as HEADER_LABEL
from .labels import (
    ANY_LABEL,
    CA_GUIDELINE,
    HEADING_OUTCOME,
    ISSUES,
    ISSUES_INTRO,
    LABEL_WORDS,
    LICENSURE,
    OUTCOME,
    RATIONALE,
    SPECIALTY,
)
from .model import Determination, Finding

# The header's dates in the order a case goes through them (equal dates are fine).
DATE_ORDER = ("date_of_injury", "ur_denial_date", "application_received", "date_assigned", "decision_date")
FIRST_DECISION = dt.date(2013, 1, 1)  # IMR began with the 2013 reform (SB 863)
DECISION_TEXTS = ("item", "claims_administrator_guideline", "maximus_guideline", "rationale")


def check_determination(det: Determination, flat: str, header_end: int) -> list[Finding]:
    """Every doubt about this parse of `flat` (the letter's normalised text; header before header_end)."""
    found = _dates(det, dt.date.today())
    found += _empty_labels(det, flat, header_end)
    found += _decision_count(det, flat)
    found += _leftover_labels(det)
    return found


def _dates(det: Determination, today: dt.date) -> list[Finding]:
    """Dates after today, a decision before IMR existed, and each date earlier than the one before it."""
    found = []
    known = [(name, dt.date.fromisoformat(getattr(det, name))) for name in DATE_ORDER if getattr(det, name)]
    for name, day in known:
        if day > today:
            found.append(Finding(name, f"{day.isoformat()} is in the future"))
    if det.decision_date and dt.date.fromisoformat(det.decision_date) < FIRST_DECISION:
        found.append(Finding("decision_date", f"{det.decision_date} is before IMR began (2013)"))
    for (earlier, a), (later, b) in zip(known, known[1:]):
        if b < a:
            found.append(Finding(later, f"{b.isoformat()} is before {earlier} {a.isoformat()}"))
    return found


def _empty_labels(det: Determination, flat: str, header_end: int) -> list[Finding]:
    """A label the letter prints whose value the parse did not find."""
    found = [Finding(m.lastgroup, "label found but no value") for m in HEADER_LABEL.finditer(flat, 0, header_end)
             if getattr(det, m.lastgroup) is None]
    if not det.licensure and LICENSURE.search(flat):
        found.append(Finding("licensure", "label found but no value"))
    if not det.specialty and SPECIALTY.search(flat):
        found.append(Finding("specialty", "label found but no value"))
    for n, dec in enumerate(det.decisions, start=1):
        for name in DECISION_TEXTS:
            if not getattr(dec, name):
                found.append(Finding(f"decisions[{n}].{name}", "empty"))
    return list({(f.field, f.message): f for f in found}.values())  # a label printed twice counts once


def _decision_count(det: Determination, flat: str) -> list[Finding]:
    """Decisions against the item blocks (by their labels) and the item headings (by their outcomes)."""
    intro = ISSUES_INTRO.search(flat) or ISSUES.search(flat)
    start = intro.end() if intro else 0
    n = len(det.decisions)
    found = []
    blocks = max(len(CA_GUIDELINE.findall(flat, start)), len(RATIONALE.findall(flat, start)))
    if blocks > n:
        found.append(Finding("decisions", f"{blocks} decision blocks but {n} items with an outcome "
                                          "(an item without an outcome?)"))
    headings = {m.start() for pattern in (OUTCOME, HEADING_OUTCOME) for m in pattern.finditer(flat, start)}
    if len(headings) != n:
        found.append(Finding("decisions", f"{len(headings)} items set forth but {n} decisions parsed"))
    return found


def _leftover_labels(det: Determination) -> list[Finding]:
    """A section that still holds another section's label: a boundary the parse missed."""
    texts = [("summary", det.summary), ("licensure", ", ".join(det.licensure)),
             ("specialty", ", ".join(det.specialty))]
    for n, dec in enumerate(det.decisions, start=1):
        texts += [(f"decisions[{n}].{name}", getattr(dec, name) or "") for name in DECISION_TEXTS]
        texts += [(f"decisions[{n}].original_request", dec.original_request or "")]
    whole = "\n".join(text for _, text in texts)
    if not any(words in whole for words in LABEL_WORDS):  # nearly every letter: a few fast scans, no regex
        return []
    found = []
    for name, text in texts:
        m = ANY_LABEL.search(text)
        if m:
            found.append(Finding(name, f"holds another section's label {' '.join(m.group().split())!r}"))
    return found
