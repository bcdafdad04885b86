"""The prose of a synthetic letter: the clinical case summary and each decision's rationale.

Sentences come from the template pools in vocab_summary and vocab_rationale; an upheld item's
rationale draws denial reasons and ends "not medically necessary", an overturned one draws
supporting reasons (documented functional improvement, criteria met) and ends "medically necessary".
"""
from __future__ import annotations

import datetime as dt

from . import items as I, prose as P, vocab_pool as V, vocab_rationale as R, vocab_summary as S

THERAPY = {"pt": "physical therapy", "chiro": "chiropractic treatment", "acupuncture": "acupuncture", "psych": "psychotherapy",
           "frp": "the functional restoration program", "tens": "the TENS unit"}
CITE_ERA = {0: 0, 1: 0, 2: 1, 3: 2}
MONTHS = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NAME_OF = {"worker": "the injured worker", "patient": "the patient", "records": "the injured worker", "applicant": "the applicant"}
PT_RECOMMENDED = ["9-10 visits over 8 weeks", "8-10 visits over 4 weeks", "up to 10 visits", "a six visit clinical trial",
                  "up to 18 visits over 6-8 weeks", "9 visits over 8 weeks"]
GUIDE_COUNT = I.Weighted([(25, 1), (40, 2), (25, 3), (10, 4)])
FACT_COUNT = I.Weighted([(15, 0), (35, 1), (32, 2), (18, 3)])
REASON_COUNT = I.Weighted([(20, 1), (40, 2), (28, 3), (12, 4)])
FREE_SUMMARY = I.Weighted([(1, 3), (1, 4), (1, 5), (1, 6), (1, 7)])  # sentences of free prose (prose.py) in a summary
FREE_RATIONALE = I.Weighted([(2, 0), (4, 1), (4, 2)])  # ...and among a rationale's facts
PAGES = ["82", "8", "9", "99", "79", "80", "111", "112", "46", "63", "64", "67", "78", "94", "122", "303", "309", "177", "127", "48"]


def join_words(words: list[str]) -> str:
    """"a", "a and b", "a, b, and c"."""
    if len(words) <= 1:
        return "".join(words)
    if len(words) == 2:
        return f"{words[0]} and {words[1]}"
    return ", ".join(words[:-1]) + ", and " + words[-1]


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the word is an acronym (MRI, EMG/NCV, TENS)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def text_date(d: dt.date, fmt: str) -> str:
    """A date as a house style writes it in running text: 10/13/2016, 10-13-2016, 10-13-16 or October 13, 2016."""
    if fmt == "slash":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if fmt == "long":
        return f"{MONTHS[d.month]} {d.day}, {d.year}"
    if fmt == "dash2":
        return f"{d.month}-{d.day}-{d.year % 100:02d}"
    if fmt == "dash0":
        return f"{d.month:02d}-{d.day:02d}-{d.year}"
    return f"{d.month}-{d.day}-{d.year}"


def _date(case: dict, d: dt.date) -> str:
    return text_date(d, case["fmt"])


def _pronouns(case: dict) -> dict:
    if case["female"]:
        return dict(sex="female", he="she", He="She", his="her", His="Her", him="her")
    return dict(sex="male", he="he", He="He", his="his", His="His", him="him")


def _med_list(rng, case: dict) -> str:
    names = list(dict.fromkeys(case["meds"]))[:3]
    while len(names) < 2 or (len(names) < 4 and rng.random() < 0.3):
        kind = I.choose(rng, ["opioid", "nsaid", "relaxant", "gi", "anticonvulsant", "topical"])
        name = I.choose(rng, V.DRUGS[kind])[0]
        if name not in names:
            names.append(name)
    return join_words(names)


