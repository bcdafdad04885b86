"""The synthetic letter generator (synth/): deterministic, realistic mix, truth matches text."""
from __future__ import annotations

import datetime as dt
import json
import re
import string
from pathlib import Path

import pytest

from synth import (
    generate,
    layout as synth_layout,
    letter as synth_letter,
    text as synth_text,
    vocab_rationale,
    vocab_summary,
)

LETTERS = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The same 60 letters written twice: once in this process, once by two worker processes."""
    first = tmp_path_factory.mktemp("first")
    second = tmp_path_factory.mktemp("second")
    generate.generate(str(first), LETTERS, seed=7, jobs=1)
    generate.generate(str(second), LETTERS, seed=7, jobs=2)
    truth = [json.loads(line) for line in (first / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    return first, second, truth


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _flat(text: str) -> str:
    """Letter text with line wrapping undone: hyphen-break marks restored, all white space as one space."""
    return " ".join(text.replace("\ufffe", "-").split())


def test_same_seed_gives_same_bytes_in_one_or_two_processes(corpus):
    first, second, _ = corpus
    assert _files(first) == _files(second)
    assert len(_files(first)) == LETTERS + 1


def test_other_seed_gives_other_letters(corpus, tmp_path):
    first, _, truth = corpus
    generate.generate(str(tmp_path), 5, seed=8, jobs=1)
    other = [json.loads(line) for line in (tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [t["case_number"] for t in other] != [t["case_number"] for t in truth[:5]]


def test_truth_has_one_line_per_letter_in_shard_folders(corpus):
    root, _, truth = corpus
    assert len(truth) == LETTERS
    for index, record in enumerate(truth):
        assert record["file"] == f"txt/{index // 1000:04d}/{record['case_number']}.txt"
        assert (root / record["file"]).is_file()
        assert list(record)[:8] == ["case_number", "file", "date_assigned", "date_of_injury", "decision_date", "ur_denial_date",
                                    "application_received", "priority"]


def test_case_numbers_are_unique_and_match_the_year_received(corpus):
    _, _, truth = corpus
    numbers = [t["case_number"] for t in truth]
    assert len(set(numbers)) == len(numbers)
    for t in truth:
        assert re.fullmatch(r"CM\d{2}-\d{7}", t["case_number"])
        assert t["case_number"][2:4] == t["application_received"][-2:]


def test_case_numbers_do_not_repeat_across_a_large_corpus():
    serials = {synth_letter.case_number(i, 1, 2020, 1_000_000)[5:] for i in range(200_000)}
    assert len(serials) == 200_000


def test_dates_are_in_order_and_in_range(corpus):
    _, _, truth = corpus
    parse = lambda s: dt.datetime.strptime(s, "%m/%d/%Y").date()  # noqa: E731
    for t in truth:
        injury, ur, received, assigned, decision = (parse(t[k]) for k in (
            "date_of_injury", "ur_denial_date", "application_received", "date_assigned", "decision_date"))
        assert injury < ur <= received <= assigned < decision
        assert dt.date(2014, 1, 1) <= decision <= dt.date(2025, 12, 31)
        assert (decision - assigned).days <= (5 if t["priority"] == "Expedited" else 35)


def test_decision_counts_and_outcome_mix_look_like_the_real_letters(corpus):
    _, _, truth = corpus
    counts = [len(t["items"]) for t in truth]
    items = [item for t in truth for item in t["items"]]
    overturned = sum(item["outcome"] == "Overturned" for item in items) / len(items)
    assert min(counts) >= 1 and max(counts) <= 8
    assert 1.8 <= sum(counts) / len(counts) <= 3.2
    assert {item["outcome"] for item in items} == {"Upheld", "Overturned"}
    assert 0.04 <= overturned <= 0.25
    assert {t["priority"] for t in truth} <= {"Standard", "Expedited"}


def test_every_truth_item_appears_in_its_letter(corpus):
    root, _, truth = corpus
    for t in truth:
        text = _flat((root / t["file"]).read_text(encoding="utf-8"))
        assert f"Case Number: {t['case_number']}" in text
        assert f"Date Assigned: {t['date_assigned']} Date of Injury: {t['date_of_injury']}" in text
        assert f"Decision Date: {t['decision_date']} UR Denial Date: {t['ur_denial_date']}" in text
        assert f"Priority: {t['priority']} Application Received: {t['application_received']}" in text
        assert f"State(s) of Licensure: {t['licensure']}" in text
        assert f"Certification(s)/Specialty: {t['specialty']}" in text
        position = 0
        for item in t["items"]:
            heading = f"{item['item']}{' is' if item['modified_request'] else ''}: {item['outcome']}"
            found = text.find(heading, position)
            assert found >= 0, (t["file"], heading)
            position = found + len(heading)
            if item["modified_request"]:
                assert f"{item['original_request']} was the original request." in text
                assert item["authorized"] in text


def test_layout_matches_the_extracted_real_letters(corpus):
    root, _, truth = corpus
    raw = (root / truth[0]["file"]).read_bytes().decode("utf-8")
    pages = raw.split("\f")
    assert len(pages) == truth[0]["pages"]
    lines = raw.replace("\f", "\r\n").split("\r\n")
    assert lines[3] == f"Priority: {truth[0]['priority']} Application "
    assert lines[4:6] == ["Received: ", truth[0]["application_received"]]
    assert lines[6].rstrip() == "HOW THE IMR FINAL DETERMINATION WAS MADE"
    assert "\n" not in raw.replace("\r\n", "")
    assert not raw.endswith(("\r\n", "\f"))
    assert all(ch in string.printable or ch == "\ufffe" for ch in raw)


@pytest.mark.parametrize("text, expected", [
    ("short words only", [("short words only", False)]),
    ("ends with a space ", [("ends with a space ", False)]),
])
def test_wrap_keeps_short_paragraphs_on_one_line(text, expected):
    assert synth_layout.wrap(text, hyphens=True) == expected


def test_wrap_fills_lines_to_the_measure_and_breaks_hyphens_only_between_letters():
    text = " ".join(["the non-certified request for a well-established program"] * 12)
    lines = synth_layout.wrap(text, hyphens=True)
    for line, hyphen_break in lines[:-1]:
        assert synth_layout._width(line.rstrip(" ")) <= synth_layout.MEASURE
        assert line.endswith("-") if hyphen_break else line.endswith(" ")
    assert "".join(line for line, _ in lines) == text
    assert any(brk for _, brk in lines)
    assert all(not brk for _, brk in synth_layout.wrap(text, hyphens=False))


def test_every_sentence_template_fills_from_its_context():
    letter = synth_letter.build_letter(1, 0)
    import random

    rng = random.Random(0)
    case = {"style": "patient", "fmt": "slash", "region_key": "lumbar", "region": "lumbar spine", "side": "right", "side2": "right",
            "female": True, "age": 40, "dx": ["lumbago"], "findings": ["a", "b"], "complaint": "pain", "mech": "a fall",
            "prior_tx": ["medications"], "work": "off work", "meds": ["Norco"], "surgery": None, "visit": dt.date(2020, 1, 1)}
    dates = {"ur": dt.date(2020, 2, 1), "injury": dt.date(2018, 1, 1)}
    item = {"kind": "opioid", "item": letter["items"][0]["item"], "outcome": "Upheld"}
    ctx = synth_text.rationale_context(rng, case, dates, item, 2)
    pools = [p for roles in vocab_rationale.KIND.values() for p in roles.values()] + list(vocab_rationale.GENERIC.values())
    pools += list(vocab_rationale.QUOTES.values()) + [vocab_rationale.QUOTE_LEADS] + list(vocab_rationale.VERDICT_FIRST.values())
    for pool in pools:
        for template in pool:
            template.partition("] ")[2 if template.startswith("[") else 0].format_map(ctx)
    summary = synth_text.summary(random.Random(1), dict(case, meds=["Norco"]), dates, [dict(item, original_request=None)])
    assert summary and all(summary)
    assert vocab_summary.STYLE_SECTIONS.keys() == vocab_summary.FIRST_EXTRA_AT.keys()


@pytest.mark.parametrize("seed, letters", [(11, 3), (2, 2)])  # seed 2's second letter has curly quotes
def test_pdf_text_extracts_to_the_same_lines(tmp_path, seed, letters):
    """The PDF holds the text file's lines, except that its core fonts draw curly quotes and dashes
    plain (layout.pdf_drawable): before, one generated letter in 70 could not be written as a PDF."""
    pytest.importorskip("fpdf")
    pdfium = pytest.importorskip("pypdfium2")
    from synth.layout import pdf_drawable

    generate.generate(str(tmp_path), letters, seed=seed, pdf=letters, jobs=1)
    curly = 0
    for line in (tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        pdf = pdfium.PdfDocument(str(tmp_path / record["pdf"]))
        try:
            extracted = "\f".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        finally:
            pdf.close()
        text = (tmp_path / record["file"]).read_bytes().decode("utf-8")
        plain = "".join(pdf_drawable(c) if c not in "\ufffe\f\r\n" else c for c in text)
        curly += plain != text
        assert extracted == plain
    assert curly == (seed == 2)
