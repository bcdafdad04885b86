"""The patterns behind `factors`: what marks a sentence as about this case, the negations and
hedges, and each factor's findings. Written from the issue's taxonomy in general words (no drug
names, no one letter's phrasing), so that they carry over to letters they were not written on.
"""
from __future__ import annotations

import re

from .synonyms import GENERIC_OF


def _re(pattern: str) -> re.Pattern:
    """Patterns are matched against lower-cased text: case-insensitive matching of long alternations
    costs Python's engine several times more."""
    return re.compile(pattern)


QUOTE_CHARS = "\"\u201c"

_DONE = (r"(?:documented|provided|noted|included|indicated|specified|stated|reported|established|demonstrated|shown|"
         r"evident|apparent|clear|submitted|mentioned|described|detailed|given|checked|queried|performed|completed|"
         r"known|outlined|substantiated|found|seen|present|identified|available|confirmed|discussed|addressed|trialed|"
         r"attempted)")
# "was not provided", "has not been submitted", "No functional improvement ... was documented": the record
# (not "has not been shown to", the guidelines' phrase for the evidence).
_NOT_DONE = (r"\b(?:(?:was|were)(?: also| still)?(?: not| neither| never)?|(?:is|are)(?: also| still)? (?:not|neither|"
             r"never)|(?:has|have|had)(?: also| still)? not been) (?:clearly )?(?!shown|found|seen)" + _DONE + r"\b")

# The reviewer speaking of this case: this patient, this record, this request, "in this case", "here".
# Branches open on their words without \b (a leading assertion makes Python's engine several times
# slower); the few that would then match inside other words ("it is" in "visit is") are CASE_WORDS.
CASE = _re(
    r"in (?:this|the) (?:case|claimant|patient|instance|worker)\b|this (?:patient|claimant|worker|applicant|employee|"
    r"request|injured worker|individual)\b|(?:the|this) (?:patient|claimant|injured worker|worker|applicant|employee|"
    r"member)(?!s)\b|(?:the )?(?:submitted|available|provided|reviewed|recent|medical) (?:medical |"
    r"clinical )?(?:documentation|records?|notes?|information|reports?|documents?)\b|(?:documentation|records?|notes?|"
    r"information) (?:submitted|provided|available|reviewed|presented)\b|the (?:documentation|(?:medical |"
    r"clinical )?records?|progress notes?|clinical notes?|office visit|treatment plan)\b|(?:treatment|progress|"
    r"clinical|office) notes\b|the (?:objective |physical |clinical )(?:exam(?:ination)? )?findings\b|"
    r"the exam(?:ination)? findings\b|(?:physical )?exam(?:ination)? (?:revealed|showed|demonstrated|noted|"
    r"documented)\b|this (?:procedure|treatment|modality|device|therapy|study|test|medication|drug|service|injection|"
    r"surgery)\b|there (?:is|are) nothing\b|the (?:treating|attending|requesting|primary) (?:physician|provider|"
    r"surgeon|doctor)\b|the (?:provider|physician)\b|the (?:[\w-]+ ){0,2}?requests?\b|(?:originally|"
    r"currently) requested\b|the requested\b|(?:the|this) (?:requested |current |prescribed )?medication\b|"
    r"there (?:was|were) (?:no|not|a lack|lack|little|insufficient|nothing)\b|there (?:is|are) (?:no|a lack of|"
    r"lack of) (?:clear |firm |objective |specific |presumptive )?(?:documentation|documented|indication|mention|"
    r"discussion|rationale|evidence of (?:any|a|the|significant|red|neuro|objective|functional|prior|failed)|"
    r"(?:[\w-]+ ){0,3}?(?:red flags?|neurologic\w*|deficits|findings|signs|complaints|diagnosis))\b|"
    r"lack of (?:clinical )?(?:documentation|documented|evidence|information|indication)\b|(?:there )?(?:does|do|"
    r"did) not appear\b|(?:from|with|after) (?:the )?(?:prior|previous|initial) (?:treatment|use|usage|sessions?|"
    r"visits?|therapy|trial)\b|" + _NOT_DONE.removeprefix(r"\b"))
