"""Disputed item -> Treatment: every bundled item's category, plus exact canonical facts."""
import dataclasses
import json
from collections import Counter
from pathlib import Path

import pytest

from indexer.terms import CATEGORIES, Treatment, normalize_treatment

DATA = Path(__file__).parent / "data"
BUNDLED = [
    d["item"]
    for line in (DATA / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    for d in json.loads(line)["items"]
]
PINNED = dict(
    line.split("\t")
    for line in (DATA / "item_categories.tsv").read_text(encoding="utf-8").splitlines()[1:]
)
# Consultations, exams, clearances and transport: services no other category describes.
OTHER_ITEMS = {
    "Associated surgical service: Medical clearance",
    "Consult with hip replacement specialist to evaluation for a total hip arthroplasty",
    "Initial exam",
    "Medication management consultation",
    "Neurosurgeon evaluation for the Low back/Pelvis",
    "Physical exam 2 times 8",
    "Pre-op Clearance",
    "Pre-operative medical clearance",
    "Preoperative Medical Clearance",
    "Spine surgery evaluation for the lumbar",
    "TOC to ortho spine surgeon eval and treatment",
    "Transportation to/from all medical appointments",
}


def test_every_bundled_item_has_a_pinned_category():
    assert len(BUNDLED) == 303
    assert set(PINNED) == set(BUNDLED)
    assert set(PINNED.values()) <= {key for key, _ in CATEGORIES}


@pytest.mark.parametrize("item, category", sorted(PINNED.items()))
def test_bundled_item_category(item, category):
    assert normalize_treatment(item).category == category


def test_only_the_listed_items_fall_into_other():
    others = {item for item in PINNED if normalize_treatment(item).category == "other"}
    assert others == OTHER_ITEMS


def test_category_counts_over_bundled_items():
    counts = Counter(normalize_treatment(item).category for item in BUNDLED)
    assert counts == {
        "medication": 51, "therapy": 55, "chiropractic": 8, "acupuncture": 10,
        "imaging": 77, "electrodiagnostic": 14, "injection": 9, "surgery": 11, "dme": 31,
        "lab": 18, "home_health": 3, "psychological": 3, "program": 1, "other": 12,
    }


def test_categories_are_ordered_key_label_pairs():
    assert [key for key, _ in CATEGORIES] == [
        "medication", "therapy", "chiropractic", "acupuncture", "imaging",
        "electrodiagnostic", "injection", "surgery", "dme", "lab", "home_health",
        "psychological", "program", "other",
    ]
    assert dict(CATEGORIES)["program"] == "Program (FRP, gym, weight loss)"


@pytest.mark.parametrize(
    "item, category",
    [
        ("Lidoderm patch", "medication"),
        ("Ketoprofen 20% cream", "medication"),
        ("Tramadol extended release 100mg #30", "medication"),
        ("TENS unit", "dme"),
        ("Post-op cold therapy unit", "dme"),
        ("Cane", "dme"),
        ("Knee brace", "dme"),
        ("Front wheeled walker", "dme"),
        ("Cervical traction unit", "dme"),
        ("Epidural steroid injection", "injection"),
        ("Toradol injection", "injection"),
        ("Trigger point injections x4", "injection"),
        ("Urine drug screen", "lab"),
        ("Cognitive behavioral therapy", "psychological"),
        ("Psychological evaluation", "psychological"),
        ("Aqua therapy", "therapy"),
        ("Physical therapy #12", "therapy"),
        ("Ultrasound 2 times a week for 4 weeks", "therapy"),
        ("Ultrasound of the right shoulder", "imaging"),
        ("Work hardening", "program"),
        ("Weight loss program", "program"),
        ("Functional restoration program", "program"),
        ("Home health aide", "home_health"),
        ("Home health care 4 hours per day", "home_health"),
        ("Lumbar fusion", "surgery"),
        ("Right knee arthroscopy", "surgery"),
        ("Left knee meniscectomy", "surgery"),
        ("Total knee arthroplasty", "surgery"),
        ("Manipulation under anesthesia", "surgery"),
        ("Spinal cord stimulator trial", "surgery"),
        ("Second opinion consult with orthopedist", "other"),
    ],
)
def test_category_precedence(item, category):
    assert normalize_treatment(item).category == category


@pytest.mark.parametrize(
    "item, name, strength, quantity",
    [
        ("Norco 10/325mg #35", "hydrocodone/acetaminophen", "10/325 mg", "35"),
        ("Norco 7.5-325mg #112", "hydrocodone/acetaminophen", "7.5/325 mg", "112"),
        ("Norco 5/325mg oral tablet, one tablet twice daily 14 days #40",
         "hydrocodone/acetaminophen", "5/325 mg", "40"),
        ("Tramadol 50mg quantity 90", "tramadol", "50 mg", "90"),
        ("Soma 350mg qty 60", "carisoprodol", "350 mg", "60"),
        ("Gabapentin 600mg QTY: 30", "gabapentin", "600 mg", "30"),
        ("Tylenol #3 #60", "acetaminophen/codeine", None, "60"),
        ("Cyclobenzaprine 7.5mg #60", "cyclobenzaprine", "7.5 mg", "60"),
        ("Meloxicam (Mobic) 7.5mg #30", "meloxicam", "7.5 mg", "30"),
        ("Orphenadrine Citrate ER 100mg tabs #30", "orphenadrine", "100 mg", "30"),
        ("Diclofenac/misoprostol 75-0.2mg #60 with 2 refills",
         "diclofenac/misoprostol", "75/0.2 mg", "60"),
        ("Flector 1.3% transdermal patch", "diclofenac", "1.3%", None),
        ("Voltaren gel apply to affected area 4 times a day, #60 grams with 1 refill, "
         "DOS: 11/11/2016", "diclofenac", None, "60 g"),
        ("Lidoderm patch, 12 hours on 12 hours off to affected area, #1 box with 1 refill",
         "lidocaine", None, "1 box"),
        ("Deprizine 15mg/ml oral suspension, 250ml", "ranitidine", "15 mg/ml", "250 ml"),
        ("one month supply of Trezix capsule 30.5/30/16mg",
         "acetaminophen/caffeine/dihydrocodeine", "30.5/30/16 mg", "1 month supply"),
        ("Retrospective Lidopro 4%-27.5%-0.0325% 121gm #1, per 12/07/2016 order",
         "capsaicin/lidocaine/menthol/methyl salicylate", "4/27.5/0.0325%", "1"),
        ("Flurbiprofen 10%/Dextromethorphan 5%/Lidocaine 5%, 120grams #1",
         "flurbiprofen/dextromethorphan/lidocaine", "10%/5%/5%", "1"),
        ("Dextromethorphan 5%/Amitriptyline 5%/Lidocaine/Capsaicin 0.025%, 120grams #1",
         "dextromethorphan/amitriptyline/lidocaine/capsaicin", "5%/5%/?/0.025%", "1"),
        ("Fooxin 10mg #30", "fooxin", "10 mg", "30"),
        ("50mg #90", "medication", "50 mg", "90"),
        ("Physical therapy 2 times a week for 6 weeks for the lumbar spine",
         "physical therapy", None, "12 sessions"),
        ("Physical therapy 2-3 times a week for 6 weeks", "physical therapy", None,
         "12-18 sessions"),
        ("Additional physical therapy, 1 to 2 times per week for 3 weeks, for the neck",
         "physical therapy", None, "3-6 sessions"),
        ("Additional physical therapy two times four visits (8) for the lumbar and "
         "bilateral knees", "physical therapy", None, "8 sessions"),
        ("two occupational therapy sessions for the left wrist and eight occupational "
         "therapy sessions for the lumbar spine, left shoulder and left knee",
         "occupational therapy", None, "10 sessions"),
        ("Associated surgical service: Physical therapy, times 12", "physical therapy",
         None, "12 sessions"),
        ("PT/OT 18 sessions left hand, right lower leg", "physical/occupational therapy",
         None, "18 sessions"),
        ("Psychotherapy x 6 sessions", "psychotherapy", None, "6 sessions"),
        ("Acupuncture 3 times a week for 2 weeks, neck, right hand and head", "acupuncture",
         None, "6 sessions"),
        ("Twelve elect acupuncture visits (15 mins), 2 times weekly for 6 weeks",
         "electroacupuncture", None, "12 sessions"),
        ("Chiropractic therapy sessions for the cervical spine, #2", "chiropractic", None,
         "2 sessions"),
        ("Spinal manipulation 1 times 8", "spinal manipulation", None, "8 sessions"),
        ("Physical exam 2 times 8", "physical exam 2 times 8", None, "16 sessions"),
        ("MRI of the right shoulder without contrast", "MRI shoulder", None, None),
        ("MRI of the lumbosacral spine without contrast, 1.5 Tesla or higher only",
         "MRI lumbar spine", None, None),
        ("Cervical CT scan", "CT cervical spine", None, None),
        ("X-rays of the thoracic spine", "X-ray thoracic spine", None, None),
        ("MRI of neck and right hand without contrast", "MRI neck, hand", None, None),
        ("EMG/NCV of the lower extremities", "EMG/NCV lower extremities", None, None),
        ("EMG and NCS of the right lower extremity", "EMG/NCV lower extremity", None, None),
        ("Lumbar epidural steroid injection L4-5", "lumbar epidural steroid injection",
         None, None),
        ("Right L5 transforaminal epidural steroid injection under fluoroscopic guidance",
         "lumbar epidural steroid injection", None, None),
        ("Facet joint injections L4-5, L5-S1", "lumbar facet joint injection", None, None),
        ("Toradol injection", "ketorolac injection", None, None),
        ("Retrospective injection 5cc of lidocaine hcl 1percent and 1cc of dexamethasone "
         "120mg to the right knee", "knee corticosteroid injection", None, None),
        ("1 platelet rich plasma injection to left foot",
         "foot platelet-rich plasma injection", None, "1"),
        ("Right knee arthroscopy with evaluation of ACL, medical meniscectomy",
         "knee arthroscopy", None, None),
        ("with open carpal tunnel release", "carpal tunnel release", None, None),
        ("Assistant PA", "surgical assistant", None, None),
        ("Urine drug screen", "urine drug screen", None, None),
        ("Pre-op labs: PT/PTT", "PT/PTT", None, None),
        ("Associated surgical service: Vascutherm unit, 14 days rental",
         "cold compression unit", None, "14 days"),
        ("Associated surgical service: Cryotherapy unit, seven day use",
         "cold therapy unit", None, "7 days"),
        ("Associated surgical service: 2 leg wraps", "leg wrap", None, "2"),
        ("Elbow braces #2", "elbow brace", None, "2"),
        ("TENS unit, daily trial, cervical and thoracic spine, #30", "TENS unit", None, "30"),
        ("standard wheelchair for a 2 month rental", "wheelchair", None, "2 months"),
        ("purchase of a bath/shower chair", "bath/shower chair", None, None),
        ("Home health care 4 hours per day", "home health care", None, "4 hours per day"),
        ("Wound care nurse, 1-2 visits to evaluate right hip incision, treat, and "
         "demonstrate treatment", "home nursing", None, "1-2 sessions"),
        ("one week trial of Acute Rehabilitation Unit", "inpatient rehabilitation", None,
         "1 week"),
        ("Gym membership", "gym membership", None, None),
        ("Pre-operative medical clearance", "medical clearance", None, None),
    ],
)
def test_normalize_treatment_name_strength_quantity(item, name, strength, quantity):
    t = normalize_treatment(item)
    assert (t.name, t.strength, t.quantity) == (name, strength, quantity)


@pytest.mark.parametrize(
    "item, generic",
    [
        ("Norco 10/325mg #35", "hydrocodone/acetaminophen"),
        ("Ultram 50mg #30", "tramadol"),
        ("Pepcid 20mg", "famotidine"),
        ("Post-op Zofran", "ondansetron"),
        ("Fanatrex 25mg/ml oral suspension 420ml", "gabapentin"),
        ("Fooxin 10mg #30", None),
        ("Flurbiprofen 10%/Dextromethorphan 5%/Lidocaine 5%, 120grams #1", None),
        ("Physical therapy 6 sessions", None),
    ],
)
def test_generic_is_set_only_for_recognised_drugs(item, generic):
    assert normalize_treatment(item).generic == generic


@pytest.mark.parametrize(
    "item, body_part",
    [
        ("Acupuncture 3 times a week for 2 weeks, neck, right hand and head",
         "neck, right hand, head"),
        ("Additional physical therapy three times a week for two weeks of the right hip "
         "and foot", "right hip, right foot"),
        ("Physical therapy 2 times a week for 6 weeks bilateral shoulder, elbow and wrist",
         "bilateral shoulder, bilateral elbow, bilateral wrist"),
        ("Physical therapy three times a week for two weeks for the cervical, thoracic, "
         "and lumbar", "cervical spine, thoracic spine, lumbar spine"),
        ("Left L5-S1 epidural steroid injection", "lumbar spine"),
        ("MRI Lumbosacral Spine without Contrast", "lumbar spine"),
        ("MRI of the bilateral brain/brainstem without contrast", "brain"),
        ("Chiropractic care for the low back; six sessions", "low back"),
        ("Retrospective TENS unit, purchase, lumbar spine, left hip, lower leg, and knee "
         "(DOS 12/29/16)", "lumbar spine, left hip, left lower leg, left knee"),
        ("Norco 10/325mg #35", None),
        ("Gym membership", None),
    ],
)
def test_body_part(item, body_part):
    assert normalize_treatment(item).body_part == body_part


def test_treatment_is_frozen():
    t = normalize_treatment("TENS unit")
    assert t == Treatment("TENS unit", "dme", None, None, None, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.name = "x"  # type: ignore[misc]
