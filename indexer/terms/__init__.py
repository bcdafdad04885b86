"""The domain vocabulary: treatments (category, canonical name, strength, quantity), guideline
citations and their sources, the drug and abbreviation synonyms used at query time, and the
deciding factors a rationale gives.

Plain Python over strings: never imports Whoosh, NumPy, the letters or any index layer.
"""
from __future__ import annotations

from .citations import citation_dicts, distinct_sections, relied_on, section_key
from .guidelines import SOURCE_LABELS, SOURCES, decision_sources
from .synonyms import synonyms_of
from .treatment import CATEGORIES, Treatment, normalize_treatment

__all__ = ["CATEGORIES", "FACTORS", "SOURCES", "SOURCE_LABELS", "Factor", "Treatment", "citation_dicts",
           "decision_sources", "distinct_sections", "extract_factors", "normalize_treatment", "relied_on",
           "section_key", "synonyms_of"]


def __getattr__(name: str):
    """The deciding factors, imported on first use (PEP 562): their rules take ~20 ms to compile, which
    a server or a build that never extracts factors need not pay."""
    if name in ("FACTORS", "Factor", "extract_factors"):
        from . import factors
        return getattr(factors, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