# Branches that would match inside other words ("it is" in "visit is"): the caller checks that a match
# starts a word (and that "patient's" is not "a patient's"), which is cheaper than a leading \b.
CASE_WORDS = _re(r"(?:here|patient's|s?he (?:has|had|is|was)|it (?:is|was) (?:also )?(?:noted|documented|reported|"
                 r"not clear|unclear|uncertain|not certain|not (?:clearly )?stated|not noted))\b")
CASE_OPENING = _re(r"\W*no\b[^.]{0,80}\b(?:is|are) (?:noted|documented|reported|present|seen|found)\b")

# A sentence that opens by attributing what follows to a guideline ("According to the ODG, ...",
# "The MTUS Chronic Pain Guidelines recommend ...").
GUIDELINE = _re(
    r"\s*(?:regarding [^,]{0,120}, )?(?:(?:according to|per|as per|as noted in|as outlined in|regarding|pursuant to|"
    r"based on)\s+(?:the\s+)?[^,]{0,80}?(?:guidelines?|mtus|acoem|odg|chapter|literature|evidence)\b[^,]*,|"
    r"(?:the\s+)?(?:ca(?:lifornia)?[\s/-]*)?(?:mtus|acoem|odg|official disability guidelines|guidelines?|"
    r"american college|chronic pain (?:medical )?treatment guidelines)[^.]{0,100}?\b(?:states?|indicates?|recommends?|"
    r"notes?|supports?|says|stipulates?|advises?|specif(?:y|ies)|discuss(?:es)?|outlines?|allows?|"
    r"do(?:es)? not (?:recommend|support|address)|requires?|recommended|state that|are silent|is silent)\b)")

# General statements: conditions ("If ...", "When ..."), what a treatment "is recommended for"; they
# speak of this case only with "in this case", "here", "this patient" or "the submitted records".
GENERAL = _re(r"^\W*(?:if|when|unless|where|once|until|for patients|patients|in patients)\b|\b(?:is|are) (?:also |"
              r"only |generally |usually )?(?:supported|recommended|indicated|reserved|warranted|appropriate|"
              r"needed) (?:when|if|for (?:patients|those|cases|individuals))\b")
STRONG_CASE = _re(r"\bin this (?:case|claimant|patient|instance|worker)\b|\bhere\b|\bthis (?:patient|claimant|worker|"
                  r"applicant|injured worker|employee|request)\b|\b(?:submitted|available|provided|"
                  r"reviewed) (?:medical |clinical )?(?:documentation|records?|notes?|information)\b")

# Negations and hedges that, shortly before a finding, make it a deficit of this case.
NEGATED = _re(
    r"\b(?:no|not|none|nor|neither|without|lacks?|lacking|absence|absent|fail(?:s|ed)? to|failure to|unclear|uncertain|"
    r"unknown|insufficient|inadequate|cannot|nothing|silent|yet to|argu\w* against)\b|n't\b")

# The same after the finding: "the efficacy of the medication was not provided".
_AFTER = (r"[^.;]{0,160}?\b(?:(?:was|were|is|are|has|have|had)(?: been)?(?: also| still)? (?:not|neither|"
          r"never) (?:been )?(?:\w+ "
          r")?" + _DONE + r"|(?:was|were|is|are) (?:unclear|unknown|uncertain|lacking|absent|missing|"
                                           r"not clear|not apparent)\b|(?:do|does|did) not (?:provide|support|show|"
                                           r"reveal|indicate|demonstrate|document)\b)")

_NFI = (r"functional (?:improvement|benefit|gains?|response)|improve(?:ment|d)? (?:in |of )?(?:pain|function\w*)|"
        r"(?:numerical |quantified |significant |meaningful )?pain relief|(?:decrease|reduction) (?:in|of) (?:pain|"
        r"symptoms)|efficacy|(?<!to )(?<!might )(?<!would )(?<!could )(?<!may )\bbenefits?\b(?! the)|\bbeneficial\b|"
        r"response to (?:the )?(?:prior|previous|treatment|therapy|medication|injection|\w+ therapy)|(?:patient's |"
        r"objective )response|outcomes?|improvement|return to work|quantifiable clinical change")
