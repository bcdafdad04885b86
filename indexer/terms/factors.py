"""Deciding factors: the reasons a reviewer gives for one decision, from its rationale (issue 21).

A factor is present when the rationale asserts it of this case ("there is no documentation of
functional improvement with prior use"), not when it only quotes or paraphrases a guideline's general
criteria ("continued use requires documented functional improvement"). Rules over sentences: a
sentence counts only when it speaks of this case (`speaks_of_case`); most factors then need a
negation or a hedge ("no", "lack of", "not documented", "unclear") before their finding, so "there is
documentation of functional improvement" gives nothing. The patterns are in `factor_rules`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import factor_rules as rules
from .synonyms import synonyms_of
from .treatment import normalize_treatment

FACTORS = ("no-functional-improvement", "exceeds-guidelines", "long-term-use", "first-line-not-tried",
           "no-objective-findings", "not-recommended", "opioid-safeguards-missing", "no-indication",
           "insufficient-detail", "depends-on-denied", "criteria-met", "taper-advised")

# A sentence ends at . ! or ? (and a closing quote) before a capital, a digit or an opening quote,
# but not after "e.g", "i.e", "Dr" or "vs". (A pattern opening on the stop itself, with the
# abbreviations checked in Python, is several times cheaper than look-behinds tried at every character.)
_STOP = re.compile(r"[.!?][\"\u201d')]?( +)(?=[\"\u201c(]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g", "i.e", " dr", " vs")
# Only text a reviewer has put in quotation marks counts as quoted; inch marks and the like are rare
# in rationales, and a sentence opened inside a quotation is the guideline's, whoever started it.
_QUOTED_SPAN = re.compile(r"[\"\u201c][^\"\u201c\u201d]{60,}?[\"\u201d]")
_WORD = re.compile(r"[a-z][a-z-]{2,}")
_QUOTE_MARK = re.compile(r"[\"\u201c\u201d]")


@dataclass(frozen=True)
class Factor:
    """One deciding factor of a decision and the sentence of the rationale that shows it."""

    id: str
    evidence: str

    def to_dict(self) -> dict:
        return {"id": self.id, "evidence": self.evidence}


def sentences(text: str) -> list[str]:
    """The rationale's sentences, whitespace collapsed."""
    text = " ".join(text.split())
    parts, start = [], 0
    for stop in _STOP.finditer(text):
        if text[stop.start()] == "." and text[max(0, stop.start() - 3):stop.start()].lower() in _ABBREVIATIONS:
            continue
        parts.append(text[start:stop.start(1)])
        start = stop.end()
    parts.append(text[start:])
    return [part for part in parts if part]


def speaks_of_case(sentence: str) -> bool:
    """Whether a sentence is the reviewer's own statement about this case rather than guideline text:
    it names this patient, record or request, and it is not a guideline's statement (once long quoted
    spans are taken out)."""
    return _of_case(_QUOTED_SPAN.sub(" ", sentence.lower()))


def _of_case(own: str) -> bool:
    """`speaks_of_case` of a lower-cased sentence with its long quotations taken out."""
    first = _case_at(own)
    if first is None or (rules.GENERAL.search(own) and not rules.STRONG_CASE.search(own)):
        return False
    lead = rules.GUIDELINE.match(own)
    return lead is None or first >= lead.end() or _case_at(own, lead.end()) is not None


def _case_at(own: str, start: int = 0) -> int | None:
    """Where the first words naming this case start, at or after `start`."""
    if start == 0 and rules.CASE_OPENING.match(own):
        return 0
    case = rules.CASE.search(own, start)
    end = case.start() if case else len(own)
    for word in rules.CASE_WORDS.finditer(own, start, end):  # only those before the first CASE matter
        at = word.start()
        if (at == 0 or not own[at - 1].isalpha()) and not (own[at] == "p" and own[max(0, at - 2):at] == "a "):
            return at
    return case.start() if case else None


