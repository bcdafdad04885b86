"""Plain data for one IMR final determination letter: no Whoosh, no I/O."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..terms import citation_dicts, normalize_treatment

if TYPE_CHECKING:
    from ..terms.factors import Factor

OUTCOMES = ("Upheld", "Overturned")


@dataclass
class Decision:
    """One disputed item and how the reviewer decided it."""

    item: str
    outcome: str  # "Upheld" or "Overturned"
    original_request: str | None = None  # set when the request was partly authorized
    authorized: str | None = None
    claims_administrator_guideline: str = ""
    maximus_guideline: str = ""
    rationale: str = ""

    @property
    def factors(self) -> list[Factor]:
        """The deciding factors the rationale gives (issue 21's ids), each with its evidence sentence.
        Derived on each call, not a field: what the index stores (`to_dict`) stays as it was until
        factors are indexed; `export_dict` adds them for `indexer parse --json`."""
        from ..terms.factors import extract_factors  # its rules compile on first use

        return extract_factors(self.rationale, self.outcome, self.item)


@dataclass
class Finding:
    """A doubt about a parse: the field it concerns ("decision_date", "decisions[2].rationale") and why."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass
class Determination:
    """A whole letter: header fields, reviewer, case summary and its decisions in order."""

    source: str = ""
    case_number: str | None = None
    date_assigned: str | None = None  # ISO dates (YYYY-MM-DD)
    date_of_injury: str | None = None
    decision_date: str | None = None
    ur_denial_date: str | None = None
    application_received: str | None = None
    priority: str | None = None
    licensure: list[str] = field(default_factory=list)
    specialty: list[str] = field(default_factory=list)
    summary: str = ""
    decisions: list[Decision] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)  # what the checks doubted (checks.py)

    def to_dict(self) -> dict:
        """The letter as plain data, as the index stores it, and the base of the `indexer parse --json`
        contract (`export_dict`): these key names are relied on by other tools. Each decision also
        carries what is derived from it: `treatment` (name, category, generic, strength, quantity,
        refills, body part) and `citations` (both guideline lines, parsed); `warnings` lists the
        checks' findings as {"field", "message"} (empty when the parse raised no doubt)."""
        data = _fields_of(self) | {"licensure": list(self.licensure), "specialty": list(self.specialty),
                                   "warnings": [_fields_of(w) for w in self.warnings]}
        data["decisions"] = [_fields_of(dec) | {
            "treatment": _fields_of(normalize_treatment(dec.item)),
            "citations": citation_dicts(dec.maximus_guideline, dec.claims_administrator_guideline)}
            for dec in self.decisions]
        return data

    def export_dict(self) -> dict:
        """What `indexer parse --json` prints: `to_dict`, and each decision's `factors` as a list of
        {"id", "evidence"} objects."""
        data = self.to_dict()
        for out, dec in zip(data["decisions"], self.decisions):
            out["factors"] = [factor.to_dict() for factor in dec.factors]
        return data


def _fields_of(instance) -> dict:
    """A dataclass's fields by name, in order, without dataclasses.asdict's deep copies (a third of
    the time a build spent making a letter's documents); the caller copies any list it hands out."""
    return {f.name: getattr(instance, f.name) for f in dataclasses.fields(instance)}
