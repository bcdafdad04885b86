"""What several test modules share: where the bundled letters and the hand-checked truth are, the
truth itself, and small letters written out in full. No test module imports another; they import this.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from indexer.letters import parse_file
from indexer.terms import normalize_treatment

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"

# The 130 bundled PDFs as hand-checked (tests/data/truth.jsonl), one entry per letter, and the
# corrections to it (truth-corrections.json: items the first checking got wrong).
LETTER_TRUTH = [json.loads(line) for line in (DATA / "truth.jsonl").read_text().splitlines()]
CORRECTIONS = json.loads((DATA / "truth-corrections.json").read_text())


def expected_items(truth: dict) -> list[dict]:
    """A letter's items as the truth lists them, with their corrections."""
    items = [dict(i) for i in truth["items"]]
    for index, fix in CORRECTIONS.get(truth["file"], {}).get("items", {}).items():
        items[int(index)].update(fix)
    return items


# The decisions of the 5 seed texts, as (item, outcome) in order.
SEED_DECISIONS = {
    "000_9f06bb39291db0e8.txt": [("Norco 10/325mg quantity 90", "Overturned"), ("Oxycontin 60mg quantity 60", "Overturned")],
    "001_ec44e932cb4293ad.txt": [("Norco 10/325mg #120", "Upheld")],
    "002_ac4403899a905f85.txt": [("MS Contin 60mg #60", "Upheld")],
    "003_0134393615b26c1c.txt": [("Hydrocodone 10/325 mg #110", "Upheld"),
                                 ("Nalozone 0.4/0.4 ml syringe Evzio emergency kit #1", "Upheld")],
    "004_f0d839e0a1819322.txt": [("Ibuprofen 800 mg Qty 90", "Overturned"), ("Norco 5/325 mg Qty 90", "Upheld"),
                                 ("Restoril 15 mg Qty 30 with 2 refills", "Upheld")],
}


def _decision_truth() -> list[dict]:
    """Every bundled decision from the hand-checked truth (with its corrections) and the 5 seed texts."""
    out = []
    for line in (DATA / "truth.jsonl").read_text().splitlines():
        letter = json.loads(line)
        fixes = CORRECTIONS.get(letter["file"], {}).get("items", {})
        month, day, year = letter["decision_date"].split("/")
        for n, item in enumerate(letter["items"], start=1):
            text = fixes.get(str(n - 1), {}).get("item", item["item"])  # corrections count items from 0
            out.append({"item": text, "outcome": item["outcome"], "year": year, "key": letter["case_number"], "n": n})
    for path in sorted(SEEDS.glob("*.txt")):
        det = parse_file(str(path))
        out += [{"item": d.item, "outcome": d.outcome, "year": "0", "key": path.stem, "n": n}
                for n, d in enumerate(det.decisions, start=1)]
    for d in out:
        d["treatment"] = normalize_treatment(d["item"])
    return out


DECISION_TRUTH = _decision_truth()


# A whole letter as the PDF extractor lays it out, with a partly authorized item and hyphenated wraps.
LETTER = """Case Number: CM16-0000001
Date Assigned: 12/07/2016 Date of Injury: 10/13/2016
Decision Date: 01/09/2017 UR Denial Date: 11/22/2016
Priority: Standard Application
Received:
11/29/2016
HOW THE IMR FINAL DETERMINATION WAS MADE
The Expert Reviewer has the following credentials:
State(s) of Licensure: California, Texas
Certification(s)/Specialty: Public Health &
General Preventive Medicine, Pain Management
CLINICAL CASE SUMMARY
The expert reviewer developed the following clinical case summary based on a review of the
case file, including all medical records:
A worker with low back pain. Treatment included physical ther-
apy.
IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:
Physical therapy 2 times a week for 6 weeks for the lumbar
spine and the cervical spine: Upheld
Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.
MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.
Decision rationale: Therapy is not medically necessary.
Norco 10/325mg #120 was the original request. Norco 10/325mg #60 was authorized by the
Claims Administrator. The remaining IMR eligible portion of the original request, Norco
10/325mg #60 is:
Overturned
Claims Administrator guideline: Decision based on MTUS.
MAXIMUS guideline: Decision based on MTUS.
Decision rationale: There is documented functional
improvement. The request is medically necessary.
"""


def letters_dir(tmp_path, names=("CM16-0230651.pdf", "CM16-0234202.pdf")):
    """A folder holding copies of some bundled PDFs (two letters, 11 decisions, by default)."""
    folder = tmp_path / "letters"
    folder.mkdir()
    for name in names:
        shutil.copy(SEEDS / "dwc-2016-2017" / name, folder / name)
    return folder