_NFI_PENDING = (r"\b(?:additional|further|more|continued) [\w ]{0,30}?\b(?:is|are|"
                r"would be) contingent (?:up)?on (?:the )?(?:patient'?s? )?(?:documented |objective )?(?:response|"
                r"functional improvement|improvement|benefit)")
_FIRST = (r"(?:fail(?:ed|ure)?(?! to (?:specify|provide|document|indicate|include|note|state|outline|detail|mention))|"
          r"tried|exhausted|completed?|undergone|attempted|trial and failure|"
          r"unresponsive)\b[^.;]{0,60}?\b(?:conservative|first[- ]line|oral|non-?opioid|nsaids?|anti-?inflammator\w*|"
          r"antidepressants?|anticonvulsants?|medications?|physical therapy|therapy|treatments?|injections?|"
          r"home exercise|sleep aids?|sleep hygiene|trial)|conservative (?:care|treatment|therapy|measures|course|"
          r"modalities|management)|first[- ]line (?:therapy|treatment|medication|trial|agents?)|(?:30|thirty|"
          r"one)[- ](?:day|month) (?:home[- ](?:based )?)?trial|(?:unable|not able) to (?:use|utilize|tolerate|take)|"
          r"intoleran\w+|contraindicat\w+|ineffectively controlled|not responded|(?:non-?opioid|first[- ]line|"
          r"other) [^.;]{0,40}?fail|home (?:exercise|plan|program)[^.;]{0,60}?(?:attempted|failed|tried)|plain films?|"
          r"plain radiographs?")
_FIRST_PLAIN = (r"\b(?:prior to|before) (?:the )?completion\b|\byet to (?:be )?complete\w*|"
                r"\bnot clear why (?:an? )?(?:over[- ]the[- ]counter|oral|first[- ]line|generic)\b")
_FINDINGS = (r"red[- ]flags?|(?:neurolog\w*|neural|motor|sensory|focal) (?:deficits?|dysfunction|compromise|findings|"
             r"abnormalit\w+|signs?|problem)|nerve (?:root )?(?:compromise|impairment|dysfunction|problem)|"
             r"tissue insult|radiculopathy|radicular (?:complaints|findings|signs)|instability|(?:objective|clinical|"
             r"physical|exam(?:ination)?|significant|abnormal)(?: physical)?(?: exam(?:ination)?)? (?:findings|"
             r"deficits)|(?:clinical|objective|physical) signs|\bsigns (?:suggestive|consistent|of)|"
             r"functional deficits|abnormal mental status|objective evidence of (?:radic|nerve|neuro|ligament|instab|"
             r"a tear|a lesion)")
_NORMAL_EXAM = (r"\b(?:neurolog\w*(?: physical)? (?:exam\w*|evaluation)|reflexes|strength|sensation|"
                r"motor function)[^.;]{0,30}?\b(?:was |were |is |are )?(?:otherwise )?(?:normal|intact|"
                r"well[- ]preserved|unremarkable)\b|\b(?:well[- ]preserved|normal|"
                r"intact) (?:\w+ ){0,3}(?:motor function|strength|sensation|reflexes)\b")
_NOT_RECOMMENDED = (r"\bnot (?:be )?recommended\b(?! (?:until|as an? (?:primary|first|initial|sole)|unless|without|"
                    r"except|longer|beyond|for long|for more|long|chronic|for chronic|for use longer))|"
                    r"\bdo(?:es)? not (?:specifically )?recommend\b|not fda[- ]approved|\bexperimental\b|"
                    r"\binvestigational\b|\bat odds with\b|\b(?:guidelines?|mtus|acoem|odg) (?:do|does|"
                    r"would) not support (?:the|this) (?:request|use|treatment)|"
                    r"\bnot (?:be )?indicated for (?:\w+ )?(?:use|usage)\b")
