"""Precedents: the decisions in other letters most like one decision, on the same kind of treatment.

Similarity comes from the distinctive words of the rationale (weighted by how rare they are in the
index, so boilerplate such as "medically necessary" counts for little), restricted to the same
treatment category and boosted for the same treatment; the nearest opposite outcomes are kept too.
"""
from __future__ import annotations

from collections import Counter

from whoosh import query as wq

from .analysis import is_stopword, words
from .schema import decision_url, iso_date
from .store import IndexHandle, Live, as_live

TOP_TERMS = 15
OPPOSITE = 2
CANDIDATES = 60
TREATMENT_BOOST = 3.0


def precedents(index: IndexHandle | Live, key: str, decision_number: int, limit: int = 5) -> list[dict]:
    """Up to `limit` similar decisions with the same outcome plus up to 2 with the opposite outcome,
    from other letters in the same category, best first; [] when the decision is unknown."""
    with as_live(index).searcher() as searcher:
        doc = searcher.document(id=f"{key}#{decision_number}")
        if doc is None:
            return []
        query = _similarity_query(searcher, doc)
        if query is None:
            return []
        results = searcher.search(query, limit=CANDIDATES, filter=wq.Term("category", doc["category"]),
                                  mask=wq.Term("letter", key))
        found = [_precedent(hit.fields(), hit.score, doc["outcome"]) for hit in results]
    same = [p for p in found if not p["opposite"]][:limit]
    opposite = [p for p in found if p["opposite"]][:OPPOSITE]
    return sorted(same + opposite, key=lambda p: -p["score"])


def _similarity_query(searcher, doc: dict) -> wq.Query | None:
    """An OR of the rationale's most distinctive words (tf x idf) plus the treatment name, boosted."""
    counts = Counter(w for w in words(doc.get("rationale_text") or "")
                     if len(w) > 2 and not w.isdigit() and not is_stopword(w))
    weights = {w: n * searcher.idf("rationale", w) for w, n in counts.items()
               if searcher.doc_frequency("rationale", w) > 1}  # a word no other decision has finds nothing
    top = sorted(weights, key=lambda w: (-weights[w], w))[:TOP_TERMS]
    clauses: list[wq.Query] = [wq.Term("rationale", w, boost=searcher.idf("rationale", w)) for w in top]
    treatment = words(doc.get("treatment") or "")
    if treatment:
        clauses.append(wq.Phrase("treatment", treatment, boost=TREATMENT_BOOST) if len(treatment) > 1
                       else wq.Term("treatment", treatment[0], boost=TREATMENT_BOOST))
    return wq.Or(clauses) if clauses else None


def _precedent(stored: dict, score: float, outcome: str) -> dict:
    return {
        "case": stored["case"], "letter": stored["letter"], "decision": stored["decision"],
        "item": stored["item"], "outcome": stored["outcome"].capitalize(),
        "decision_date": iso_date(stored.get("decided")),
        "url": decision_url(stored["letter"], stored["decision"]), "score": round(score, 3),
        "opposite": stored["outcome"] != outcome, "treatment": stored.get("treatment", ""),
        "category": stored["category"],
    }
