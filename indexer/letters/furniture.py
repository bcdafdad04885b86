"""Page furniture that viewers and printers add to a letter's text: running headers and footers.

Text copied or printed from a viewer can carry, on every page, a line with the time and the file
name, a footer with the file's address and page count, and "Page 2 of 3". Left in, they land inside
a rationale or in front of an item. Only lines wholly made of furniture are dropped, so a
sentence that mentions a page is kept.
"""
from __future__ import annotations

import re

FURNITURE = re.compile(
    r"^[ \t]*(?:"
    r"Page\s+\d+(?:\s+of\s+\d+)?"                                         # Page 2, Page 2 of 3
    r"|-\s*\d+\s*-"                                                          # - 2 -
    r"|\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+\S.*)?"  # print time, title
    r"|(?:file|https?)://\S+\s+\d+\s*/\s*\d+"                                # address and page count
    r")[ \t]*$\n?",
    re.MULTILINE)
HINT = re.compile(r"Page\s+\d|://|\d:\d\d|-\s*\d+\s*-")


def drop_furniture(text: str) -> str:
    """The text without lines that are only a page header or footer."""
    if not HINT.search(text):  # nearly every letter: one quick scan, no line-by-line work
        return text
    return FURNITURE.sub("", text)
