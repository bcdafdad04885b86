"""Guideline lines -> citations: a table of real lines, invariants over every bundled letter, search."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from click.testing import CliRunner

from indexer.analysis import words
from indexer.cli import cli
from indexer.search import search
from indexer.terms import SOURCES, decision_sources, distinct_sections, relied_on, section_key
from indexer.terms.citations import Citation, parse_citations, split_sections
from indexer.terms.guidelines import guideline_sources

from .helpers import SEEDS

MTUS, ODG = "Decision based on MTUS ", "Decision based on Non-MTUS Citation "
OUTSIDE = "The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines. "
CPMTG = "Chronic Pain Medical Treatment Guidelines"

# (line as printed in a bundled letter, or by the benchmark generator) -> (source, guideline, year, sections, pages)
EXPECTED = [
    (MTUS + "Chronic Pain Medical Treatment 2009, Section(s): Opioids for chronic pain, Opioids, criteria for use.",
     [("mtus", CPMTG, 2009, ("Opioids for chronic pain", "Opioids, criteria for use"), ())]),
    (MTUS + "Chronic Pain Treatment Guidelines Opioids section, Weaning of Medications section. Page(s): 74-95, 124.",
     [("mtus", CPMTG, None, ("Opioids", "Weaning of Medications"), ("74-95", "124"))]),
    (MTUS + "Chronic Pain Treatment Guidelines Opioids Page(s): 78; 86.", [("mtus", CPMTG, None, ("Opioids",), ("78", "86"))]),
    (MTUS + "ACOEM Chapter 3 Initial Approaches to Treatment Page(s): 47-49, Chronic Pain Treatment Guidelines NSAIDs "
     "(nonsteroidal anti-inflammatory drugs) Page(s): 67-68.",
     [("mtus", "General Approaches", None, ("Initial Approaches to Treatment",), ("47-49",)),
      ("mtus", CPMTG, None, ("NSAIDs (nonsteroidal anti-inflammatory drugs)",), ("67-68",))]),
    (MTUS + "Elbow Complaints 2007, Section(s): 326, and Chronic Pain Medical Treatment 2016, Section(s): Physical "
     "medicine treatment.",
     [("mtus", "Elbow Complaints", 2007, (), ("326",)), ("mtus", CPMTG, 2016, ("Physical medicine treatment",), ())]),
    (MTUS + "Shoulder Complaints 2004, Section(s): Initial Care, Follow-up Visits, and Forearm, Wrist, and Hand "
     "Complaints 2004, Section(s): Initial Care, Physical Methods, and Low Back Complaints 2004, Section(s): Initial "
     "Care, Physical Methods, and Knee Complaints 2004, Section(s): Initial Care, Follow-up Visits, and Chronic Pain "
     "Medical Treatment 2016, Section(s): Physical medicine treatment. " + ODG + "Official Disability Guidelines: "
     "Physical Therapy Guidelines.",
     [("mtus", "Shoulder Complaints", 2004, ("Initial Care", "Follow-up Visits"), ()),
      ("mtus", "Forearm, Wrist, and Hand Complaints", 2004, ("Initial Care", "Physical Methods"), ()),
      ("mtus", "Low Back Complaints", 2004, ("Initial Care", "Physical Methods"), ()),
      ("mtus", "Knee Complaints", 2004, ("Initial Care", "Follow-up Visits"), ()),
      ("mtus", CPMTG, 2016, ("Physical medicine treatment",), ()),
      ("odg", "Official Disability Guidelines", None, ("Physical Therapy Guidelines",), ())]),
    (MTUS + "Opioid Treatment 2016, Section(s): 3. Opioids for Chronic Pain and Chronic Opioid Treatment: Overview of "
     "Recommendations Regarding Chronic Opioid Treatment, 4.1 Tapering Opioids: Indications for Tapering Opioids.",
     [("mtus", "Opioids Treatment Guidelines", 2016,
       ("3. Opioids for Chronic Pain and Chronic Opioid Treatment: Overview of Recommendations Regarding Chronic "
        "Opioid Treatment", "4.1 Tapering Opioids: Indications for Tapering Opioids"), ())]),
    (MTUS + "Chronic Pain Medical Treatment 2016, Section(s): NSAIDs, GI symptoms & cardiovascular risk, Proton Pump "
     "Inhibitors (PPIs).",
     [("mtus", CPMTG, 2016, ("NSAIDs, GI symptoms & cardiovascular risk", "Proton Pump Inhibitors (PPIs)"), ())]),
    (MTUS + "Chronic Pain Medical Treatment 2016, Section(s): Naproxen (Naprosyn, EC-Naprosyn, Anaprox DS [otc], "
     "Naprelan), NSAIDs (non-steroidal anti-inflammatory drugs).",
     [("mtus", CPMTG, 2016, ("Naproxen (Naprosyn, EC-Naprosyn, Anaprox DS [otc], Naprelan)",
                             "NSAIDs (non-steroidal anti-inflammatory drugs)"), ())]),
    (MTUS + "Postsurgical Treatment 2009, Section(s): Knee, Forearm, Wrist, & Hand.",
     [("mtus", "Postsurgical Treatment Guidelines", 2009, ("Knee", "Forearm, Wrist, & Hand"), ())]),
    (MTUS + "Low Back Complaints 2004. " + ODG + "Official Disability Guidelines (ODG) Low Back Chapter, Radiography "
     "(x-rays).",
     [("mtus", "Low Back Complaints", 2004, (), ()),
      ("odg", "Official Disability Guidelines: Low Back", None, ("Radiography (x-rays)",), ())]),
    (OUTSIDE + ODG + "Official Disability Guidelines (ODG) Hips and Pelvis (Acute and Chronic), MRI (magnetic resonance "
     "imaging) and Other Medical Treatment Guidelines ACOEM Hip and Groin Disorders, Diagnostic Testing, MRI.",
     [("odg", "Official Disability Guidelines: Hip and Pelvis", None, ("MRI (magnetic resonance imaging)",), ()),
      ("acoem", "ACOEM Practice Guidelines: Hip and Groin Disorders", None, ("Diagnostic Testing", "MRI"), ())]),
    (OUTSIDE + ODG + "ODG Guidelines, 14th Edition, 2016, Knee Chapter.",
     [("odg", "Official Disability Guidelines: Knee and Leg", 2016, (), ())]),
    (MTUS + "Low Back Complaints 2004, Section(s): Summary. " + ODG + "ACOEM Occupational Medicine Practice "
     "Guidelines, 3rd ed., Low Back Disorders, pg. 607.",
     [("mtus", "Low Back Complaints", 2004, ("Summary",), ()),
      ("acoem", "ACOEM Practice Guidelines: Low Back Disorders", None, (), ("607",))]),
    (OUTSIDE + ODG + "ACOEM guidelines and the Official Disability Guidelines.",
     [("acoem", "ACOEM Practice Guidelines", None, (), ()), ("odg", "Official Disability Guidelines", None, (), ())]),
    (OUTSIDE + ODG + "Official Disability Guidelines (ODG) Pain Section/Lidoderm® (lidocaine patch) Topic.",
     [("odg", "Official Disability Guidelines: Pain", None, ("Lidoderm® (lidocaine patch)",), ())]),
    ("The Expert Reviewer did not base their decision on the MTUS. " + ODG + "Naltrexone (Vivitrol extended-release "
     "injectable suspension). http://www.odg-twc.com/index.html.",
     [("odg", "Official Disability Guidelines", None, ("Naltrexone (Vivitrol extended-release injectable suspension)",),
       ())]),
    ("The Claims Administrator based their decision on recommendation(s) outside of the MTUS Guidelines. " + ODG +
     "http://www.drugs.com/famotidine.html.", [("other", "http://www.drugs.com/famotidine.html", None, (), ())]),
    ("The Claims Administrator did not cite any medical evidence for its decision.", []),
    ("", []),
    # The benchmark generator's forms: a hyphen printed as U+FFFE, numbered ACOEM chapters, the 2017 ACOEM MTUS.
    (MTUS + "Knee Complaints 2004, Section(s): Follow\ufffeup Visits. Decision based on Non\ufffeMTUS Citation ODG "
     "Knee & Leg, Continuous-flow cryotherapy.",
     [("mtus", "Knee Complaints", 2004, ("Follow-up Visits",), ()),
      ("odg", "Official Disability Guidelines: Knee and Leg", None, ("Continuous-flow cryotherapy",), ())]),
    (MTUS + "ACOEM Chapter 11 Forearm, Wrist, and Hand Complaints, Special Studies.",
     [("mtus", "Forearm, Wrist, and Hand Complaints", None, ("Special Studies",), ())]),
    (MTUS + "ACOEM Chapter 7 Independent Medical Examinations and Consultations, page 127.",
     [("mtus", "General Approaches", None, ("Independent Medical Examinations and Consultations",), ("127",))]),
    (MTUS + "ACOEM Practice Guidelines, Hand, Wrist, and Forearm Disorders, Section(s): Diagnostic Criteria, Special "
     "Studies.",
     [("mtus", "ACOEM Practice Guidelines: Hand, Wrist, and Forearm Disorders", None,
       ("Diagnostic Criteria", "Special Studies"), ())]),
]


@pytest.mark.parametrize("line, expected", EXPECTED)
def test_line_parses_into_citations(line, expected):
    assert parse_citations(line) == [Citation(*c) for c in expected]


@pytest.mark.parametrize("line, sources", [
    (MTUS + "Low Back Complaints 2004.", ["mtus", "acoem"]),  # ACOEM's 2004 chapter adopted into the MTUS
    (MTUS + "Chronic Pain Medical Treatment 2016.", ["mtus"]),
    (OUTSIDE + ODG + "Official Disability Guidelines (ODG) Shoulder, MRI.", ["odg"]),  # "outside of the MTUS" is not MTUS
    ("The Expert Reviewer did not cite any medical evidence for its decision.", []),
])
def test_sources_come_from_the_citations(line, sources):
    assert guideline_sources(line) == sources


def test_reviewer_line_first_and_none_when_nothing_cited():
    cited = "The Claims Administrator did not cite any medical evidence for its decision."
    assert decision_sources("", MTUS + "Knee Complaints 2004.") == ["mtus", "acoem"]
    assert decision_sources(cited, MTUS + "Knee Complaints 2004.") == ["none"]
    assert [c.guideline for c in relied_on("", MTUS + "Knee Complaints 2004.")] == ["Knee Complaints"]
    assert relied_on(OUTSIDE + ODG + "ODG Head, CT.", MTUS + "Knee Complaints 2004.")[0].sections == ("CT",)


@pytest.mark.parametrize("text, sections", [
    ("Opioids for chronic pain, Opioids, criteria for use", ["Opioids for chronic pain", "Opioids, criteria for use"]),
    ("TENS, chronic pain (transcutaneous electrical nerve stimulation)",
     ["TENS, chronic pain (transcutaneous electrical nerve stimulation)"]),
    ("MRI (magnetic resonance imaging), CT (computed tomography)", ["MRI (magnetic resonance imaging)", "CT (computed tomography)"]),
    ("Knee/DME; Mattress selection", ["Knee/DME", "Mattress selection"]),
    ("(Trigger point impedance imaging)", ["Trigger point impedance imaging"]),
    ("  ,  ", []),
])
def test_split_sections(text, sections):
    assert split_sections(text) == sections


def test_section_keys_and_distinct_sections():
    assert section_key("  Opioids,  Criteria for use. ") == "opioids, criteria for use"
    assert section_key("a|b") == "a/b"
    assert distinct_sections(["Summary", "Special Studies", "summary", "x|y"]) == ["Summary", "Special Studies", "x/y"]


@pytest.fixture(scope="module")
def bundled(handle) -> list[dict]:
    """Every decision of the 135 bundled letters, as the index stores its letter."""
    with handle.live().searcher() as searcher:
        letters = [json.loads(f["letter_json"]) for f in searcher.all_stored_fields() if f.get("letter_json")]
    return [d | {"key": letter["key"], "n": n} for letter in letters for n, d in enumerate(letter["decisions"], 1)]


def test_every_bundled_line_yields_citations_with_a_source(bundled):
    assert len(bundled) == 312
    lines = [d[k] for d in bundled for k in ("maximus_guideline", "claims_administrator_guideline")]
    silent = Counter(line for line in lines if not parse_citations(line))
    assert silent == {"The Claims Administrator did not cite any medical evidence for its decision.": 61,
                      "The Expert Reviewer did not cite any medical evidence for its decision.": 22}
    citations = [c for line in lines for c in parse_citations(line)]
    assert Counter(c.source for c in citations) == {"mtus": 469, "odg": 244, "other": 10, "acoem": 5}
    assert all(c.source in SOURCES and c.guideline for c in citations)
    assert all(set(c.source for c in parse_citations(line)) <= set(guideline_sources(line)) for line in lines)


def test_no_bundled_section_is_empty_and_pages_are_ranges(bundled):
    citations = [c for d in bundled for k in ("maximus_guideline", "claims_administrator_guideline")
                 for c in parse_citations(d[k])]
    sections = [s for c in citations for s in c.sections]
    assert len(sections) == 661
    assert all(s and s == s.strip(" .,;:") and "\n" not in s and "|" not in s for s in sections)
    pages = [p for c in citations for p in c.pages]
    assert len(pages) == 24
    for page in pages:
        low, _, high = page.partition("-")
        assert low.isdigit() and (not high or (high.isdigit() and int(low) <= int(high)))
    assert all(c.year is None or 1990 <= c.year <= 2030 for c in citations)


def test_parse_json_exports_citations_and_treatment():
    result = CliRunner().invoke(cli, ["parse", str(SEEDS / "004_f0d839e0a1819322.txt"), "--json"])
    assert result.exit_code == 0, result.output
    decisions = json.loads(result.output)["decisions"]
    assert decisions[2]["treatment"] == {"name": "temazepam", "category": "medication", "generic": "temazepam",
                                         "strength": "15 mg", "quantity": "30", "body_part": None, "refills": 2}
    assert decisions[0]["citations"] == [
        {"source": "mtus", "guideline": CPMTG, "year": None, "sections": ["Antiinflammatory"], "pages": ["22"],
         "line": "maximus"},
        {"source": "mtus", "guideline": "General Approaches", "year": None,
         "sections": ["Initial Approaches to Treatment"], "pages": ["47-49"], "line": "claims_administrator"},
        {"source": "mtus", "guideline": CPMTG, "year": None,
         "sections": ["NSAIDs (nonsteroidal anti-inflammatory drugs)"], "pages": ["67-68"], "line": "claims_administrator"},
    ]


def test_section_search_finds_the_decisions_relying_on_it(handle, bundled):
    def relies(d: dict) -> bool:
        cited = "\n".join(s for c in relied_on(d["maximus_guideline"], d["claims_administrator_guideline"])
                          for s in c.sections)
        return " opioids criteria for use " in f" {' '.join(words(cited))} "
    expected = {(d["key"], d["n"]) for d in bundled if relies(d)}
    assert expected == {("001_ec44e932cb4293ad", 1)}
    result = search(handle, 'section:"opioids, criteria for use"')
    assert {(h.letter, h.decision) for h in result.hits} == expected
    physical = {(d["key"], d["n"]) for d in bundled
                if any(section_key(s) == "physical medicine treatment"
                       for c in relied_on(d["maximus_guideline"], d["claims_administrator_guideline"]) for s in c.sections)}
    found = search(handle, 'sections:"physical medicine treatment"', page_size=500)
    assert len(physical) == 36
    assert {(h.letter, h.decision) for h in found.hits} == physical


def test_treatment_search_with_a_slash(handle, bundled):
    expected = {(d["key"], d["n"]) for d in bundled if d["treatment"]["name"] == "hydrocodone/acetaminophen"}
    assert len(expected) == 8
    found = search(handle, 'treatment:"hydrocodone/acetaminophen"', page_size=100)
    assert {(h.letter, h.decision) for h in found.hits} == expected
    assert all(re.search(r"norco|hydrocodone", h.item, re.I) for h in found.hits)
