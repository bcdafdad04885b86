"""The text forms users hold letters in, made from a bundled PDF: what other extractors, a viewer's
copy and paste, a re-flowing export and other encodings give. Each maker returns the bytes of a .txt.

pdftotext (poppler-utils) is run as a command, the way a download script does; pypdf and pdfminer.six
are the Python extractors (test extras). Every maker is deterministic, so a failure reproduces.
"""
from __future__ import annotations

import re
import subprocess
import textwrap
from functools import lru_cache
from pathlib import Path

CURLY = str.maketrans({'"': "\u201c", "'": "\u2019"})  # every quote made curly, as a word processor would
STRAIGHT = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
WIDTH = 72


@lru_cache(maxsize=None)
def pdftotext(path: str, layout: bool = False) -> str:
    """poppler's pdftotext output (pages end in form feeds), default or -layout mode."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [path, "-"]
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")


@lru_cache(maxsize=None)
def pdfium_pages(path: str) -> tuple[str, ...]:
    """Each page's text as PDFium gives it (what Chromium's viewer copies), with its hyphen marks."""
    from indexer.letters import extract_text
    return tuple(extract_text(path).split("\f"))


def pypdf_text(path: str) -> str:
    import pypdf
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def pdfminer_text(path: str) -> str:
    import logging

    from pdfminer.high_level import extract_text
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it logs each letter's copy restriction
    return extract_text(path)


def viewer_paste(path: str) -> str:
    """Select-all and paste from a viewer that prints page furniture: a time and file name at the
    top of each page, the file's address and the page number at the bottom; no page breaks."""
    pages = pdfium_pages(path)
    name = Path(path).name
    out = []
    for n, page in enumerate(pages, start=1):
        out.append(f"12/8/26, 10:15 AM{' ' * 30}{name}\n{page.rstrip()}\n"
                   f"file:///home/user/letters/{name}{' ' * 20}{n}/{len(pages)}\nPage {n} of {len(pages)}")
    return "\n".join(out) + "\n"


def viewer_paste_titled(path: str) -> str:
    """A paste where each page starts with the case number and ends with a titled page count."""
    pages = pdfium_pages(path)
    case = Path(path).stem
    return "\n".join(f"{case}\n{page.rstrip()}\nIMR Final Determination {case} Page {n} of {len(pages)}"
                     for n, page in enumerate(pages, start=1)) + "\n"


def reflow(paragraphs: list[list[str]]) -> str:
    """Each paragraph's lines joined (a word broken by a hyphen mended) and wrapped at 72 columns."""
    out = []
    for lines in paragraphs:
        text = ""
        for line in (raw.strip() for raw in lines):
            if not line:
                continue
            if text.endswith("-") and line[0].islower() and text[-2:-1].isalpha():
                text = text[:-1] + line
            elif text.endswith("-") or not text:
                text += line
            else:
                text += " " + line
        if text:
            out.append(textwrap.fill(text, WIDTH, break_long_words=False, break_on_hyphens=False))
    return "\n\n".join(out) + "\n"


def rewrapped(path: str) -> str:
    """pdftotext's paragraphs (blank-line separated) re-flowed at 72 columns, page breaks dropped."""
    text = pdftotext(path).replace("\f", "\n")
    return reflow([para.split("\n") for para in re.split(r"\n[ \t]*\n", text)])


def rewrapped_run_on(path: str) -> str:
    """The PDF's lines re-flowed at 72 columns as a paragraph-guessing export does: a paragraph ends
    only at a short line ending a sentence, so an item and its outcome run into the next label."""
    lines = "\n".join(pdfium_pages(path)).replace("\r", "").replace("\ufffe", "").split("\n")
    paragraphs, current = [], []
    for line in lines:
        current.append(line)
        if re.search(r"[.?!]\s*$", line) and len(line.strip()) < 60:
            paragraphs.append(current)
            current = []
    return reflow(paragraphs + [current])


def rewrapped_whole(path: str) -> str:
    """The whole letter as one paragraph re-flowed at 72 columns: no line or page break is left."""
    return reflow(["\n".join(pdfium_pages(path)).replace("\r", "").split("\n")])


FORMS = {  # name -> bytes of the .txt file a user would hold
    "pdftotext": lambda p: pdftotext(p).encode("utf-8"),
    "pdftotext-layout": lambda p: pdftotext(p, layout=True).encode("utf-8"),
    "pypdf": lambda p: pypdf_text(p).encode("utf-8"),
    "pdfminer": lambda p: pdfminer_text(p).encode("utf-8"),
    "viewer-paste": lambda p: viewer_paste(p).encode("utf-8"),
    "viewer-paste-titled": lambda p: viewer_paste_titled(p).encode("utf-8"),
    "rewrapped": lambda p: rewrapped(p).encode("utf-8"),
    "rewrapped-run-on": lambda p: rewrapped_run_on(p).encode("utf-8"),
    "rewrapped-whole": lambda p: rewrapped_whole(p).encode("utf-8"),
    "crlf": lambda p: pdftotext(p).replace("\n", "\r\n").encode("utf-8"),
    "cp1252-curly": lambda p: pdftotext(p).translate(CURLY).replace("\n", "\r\n").encode("cp1252", "replace"),
    "cp1252-curly-crlf-double-spaced": lambda p: "".join(
        line + "\r\n\r\n" for line in pdftotext(p).translate(CURLY).split("\n")).encode("cp1252", "replace"),
    "utf8-curly-double-spaced": lambda p: "".join(
        line + "\n\n" for line in pdftotext(p).translate(CURLY).split("\n")).encode("utf-8"),
}


def fold(text: str | None) -> str | None:
    """Text as compared across forms: extractors differ in white space, in whether a hyphen that
    ended a line is kept ("10-28-\\n2016" -> pdftotext "10-282016") and in quote shapes."""
    if text is None:
        return None
    return re.sub(r"[\s\-]+", "", text.translate(STRAIGHT))


def same_quotes(text: str | None) -> str | None:
    return text.translate(STRAIGHT) if text else text


def view(det) -> dict:
    """What must agree between a letter's PDF and any text form of it."""
    return {
        "header": {name: getattr(det, name) for name in ("case_number", "date_assigned", "date_of_injury",
                                                          "decision_date", "ur_denial_date",
                                                          "application_received", "priority")},
        "licensure": det.licensure, "specialty": det.specialty, "summary": fold(det.summary),
        "warnings": [str(w) for w in det.warnings],
        "decisions": [{"item": same_quotes(d.item), "outcome": d.outcome,
                       "original_request": same_quotes(d.original_request), "authorized": same_quotes(d.authorized),
                       "claims_administrator_guideline": fold(d.claims_administrator_guideline),
                       "maximus_guideline": fold(d.maximus_guideline), "rationale": fold(d.rationale)}
                      for d in det.decisions],
    }