_OPIOID = (r"urine (?:drug )?(?:screen|test|toxicology)\w*|\buds\b|\bcures\b|\bpdmp\b|"
           r"prescription (?:drug )?monitoring|(?:pain|opioid|narcotic) (?:agreement|contract)|"
           r"(?<!gastrointestinal )(?<!cardiovascular )(?<!and )risk (?:assessment|screening|of (?:addiction|abuse))|"
           r"screening for (?:risk|addiction|abuse|aberrant)|aberrant (?:behaviou?r|drug)|\b(?:4|four) ?a'?s\b|"
           r"monitoring and compliance")
# "no rationale for this request" (not "for X over Y", a first-line matter); the diagnoses, symptoms
# and risks a treatment is for.
_RATIONALE = (r"\b(?:clinical |medical |clear |specific )?(?:indication|rationale?|reason)\b[^.;]{0,35}?\b(?:for|as to|"
              r"why)\b[^.;]{0,60}?\b(?:this request|the request|requested|study|imaging|test|mri|x-?rays?|ct|scan|"
              r"medication|drug|procedure|equipment|device|referral|evaluation|diagnostic testing|initiating)")
_INDICATION = (r"what the (?:clinical )?indication\b|medical (?:need|necessity) for (?:the |a )?(?:durable|dme|"
               r"equipment|\w+ bed)|(?:diagnos\w+|history) (?:of|with) (?:\w+ ){0,3}?(?:arthritis|osteoarthritis|"
               r"insomnia|neuropath\w*|anxiety|depression|bleeding|gastro\w*|spasms?)|(?:presumptive|clear|specific|"
               r"working) diagnosis|(?:severe |symptomatic )*osteoarthritis|neuropathic pain|neuropath\w+|neuralgia|"
               r"fibromyalgia|insomnia|sleep (?:issues|disturbance|complaints|problems)|(?:gastrointestinal|"
               r"gi) (?:issues|complaints|symptoms|events|risk|distress)|dyspepsia|muscle spasms?|acute spasm|(?:had|"
               r"has|have|with|any|additional) (?:\w+ )?risk factors?|(?:high|increased|intermediate) risk|anxiety|"
               r"agitation|(?<!raise )suspicion|concerns? (?:for|of|about)(?! (?:\w+ )?(?:radicul|nerve|neuro|red))|"
               r"complaints? (?:of|regarding|about)|why (?:the |a |an )?(?:\w+ ){0,5}?(?:was|were|is) (?:ordered|"
               r"requested|needed|sought)|what (?:was|is) (?:sought|suspected)|(?:were|was|is|are|being) suspected|"
               r"(?:unsuccessful|failed) return to work|maxim(?:um|al) medical improvement")
_DETAIL = (r"quantity|quantities|frequency|duration|body parts?|location|amount|number of (?:\w+ )?(?:sessions|visits|"
           r"treatments)|how many|dose|dosage|goals?|rental|when the|nature of|type of|endpoint|end point|"
           r"what medications?|numerical values|medication regimen|total number")
_DETAIL_VERB = (r"(?:fail(?:s|ed)? to|did not|does not|do not|not|no|without)\s+(?:\w+\s+){0,3}?(?:specif\w+|state|"
                r"stated|indicate|detail|include|provide|outline|note|noted|document|mention|"
                r"clarif\w+)\b[^.;]{0,80}?\b(?:" + _DETAIL + r"|motor strength)")
_DETAIL_NOUN = (r"(?:lack of|no|without) (?:clear |clinical |documented )?(?:information|documentation|details?|"
                r"mention|clarity|evidence|indication)?\s*(?:regarding|about|on|of|as to|indicating|specifying|"
                r"that)?\s*(?:the |a )?(?:[\w'-]+ ){0,5}?(?:" + _DETAIL + r")\b")
