"""Precedents: the decisions in other letters most like one decision, on the same kind of treatment.

Similarity comes from the distinctive words of the rationale (weighted by how rare they are in the
index, so boilerplate such as "medically necessary" counts for little), restricted to the same
treatment category and boosted for the same treatment. The nearest decisions with the other outcome
are taken from the same treatment (the same category only when no decision on that treatment went
the other way), each with a `contrast`: what sets the pair apart, from the index alone. That is the
phrases of each rationale missing from the other, weighted by how rare their words are (so "no
documented functional improvement" against "functional improvement documented" shows as "no
documented functional" and "improvement documented"), and the guideline sections and sources only
one of the two relied on.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from pyroaring import BitMap

from ..analysis import NEGATIONS, is_stopword, words
from ..query import RANKED_CLAUSES, Matches, scored
from ..search import by_date, value_sets
from ..store import IndexHandle, Live, as_live, decision_url, find_decision, iso_date
from ..table import key as pkey, union
from ..terms import section_key

TOP_TERMS = RANKED_CLAUSES - 1  # and the treatment: every clause counts in the score
OPPOSITE = 2
TREATMENT_BOOST = 3.0
CONTRAST_TERMS = 5
NEGATION_BONUS = 1.0


def precedents(index: IndexHandle | Live, key: str, decision_number: int, limit: int = 5) -> list[dict]:
    """Up to `limit` similar decisions with the same outcome plus up to 2 with the opposite outcome
    (each explained by a `contrast`), from other letters, best first; [] when the decision is unknown.

    Scored on the match table (indexer.table): a candidate's score is the summed weight of the clauses it
    holds, so the cost does not grow with the number of decisions sharing a common word. Each side is
    ranked within its own outcome, so only the decisions shown are ever read."""
    live = as_live(index)
    table = live.table
    with live.searcher() as searcher:
        docnum = find_decision(searcher, key, decision_number)
        if docnum is None:
            return []
        doc = searcher.stored_fields(docnum)
        clauses = _clauses(live, doc)
        if not clauses:
            return []
        pool = union(bits for bits, _ in clauses) - _letter_docs(table, docnum)
        outcomes = dict(value_sets(live, "outcome"))
        other = "upheld" if doc["outcome"] == "overturned" else "overturned"
        category = pool & dict(value_sets(live, "category")).get(doc["category"], BitMap())
        same = _best(live, category & outcomes.get(doc["outcome"], BitMap()), clauses, limit)
        treatment = table.bits(pkey("treatment_key", doc.get("treatment") or ""))
        opposite = (_best(live, pool & treatment & outcomes.get(other, BitMap()), clauses, OPPOSITE)
                    or _best(live, category & outcomes.get(other, BitMap()), clauses, OPPOSITE))
        stored = {d: searcher.stored_fields(d) for d, _ in same + opposite}
    opposite_out = [_precedent(stored[d], score, doc) | {"contrast": contrast(table, doc, stored[d], live.cache)}
                    for d, score in opposite]
    return sorted([_precedent(stored[d], score, doc) for d, score in same] + opposite_out, key=lambda p: -p["score"])


def _idf(table, word: str, memo: dict | None = None) -> float:
    """Whoosh's idf of a rationale word over the table's counts; 0 when no other decision has it.
    `memo` (a build's cache) keeps the answers: a build's counts never change."""
    known = {} if memo is None else memo.setdefault("idf", {})
    if word not in known:
        count = table.count(pkey("rationale", word))
        known[word] = math.log(table.size / (count + 1)) + 1 if count > 1 else 0.0
    return known[word]


def _clauses(live: Live, doc: dict) -> list[tuple[BitMap, float]]:
    """(decisions, weight) for the rationale's most distinctive words (tf x idf) and the treatment."""
    table = live.table
    counts = Counter(w for w in words(doc.get("rationale") or "")
                     if len(w) > 2 and not w.isdigit() and not is_stopword(w))
    idf = {w: _idf(table, w, live.cache) for w in counts}
    weights = {w: n * idf[w] for w, n in counts.items() if idf[w]}  # a word no other decision has finds nothing
    top = sorted(weights, key=lambda w: (-weights[w], w))[:TOP_TERMS]
    clauses = [(table.bits(pkey("rationale", w)), idf[w]) for w in top]
    if doc.get("treatment"):
        strongest = max((w for _, w in clauses), default=1.0)
        clauses.append((table.bits(pkey("treatment_key", doc["treatment"])), TREATMENT_BOOST * strongest))
    return [(bits, weight) for bits, weight in clauses if bits]


def _best(live: Live, candidates: BitMap, clauses: list[tuple[BitMap, float]], n: int) -> list[tuple[int, float]]:
    """The `n` candidates with the highest summed clause weight (newest first among equals)."""
    if not candidates:
        return []
    found = scored(Matches(candidates, clauses), n, lambda bits, k: by_date(live, bits, k))
    return [(d, round(score, 3)) for d, score in found]


def _letter_docs(table, docnum: int) -> BitMap:
    """The decisions of the letter holding `docnum` (they are numbered consecutively)."""
    first = table.first[docnum]
    last = first
    while last + 1 < table.size and table.first[last + 1] == first:
        last += 1
    return BitMap(range(first, last + 1))


def _precedent(stored: dict, score: float, doc: dict) -> dict:
    return {
        "case": stored["case"], "letter": stored["letter"], "decision": stored["decision"],
        "item": stored["item"], "outcome": stored["outcome"].capitalize(),
        "decision_date": iso_date(stored.get("decided")),
        "url": decision_url(stored["letter"], stored["decision"]), "score": round(score, 3),
        "opposite": stored["outcome"] != doc["outcome"], "treatment": stored.get("treatment", ""),
        "category": stored["category"], "same_treatment": stored.get("treatment") == doc.get("treatment"),
    }


def contrast(table, this: dict, other: dict, memo: dict | None = None) -> dict:
    """What sets two decisions apart: for each side, its most distinctive phrases absent from the
    other's rationale and the guideline sections and sources only it relied on. `memo`: a build's
    cache, to keep word rarities across calls."""
    memo = {} if memo is None else memo  # word rarities, kept for the two sides at least
    phrases = [_phrases(d.get("rationale") or "") for d in (this, other)]
    sections = [_split(d.get("section_key")) for d in (this, other)]
    sources = [_split(d.get("source_key")) for d in (this, other)]
    sides = {}
    for side, mine, theirs in (("this", 0, 1), ("precedent", 1, 0)):
        absent = {p: t for p, t in phrases[mine].items() if p not in phrases[theirs]}
        sides[side] = {
            "terms": _strongest(table, absent, memo),
            "sections": [s for s in sections[mine] if section_key(s) not in {section_key(x) for x in sections[theirs]}],
            "sources": [s for s in sources[mine] if s not in sources[theirs]],
        }
    return sides


def _split(joined: str | None) -> list[str]:
    return [v for v in (joined or "").split("|") if v]


@lru_cache(maxsize=1 << 16)
def _content(word: str) -> bool:
    return len(word) > 2 and word.isalpha() and not is_stopword(word) and word not in NEGATIONS


def _phrases(text: str) -> dict[str, tuple[str, ...]]:
    """Candidate phrases within each sentence: content words, pairs of adjacent content words, and a
    negation with the next words up to its second content word ("no documented functional")."""
    out: dict[str, tuple[str, ...]] = {}
    for sentence in re.split(r"[.;:!?](?:\s|$)", text):
        tokens = words(sentence)
        content = list(map(_content, tokens))
        for i, word in enumerate(tokens):
            if content[i]:
                out[word] = (word,)
                if i + 1 < len(tokens) and content[i + 1]:
                    out[f"{word} {tokens[i + 1]}"] = (word, tokens[i + 1])
            elif word in NEGATIONS:
                end, seen = i + 1, 0
                while end < min(len(tokens), i + 5) and seen < 2:  # up to the second content word
                    seen += content[end]
                    end += 1
                if seen:
                    out[" ".join(tokens[i:end])] = tuple(tokens[i:end])
    return out


def _strongest(table, candidates: dict[str, tuple[str, ...]], memo: dict) -> list[str]:
    """The heaviest phrases by the summed rarity of their words, none repeating a word already shown."""
    weights = {}
    for phrase, tokens in candidates.items():  # a word no other decision uses (a typo, a name) rules a phrase out
        rarities = [_idf(table, w, memo) for w in tokens if _content(w)]
        bonus = NEGATION_BONUS if tokens[0] in NEGATIONS else 0.0  # "no documented x" beats "documented x"
        weights[phrase] = sum(rarities) + bonus if all(rarities) else 0.0
    chosen: list[str] = []
    used: set[str] = set()
    for phrase in sorted(weights, key=lambda p: (-weights[p], p)):
        content = {w for w in candidates[phrase] if _content(w)}
        if weights[phrase] > 0 and not content & used:
            chosen.append(phrase)
            used |= content
            if len(chosen) == CONTRAST_TERMS:
                break
    return chosen