def extract_factors(rationale: str, outcome: str = "", item: str = "") -> list[Factor]:
    """The deciding factors of one decision, in FACTORS order, each with its first evidence sentence.
    An overturn gives `criteria-met` (the reviewer found the request necessary) and no deficit: the
    deficits an overturn mentions are of other treatments or of the review it reverses. The item
    tells a one-off service (a test, a surgery: no prior use to show benefit) and an opioid."""
    found: dict[str, str] = {}
    item = item.lower()
    inside_quote = False
    # An odd number of straight quotes leaves one unclosed: which one is unknown, so no quotation is
    # carried from one sentence to the next (quotes inside a sentence are still taken out).
    carry_quotes = rationale.count('"') % 2 == 0
    overturned = outcome.lower() == "overturned"
    skip = {"no-functional-improvement"} if rules.ONE_OFF_ITEM.search(item) else set()
    if not rules.OPIOID_CONTEXT.search(rationale.lower()) and not rules.OPIOID_ITEM.search(item):
        skip.add("opioid-safeguards-missing")
    for sentence in sentences(rationale):
        quoted_start = inside_quote or (sentence[:1] in rules.QUOTE_CHARS and _closes_late(sentence))
        inside_quote = carry_quotes and _ends_inside_quote(sentence, inside_quote)
        text = sentence.lower()
        for factor, pattern in rules.PLAIN:
            if factor not in found and pattern.search(text):
                found[factor] = sentence
        if quoted_start or overturned:
            continue
        own = _QUOTED_SPAN.sub(" ", text)
        for factor, triggers, patterns in rules.DEFICITS if _of_case(own) else rules.ANY_SENTENCE:
            if (factor not in found and factor not in skip and triggers.search(own)
                    and _any_deficit(own, patterns)):
                found[factor] = sentence
        if "not-recommended" not in found and _not_recommended_item(own, item):
            found["not-recommended"] = sentence
    if "long-term-use" in found and normalize_treatment(item).category != "medication":
        # the short-term-only treatments are drugs: a brace "not recommended beyond the acute phase" is not recommended
        found.setdefault("not-recommended", found.pop("long-term-use"))
    if overturned:
        found["criteria-met"] = _overturn_evidence(rationale)
    _resolve_overlaps(found)
    return [Factor(f, found[f]) for f in FACTORS if f in found]


def _any_deficit(sentence: str, patterns: tuple) -> bool:
    """Whether the sentence states one of a factor's findings: a pattern needing a negation or hedge
    before it or within it (rules.NEGATED: "has failed to document ... completed conservative treatment"),
    or one that is a finding as it stands. A "however" or "but" ends a negation's reach."""
    for kind, pattern, unless in patterns:
        if unless is not None and unless.search(sentence):
            continue
        for match in pattern.finditer(sentence):
            if kind != "negated" or rules.AFTER.match(sentence, match.end()):
                return True
            scope = sentence[max(0, match.start() - 140):match.end()]
            if rules.NEGATED.search(scope.rsplit(" however", 1)[-1].rsplit(" but ", 1)[-1]):
                return True
    return False


def _not_recommended_item(sentence: str, item: str) -> bool:
    """Whether a sentence (a guideline's or the reviewer's) does not recommend the item requested, with
    no condition next to it ("not recommended as a primary treatment", "in the absence of red flags")."""
    for match in rules.NOT_RECOMMENDED_ANYWHERE.finditer(sentence):
        near = sentence[max(0, match.start() - 60):match.end() + 80]
        if not rules.CONDITIONAL.search(near) and _names_item(sentence, item):
            return True
    return bool(rules.OTHER_FORM_ITEM.search(item) and rules.ONLY_ONE_FORM.search(sentence)
                and _names_item(sentence, item))


def _names_item(sentence: str, item: str) -> bool:
    """Whether a sentence names the item requested by one of its distinctive words, a plural or a longer
    form of one ("NCS" and "SSEPs"), or a word of its synonyms ("NCV": "nerve conduction studies")."""
    words = [w for w in _WORD.findall(item) if w not in rules.ITEM_STOPWORDS]
    keys = set(words) | {part for w in words for name in synonyms_of(w) for part in _WORD.findall(name)
                         if part not in rules.ITEM_STOPWORDS}
    return any(w.startswith(k) for w in _WORD.findall(sentence) for k in keys)


def _overturn_evidence(rationale: str) -> str:
    """The sentence of an overturn that says why: the first that finds the criteria met (by a strong
    word, then a weaker), else the last."""
    parts = sentences(rationale)
    for cue in rules.OVERTURN_EVIDENCE:
        for sentence in parts:
            if speaks_of_case(sentence) and cue.search(sentence.lower()):
                return sentence
    return parts[-1] if parts else ""


def _resolve_overlaps(found: dict[str, str]) -> None:
    """A sentence saying a short-term treatment is used too long is `long-term-use`, not also
    `exceeds-guidelines` or `not-recommended` ("exceeding the recommendation for short-term use")."""
    long_term = found.get("long-term-use")
    for other in ("exceeds-guidelines", "not-recommended"):
        if long_term is not None and found.get(other) == long_term:
            del found[other]


def _ends_inside_quote(sentence: str, inside: bool) -> bool:
    """Whether an open quotation runs on past this sentence."""
    for char in _QUOTE_MARK.findall(sentence):
        if char in "\u201c\u201d":
            inside = char == "\u201c"
        elif char == '"':
            inside = not inside
    return inside


def _closes_late(sentence: str) -> bool:
    """Whether a sentence opening with a quotation mark is mostly quotation (guideline text)."""
    close = max(sentence.find('"', 1), sentence.find("\u201d", 1))
    return close == -1 or close > len(sentence) * 0.6
