"""Text -> Determination: how the letters lay out their items and sections (their labels: labels.py)."""
from __future__ import annotations

import re

from ..errors import ParseError
from .checks import check_determination
from .extract import extract_text
from .furniture import drop_furniture
from .header import parse_header
from .labels import (
    CA_GUIDELINE,
    HOW,
    ISSUES,
    ISSUES_INTRO,
    LICENSURE,
    MAXIMUS_GUIDELINE,
    OUTCOME,
    RATIONALE,
    SPECIALTY,
    SUMMARY,
    SUMMARY_INTRO,
)
from .model import Decision, Determination
from .text import collapse, join_lines, normalize_lines

MODIFIED = (  # "X was the original request. Y was authorized ... The remaining IMR eligible portion ..., Z is:"
    re.compile(r"^(?P<orig>.+?) was the original request\.? (?P<auth>.+?) was authorized by the Claims "
               r"Administrator\.? The remaining IMR eligible portion of the original request,? (?:is )?"
               r"(?P<item>.+?)(?: is)?$", re.IGNORECASE),
    re.compile(r"^(?P<orig>.+?) was the original request\.? The Claims Administrator authorized (?P<auth>.+?),? "
               r"leaving the original request IMR eligible\.? The original request,? (?:is )?(?P<item>.+?)(?: is)?$",
               re.IGNORECASE),
)
MODIFIED_TAIL = re.compile(r"The\s+remaining\s+IMR\s+eligible\s+portion|The\s+original\s+request,|was\s+authorized\s+by"
                           r"\s+the\s+Claims|The\s+Claims\s+Administrator\s+authorized|leaving\s+the\s+original\s+request")
ORIGINAL_REQUEST = re.compile(r"was\s+the\s+original\s+request")
# The end of a sentence (the rationale before an item), not of an abbreviation an item may hold.
SENTENCE_STOP = re.compile(r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bvs)(?<!\bNo)(?<!\bQty)(?<!\bapprox)"
                           r"(?<![A-Za-z]\.[A-Za-z])[.!?][\"'\u201d\u2019)\]]*\s+(?=\S)")
MAX_ITEM_LINES = 8
# Real headings, partly authorized requests included, are under a few hundred characters. A longer one
# is a file we cannot lay out (one huge line before ": Upheld"), and classifying it would take minutes.
MAX_ITEM_CHARS = 1000


def parse_file(path: str, source: str | None = None) -> Determination:
    """Read and parse one letter file; raises ParseError with the path and a plain reason."""
    return parse_text(extract_text(path), source=source or path)


def parse_text(text: str, source: str = "") -> Determination:
    """Parse a letter's text; raises ParseError when it holds no decided item."""
    flat = "\n".join(drop_furniture(normalize_lines(text)))
    if not flat.strip():
        raise ParseError(source, "no text")
    outcomes = list(OUTCOME.finditer(flat))
    if not outcomes:
        raise ParseError(source, _why_not_a_letter(flat))
    det = Determination(source=source)
    how = HOW.search(flat)
    header_end = how.start() if how else min(len(flat), outcomes[0].start(), 3000)
    for name, value in parse_header(flat[:header_end]).items():
        setattr(det, name, value)
    _parse_reviewer(flat, det)
    det.summary = _summary(flat, outcomes[0].start())
    det.decisions = _decisions(flat, outcomes, source)
    det.warnings = check_determination(det, flat, header_end)
    return det


def _why_not_a_letter(flat: str) -> str:
    if ISSUES.search(flat) or RATIONALE.search(flat):
        return "looks like an IMR letter, but no disputed item ends in ': Upheld' or ': Overturned'"
    return "not an IMR final determination (no 'item: Upheld/Overturned' decisions found)"


def _section(flat: str, start: re.Match | None, *ends: re.Pattern, limit: int = 4000) -> str:
    """Running text from the end of `start` to the first of `ends` found after it."""
    if not start:
        return ""
    stop = min(len(flat), start.end() + limit)
    for end in ends:
        m = end.search(flat, start.end(), stop)
        if m:
            stop = m.start()
    return join_lines(flat[start.end():stop].split("\n"))


def _parse_reviewer(flat: str, det: Determination) -> None:
    lic = _section(flat, LICENSURE.search(flat), SPECIALTY, SUMMARY, re.compile(r"\n\s*\n"), limit=300)
    det.licensure = [s.strip() for s in lic.split(",") if s.strip()]
    spec = _section(flat, SPECIALTY.search(flat), SUMMARY, SUMMARY_INTRO, ISSUES, re.compile(r"\n\s*\n"), limit=400)
    det.specialty = [s.strip() for s in spec.split(",") if s.strip()]


