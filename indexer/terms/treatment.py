"""Disputed item text -> Treatment: category, canonical name, strength, quantity, body part.

Rule-based only: an ordered keyword table whose first match wins, so the order encodes
precedence ("Toradol injection" is an injection, "TENS unit" DME, "cognitive behavioral
therapy" psychological). Names are canonical so the same service counts together:
drugs by generic (`synonyms.GENERIC_OF`; unknown drugs by their leading words, compounds as
"a/b/c"); services as "physical therapy", "MRI lumbar spine" (body part without side),
"lumbar epidural steroid injection". Quantity is the dispensed count for drugs ("120" from
"#120", "60 g" from "#60 grams"); for visit-based services the total visits ("12 sessions"
from "2 times a week for 6 weeks", "12-18 sessions" from "2-3 times a week for 6 weeks");
otherwise a count ("#2", leading "2 ...") or rental length ("14 days"). Refills are counted when
the item states them ("with 2 refills" is 2, "with no refills" 0).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .synonyms import GENERIC_OF

CATEGORIES: tuple[tuple[str, str], ...] = (
    ("medication", "Medication"), ("therapy", "Physical/occupational therapy"),
    ("chiropractic", "Chiropractic"), ("acupuncture", "Acupuncture"), ("imaging", "Imaging"),
    ("electrodiagnostic", "Electrodiagnostic"), ("injection", "Injection"),
    ("surgery", "Surgery"), ("dme", "DME"), ("lab", "Lab/testing"),
    ("home_health", "Home health/nursing"), ("psychological", "Psychological"),
    ("program", "Program (FRP, gym, weight loss)"), ("other", "Other"),
)


@dataclass(frozen=True)
class Treatment:
    """What one disputed item asks for, in terms that aggregate across letters."""

    name: str
    category: str
    generic: str | None
    strength: str | None
    quantity: str | None
    body_part: str | None
    refills: int | None = None  # "with 2 refills", "Three refills of ...", "no refills"


_KNOWN = "|".join(re.escape(n) for n in sorted(GENERIC_OF, key=len, reverse=True))
_DRUG = rf"(?<!\w)(?:{_KNOWN})(?!\w)"
_DOSAGE = (r"\d\s*(?:mg|mcg|%|percent)|#\s*\d|\b(?:tablets?|tabs?|capsules?|caps|cream|gel"
           r"|patch(?:es)?|ointment|lotion|suspension|solution|spray|syrup)\b")
# (category, pattern, name template); None names the item by its cleaned text.
# Templates: {site} body parts without side, {region} the same without " spine",
# {drug} known drug generics. "other" rules stop consults matching the surgery words.
_RULES: tuple[tuple[str, str, str | None], ...] = (
    ("surgery", r"spinal cord stimulat\w*|intrathecal pump|under anesthesia", None),
    ("acupuncture", r"\belect(ro|rical)?[- ]?acupuncture", "electroacupuncture"),
    ("acupuncture", r"acupunct\w*", "acupuncture"),
    ("chiropractic", r"spinal manipulation|manipulative", "spinal manipulation"),
    ("chiropractic", r"chiro\w*", "chiropractic"),
    ("psychological", r"psychotherap\w*", "psychotherapy"),
    ("psychological", r"cognitive behaviou?ral|\bcbt\b", "cognitive behavioral therapy"),
    ("psychological", r"psycholog\w* (?:testing|evaluation|consultation)", None),
    ("psychological", r"partial hospitali[sz]ation", "partial hospitalization"),
    ("psychological", r"biofeedback", "biofeedback"),
    ("psychological", r"psycholog\w*|psychiatr\w*|counsel+ing", "psychological treatment"),
    ("electrodiagnostic", r"\bemg\b.*\bnc[sv]\b|\bnc[sv]\b.*\bemg\b", "EMG/NCV {site}"),
    ("electrodiagnostic", r"\bemg\b|electromyogra\w*", "EMG {site}"),
    ("electrodiagnostic", r"\bnc[sv]\b|nerve conduction", "NCV {site}"),
    ("electrodiagnostic", r"\bssep\b|somatosensory", "SSEP {site}"),
    ("electrodiagnostic", r"\beeg\b|electroencephalogra\w*", "EEG"),
    ("lab", r"\bpt/ptt\b|\bptt\b", "PT/PTT"),
    ("lab", r"\b(cbc|cmp|bmp)\b", "{match}"),
    ("lab", r"chem(istry)? panel", "chemistry panel"),
    ("lab", r"urine drug|drug (screen|test)\w*|toxicology|\buds\b", "urine drug screen"),
    ("lab", r"urinalysis|\bua\b", "urinalysis"),
    ("lab", r"\bekg\b|\becg\b|electrocardiogra\w*", "EKG"),
    ("lab", r"functional capacity|\bfce\b", "functional capacity evaluation"),
    ("lab", r"impedance", "trigger point impedance imaging"),
    ("lab", r"\bgrip\b", "grip strength test"),
    ("lab", r"range of motion", "range of motion testing"),
    ("lab", r"\blabs?\b|laboratory|blood (work|test)|\btest(ing)?\b", None),
    ("injection", r"radiofrequency|\brhizotomy|\bneurotomy", "{region} radiofrequency ablation"),
    ("injection", r"medial branch", "{region} medial branch block"),
    ("injection", r"epidural|\besi\b", "{region} epidural steroid injection"),
    ("injection", r"\bfacet", "{region} facet joint injection"),
    ("injection", r"trigger point", "trigger point injection"),
    ("injection", r"\bprp\b|platelet[- ]rich", "{region} platelet-rich plasma injection"),
    ("injection", r"neurolytic|neurolysis", "{region} neurolytic injection"),
    ("injection", r"viscosupplement\w*|synvisc|hyaluron\w*", "{region} viscosupplementation"),
    ("injection", r"(?=.*inject)(?=.*(dexamethasone|cortisone|steroid|kenalog|medrol"
     r"|triamcinolone|betamethasone))", "{region} corticosteroid injection"),
    ("injection", r"inject\w*|\bnerve block|\bblock\b", "{region} {drug} injection"),
    ("medication", _DRUG, None),
    ("imaging", r"\bmri/ct\b", "MRI/CT {site}"),
    ("imaging", r"\bmr arthrogra\w*", "MR arthrogram {site}"),
    ("imaging", r"\bmri\b|magnetic resonance", "MRI {site}"),
    ("imaging", r"\bct\b|computed tomography|\bcat scan", "CT {site}"),
    ("imaging", r"\bx-?rays?\b|radiograph\w*", "X-ray {site}"),
    ("imaging", r"ultrasound (of|guided)|sonogra\w*", "ultrasound {site}"),
    ("imaging", r"bone scan|myelogra\w*|\bdexa\b", None),
    ("dme", r"\btens\b", "TENS unit"),
    ("dme", r"vascutherm|game ready|cold compression", "cold compression unit"),
    ("dme", r"hot/cold[\w ]*?(wrap|pack|pad)", None),
    ("dme", r"\b(cold|ice) (therapy|unit|pack)|\bcryo\w*", "cold therapy unit"),
    ("dme", r"\bheat( therapy)? (pad|wrap|pack)", None),
    ("dme", r"brace", "{region} brace"),
    ("dme", r"\w*sling\b", "sling"),
    ("dme", r"\bwraps?\b", "{region} wrap"),
    ("dme", r"\b([a-z/-]+ )?(pillow|pad|scooter|chair|commode|wipes|gloves|splint|walker|cane"
     r"|crutch(es)?|orthotics?|orthosis|collar|cushion|mattress|bed|workstation)s?\b", None),
    ("dme", r"\b(back|lumbar|lumbosacral|knee|ankle|wrist) supports?\b", None),
    ("dme", r"wheelchair|stimulator|\b(ems|h-wave|interferential|traction) (unit|device)", None),
    ("home_health", r"home health( aide| care)?|\baide\b", None),
    ("home_health", r"\bnurs(e|es|ing)\b|\brn\b|\blvn\b", "home nursing"),
    ("home_health", r"rehabilitation (unit|facility)|inpatient rehab\w*|skilled nursing",
     "inpatient rehabilitation"),
    ("program", r"functional restoration|\bfrp\b", "functional restoration program"),
    ("program", r"\bgym\b", "gym membership"),
    ("program", r"weight (loss|reduction)", "weight loss program"),
    ("program", r"work (hardening|conditioning)|pool membership|detox\w*", None),
    ("therapy", r"\bpt/ot\b", "physical/occupational therapy"),
    ("therapy", r"physical therapy|physiotherapy|\bpt\b", "physical therapy"),
    ("therapy", r"occupational therapy|\bot\b", "occupational therapy"),
    ("therapy", r"aqua(tic)? therapy|pool therapy|hydrotherapy", "aquatic therapy"),
    ("therapy", r"electric(al)?( muscle)? stimulation|\be-?stim\b|neurostimulation therapy",
     "electrical stimulation"),
    ("therapy", r"ultrasound", "therapeutic ultrasound"),
    ("therapy", r"infrared", "infrared therapy"),
    ("therapy", r"shock ?wave|\beswt\b", "extracorporeal shockwave therapy"),
    ("therapy", r"manual therapy|myofascial release|massage|therapeutic exercise|traction"
     r"|iontophoresis|home exercise", None),
    ("other", r"consult\w*|referral|transfer of care|\btoc\b|clearance|\b(re-?)?exam\b"
     r"|\b(evaluation|eval)\b(?! of)", None),
    ("surgery", r"assistant surgeon|surgical assist\w*|assistant pa\b|\bpa assist\w*",
     "surgical assistant"),
    ("surgery", r"carpal tunnel release", "carpal tunnel release"),
    ("surgery", r"arthroscop\w*", "{region} arthroscopy"),
    ("surgery", r"fusion|arthrodesis", "{region} fusion"),
    ("surgery", r"arthroplasty|joint replacement", "{region} arthroplasty"),
    ("surgery", r"\w+(ectomy|plasty|otomy|desis)\b|repair|release|decompression|debridement"
     r"|reconstruction|fixation|open reduction|replacement|surgery|surgical|operative", None),
    ("medication", _DOSAGE, None),
)
_COMPILED = tuple((cat, re.compile(pat, re.I), name) for cat, pat, name in _RULES)

_PREFIX = re.compile(
    r"^(?:retrospective( request)?( for)?:?|associated surgical services?:|post[- ]?op(erative)?"
    r"|pre[- ]?op(erative)?|purchase of( an?)?|rental of( an?)?|one container of"
    r"|\w+ (month|week|day)s?'? supply of|\w+ refills? of)\s+", re.I)
_DOS = re.compile(r",?\s*\(?\bDOS:?\s*[\d/-]+\)?|,?\s*per [\d/]+ order", re.I)
_FORM = {"er", "xr", "sr", "cr", "ir", "dr", "hcl", "tab", "tabs", "tablet", "tablets", "oral",
         "capsule", "capsules", "cream", "gel", "patch", "ointment", "suspension", "solution",
         "topical", "transdermal", "sodium", "potassium", "lotion"}
_WORDS = dict(zip("one two three four five six seven eight nine ten eleven twelve".split(),
                  range(1, 13)))
_N = r"\d+|" + "|".join(_WORDS)
_NUM = r"\d+(?:\.\d+)?"
_STRENGTH = re.compile(rf"\s*({_NUM}(?:\s*(?:%|mg)?\s*[-/]\s*{_NUM})*)\s*"
                       r"(mg/ml|mg/g|mcg/hr|mcg|mg|%|percent)(?![a-z])", re.I)
_INGREDIENT = re.compile(rf"{_DRUG}|\b[a-z]{{4,}}(?=\s*{_NUM}\s*%)|(?<=%/)[a-z]{{4,}}"
                         r"|(?<=%, )[a-z]{4,}", re.I)
_SIDE, _LIMB = r"left|right|bilateral", (
    r"shoulders?|elbows?|wrists?|hands?|fingers?|thumbs?|hips?|knees?|ankles?|feet|foot|toes?"
    r"|lower legs?|legs?|forearms?|arms?|trapezius|(?:upper|lower) extremit(?:y|ies)")
_AXIAL = (r"(?:cervical|thoracic|lumbosacral|lumbar)(?: spine)?|[ctl]-spine|low(?:er)? back"
          r"|upper back|back|neck|head|brain|pelvis|chest|abdomen|spine")
_BODY = re.compile(rf"\b(?:(?P<side>{_SIDE})|(?P<limb>{_LIMB})|(?P<axial>{_AXIAL})"
                   r"|(?P<level>[CTL])\d{1,2})\b", re.I)
_SPINE = {"c": "cervical spine", "t": "thoracic spine", "l": "lumbar spine",
          "lumbosacral": "lumbar spine", "lower back": "low back"}


def _num(word: str) -> int:
    return int(word) if word.isdigit() else _WORDS[word.lower()]


def _clean(item: str) -> str:
    """The item without bookkeeping words (retrospective, pre-op, DOS) that hide its kind."""
    text = _DOS.sub("", " ".join(item.split()))
    while (m := _PREFIX.match(text)) is not None:
        text = text[m.end():]
    return text.strip(" ,;:-")


def _body_parts(text: str) -> list[str]:
    """Body parts in order; a side word carries to the limbs after it ("right hip and foot")."""
    side, parts = "", []
    for m in _BODY.finditer(text):
        if m["side"]:
            side = m["side"].lower() + " "
        elif m["limb"]:
            parts.append(side + m["limb"].lower())
        else:
            word = (m["axial"] or m["level"]).lower().removesuffix(" spine").replace("-spine", "")
            parts.append(_SPINE.get(word) or (word + " spine" if word in
                         ("cervical", "thoracic", "lumbar") else word))
    if any(p.endswith(" spine") for p in parts):
        parts = [p for p in parts if p != "spine"]
    return list(dict.fromkeys(parts))


def _format_strength(m: re.Match) -> str:
    unit = "%" if m[2].lower() in ("%", "percent") else " " + m[2].lower()
    return "/".join(re.findall(_NUM, m[1])) + unit


_WITH_APAP = {"hydrocodone", "oxycodone", "tramadol", "codeine"}
_APAP_STRENGTH = re.compile(r"\d+(?:\.\d+)?/(?:300|325|500|650|750) mg$")


def _drug(text: str) -> tuple[str, str | None, str | None]:
    """(name, generic, strength): known names via GENERIC_OF, compounds as "a/b/c"."""
    found = [m for m in _INGREDIENT.finditer(text) if m[0].lower() not in _FORM
             and (m[0].lower() in GENERIC_OF or text.count("%") >= 2)]
    names = list(dict.fromkeys(GENERIC_OF.get(m[0].lower(), m[0].lower()) for m in found))
    first = _STRENGTH.search(text)
    strength = _format_strength(first) if first else None
    if len(names) > 1:  # a compound: one strength per ingredient, "?" where none is given
        per = [_STRENGTH.match(text, m.end()) for m in found]
        strength = "/".join(_format_strength(s) if s else "?" for s in per)
    known = all(m[0].lower() in GENERIC_OF for m in found)
    if len(names) == 1 and names[0] in _WITH_APAP and strength and _APAP_STRENGTH.match(strength):
        names = [f"{names[0]}/acetaminophen"]  # "Hydrocodone 10/325 mg" is the acetaminophen combination
    if names:
        return "/".join(names), "/".join(names) if known else None, strength
    lead = re.match(r"[a-z][a-z .'-]*?(?=\s*(?:\d|#|\(|,|$))", text, re.I)
    words = [w for w in lead[0].lower().split() if w not in _FORM] if lead else []
    return " ".join(words) or "medication", None, strength


def _sessions(text: str) -> str | None:
    """Total visits: "(8)", "six sessions", "2-3 times a week for 6 weeks", "1 times 8"."""
    span = rf"({_N})(?:\s*(?:-|to)\s*({_N}))?"
    if m := re.search(r"\((\d+)(?: sessions?| visits?)?\)", text):
        low = high = int(m[1])
    elif found := re.findall(rf"\b{span}\s+(?:\(\d+\)\s+)?(?:[a-z/-]+\s+){{0,3}}?"
                             r"(?:sessions?|visits?)\b", text, re.I):
        low = sum(_num(a) for a, _ in found)
        high = _num(found[0][1]) if len(found) == 1 and found[0][1] else low
    elif m := re.search(rf"\b{span}\s*(?:times?|x)\s*(?:a |per |/)?\s*week(?:ly)?,?\s*"
                        rf"(?:for|times|x|over)\s*({_N})\s*weeks?", text, re.I):
        low, high = _num(m[1]) * _num(m[3]), _num(m[2] or m[1]) * _num(m[3])
    elif m := re.search(rf"\b({_N})\s*(?:times|x)\s*({_N})\b(?!\s*(?:a |per )?weeks?)",
                        text, re.I):
        low = high = _num(m[1]) * _num(m[2])
    elif m := re.search(rf"\btimes\s+({_N})\b|sessions?,\s*({_N})\b|#\s*(\d+)", text, re.I):
        low = high = _num(m[1] or m[2] or m[3])
    else:
        return None
    return f"{low}-{high} sessions" if high != low else f"{low} session{'s' * (low != 1)}"


def _count(text: str, raw: str) -> str | None:
    """Dispensed or rented amount: "#120", "qty 60", "2 leg wraps", "250ml", "14 days"."""
    units = {"grams": "g", "gram": "g", "gm": "g", "boxes": "box"}
    if m := re.search(rf"\b({_N})[- ](month|week|day)s?'? supply\b", raw, re.I):
        return f"{_num(m[1])} {m[2].lower()} supply"
    if m := re.search(r"#\s*(\d+)(?:\s*(grams?|gm|g|ml|box(?:es)?)\b)?", text, re.I):
        return m[1] + (" " + units.get(m[2].lower(), m[2].lower()) if m[2] else "")
    if m := re.search(r"\b(?:quantity|qty)\b\.?:?\s*(\d+)|^(\d+)\s+[a-z]|\bx\s*(\d+)\b",
                      text, re.I):
        return m[1] or m[2] or m[3]
    if m := re.search(rf"\b({_N}) hours? (per|a) day", text, re.I):
        return f"{_num(m[1])} hours per day"
    if m := re.search(r"(?<![\w/.])(\d+(?:\.\d+)?)\s*(ml|gm|g|grams)\b", text, re.I):
        return f"{m[1]} {units.get(m[2].lower(), m[2].lower())}"
    if m := re.search(rf"\b({_N})[- ](day|week|month)s?\b", text, re.I):
        n = _num(m[1])
        return f"{n} {m[2].lower()}{'s' * (n != 1)}"
    return None


def _refills(text: str) -> int | None:
    """Refills the item states: "with 2 refills", "Three refills of ...", "refills: 1", "no refills"."""
    m = re.search(rf"\b(no|{_N})\s+refills?\b|\brefills?:?\s*(\d+)\b", text, re.I)
    if not m:
        return None
    return 0 if (m[1] or "").lower() == "no" else _num(m[1] or m[2])


@lru_cache(maxsize=1 << 16)  # items repeat ("Norco 10/325mg #120"); a Treatment is frozen, so one may be shared
def normalize_treatment(item: str) -> Treatment:
    """Classify and canonicalise one disputed item (general rules, first match wins)."""
    raw = _DOS.sub("", " ".join(item.split()))
    text = _clean(item)
    category, match, template = next(
        ((c, m, t) for c, p, t in _COMPILED if (m := p.search(text))), ("other", None, None))
    if category == "medication":
        name, generic, strength = _drug(text)
        count = _count(re.sub(_DRUG, "", text, flags=re.I), raw)  # not the 3 of "Tylenol #3"
        return Treatment(name, category, generic, strength, count, None, _refills(raw))
    parts = _body_parts(text)
    if template is None:
        keep = match and category not in ("other", "surgery", "lab")
        name = match[0].lower() if keep else text.lower()
    else:
        site = ", ".join(dict.fromkeys(re.sub(rf"^({_SIDE}) ", "", p) for p in parts))
        region = ", ".join(dict.fromkeys(s.removesuffix(" spine") for s in site.split(", ")))
        found = re.findall(_DRUG, text, re.I)
        drugs = "/".join(dict.fromkeys(GENERIC_OF[d.lower()] for d in found))
        name = template.format(site=site, region=region, drug=drugs, match=match[0].upper())
        name = " ".join(name.split()).strip(" ,")
    visits = category in ("therapy", "chiropractic", "acupuncture", "psychological",
                          "home_health", "other")
    quantity = (_sessions(text) if visits else None) or _count(text, raw)
    return Treatment(name, category, None, None, quantity, ", ".join(parts) or None, _refills(raw))
