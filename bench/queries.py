"""The benchmark's query mix: >= 100 distinct queries, each tagged with a kind and its FTS5 translation.

    .venv/bin/python bench/queries.py CORPUS_DIR     # print the mix for a generated corpus

Half the mix is written by hand (field filters, wildcards, date ranges, synonyms, OR/NOT, the
phrase "functional improvement"); the other half is drawn from the corpus vocabulary by document
frequency over a fixed sample (the decisions of the first 1,000 letters, `txt/0000/`, identical
in every corpus made with the same seed, so 10,000 and 100,000 letters get the same mix):

    term_rare        8 words in < 0.2% of sampled decisions     term_mid   8 words in 0.5-3%
    term_common      8 words in 5-20%                            term_very_common 8 words in >= 30%
    and2             12 pairs: mid+common, common+very common, rare+very common
    phrase_common    "functional improvement" + 9 adjacent word pairs in >= 5% of decisions
    phrase_rare      8 adjacent pairs in 2 sampled decisions or more but < 0.5%
    phrase_long      6 phrases of 4, 5 and 6 words (two each), the commonest runs of rationale words
    proximity        "weaning opioids"~5 + 7 pairs one word apart ("a c"~5) in >= 2%
    proximity_common "the functional"~5, "necessary appropriate"~5 + 4 pairs of words in >= 30%, one
                     or two words apart: every position of both words is in play

Within a band words are taken evenly spaced in document-frequency order, so the choice is
deterministic. Words are alphabetic, 4+ letters, not function words. The FTS5 translation
searches the same columns (bare words: item, rationale, summary), ORs in the other forms of a
bare word seen in the sample (same Porter stem: `agent` -> "agent" OR "agents", as our engine's
stem table does over the whole index) and the same synonyms (`indexer.terms.synonyms_of`), and
uses WHERE for dates. Our forms come from the whole index, FTS5's from the sample, so counts of
bare words can still differ a little; NEAR is unordered, our `"a b"~5` ordered.
"""
from __future__ import annotations

import math
import re
import sys
from collections import Counter
from dataclasses import dataclass

from whoosh.lang.porter import stem

TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")
STOP = frozenset("""a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having he her
here hers him his how i if in into is it its itself just may me might more most must my no nor not now of off on once
only or other our out over own same she should so some such than that the their them then there these they this those
through to too under until up upon very was we were what when where which while who whom why will with would you your
per""".split())
COLS = "{item rationale summary}"
SAMPLE_LETTERS = 1000
BANDS = (("term_rare", 0.0, 0.002), ("term_mid", 0.005, 0.03), ("term_common", 0.05, 0.2),
         ("term_very_common", 0.3, 1.01))


@dataclass(frozen=True)
class Query:
    """One query as a user types it, its kind, and the bare FTS5 query that answers the same thing."""

    text: str
    kind: str
    match: str  # FTS5 MATCH expression; "" for a date filter alone
    decided: tuple[int, int] | None = None  # FTS5: WHERE decided BETWEEN a AND b


def _synonyms(word: str) -> tuple[str, ...]:
    try:
        from indexer.terms import synonyms_of
    except ImportError:
        return ()
    return tuple(synonyms_of(word))


def quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def alts(word: str, forms: dict | None = None) -> str:
    """A word, its other forms (as our bare words match them) and its synonyms as FTS5 sees them, OR-ed."""
    group = (forms or {}).get(stem(word), [word]) if word.isalpha() else [word]
    terms = [word, *(f for f in group if f != word), *_synonyms(word)]
    return quote(word) if len(terms) == 1 else "(" + " OR ".join(quote(t) for t in terms) + ")"


def bare(*words: str, forms: dict | None = None) -> str:
    return f"{COLS} : ({' AND '.join(alts(w, forms) for w in words)})"


