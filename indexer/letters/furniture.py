"""Page furniture that viewers and printers add to a letter's text: running headers and footers.

Text copied or printed from a viewer can carry, on every page, a line with the time and the file
name, a footer with the file's address and page count, "Page 2 of 3", or the file's name alone.
Left in, they land inside a rationale or in front of an item. Only lines wholly made of furniture
are dropped, so a sentence that mentions a page is kept.
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


def drop_furniture(lines: list[str]) -> list[str]:
    """The lines (stripped, spaces single) without those that are only a page header or footer."""
    return [line for line in lines
            if (line[:1] not in FIRST and not line.endswith((".pdf", ".PDF"))) or not FURNITURE.fullmatch(line)]
