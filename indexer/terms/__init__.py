"""The domain vocabulary: treatments (category, canonical name, strength, quantity), guideline
citations and their sources, and the drug and abbreviation synonyms used at query time.

Plain Python over strings: never imports Whoosh, NumPy, the letters or any index layer.
"""
from __future__ import annotations

from .citations import citation_dicts, distinct_sections, relied_on, section_key
from .guidelines import SOURCE_LABELS, SOURCES, decision_sources
from .synonyms import synonyms_of
from .treatment import CATEGORIES, Treatment, normalize_treatment

__all__ = ["CATEGORIES", "SOURCES", "SOURCE_LABELS", "Treatment", "citation_dicts", "decision_sources",
           "distinct_sections", "normalize_treatment", "relied_on", "section_key", "synonyms_of"]