def fixed_queries(forms: dict | None = None) -> list[Query]:
    """The hand-written part of the mix (see the module docstring for the drawn part)."""
    def word(w: str) -> str:
        return alts(w, forms)

    def words(*ws: str) -> str:
        return bare(*ws, forms=forms)

    ou, oo = "outcome : upheld", "outcome : overturned"
    field = [
        Query("item:norco outcome:upheld", "field", f"item : {word('norco')} AND {ou}"),
        Query("outcome:overturned", "field", oo),
        Query("category:imaging outcome:overturned", "field", f"category : imaging AND {oo}"),
        Query("category:acupuncture", "field", "category : acupuncture"),
        Query("category:medication outcome:upheld", "field", f"category : medication AND {ou}"),
        Query('specialty:"pain management"', "field", 'specialty : "pain management"'),
        Query("specialty:psychiatry", "field", "specialty : psychiatry"),
        Query("specialty:chiropractic outcome:overturned", "field", f"specialty : chiropractic AND {oo}"),
        Query("item:tramadol", "field", f"item : {word('tramadol')}"),
        Query("item:mri category:imaging", "field", f"item : {word('mri')} AND category : imaging"),
        Query("category:surgery outcome:overturned", "field", f"category : surgery AND {oo}"),
        Query('rationale:"functional improvement" outcome:overturned', "field",
              f'rationale : "functional improvement" AND {oo}'),
        Query('item:gabapentin specialty:"family practice"', "field",
              f'item : {word("gabapentin")} AND specialty : "family practice"'),
        Query("category:dme", "field", "category : dme"),
    ]
    date = [
        Query("decided:2016..2017", "date", "", (20160101, 20171231)),
        Query("decided:>=2020-01", "date", "", (20200101, 99991231)),
        Query("decided:2014", "date", "", (20140101, 20141231)),
        Query("decided:2019-06", "date", "", (20190601, 20190630)),
        Query("decided:2015-03-01..2015-03-31", "date", "", (20150301, 20150331)),
        Query("decided:<2015-06", "date", "", (0, 20150531)),
        Query("norco decided:2016..2017", "date", words("norco"), (20160101, 20171231)),
        Query("outcome:overturned decided:>=2022", "date", "outcome : overturned", (20220101, 99991231)),
        Query('"functional improvement" decided:2018', "date", f'{COLS} : "functional improvement"',
              (20180101, 20181231)),
    ]
    wildcard = [Query(f"{p}*", "wildcard", f"{COLS} : {p}*")
                for p in ("opioid", "hydroco", "radicul", "lumb", "medica", "physio", "arthro", "inject")]
    synonym = [Query(w, "synonym", words(w)) for w in
               ("norco", "hydrocodone", "vicodin", "pt", "esi", "tens", "uds", "soma", "flexeril", "neurontin",
                "cbt", "lidoderm")]
    boolean = [
        Query("acupuncture OR chiropractic", "boolean", f"{COLS} : ({word('acupuncture')} OR {word('chiropractic')})"),
        Query("surgery -lumbar", "boolean", f"{COLS} : ({word('surgery')} NOT {word('lumbar')})"),
        Query("(tramadol OR gabapentin) outcome:overturned", "boolean",
              f"{COLS} : ({word('tramadol')} OR {word('gabapentin')}) AND outcome : overturned"),
        Query('massage OR "aquatic therapy"', "boolean", f'{COLS} : ({word("massage")} OR "aquatic therapy")'),
    ]
    return field + date + wildcard + synonym + boolean


def tokens(text: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(text)]


def _content(word: str) -> bool:
    return word.isalpha() and len(word) >= 4 and word not in STOP


def frequencies(rows: list[tuple]) -> tuple[int, Counter, Counter, Counter, dict, Counter, Counter]:
    """Decisions; document frequencies of words, adjacent pairs, pairs one word apart, pairs of any words
    one or two apart, runs of 4 to 6 words; word forms by stem."""
    words, pairs, skips, forms, runs, near = Counter(), Counter(), Counter(), {}, Counter(), Counter()
    for item, rationale, summary, *_ in rows:
        seen = set(tokens(f"{item} {rationale} {summary}"))
        for w in seen:
            if w.isalpha():
                forms.setdefault(stem(w), set()).add(w)
        words.update(w for w in seen if _content(w))
        toks = tokens(rationale)
        pairs.update({(a, b) for a, b in zip(toks, toks[1:]) if _content(a) and _content(b)})
        skips.update({(a, c) for a, c in zip(toks, toks[2:]) if _content(a) and _content(c) and a != c})
        near.update({(a, c) for gap in (2, 3) for a, c in zip(toks, toks[gap:]) if a != c and a.isalpha() and c.isalpha()})
        runs.update({tuple(toks[i:i + n]) for n in (4, 5, 6) for i in range(len(toks) - n + 1)
                     if all(t.isalpha() for t in toks[i:i + n])})
    return len(rows), words, pairs, skips, {k: sorted(v) for k, v in forms.items()}, runs, near


def pick(counts: Counter, n: int, lo: float, hi: float, k: int, taken: set) -> list:
    """k keys whose share of n is in [lo, hi), evenly spaced in frequency order; nearest ones if too few."""
    ranked = sorted((key for key in counts if key not in taken), key=lambda key: (-counts[key], key))
    inside = [key for key in ranked if lo <= counts[key] / n < hi]
    if len(inside) >= k:
        chosen = [inside[round(i * (len(inside) - 1) / max(1, k - 1))] for i in range(k)]
    else:
        centre = math.sqrt(max(lo, 0.5 / n) * min(hi, 1.0))
        rest = sorted((key for key in ranked if key not in inside),
                      key=lambda key: (abs(math.log(counts[key] / n / centre)), key))
        chosen = inside + rest[:k - len(inside)]
    taken.update(chosen)
    return chosen