def summary(rng, case: dict, dates: dict, items: list[dict]) -> list[str]:
    """The case summary as one or two paragraphs in the letter's house style."""
    visit = case["visit"]
    ur = dates["ur"]
    rfa = min(ur, visit + dt.timedelta(days=I.between(rng, 0, 6)))
    named = [(it["original_request"] or it["item"], it["kind"] in I.MEDS) for it in items]
    requests = join_words([name if is_drug else lower_first(name) for name, is_drug in named])
    pain = I.between(rng, 3, 9)
    ctx = dict(_pronouns(case), age=case["age"], doi=_date(case, dates["injury"]), mech=case["mech"], dx_list=join_words(case["dx"]),
               dx=case["dx"][0], tx_list=join_words(case["prior_tx"]), med_list=_med_list(rng, case), region=case["region"],
               part=V.REGIONS[case["region_key"]]["part"],
               complaint=case["complaint"] + I.choose(rng, ["", "", f" and {I.choose(rng, S.COMPLAINTS_EXTRA)}"]),
               finding=case["findings"][0], finding2=case["findings"][1],
               finding_cap=case["findings"][0][:1].upper() + case["findings"][0][1:],
               pain=f"{pain}/10", pain_lo=f"{max(1, pain - I.between(rng, 2, 4))}/10", pain_hi=f"{min(10, pain + I.between(rng, 1, 3))}/10",
               visit=_date(case, visit), visit2=_date(case, visit - dt.timedelta(days=I.between(rng, 14, 60))), rfa=_date(case, rfa),
               ur=_date(case, ur), requests=requests, Requests=requests[:1].upper() + requests[1:], work=case["work"],
               reason=I.choose(rng, S.DENIAL_REASONS))
    img_date = _date(case, visit - dt.timedelta(days=I.between(rng, 10, 400)))
    ctx["imaging"] = I.choose(rng, S.IMAGING).format(region=case["region"], img_date=img_date, img_finding=I.choose(rng, S.IMG_FINDINGS))
    who = NAME_OF[case["style"]]
    ctx.update(who=who, Who=who[:1].upper() + who[1:], activity=I.choose(rng, S.ACTIVITIES), quality=I.choose(rng, S.QUALITIES),
               freq=I.choose(rng, S.FREQUENCIES), lbs=I.choose(rng, [10, 15, 20, 25, 30]), weeks=I.choose(rng, [2, 4, 6]),
               prior=I.choose(rng, [6, 8, 12, 18, 24]), extra=I.choose(rng, S.COMPLAINTS_EXTRA), side2=case["side2"],
               prior_one=I.choose(rng, case["prior_tx"]),
               limbs="lower extremities" if case["region_key"] in I.LOWER_LIMB_REGIONS else "upper extremities",
               adj=V.REGIONS[case["region_key"]]["adj"], months=max(1, (ur - dates["injury"]).days // 30))
    sections = S.STYLE_SECTIONS[case["style"]]
    sentences = [I.choose(rng, alternatives).format_map(ctx) for p, alternatives in sections if rng.random() < p]
    extras = [I.choose(rng, S.EXTRA).format_map(ctx)] + [P.sentence(rng, case.setdefault("memory", [])) for _ in range(FREE_SUMMARY.pick(rng))]
    for extra in extras:
        first = min(S.FIRST_EXTRA_AT[case["style"]], len(sentences) - 1)
        sentences.insert(I.between(rng, first, max(first, len(sentences) - 2)), extra)
    if len(sentences) > 6 and rng.random() < 0.15:
        cut = I.between(rng, 3, len(sentences) - 3)
        return [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
    return [" ".join(sentences)]


def drug_of(kind: str, item: str) -> tuple[str, str]:
    """(name as prescribed, generic name) of the drug an item names; the first formulary entry that matches."""
    for brand, generic, _, _ in V.DRUGS.get(kind, ()):
        if brand.lower() in item.lower():
            return brand, generic
    return "the medication", "the medication"


def rationale_context(rng, case: dict, dates: dict, it: dict, era: int) -> dict:
    """Every slot a rationale template may use, filled for this decision."""
    kind = it["kind"]
    family = V.KINDS[kind]["cite"]
    cite = I.choose(rng, V.CITE_PHRASES[family][CITE_ERA[era]])
    patient = NAME_OF[case["style"]]
    if case["style"] == "patient" and rng.random() < 0.15:
        patient = "the claimant"
    drug, generic = drug_of(kind, it["item"]) if kind in I.MEDS else ("the medication", "the medication")
    ur = dates["ur"]
    numbers = [int(tok.lstrip("#x")) for tok in it["item"].replace(",", " ").split() if tok.lstrip("#x").isdigit()]
    pain = I.between(rng, 4, 9)
    months = max(1, (ur - dates["injury"]).days // 30)
    limbs = "lower extremities" if case["region_key"] in I.LOWER_LIMB_REGIONS else "upper extremities"
    region = V.REGIONS[case["region_key"]]
    return dict(_pronouns(case), item=it["item"], drug=drug, Drug=drug[:1].upper() + drug[1:], generic=generic,
                cls=V.MED_CLASS_WORD.get(kind, "treatment"), region=case["region"], part=region["part"], adj=region["adj"],
                dx=I.choose(rng, case["dx"]), finding=I.choose(rng, case["findings"]), pain=f"{pain}/10",
                pain_lo=f"{pain - I.between(rng, 2, 3)}/10", date=_date(case, ur - dt.timedelta(days=I.between(rng, 5, 45))),
                date2=_date(case, ur - dt.timedelta(days=I.between(rng, 46, 300))),
                since=_date(case, ur - dt.timedelta(days=I.between(rng, 60, 900))),
                n=numbers[-1] if numbers else I.choose(rng, [6, 8, 12, 60, 90]), prior=I.choose(rng, [6, 8, 10, 12, 12, 16, 18, 24]),
                months=months, patient=patient, Patient=patient[:1].upper() + patient[1:],
                cite=cite, cite_l=cite[:1].lower() + cite[1:],
                odg=I.choose(rng, ["The Official Disability Guidelines", "The ODG", "ODG"]),
                level=I.choose(rng, region["levels"] or ["L4-5", "L5-S1"]),
                surgery=lower_first(case["surgery"] or "the requested surgery"), therapy=THERAPY.get(kind, "treatment"),
                rec=I.choose(rng, PT_RECOMMENDED), med_list=_med_list(rng, case), mech=case["mech"],
                doi=_date(case, dates["injury"]), age=case["age"], spec=I.choose(rng, V.CONSULT_SPECIALTIES),
                prior_tx=join_words(case["prior_tx"]),
                work=case["work"], inj_year=dates["injury"].year, limbs=limbs, page=I.choose(rng, PAGES),
                worker="patient" if case["style"] == "patient" else "injured worker")


def _prepare(pool: list[str]) -> list[tuple[tuple[str, ...], str]]:
    """Split an optional "[word|word] " prefix: the template only fits items whose name contains one of the words."""
    out = []
    for template in pool:
        if template.startswith("["):
            tags, _, rest = template[1:].partition("] ")
            out.append((tuple(tags.split("|")), rest))
        else:
            out.append(((), template))
    return out


POOLS = {kind: {role: _prepare(pool) for role, pool in roles.items()} for kind, roles in R.KIND.items()}
LEADING_CONCLUSIONS = ["The request is not medically necessary.", "The request for {item} is not medically necessary.",
                       "This request is not medically necessary."]


def _fitting(pool: list[tuple[tuple[str, ...], str]], item: str) -> list[str]:
    return [t for tags, t in pool if not tags or any(tag in item for tag in tags)]


def _pick(rng, pools: list[tuple[float, list[str]]], count: int, ctx: dict) -> list[str]:
    chosen: list[str] = []
    pools = [(w, p) for w, p in pools if p]
    for _ in range(count * 3):
        if len(chosen) == count or not pools:
            break
        sentence = I.choose(rng, I.weighted(rng, pools))
        if sentence not in chosen:
            chosen.append(sentence)
    return [s.format_map(ctx) for s in chosen]


def rationale(rng, case: dict, dates: dict, it: dict, era: int) -> list[str]:
    """Paragraph(s) after "Decision rationale:", worded to agree with the outcome."""
    ctx = rationale_context(rng, case, dates, it, era)
    item = it["item"].lower()
    kind_pool = {role: _fitting(pool, item) for role, pool in POOLS[it["kind"]].items()}
    generic = R.GENERIC
    upheld = it["outcome"] == "Upheld"
    guide = _pick(rng, [(1, kind_pool["guide"])], GUIDE_COUNT.pick(rng), ctx)
    quotes = R.QUOTES.get(it["kind"])
    if quotes and rng.random() < 0.25:  # a long passage quoted from the guideline instead of a paraphrase
        guide = [I.choose(rng, R.QUOTE_LEADS).format_map(ctx) + '"' + I.choose(rng, quotes) + '"'] + guide[1:2]
    facts = _pick(rng, [(6, kind_pool["facts"]), (4, generic["facts"])], FACT_COUNT.pick(rng), ctx)
    facts += [P.sentence(rng, case.setdefault("memory", [])) for _ in range(FREE_RATIONALE.pick(rng))]
    role = "deny" if upheld else "approve"
    reasons = _pick(rng, [(55, kind_pool[role]), (45, generic[role])], REASON_COUNT.pick(rng), ctx)
    if it["kind"] == "assoc" and rng.random() < 0.75:
        reasons = [I.choose(rng, generic["surg_denied" if upheld else "surg_approved"]).format_map(ctx)] + reasons[:1]
    tail = []
    if upheld and rng.random() < 0.1:
        tail.append(I.choose(rng, generic["exceptional"]))
    if case["style"] == "applicant" and rng.random() < 0.4:
        tail.append(I.choose(rng, R.VERDICT_FIRST["page_cite"]).format_map(ctx))
    closing = I.choose(rng, generic["conclude_deny" if upheld else "conclude_approve"]).format_map(ctx)
    body = guide + facts + reasons if rng.random() < 0.85 else facts + guide + reasons
    if case["style"] == "applicant":
        body.insert(0, I.choose(rng, R.VERDICT_FIRST[role]).format_map(ctx))
    elif upheld and rng.random() < 0.06:
        body.insert(0, I.choose(rng, LEADING_CONCLUSIONS).format_map(ctx))
        closing = ""
    sentences = body + tail + ([closing] if closing else [])
    if it["kind"] == "opioid" and upheld and era >= 2 and rng.random() < 0.75:
        sentences.append(generic["opioid_disclaimer"][0].format_map(ctx))
    if len(sentences) > 5 and rng.random() < 0.1:
        cut = I.between(rng, 2, len(sentences) - 2)
        return [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
    return [" ".join(sentences)]
