"""One synthetic IMR final determination letter from (seed, index): fields, text blocks and truth.

Everything random comes from random.Random(f"{seed}:{index}"), so any letter can be made alone,
in any process, and comes out the same every time.
"""
from __future__ import annotations

import datetime as dt
import random

from . import items as I, text as T, vocab_pool as V, vocab_summary as S

FIRST_DECISION = dt.date(2014, 1, 1).toordinal()
LAST_DECISION = dt.date(2025, 12, 31).toordinal()
DECISIONS_PER_LETTER = I.Weighted([(44, 1), (22, 2), (12, 3), (8, 4), (5, 5), (4, 6), (2.5, 7), (2.5, 8)])
STYLE = I.Weighted([(40, "worker"), (30, "patient"), (15, "records"), (15, "applicant")])
LEAN = I.Weighted([(60, 0.5), (30, 1.5), (10, 3.0)])  # some letters' reviewers overturn more than others
SPECIALTY = I.Weighted(V.SPECIALTIES)
STATE = I.Weighted(V.STATES)
REGION = I.Weighted([(spec["w"], key) for key, spec in V.REGIONS.items()])
OVERTURN_RATE = 0.12
MODIFIED_RATE = 0.115  # of the items whose request can be split; about 8% of all items
MED_KINDS = I.MEDS
KIND = I.Weighted([(spec["w"], kind) for kind, spec in V.KINDS.items() if spec["w"] > 0])
BOILERPLATE = (
    "MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no affiliation with the employer, "
    "employee, providers or the claims administrator. He/she has been in active clinical practice for more than five years and is "
    "currently working at least 24 hours a week in active practice. The expert reviewer was selected based on his/her clinical "
    "experience, education, background, and expertise in the same or similar specialties that evaluate and/or treat the medical "
    "condition and disputed items/Service. He/she is familiar with governing laws and regulations, including the strength of "
    "evidence hierarchy that applies to Independent Medical Review determinations.")
DISPUTED_INTRO = "The Final Determination was based on decisions for the disputed items/services set forth below:"


def era_of(decision: dt.date) -> int:
    """Citation era: 0 before 2015, 1 until mid-2016 (2009 MTUS), 2 until 2018 (2016 MTUS), 3 after."""
    if decision.year < 2015:
        return 0
    if decision < dt.date(2016, 7, 1):
        return 1
    return 2 if decision.year < 2019 else 3


def header_date(d: dt.date) -> str:
    """Dates in the header table are always MM/DD/YYYY."""
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def case_number(index: int, seed: int, year: int, space: int) -> str:
    """CM{yy}-{7 digits}: an affine permutation of the index, so numbers never repeat within space."""
    serial = (index * 643_937 + seed * 104_729 + 12_345) % space
    return f"CM{year % 100:02d}-{serial:07d}"


def _dates(rng, priority: str) -> dict:
    decision = dt.date.fromordinal(I.between(rng, FIRST_DECISION, LAST_DECISION))
    assigned = decision - dt.timedelta(days=I.between(rng, 1, 5) if priority == "Expedited" else I.between(rng, 14, 35))
    received = assigned - dt.timedelta(days=I.between(rng, 0, 10))
    ur = received - dt.timedelta(days=I.between(rng, 0, 28))
    r = rng.random()
    back = I.between(rng, 20, 180) if r < 0.3 else I.between(rng, 180, 1825) if r < 0.75 else I.between(rng, 1825, 9000)
    return dict(decision=decision, assigned=assigned, received=received, ur=ur, injury=ur - dt.timedelta(days=back))


def _reviewer(rng) -> tuple[str, str]:
    specialty = SPECIALTY.pick(rng)
    r = rng.random()
    if r < 0.42:
        states = ["California"]
    elif r < 0.55:
        states = [STATE.pick(rng)]
    else:
        states = ["California"]
        while len(states) < I.choose(rng, [2, 2, 3]):
            state = STATE.pick(rng)
            if state not in states:
                states.insert(I.between(rng, 0, len(states)), state)
    return (", " if rng.random() < 0.3 else ",").join(states), specialty


def _case(rng, dates: dict) -> dict:
    style = STYLE.pick(rng)
    fmt = {"worker": I.choose(rng, ["dash", "dash0", "dash2"]), "patient": "slash", "records": "dash0", "applicant": "long"}[style]
    region_key = REGION.pick(rng)
    side = I.side_word(rng)
    spec = V.REGIONS[region_key]
    region = I.choose(rng, spec["names"]).format(side=side)
    side2 = "left" if side == "left" else "right" if side == "right" else I.choose(rng, ["right", "left"])
    female = rng.random() < 0.45
    age = I.between(rng, 21, 66)
    visit = dates["ur"] - dt.timedelta(days=I.between(rng, 7, 40))
    return dict(style=style, fmt=fmt, region_key=region_key, region=region, side=side, side2=side2, female=female, age=age,
                spaced_mg=rng.random() < 0.2, dos=T.text_date(visit, "slash" if fmt == "long" else fmt), visit=visit,
                dx=[d.format(side=side) for d in rng.sample(spec["dx"], min(len(spec["dx"]), I.between(rng, 1, 3)))],
                findings=[f.format(side=side, side2=side2) for f in rng.sample(spec["finding"], 2)],
                complaint=I.choose(rng, spec["complaint"]).format(side=side, side2=side2), mech=I.choose(rng, V.MECHANISMS),
                prior_tx=rng.sample(V.PRIOR_TREATMENTS, I.between(rng, 1, 4)), work=I.choose(rng, V.WORK_STATUS),
                meds=[], surgical=False)