def _summary(flat: str, first_outcome: int) -> str:
    start = SUMMARY_INTRO.search(flat) or SUMMARY.search(flat)
    if not start or start.end() > first_outcome:
        return ""
    return _section(flat, start, ISSUES, ISSUES_INTRO, limit=first_outcome - start.end())


def _decisions(flat: str, outcomes: list[re.Match], source: str) -> list[Decision]:
    intro = ISSUES_INTRO.search(flat, 0, outcomes[0].start()) or ISSUES.search(flat, 0, outcomes[0].start())
    chunk_start = intro.end() if intro else 0
    reflowed = _reflowed(flat, chunk_start)
    heads = []  # (item text, outcome, where the item began, where its labels begin)
    for m in outcomes:
        split = _item_start(flat, chunk_start, m.start(), reflowed)
        heads.append((flat[split:m.start()], m.group(1).capitalize(), split, m.end()))
        rationale = RATIONALE.search(flat, m.end())
        chunk_start = rationale.end() if rationale else m.end()
    decisions = []
    for i, (raw_item, outcome, _, body_start) in enumerate(heads):
        if len(raw_item) > MAX_ITEM_CHARS:
            raise ParseError(source, f"disputed item {i + 1} is {len(raw_item):,} characters long; "
                                     "not a letter layout we can read")
        body_end = heads[i + 1][2] if i + 1 < len(heads) else len(flat)
        decisions.append(_decision(raw_item, outcome, flat[body_start:body_end]))
    return decisions


def _reflowed(flat: str, start: int) -> bool:
    """Whether a decision's label has text before it on its line: the letter's lines were re-flowed
    (in every extractor's own output of the bundled letters these labels start their lines)."""
    for label in (CA_GUIDELINE, MAXIMUS_GUIDELINE, RATIONALE):
        if any(m.start() and flat[m.start() - 1] != "\n" for m in label.finditer(flat, start)):
            return True
    return False


def _item_start(flat: str, chunk_start: int, colon: int, reflowed: bool) -> int:
    """Where the item named before an outcome begins, so the previous rationale ends just before it.

    The item is the run of lines before the outcome that follows a line ending a sentence; in
    re-flowed text (lines run on from the rationale into the item) what follows the last sentence
    in that run. A partly authorized request starts further back, with the sentence holding "was the
    original request".
    """
    chunk = flat[chunk_start:colon]
    run = _line_run_start(chunk)
    start = _after_last_sentence(chunk, run, len(chunk)) if reflowed else run
    if ORIGINAL_REQUEST.search(chunk, start) or not MODIFIED_TAIL.search(chunk, start):
        return chunk_start + start
    orig = list(ORIGINAL_REQUEST.finditer(chunk, max(0, start - 600), start))
    if not orig:
        return chunk_start + start
    # the request's first sentence starts it (a wrap may have cut the run short of it)
    return chunk_start + _after_last_sentence(chunk, min(run, max(0, orig[-1].start() - MAX_ITEM_CHARS)),
                                              orig[-1].start())


def _after_last_sentence(chunk: str, start: int, end: int) -> int:
    """Just after the last sentence that ends between start and end (start when none does)."""
    stop = None
    for stop in SENTENCE_STOP.finditer(chunk, start, end):
        pass
    return stop.end() if stop else start


def _line_run_start(chunk: str) -> int:
    """Start of the lines before the outcome, back to a line that ends a sentence or a blank line."""
    lines = chunk.split("\n")
    last = len(lines) - 1
    while last > 0 and not lines[last].strip():  # the outcome stood alone on its line
        last -= 1
    first = last
    while first > 0 and last - first + 1 < MAX_ITEM_LINES:
        prev = lines[first - 1].strip()
        if not prev or prev[-1] in ".!?":
            break
        first -= 1
    return sum(len(line) + 1 for line in lines[:first])


def _decision(raw_item: str, outcome: str, body: str) -> Decision:
    item = join_lines(raw_item.split("\n"))
    dec = Decision(item=item, outcome=outcome)
    mod = next((m for m in (p.match(collapse(item)) for p in MODIFIED) if m), None)
    if mod:
        dec.original_request = mod["orig"].strip()
        dec.authorized = mod["auth"].strip()
        dec.item = mod["item"].strip().rstrip(".")
    labels = [(p.search(body), name) for p, name in ((CA_GUIDELINE, "claims_administrator_guideline"),
                                                     (MAXIMUS_GUIDELINE, "maximus_guideline"),
                                                     (RATIONALE, "rationale"))]
    found = sorted((m.start(), m.end(), name) for m, name in labels if m)
    for i, (_, end, name) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(body)
        setattr(dec, name, join_lines(body[end:stop].split("\n")))
    return dec