def build_mix(sample_rows: list[tuple]) -> tuple[list[Query], list[Query]]:
    """(the mix, warm-up queries that are not in it) from the FTS5 rows of the sample letters."""
    n, words, pairs, skips, forms, runs, near_any = frequencies(sample_rows)
    taken: set = set(_synonyms_and_fixed_words())
    mix, warm = [], []
    bands = {}
    for kind, lo, hi in BANDS:
        bands[kind] = pick(words, n, lo, hi, 8, taken)
        mix += [Query(w, kind, bare(w, forms=forms)) for w in bands[kind]]
        warm += [Query(w, "warmup", bare(w, forms=forms)) for w in pick(words, n, lo, hi, 2, taken)]
    couples = (list(zip(bands["term_mid"], bands["term_common"]))[:4]
               + list(zip(bands["term_common"], bands["term_very_common"]))[4:]
               + list(zip(bands["term_rare"], bands["term_very_common"]))[:4])
    mix += [Query(f"{a} {b}", "and2", bare(a, b, forms=forms)) for a, b in couples]
    fixed_pair = ("functional", "improvement")
    taken_pairs: set = {fixed_pair}
    common = [fixed_pair] + pick(pairs, n, 0.05, 1.01, 9, taken_pairs)
    rare = pick(pairs, n, 2 / n, 0.005, 8, taken_pairs)
    warm += [Query(f'"{a} {b}"', "warmup", f'{COLS} : "{a} {b}"') for a, b in pick(pairs, n, 0.01, 0.05, 2, taken_pairs)]
    mix += [Query(f'"{a} {b}"', "phrase_common", f'{COLS} : "{a} {b}"') for a, b in common]
    mix += [Query(f'"{a} {b}"', "phrase_rare", f'{COLS} : "{a} {b}"') for a, b in rare]
    near = [("weaning", "opioids")] + pick(skips, n, 0.02, 1.01, 7, {("weaning", "opioids")})
    mix += [Query(f'"{a} {c}"~5', "proximity", f'{COLS} : NEAR("{a}" "{c}", 5)') for a, c in near]
    for size in (4, 5, 6):
        commonest = sorted((r for r in runs if len(r) == size), key=lambda r: (-runs[r], r))
        mix += [Query(f'"{" ".join(r)}"', "phrase_long", f'{COLS} : "{" ".join(r)}"') for r in commonest[:2]]
    common = [("the", "functional"), ("necessary", "appropriate")]
    common += pick(Counter({k: v for k, v in near_any.items() if words_at_least(k, words, n, 0.3)}), n, 0.05, 1.01, 4,
                   set(common))
    mix += [Query(f'"{a} {c}"~5', "proximity_common", f'{COLS} : NEAR("{a}" "{c}", 5)') for a, c in common]
    mix += fixed_queries(forms)
    warm += [Query("category:lab", "warmup", "category : lab"), Query("decided:2021", "warmup", "", (20210101, 20211231))]
    seen: set = set()
    mix = [q for q in mix if not (q.text in seen or seen.add(q.text))]
    warm = [q for q in warm if q.text not in seen]
    return mix, warm


def words_at_least(pair: tuple[str, str], words: Counter, n: int, share: float) -> bool:
    """Whether both words of a pair stand in at least `share` of the sampled decisions (function words
    count: `words` has only content words, so those are looked up by their own pairs' spread)."""
    return all(w in STOP or words[w] >= share * n for w in pair)


def _synonyms_and_fixed_words() -> list[str]:
    """Words the hand-written queries use alone, kept out of the drawn terms so no query repeats."""
    return [q.text for q in fixed_queries() if re.fullmatch(r"[a-z]+", q.text)]


def main(argv: list[str]) -> int:
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from fts5 import parse_rows

    paths = sorted(str(p) for p in Path(argv[0]).glob("txt/*/*.txt"))[:SAMPLE_LETTERS]
    mix, warm = build_mix(parse_rows(paths))
    for q in mix:
        print(f"{q.kind:17} {q.text:55} FTS5: {q.match}{f' + decided {q.decided}' if q.decided else ''}")
    print(f"{len(mix)} queries; warm-up (not timed): {', '.join(q.text for q in warm)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
