"""Page furniture that viewers and printers add to a letter's text: running headers and footers.

Text copied or printed from a viewer can carry, on every page, a line with the time and the file
name, a footer with the file's address and page count, "Page 2 of 3" (after a title or not), the
file's name alone, or the case number alone. Left in, they land inside a rationale or in front of
an item. Only lines wholly made of furniture are dropped, so a sentence that mentions a page is
kept; a case number alone on its line is furniture only after the header (pdftotext puts the
header's values each on a line of its own).
"""
from __future__ import annotations

import re

FURNITURE = re.compile(
    r"(?:Page )?\d+ of \d+|Page \d+(?: ?/ ?\d+)?"                            # Page 2 of 3, 2 of 3, Page 2/3
    r"|- ?\d+ ?-"                                                            # - 2 -
    r"|\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)?(?: \S.*)?"  # print time, title
    r"|(?:file|https?)://\S+ \d+ ?/ ?\d+"                                    # address and page count
    r"|[^ ]+\.pdf", re.IGNORECASE)                                            # the file's name
FIRST = frozenset("Pp-0123456789fFhH")  # how a furniture line can begin: most lines need no regex at all
TITLED_PAGE = re.compile(r".{1,60} Page \d+ of \d+")  # "IMR Final Determination CM16-0221706 Page 2 of 3"
CASE_ALONE = re.compile(r"[A-Z]{2,4}\d{2}-\d{4,8}")
HEADER_END = "HOW THE IMR"


def drop_furniture(lines: list[str]) -> list[str]:
    """The lines (stripped, spaces single) without those that are only a page header or footer."""
    kept = [line for line in lines if not _furniture(line)]
    body = next((i for i, line in enumerate(kept) if line.startswith(HEADER_END)), len(kept))
    if not any(len(line) <= 14 and CASE_ALONE.fullmatch(line) for line in kept[body:]):
        return kept
    return kept[:body] + [line for line in kept[body:] if not (len(line) <= 14 and CASE_ALONE.fullmatch(line))]


def _furniture(line: str) -> bool:
    if line[:1] in FIRST or line.endswith((".pdf", ".PDF")):
        return bool(FURNITURE.fullmatch(line))
    return line[-1:].isdigit() and "Page " in line and bool(TITLED_PAGE.fullmatch(line))