def _items(rng, case: dict, era: int) -> list[dict]:
    count = DECISIONS_PER_LETTER.pick(rng)
    lean = LEAN.pick(rng)
    items: list[dict] = []
    if rng.random() < 0.08:
        case["surgical"] = True
        kinds = ["surgery"] + ["assoc"] * (count - 1)
    else:
        kinds = [KIND.pick(rng) for _ in range(count)]
    surgery = None
    for kind in kinds:
        modifiable = kind in MED_KINDS or V.KINDS[kind]["mod"] is not None
        modified = modifiable and rng.random() < MODIFIED_RATE
        for _ in range(6):
            item, original, authorized = I.build_item(rng, kind, case, modified, surgery)
            if all(item != other["item"] for other in items):
                break
        if kind == "surgery":
            surgery = item
        if kind == "assoc" and items:
            first = items[0]["outcome"]
            follows = rng.random() < (0.97 if first == "Upheld" else 0.7)  # ancillary services share the surgery's fate
            outcome = first if follows else ("Overturned" if first == "Upheld" else "Upheld")
        else:
            p = OVERTURN_RATE * lean * (0.6 if original else 1.0)
            outcome = "Overturned" if rng.random() < p else "Upheld"
        name = T.drug_of(kind, item)[0] if kind in MED_KINDS else None
        if name and name != "the medication":
            case["meds"].append(name)
        items.append(dict(kind=kind, item=item, outcome=outcome, original_request=original, authorized=authorized,
                          pattern_b=original is not None and rng.random() < 0.18))
    for it in items:
        if it["pattern_b"]:
            # "The Claims Administrator authorized X, leaving the original request IMR eligible": the whole request is decided.
            it["item"] = it["original_request"] if it["kind"] in MED_KINDS else T.lower_first(it["original_request"])
        it["ca"], it["mx"] = I.citation_lines(rng, it["kind"], case, era)
    case["surgery"] = surgery
    return items


def build_letter(seed: int, index: int, space: int = 1_000_000) -> dict:
    """All fields of one letter, its decisions with their prose, and its layout blocks (for layout.paginate)."""
    rng = random.Random(f"{seed}:{index}")
    priority = "Expedited" if rng.random() < 0.05 else "Standard"
    dates = _dates(rng, priority)
    era = era_of(dates["decision"])
    licensure, specialty = _reviewer(rng)
    case = _case(rng, dates)
    items = _items(rng, case, era)
    summary = T.summary(rng, case, dates, items)
    for it in items:
        it["rationale"] = T.rationale(rng, case, dates, it, era)
    letter = dict(case_number=case_number(index, seed, dates["received"].year, space), priority=priority,
                  date_assigned=header_date(dates["assigned"]), date_of_injury=header_date(dates["injury"]),
                  decision_date=header_date(dates["decision"]), ur_denial_date=header_date(dates["ur"]),
                  application_received=header_date(dates["received"]), licensure=licensure, specialty=specialty,
                  summary=summary, items=items)
    letter["blocks"] = blocks(rng, letter)
    return letter


def heading(it: dict) -> str:
    """The line(s) naming a disputed item and its outcome, as the letters print them."""
    if it["original_request"] is None:
        return f"{it['item']}: {it['outcome']}"
    if it["pattern_b"]:
        return (f"{it['original_request']} was the original request. The Claims Administrator authorized {it['authorized']}, leaving "
                f"the original request IMR eligible. The original request, {it['item']} is: {it['outcome']}")
    return (f"{it['original_request']} was the original request. {it['authorized']} was authorized by the Claims Administrator. "
            f"The remaining IMR eligible portion of the original request, {it['item']} is: {it['outcome']}")


def blocks(rng, letter: dict) -> list[tuple]:
    """Layout blocks: ("header", rows), ("title", text), ("para", text, may_break_at_hyphens), ("gap", points)."""
    title_space = " " if rng.random() < 0.03 else ""
    out = [("header", letter), ("gap", 14.0), ("title", "HOW THE IMR FINAL DETERMINATION WAS MADE" + title_space), ("gap", 6.4),
           ("para", BOILERPLATE, False), ("gap", 13.8), ("para", "The Expert Reviewer has the following credentials:", False),
           ("para", f"State(s) of Licensure: {letter['licensure']}", False),
           ("para", f"Certification(s)/Specialty: {letter['specialty']}", False), ("gap", 21.0),
           ("title", "CLINICAL CASE SUMMARY" + title_space), ("gap", 6.4), ("para", S.INTRO_LINES, False), ("gap", 13.8)]
    for i, para in enumerate(letter["summary"]):
        out += [("gap", 13.8)] if i else []
        out.append(("para", para, True))
    out += [("gap", 13.8), ("title", "IMR ISSUES, DECISIONS AND RATIONALES"), ("gap", 6.4), ("para", DISPUTED_INTRO, False)]
    for it in letter["items"]:
        out += [("gap", 13.8), ("para", heading(it), False), ("gap", 13.8),
                ("para", f"Claims Administrator guideline: {it['ca']}", True), ("gap", 13.8),
                ("para", f"MAXIMUS guideline: {it['mx']}", True), ("gap", 13.8)]
        for j, para in enumerate(it["rationale"]):
            out += [("gap", 13.8)] if j else []
            out.append(("para", ("Decision rationale: " if j == 0 else "") + para, True))
    return out
