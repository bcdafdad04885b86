"""Disputed items and guideline lines for synthetic letters.

build_item returns the item as the letter names it and, for a partly authorized request, the
original request and the authorized part (the item is then the remaining, decided part).
citation_lines returns the "Claims Administrator guideline" and "MAXIMUS guideline" texts.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from . import vocab_pool as V

MEDS = frozenset(V.DRUGS)
LOWER_LIMB_REGIONS = frozenset(["lumbar", "knee", "hip", "ankle"])
POSTSURGICAL = {"shoulder": "Shoulder", "knee": "Knee", "lumbar": "Low Back", "cervical": "Neck & Upper Back",
                "wrist": "Forearm, Wrist, & Hand", "elbow": "Elbow & Upper Arm", "hip": "Hip, Pelvis and Thigh (femur)",
                "ankle": "Ankle & Foot", "thoracic": "Low Back"}
CHAPTER_SECTIONS = {
    "mri": ["Special Studies", "Special Studies", "Diagnostic Criteria, Special Studies", "Summary"],
    "ct": ["Special Studies"], "xray": ["Special Studies", "Diagnostic Criteria"],
    "emg": ["Special Studies", "Special Studies, Diagnostic Criteria"],
    "surgery": ["Surgical Considerations", "Surgical Considerations, Summary"],
    "facet": ["Summary", "Physical Methods", "Initial Care"], "jointinj": ["Initial Care", "Summary", "Physical Methods"],
    "pt": ["Physical Methods", "Initial Care", "Initial Care, Follow-up Visits"], "chiro": ["Physical Methods", "Initial Care"],
    "dme": ["Initial Care", "Physical Methods"], "tens": ["Physical Methods"], "consult": ["Referral", "Follow-up Visits", "Summary"],
}


class Weighted:
    """A fixed weighted choice: one rng.random() call and a bisect per pick."""

    __slots__ = ("values", "cumulative", "total")

    def __init__(self, pairs):
        self.values = [value for _, value in pairs]
        self.cumulative = list(accumulate(weight for weight, _ in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rng):
        return self.values[bisect_right(self.cumulative, rng.random() * self.total)]


def choose(rng, seq):
    """rng.choice at a quarter of the cost: one C-level random() call."""
    return seq[int(rng.random() * len(seq))]


def between(rng, low: int, high: int) -> int:
    """rng.randint(low, high) the same cheap way."""
    return low + int(rng.random() * (high - low + 1))


SIDE = Weighted(V.SIDES)


def side_word(rng) -> str:
    return SIDE.pick(rng)


def weighted(rng, pairs):
    """A weighted choice from a short list built on the fly."""
    total = sum(w for w, _ in pairs)
    x = rng.random() * total
    for w, value in pairs:
        x -= w
        if x < 0:
            return value
    return pairs[-1][1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_LUMBAR_PAIRS = [("L4-5", "L5-S1")] * 5 + [("L3-4", "L4-5")] * 3 + [("L2-3", "L3-4")]
_CERVICAL_PAIRS = [("C5-6", "C6-7")] * 4 + [("C4-5", "C5-6")] * 3 + [("C3-4", "C4-5"), ("C6-7", "C7-T1")]


def _levels(rng, cervical: bool) -> tuple[str, str]:
    return choose(rng, _CERVICAL_PAIRS if cervical else _LUMBAR_PAIRS)


def build_item(rng, kind: str, case: dict, modified: bool, surgery: str | None = None):
    """(item, original_request, authorized); the last two are None unless the request was split.

    modified asks for a partly authorized request; kinds whose items have no count to split ignore it.
    """
    region_key, region, side = case["region_key"], case["region"], case["side"]
    if kind in MEDS:
        return _med_item(rng, kind, case, modified)
    mod = V.KINDS[kind]["mod"] if modified else None
    sessions = kind in V.SESSION_STEMS and (kind != "psych" or rng.random() < 0.55)
    if sessions and (kind != "assoc" or rng.random() < 0.25 or mod):
        stem = choose(rng, V.SESSION_STEMS[kind]).format(region=region)
        return _session_item(rng, stem, mod == "sessions")
    fill = _fill(rng, case)
    if kind == "emg":
        limbs = "lower extremities" if region_key in LOWER_LIMB_REGIONS else "upper extremities"
        if mod:
            tests = choose(rng, [("EMG/NCV", "NCV", "EMG"), ("EMG/NCS", "NCS", "EMG"), ("EMG/NCV", "EMG", "NCV")])
            where = f" of the bilateral {limbs}"
            return tests[2] + where, tests[0] + where, tests[1] + where
        return choose(rng, V.ITEM_TEMPLATES["emg"]).format(limbs=limbs, limb=limbs.replace("ities", "ity"), side=side), None, None
    if kind in ("esi", "facet") and mod:
        first, second = _levels(rng, region_key == "cervical")
        stem = choose(rng, ["Lumbar epidural steroid injection", "Transforaminal epidural steroid injection", "Facet joint injections",
                           "Medial branch blocks", "Radiofrequency ablation"] if region_key != "cervical" else
                          ["Cervical epidural steroid injection", "Cervical facet injections", "Cervical medial branch blocks"])
        return f"{stem} at {second}", f"{stem} at {first} and {second}", f"{stem} at {first}"
    if kind in ("tens", "dme") and (mod or rng.random() < 0.2):
        return _rental_item(rng, mod is not None)
    if kind in ("frp", "homehealth") and mod:
        stem = choose(rng, ["Functional restoration program", "HELP functional restoration program", "Home health care",
                           "Work hardening program"])
        total = choose(rng, [80, 120, 160, 60, 40])
        part = total // 2 if rng.random() < 0.7 else total // 4
        unit = "hours" if "Home" not in stem else "hours per week"
        return f"{stem}, {total - part} {unit}", f"{stem}, {total} {unit}", f"{stem}, {part} {unit}"
    if kind == "surgery":
        templates = V.ITEM_TEMPLATES["surgery"].get(region_key) or V.ITEM_TEMPLATES["surgery"]["lumbar"]
        return choose(rng, templates).format(**fill), None, None
    if kind == "assoc" and surgery and rng.random() < 0.15:
        return f"Associated surgical service: Post-operative physical therapy for {surgery[:1].lower() + surgery[1:]}", None, None
    return choose(rng, V.ITEM_TEMPLATES[kind]).format(**fill), None, None


def _fill(rng, case: dict) -> dict:
    region_key, side = case["region_key"], case["side"]
    first, second = _levels(rng, False)
    cfirst, csecond = _levels(rng, True)
    level = choose(rng, [first, second])
    sided = V.REGIONS[region_key]["sided"]
    jregion = case["region"] if sided else f"{side} {choose(rng, ['knee', 'shoulder', 'hip'])}"
    return dict(region=case["region"], Region=_cap(case["region"]), side=side, Side=_cap(side), level=level,
                levels=f"{first} and {second}" if rng.random() < 0.6 else f"{first}, {second}", clevel=choose(rng, [cfirst, csecond]),
                clevels=f"{cfirst} and {csecond}", n=choose(rng, [2, 3, 4, 6]), adj=V.REGIONS[region_key]["adj"], jregion=jregion,
                h=choose(rng, [80, 160, 40, 20, 24, 12]), dos=case["dos"], d=choose(rng, [7, 14, 21, 30]), m=choose(rng, [1, 2, 3]))


def _med_item(rng, kind: str, case: dict, modified: bool):
    brand, generic, strengths, quantities = choose(rng, V.DRUGS[kind])
    strength = choose(rng, strengths)
    if strength and case["spaced_mg"]:
        strength = strength.replace("mg", " mg").replace("mcg", " mcg")
    base = f"{brand} {strength}".strip()
    q = choose(rng, quantities)
    prefix = "Retrospective " if rng.random() < 0.07 else ""
    suffix = f", per {case['dos']} order" if prefix and rng.random() < 0.5 else ""
    if modified and q >= 4:
        if rng.random() < 0.2:
            k = choose(rng, [1, 2, 3, 5])
            refills = f"refill{'s' if k > 1 else ''}"
            return f"{_cap(V.NUMBER_WORDS[k])} {refills} of {base} #{q}", f"{base} #{q} with {k} {refills}", f"{base} #{q}"
        authorized = max(1, int(q * choose(rng, [0.5, 0.33, 0.67, 0.25, 0.7])))
        return (f"{prefix}{base} #{q - authorized}{suffix}", f"{prefix}{base} #{q}{suffix}",
                f"{prefix}{base} #{authorized}{suffix}")
    r = rng.random()
    if r < 0.42:
        item = f"{base} #{q}"
    elif r < 0.50:
        item = base
    elif r < 0.56:
        item = f"{base} #{q} with {choose(rng, [1, 2, 3])} refills"
    elif r < 0.62:
        item = f"{base} {choose(rng, ['quantity', 'Qty', 'qty'])} {q}"
    elif r < 0.69:
        item = f"{base}, {choose(rng, V.MED_SIG)} #{q}"
    elif r < 0.75 and generic.lower() != brand.lower() and strength:
        item = f"{brand} ({generic}) {strength} #{q}"
    elif r < 0.80 and strength:
        item = f"{_cap(generic)} {strength} #{q}"
    elif r < 0.84:
        item = f"One prescription of {base} #{q}"
    elif r < 0.88:
        item = f"{base}, {q} count"
    else:
        item = f"{base} #{q}"
    return prefix + item + suffix, None, None


def _session_item(rng, stem: str, modified: bool):
    a, b = choose(rng, V.SESSION_SCHEDULES)
    n = a * b
    lower = stem[:1].lower() + stem[1:] if stem[1:2].islower() else stem
    if modified:
        if rng.random() < 0.3 and b > 1:
            weeks = between(rng, 1, b - 1)
            form = f"{stem} {a} times a week for {{}} week{{}}"
            return form.format(b - weeks, "s" * (b - weeks > 1)), form.format(b, "s"), form.format(weeks, "s" * (weeks > 1))
        m = choose(rng, [n // 2, 6, max(1, n // 3), n - 2]) if n > 2 else 1
        m = min(max(1, m), n - 1)
        form = choose(rng, ["{stem}, {k} sessions", "{stem} x {k}", "{stem} for {k} sessions", "{stem}, #{k}",
                           "{K} sessions of {lower}"])
        return tuple(form.format(stem=stem, lower=lower, k=k, K=_cap(V.NUMBER_WORDS[k])) for k in (n - m, n, m))
    r = rng.random()
    if r < 0.35:
        return f"{stem} {a} times a week for {b} weeks", None, None
    if r < 0.5:
        return f"{stem}, {a}x{b}", None, None
    if r < 0.62:
        return f"{stem} x {n} sessions", None, None
    if r < 0.72:
        return f"{stem}, {n} sessions", None, None
    if r < 0.82 and n < len(V.NUMBER_WORDS):
        return f"{_cap(V.NUMBER_WORDS[n])} sessions of {lower}", None, None
    if r < 0.9:
        return f"{stem} {a} times a week for {b} weeks ({n} sessions)", None, None
    return f"{stem} {a}x a week x {b} weeks", None, None


def _rental_item(rng, modified: bool):
    template = choose(rng, V.ITEM_TEMPLATES["rental"])
    if "{d}" in template:
        total = choose(rng, [14, 21, 30, 28])
        part = choose(rng, [7, 10, 14]) if total > 14 else 7
        key = "d"
    else:
        total = choose(rng, [2, 3, 6])
        part = 1
        key = "m"
    if modified:
        return template.format(**{key: total - part}), template.format(**{key: total}), template.format(**{key: part})
    return template.format(**{key: total}), None, None


def _mtus(rng, kind: str, case: dict, era: int) -> str | None:
    spec = V.KINDS[kind]
    region = V.REGIONS[case["region_key"]]
    choices = []
    if spec["mtus_cp"]:
        choices.append("cp")
    if kind in CHAPTER_SECTIONS and region["mtus"]:
        choices.extend(["chapter", "chapter"])
    if kind == "opioid" and era >= 2:
        choices.extend(["opioid", "opioid"])
    if kind == "acupuncture":
        choices = ["acu"]
    if kind in ("pt", "assoc") and case.get("surgical"):
        choices.append("pst")
    if kind == "consult":
        choices.append("general")
    if not choices:
        return None
    pick = choose(rng, choices)
    if pick == "cp":
        section, pages = choose(rng, spec["mtus_cp"])
        if era == 0:
            return f"MTUS Chronic Pain Medical Treatment Guidelines {section}" + (f" Page(s): {pages}" if pages else "")
        year = 2009 if era == 1 else 2016
        return f"MTUS Chronic Pain Medical Treatment {year}, Section(s): {section}"
    if pick == "chapter":
        section = choose(rng, CHAPTER_SECTIONS[kind])
        if era == 0:
            number, title = region["acoem"]
            return f"MTUS ACOEM Chapter {number} {title}, {section}"
        if era == 3 and rng.random() < 0.6:
            return f"MTUS ACOEM Practice Guidelines, {region['acoem_new']}, Section(s): {section}"
        return f"MTUS {region['mtus']}" + (f", Section(s): {section}" if rng.random() < 0.75 else "")
    if pick == "opioid":
        return f"MTUS Opioid Treatment 2016, Section(s): {choose(rng, spec['opioid16'])}"
    if pick == "acu":
        return "MTUS Acupuncture Medical Treatment Guidelines" if era == 0 else "MTUS Acupuncture Treatment 2007"
    if pick == "pst":
        return f"MTUS Postsurgical Treatment 2009, Section(s): {POSTSURGICAL[case['region_key']]}"
    return choose(rng, ["MTUS General Approaches 2004, Section(s): Cornerstones of Disability Prevention and Management",
                       "MTUS General Approaches 2004, Section(s): Initial Approaches to Treatment",
                       "MTUS ACOEM Chapter 7 Independent Medical Examinations and Consultations, page 127"])


def _odg(rng, kind: str, case: dict) -> str:
    chapter = choose(rng, V.REGIONS[case["region_key"]]["odg"])
    topic = choose(rng, V.KINDS[kind]["odg"]).replace("{chapter}", chapter)
    r = rng.random()
    if r < 0.45:
        return f"Official Disability Guidelines (ODG), {topic}"
    if r < 0.7:
        return f"Official Disability Guidelines (ODG) {topic}"
    if r < 0.85:
        return f"Official Disability Guidelines, {topic}"
    if r < 0.95:
        return f"Official Disability Guidelines: {topic}"
    return f"ODG {topic}"


def citation_lines(rng, kind: str, case: dict, era: int) -> tuple[str, str]:
    """(Claims Administrator guideline, MAXIMUS guideline) as printed, sometimes with a trailing space."""
    ca = _one_citation(rng, kind, case, era, "The Claims Administrator")
    mx = _one_citation(rng, kind, case, era, "The Expert Reviewer")
    return ca + (" " if rng.random() < 0.25 else ""), mx + (" " if rng.random() < 0.25 else "")


def _one_citation(rng, kind: str, case: dict, era: int, who: str) -> str:
    mtus = _mtus(rng, kind, case, era)
    r = rng.random()
    if who == "The Claims Administrator" and r < 0.09:
        return "The Claims Administrator did not cite any medical evidence for its decision."
    outside = (f"{who} did not base their decision on the MTUS." if era == 0 else
               f"{who} based their decision on recommendation(s) outside of the MTUS Guidelines.")
    if mtus is None or (who == "The Claims Administrator" and r > 0.72) or (who != "The Claims Administrator" and r > 0.8):
        return f"{outside} Decision based on Non-MTUS Citation {_odg(rng, kind, case)}."
    r = rng.random()
    if r < 0.06:
        other = _mtus(rng, kind, case, era)
        if other and other != mtus:
            mtus = f"{mtus}, and {other[5:]}"
    if r < (0.5 if who == "The Claims Administrator" else 0.72):
        return f"Decision based on {mtus}."
    return f"Decision based on {mtus}. Decision based on Non-MTUS Citation {_odg(rng, kind, case)}."