_DETAIL_AFTER = (r"\b(?:quantity|frequency|duration|number of (?:\w+ )?(?:sessions|visits)|"
                 r"how many (?:\w+ ){0,3}?(?:sessions|visits)|medication regimen|goals|"
                 r"endpoint)\b" + _AFTER + r"|\b(?:clarification|"
                                                                                        r"details?) (?:is |"
                                                                                        r"are )?needed[^.]{0,120}?\b(?:"
                                                                                        r"amount|number|course|type)\b|"
                                                                                        r"\b(?:rationale for this "
                                                                                        r"specific|rationale for the "
                                                                                        r"specific)\b" + _AFTER)
_DEPENDS = (r"\b(?:as|since|because|given(?: that)?)\s+(?:the\s+)?[^,.;]{1,80}?\b(?:is|was|were|has been|"
            r"have been)\s+(?:determined |deemed |found )?(?:to be\s+)?(?:not|non)[ -]?(?:medically necessary|"
            r"certified|supported|authorized|approved|indicated)\b[^.]*?\b(?:also|ancillary|associated|concurrent|"
            r"the requested)\b|\b(?:ancillary|associated|concurrent) (?:service|request|treatment)s? (?:is|are|"
            r"would) (?:also )?not\b")
_LONG_TERM = (r"(?<!risks of )(?<!risk of )\b(?:long[- ]term|chronic|prolonged|extended) (?:use|usage|treatment|"
              r"utilization)\b(?! (?:can|may|could|might) )|(?:no|lack of|not)[^.;]{0,110}?\bshort(?:est)?[- ](?:term|"
              r"period|duration|course)\b|(?:exceed\w*|in excess of|beyond|longer than)[^.;]{0,40}?(?:short[- ]term|"
              r"treatment period|recommended (?:duration|period|time)|\d+\s*(?:-|to)\s*\d+ weeks)|"
              r"\bnot recommended (?:for )?(?:long|longer|beyond|for more|chronic)")
_EXCEEDS = (r"(?<!not )(?<!n't )(?<!not be )\b(?:exceed(?:s|ed|ing)?|in excess of|(?:(?<=\bis )|(?<=\bare )|(?<=\bbe )|"
            r"(?<=\bwas )|(?<=\bwere ))excessive|excess (?:physical|therapy|visits|sessions)|"
            r"more than (?:the )?(?:recommended|guidelines?|allowed)|beyond (?:the )?(?:recommended|"
            r"guidelines?) (?:number|amount|visits|sessions)|surpass\w*)\b")
# A guideline's sentence that does not recommend a treatment at all, or allows only one form of it: the
# factor when the sentence names the item requested (ITEM_STOPWORDS are words every kind of item has).
NOT_RECOMMENDED_ANYWHERE = _re(
    r"\bnot (?:be )?recommended\b(?! (?:until|as an? (?:primary|first|initial|sole)|unless|without|longer|beyond|"
    r"for long|for more|long|chronic|for chronic|for use longer|for routine|routinely))|"
    r"\bdo(?:es)? not (?:specifically )?recommend\b|\b(?:do|does) not support (?:the )?use of|"
    r"\bnot (?:be )?indicated for (?:\w+ )?(?:use|usage)\b")
# Only one form of a drug recommended: the factor for an item in another form (a cream, an ointment, a compound).
ONLY_ONE_FORM = _re(r"\bonly (?:fda[- ]approved|recommended|approved|commercially approved) (?:in |as )?(?:the |"
                    r"a )?(?:topical )?(?:formulation|form|nsaid|non-?steroidal)|"
                    r"\bno other (?:commercially )?approved (?:topical )?formulations?|"
                    r"\bonly (?:topical )?(?:formulation|form) (?:of \w+ )?(?:that is )?(?:fda[- ])?approved")
OTHER_FORM_ITEM = _re(r"cream|ointment|\bgel\b|lotion|compound|\d%.*\d%|/")
# ... unless the sentence makes it conditional ("as a primary treatment", "until after", "in the absence of").
CONDITIONAL = _re(r"\b(?:as an? (?:primary|first|initial|sole|second)|as first[- ]line|until|unless|without|"
                  r"in the absence|absence of|in patients|for patients|addition of|if|when|under|routine|routinely|"
                  r"(?:during|in|for|within) the first)\b")
