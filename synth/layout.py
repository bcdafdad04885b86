"""Lay a letter out on US Letter pages the way the published PDFs are set, and give its text as
PDFium extracts it: CRLF between lines, a trailing space on every line that wraps, U+FFFE where a
hyphenated word broke across lines (the two lines joined), a form feed between pages.

Lines wrap by Times-Roman 12pt glyph widths on a 468pt measure (one-inch margins), so the same
layout can also be drawn as a real PDF (write_pdf) whose extracted text matches byte for byte.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add

# Times-Roman advance widths (1/1000 em) for ASCII 32..126, as in the PDF core font metrics.
_TIMES = [250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500,
          500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
          722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500,
          444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480,
          200, 480, 541]
WIDTH = {chr(32 + i): w for i, w in enumerate(_TIMES)}
SPACE = WIDTH[" "]
MEASURE = 39_000  # 468pt at 12pt, in 1/1000 em
LEAD = 13.8
FIRST_BASELINE = 84.0
LAST_BASELINE = 720.0
HEADER_ROW = 12.9
FONTS = {"body": ("Times", "", 12), "title": ("Times", "B", 12), "label": ("Helvetica", "B", 11), "value": ("Helvetica", "", 11)}
_BYTE_WIDTHS = [WIDTH.get(chr(b), 500) for b in range(256)]
_word_widths: dict[str, int] = {}
_paragraphs: dict[tuple[str, bool], list[tuple[str, bool]]] = {}


def _width(word: str) -> int:
    width = _word_widths.get(word)
    if width is None:
        width = sum(map(_BYTE_WIDTHS.__getitem__, word.encode("latin-1", "replace")))
        if len(_word_widths) < 400_000:
            _word_widths[word] = width
    return width


def _hyphen_split(word: str, room: int) -> int:
    """Index just after the last hyphen between two letters whose prefix fits in room, or -1."""
    best = -1
    for i in range(1, len(word) - 1):
        if word[i] == "-" and word[i - 1].isalpha() and word[i + 1].isalpha() and _width(word[: i + 1]) <= room:
            best = i + 1
    return best


def wrap(text: str, hyphens: bool) -> list[tuple[str, bool]]:
    """Lines of a paragraph as (text, ends_in_hyphen_break); wrapped lines keep their trailing space.

    Greedy like Word: a word goes on the line if it fits the measure; a trailing space never
    wraps; where allowed, a hyphenated compound may break after one of its hyphens.
    """
    key = (text, hyphens)
    cached = _paragraphs.get(key)
    if cached is not None:
        return cached
    trailing = text.endswith(" ")
    words = text.rstrip(" ").split(" ")
    widths = list(map(_word_widths.get, words))
    if None in widths:
        widths = [w if w is not None else _width(word) for w, word in zip(widths, words)]
    reach = list(accumulate(map(add, widths, repeat(SPACE))))  # reach[i]: end of word i plus one space
    lines: list[tuple[str, bool]] = []
    last = len(words) - 1
    start, base = 0, 0
    while True:
        end = max(start, bisect_right(reach, base + MEASURE + SPACE, start) - 1)
        if end == last:
            lines.append((" ".join(words[start:]) + (" " if trailing else ""), False))
            break
        nxt = end + 1
        word = words[nxt]
        cut = _hyphen_split(word, MEASURE - (reach[end] - base)) if hyphens and "-" in word else -1
        if cut > 0:
            lines.append((" ".join(words[start:nxt]) + " " + word[:cut], True))
            words[nxt] = word[cut:]
            base = reach[nxt] - SPACE - _width(words[nxt])
        else:
            lines.append((" ".join(words[start:nxt]) + " ", False))
            base = reach[nxt] - SPACE - widths[nxt]
        start = nxt
    if len(_paragraphs) < 100_000:
        _paragraphs[key] = lines
    return lines


def paginate(blocks: list[tuple]) -> list[list[tuple]]:
    """Pages of placed lines (baseline y, x or None for centred, font, text, hyphen_break)."""
    pages: list[list[tuple]] = [[]]
    y = FIRST_BASELINE
    for block in blocks:
        kind = block[0]
        if kind == "gap":
            if pages[-1]:
                y += block[1]
            continue
        if kind == "header":
            letter = block[1]
            rows = [f"Case Number: {letter['case_number']}",
                    f"Date Assigned: {letter['date_assigned']} Date of Injury: {letter['date_of_injury']}",
                    f"Decision Date: {letter['decision_date']} UR Denial Date: {letter['ur_denial_date']}",
                    f"Priority: {letter['priority']} Application "]
            page = pages[-1]
            for i, row in enumerate(rows):
                page.append((y + i * HEADER_ROW, 72.0, "label", row, False))
            page.append((y + 4 * HEADER_ROW, 330.0, "label", "Received: ", False))
            page.append((y + 3 * HEADER_ROW, 428.0, "value", letter["application_received"], False))
            y += 4 * HEADER_ROW + LEAD
            continue
        lines = [(block[1], False)] if kind == "title" else wrap(block[1], block[2])
        for text, hyphen_break in lines:
            if y > LAST_BASELINE:
                pages.append([])
                y = FIRST_BASELINE
            pages[-1].append((y, None if kind == "title" else 72.0, "title" if kind == "title" else "body", text, hyphen_break))
            y += LEAD
    return pages


def page_text(page: list[tuple]) -> str:
    """One page's text as PDFium gives it.

    PDFium treats a line ending in letter + hyphen, followed by a line starting with a letter, as a
    word broken at the line end: it writes U+FFFE for the hyphen and joins the two lines.
    """
    out: list[str] = []
    last = len(page) - 1
    for i, (_, _, _, text, _) in enumerate(page):
        if i < last and text[-1:] in "- ":
            stripped = text.rstrip(" ")
            if stripped[-1:] == "-" and stripped[-2:-1].isalpha() and page[i + 1][3][:1].isalpha():
                out.append(stripped[:-1] + "\ufffe")
                continue
        out.append(text)
        if i < last:
            out.append("\r\n")
    return "".join(out)


def letter_text(pages: list[list[tuple]]) -> str:
    return "\f".join(page_text(page) for page in pages)


# The PDF core fonts hold Latin-1 only; the generated prose, trained on real letters, has their curly
# quotes and dashes, which a PDF of these fonts draws as their plain forms.
_PDF_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                            "\u2014": "-", "\u2026": "..."})


def pdf_drawable(text: str) -> str:
    """`text` as the core fonts can draw it: curly quotes and dashes plain, anything else outside Latin-1 a '?'."""
    return text.translate(_PDF_PLAIN).encode("latin-1", "replace").decode("latin-1")


def write_pdf(pages: list[list[tuple]], path: str, created: dt.datetime) -> None:
    """Draw the laid-out pages with the PDF core fonts (needs fpdf2); same pages and date, same bytes.

    Like the published letters the file is encrypted with an owner password only (anyone can open
    it; copying is not permitted), which text extraction has to get through.
    """
    from fpdf import FPDF  # only the --pdf option needs it
    from fpdf.enums import AccessPermission, EncryptionMethod

    pdf = FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(created)
    pdf.set_encryption(owner_password="imr-bench", permissions=AccessPermission.PRINT_LOW_RES | AccessPermission.PRINT_HIGH_RES,
                       encryption_method=EncryptionMethod.RC4)
    for page in pages:
        pdf.add_page()
        for y, x, font, text, _ in page:
            pdf.set_font(*FONTS[font])
            text = pdf_drawable(text)
            if x is None:
                x = (612 - pdf.get_string_width(text.rstrip())) / 2
            pdf.text(x, y, text)
    pdf.output(path)
