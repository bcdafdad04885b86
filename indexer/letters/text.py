"""Layout-neutral clean-up of extracted letter text: line endings, page breaks, wraps, hyphens."""
from __future__ import annotations

import re

_SPACES = re.compile(r"  +")


def normalize_lines(text: str) -> list[str]:
    """Lines with page breaks turned into line breaks, trailing space gone, double spacing undone.

    Some extractors follow every line with a blank line; a real paragraph break then shows as a
    line of spaces. Undoing the doubling leaves an empty string wherever a paragraph ended. A page
    break is not a paragraph break: it and the blank lines extractors put around it become one line
    break, so a sentence or a heading that runs across pages stays one run of lines.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = text.split("\n")
    odd = lines[1::2]
    if len(odd) >= 4 and sum(1 for line in odd if not line.strip()) >= 0.95 * len(odd):
        text = "\n".join(lines[0::2])
    if "\f" in text:
        text = _join_pages(text)
    text = text.replace("\t", " ").replace("\u00a0", " ")
    if "  " in text:  # rare in letters: a regex over every space of a letter took 0.17 ms
        text = _SPACES.sub(" ", text)
    return [line.strip() for line in text.split("\n")]


def _join_pages(text: str) -> str:
    """Each run of white space holding a page break as one line break (as re.sub(r"\\s*\\f\\s*", "\\n")
    does, without a regex that tries every position of the letter)."""
    pages = text.split("\f")
    middle = [page.strip() for page in pages[1:-1]]
    return "\n".join([pages[0].rstrip(), *(page for page in middle if page), pages[-1].lstrip()])


def join_lines(lines: list[str]) -> str:
    """Running text from wrapped lines: one space between lines, end-of-line hyphens mended."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum():
            # A word broken at the line end: drop the hyphen when it split a lowercase word.
            if out[-2].isalpha() and line[0].islower():
                out = out[:-1] + line
            else:
                out += line
        else:
            out += " " + line
    return out


def collapse(text: str) -> str:
    """All runs of white space as one space."""
    return " ".join(text.split())