ITEM_STOPWORDS = frozenset(
    "with without right left bilateral lumbar cervical thoracic spine back neck shoulder knee hand wrist elbow foot "
    "hip ankle times week weeks sessions session visits visit daily twice once month months days rental purchase "
    "unit retrospective request requested additional initial continued continue tablet tablets tabs caps capsules "
    "supply refill refills apply affected area each every hours lower upper extremity extremities "
    "associated surgical service post pre-op post-op and the for per dos via use one two three four five six ten "
    "studies study patch patches".split())

# A number of sessions or an additional request said to exceed is this request, whoever the sentence names.
_EXCEEDS_REQUEST = (r"\b(?:request\w*|additional|\d+ (?:[\w-]+ ){0,3}(?:sessions|visits|treatments))\b[^.;]{0,80}?"
                    + _EXCEEDS + r"|\b(?:would|will) (?:also )?(?:exceed|surpass)\b")


AFTER = _re(_AFTER)


def _negated(pattern: str, unless: str | None = None) -> tuple:
    """A finding that counts when a negation or hedge comes before it, or a "not documented" (AFTER)
    follows it; `unless` names sentences where the words belong to another factor."""
    return (("negated", _re(pattern), _re(unless) if unless else None),)


def _plain(pattern: str) -> tuple:
    return (("plain", _re(pattern), None),)


# Words one of which every finding of a factor contains: a sentence without any is not searched (the
# patterns are the cost of extraction, and most sentences hold none of a factor's words).
_TRIGGERS = {
    "no-functional-improvement": ("function", "improv", "relief", "decrease", "reduction", "efficacy", "benefi",
                                  "response", "outcome", "return to work", "clinical change", "contingent"),
    "long-term-use": ("term", "chronic", "prolonged", "extended", "short", "exceed", "excess", "beyond", "longer",
                      "not recommended"),
    "exceeds-guidelines": ("exceed", "excess", "more than", "beyond", "surpass"),
    "first-line-not-tried": ("fail", "tried", "exhaust", "complet", "undergone", "attempt", "trial", "unresponsive",
                             "conservative", "first", "able", "intoleran", "contraindicat", "ineffectively",
                             "responded", "plain", "not clear why"),
    "no-objective-findings": ("red", "neuro", "neural", "motor", "sensory", "focal", "nerve", "tissue", "radicul",
                              "instab", "findings", "deficit", "signs", "mental", "objective", "normal", "intact",
                              "preserved", "unremarkable"),
    "not-recommended": ("recommend", "fda", "experimental", "investigational", "at odds", "support", "indicated"),
    "opioid-safeguards-missing": ("urine", "uds", "cures", "pdmp", "monitoring", "agreement", "contract", "risk",
                                  "screening", "aberrant", "4 a", "4a", "four a", "compliance"),
    "no-indication": ("indication", "rational", "reason", "need", "necessity", "diagnos", "history", "arthritis",
                      "neuropath", "neuralgia", "fibromyalgia", "insomnia", "sleep", "gastro", "gi ", "dyspepsia",
                      "spasm", "risk", "anxiety", "agitation", "suspic", "suspect", "concern", "complaint", "why",
                      "sought", "return to work", "medical improvement", "indicated"),
    "insufficient-detail": ("quantit", "frequency", "duration", "body part", "location", "amount", "number",
                            "how many", "dose", "dosage", "goal", "rental", "when the", "nature of", "type of",
                            "endpoint", "end point", "what medication", "numerical values", "regimen",
                            "motor strength", "clarification", "detail", "rationale for th"),
    "depends-on-denied": ("necessary", "certified", "supported", "authorized", "approved", "indicated", "ancillary",
                          "associated", "concurrent"),
}

def _with_triggers(*rules: tuple[str, tuple]) -> tuple[tuple[str, re.Pattern, tuple], ...]:
    """(factor, its trigger words as one pattern, its findings)."""
    return tuple((factor, re.compile("|".join(map(re.escape, _TRIGGERS[factor]))), patterns)
                 for factor, patterns in rules)


