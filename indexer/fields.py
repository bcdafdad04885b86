"""The index's field names and what each kind of field is: the vocabulary every layer shares.

Imports nothing, so the match table's merge processes, the parser and the query side can all name
fields without loading the Whoosh schema or the letters' domain vocabulary.
"""
from __future__ import annotations

TEXT_FIELDS = ("item", "rationale", "summary", "guideline")  # what a bare word searches
# Every analysed (word for word) field the table covers and the stored text holds, for `field:word`.
WORD_FIELDS = (*TEXT_FIELDS, "specialty", "licensure", "treatment", "section")
VALUE_FIELDS = ("case", "category", "outcome", "treatment_key")  # exact values (`case:CM16-0230651`)
LIST_FIELDS = ("source",)  # comma lists, each value searchable (`source:odg`)
LETTER_FIELDS = ("summary",)  # the letter's own text: stored on its first decision only
FIELD_BOOSTS = {"item": 4.0, "rationale": 1.0, "summary": 0.5, "guideline": 1.0}
FACET_COLUMNS = ("outcome", "category", "specialty_key", "source_key", "decided")