# factor -> its trigger words and its findings in a sentence about this case; "negated" ones need
# NEGATED before them (or AFTER them).
DEFICITS = _with_triggers(
    ("no-functional-improvement", _negated(_NFI) + _plain(_NFI_PENDING)),
    ("long-term-use", _plain(_LONG_TERM)),
    ("exceeds-guidelines", _plain(_EXCEEDS)),
    ("first-line-not-tried", _negated(_FIRST) + _plain(_FIRST_PLAIN)),
    ("no-objective-findings", _negated(_FINDINGS) + _plain(_NORMAL_EXAM)),
    ("not-recommended", _plain(_NOT_RECOMMENDED)),
    ("opioid-safeguards-missing", _negated(_OPIOID)),
    ("no-indication", _negated(_INDICATION, unless=r"red[- ]flag|\bfindings\b")
     + _negated(_RATIONALE, unless=r"red[- ]flag|\bfindings\b|\b(?:versus|vs|rather than|instead of|over (?:the|a|an|"
                                   r"oral))\b")
     + _plain(r"\bnot clinically indicated\b|\bno (?:[\w-]+[ /]){0,3}(?<!radicular )complaints\b")),
    ("insufficient-detail", _plain(_DETAIL_VERB) + _plain(_DETAIL_NOUN) + _plain(_DETAIL_AFTER)),
    ("depends-on-denied", _plain(_DEPENDS)),
)
# The same for sentences of an upheld decision that name no case (a number of sessions said to exceed).
ANY_SENTENCE = _with_triggers(
    ("exceeds-guidelines", _plain(_EXCEEDS_REQUEST)),
    ("no-functional-improvement", _plain(_NFI_PENDING)),
    ("no-indication", _plain(r"\bnot clinically indicated\b")),
)

# Findings that count in any sentence of any decision: the advice on tapering is the reviewer's own.
PLAIN: tuple[tuple[str, re.Pattern], ...] = (
    ("taper-advised", _re(r"\babruptly\b|\b(?:recommend\w*|advis\w*|should|consider)\b[^.]{0,60}\b(?:taper\w*|"
                          r"wean\w*)\b|\b(?:taper\w*|wean\w*)\b[^.]{0,60}\b(?:this|the) (?:patient|injured worker|"
                          r"claimant|applicant)\b")),
)

# Items done once (tests, imaging, surgery, consults): no "prior use" of them to show benefit.
ONE_OFF_ITEM = _re(r"\b(?:mri|ct|x-?rays?|radiograph\w*|scans?|imaging|emg|ncv|ncs|nerve conduction|electromyograph\w*|"
                   r"eeg|ekg|ecg|labs?|cbc|panel|urinalysis|clearance|arthroscop\w*|surgery|surgical|repair|release|"
                   r"\w+ectomy|\w+plasty|fusion|decompression|evaluation|consult\w*|referral|assist\w*)\b")
# An opioid decision: its rationale says so, or its item names an opioid (generic or brand, as synonyms knows them).
OPIOID_CONTEXT = _re(r"opioid|opiate|narcotic")
_OPIOIDS = ("hydrocodone", "oxycodone", "morphine", "tramadol", "tapentadol", "buprenorphine", "fentanyl", "codeine",
            "hydromorphone", "oxymorphone", "methadone", "meperidine", "levorphanol")
OPIOID_ITEM = _re(r"(?<![\w#])(?:" + "|".join(sorted(
    (re.escape(name) for name, generic in GENERIC_OF.items() if any(o in generic for o in _OPIOIDS)), key=len,
    reverse=True)) + "|" + "|".join(_OPIOIDS) + r")(?!\w)")

# In an overturn, the sentence that finds the criteria met: the first with a strong word, else a weaker.
OVERTURN_EVIDENCE = (_re(r"\b(?:meets?|met|within (?:the )?(?:guidelines?|recommend\w*)|"
                         r"consistent with (?:the )?guideline\w*|(?:is|are) supported|criteria)\b"),
                     _re(r"\b(?:consistent with|appropriate|reasonable|warranted|has been documented|documented|"
                         r"would benefit|indicated)\b"))
