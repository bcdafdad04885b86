"""The header table of a letter (case number, dates, priority), whichever way the extractor laid it out.

Extractors give the table with each label beside its value, with a column of labels followed by the
column of their values (pdftotext), with values ahead of their labels (pdfminer), or with the value
inside a label that wraps ("Application 11/03/2016 Received:", pdftotext -layout). Values are typed
(a case number, a date, a priority word): a label takes the value of its type on its own line;
the labels left take the values left, of their type, in reading order (both columns run in it).
"""
from __future__ import annotations

import datetime as dt
import re

DATE = r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b"
LABELS = (  # (field, label pattern, value type), in the letters' reading order
    ("case_number", r"Case\s+Number\s*:", "case"),
    ("date_assigned", r"Date\s+Assigned\s*:", "date"),
    ("date_of_injury", r"Date\s+of\s+Injury\s*:", "date"),
    ("decision_date", r"Decision\s+Date\s*:", "date"),
    ("ur_denial_date", r"UR\s+Denial\s+Date\s*:", "date"),
    ("priority", r"Priority\s*:", "priority"),
    # a layout extractor puts the value of this two-line label between its lines
    ("application_received", rf"Application\s+(?:(?P<inside>{DATE})\s+)?Received\s*:", "date"),
)
LABEL = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern, _ in LABELS))
VALUE = {
    "case": re.compile(r"\b[A-Z]{2,4}\d{2}-\d{4,8}\b"),
    "date": re.compile(DATE),
    "priority": re.compile(r"\b(?:Standard|Expedited|Urgent|Regular)\b", re.IGNORECASE),
}
ANY_VALUE = re.compile("|".join(f"(?P<{kind}>{p.pattern})" for kind, p in VALUE.items()), re.IGNORECASE)
TYPE_OF = {name: kind for name, _, kind in LABELS}


def parse_header(region: str) -> dict[str, str | None]:
    """Field values found in the header region; dates as ISO strings, absent fields as None."""
    values: dict[str, str | None] = {name: None for name, _, _ in LABELS}
    labels = [m for m in LABEL.finditer(region)]
    found = list(ANY_VALUE.finditer(region))
    claimed: set[int] = set()  # starts of values taken
    waiting = []  # labels with no value on their own line, in reading order
    for i, label in enumerate(labels):
        field = label.lastgroup
        if values[field] is not None:
            continue  # a label repeated (a second page's header): the first one counts
        if label["inside"]:
            values[field] = label["inside"]
            continue
        # in a column of labels (this one right under another left waiting) the next line is a value
        # of the column's first label, not this one's
        in_column = (bool(waiting) and waiting[-1] is labels[i - 1]
                     and not region[labels[i - 1].end():label.start()].strip())
        end = min(labels[i + 1].start() if i + 1 < len(labels) else len(region),
                  _line_end(region, label.end(), wrapped=not in_column))
        own = next((m for m in found if label.end() <= m.start() < end and m.lastgroup == TYPE_OF[field]), None)
        if own:
            values[field] = own.group()
            claimed.add(own.start())
        else:
            waiting.append(label)
    for label in waiting:
        value = next((m for m in found if m.start() not in claimed and m.lastgroup == TYPE_OF[label.lastgroup]), None)
        if value and values[label.lastgroup] is None:
            values[label.lastgroup] = value.group()
            claimed.add(value.start())
    for name, kind in TYPE_OF.items():
        if kind == "date":
            values[name] = iso_date(values[name])
        elif kind == "priority" and values[name]:
            values[name] = values[name].capitalize()
    return values


def _line_end(text: str, start: int, wrapped: bool) -> int:
    """Where the line holding `start` ends; a label's value on its own line ends there. A label
    that ends its line reaches to the end of the next one when `wrapped` (a value under its label)."""
    end = text.find("\n", start)
    if end < 0:
        return len(text)
    if wrapped and not text[start:end].strip():
        after = text.find("\n", end + 1)
        return len(text) if after < 0 else after
    return end


def iso_date(text: str | None) -> str | None:
    """MM/DD/YYYY (or ISO) as YYYY-MM-DD; None when absent or not a real date."""
    if not text:
        return None
    try:
        if "-" in text:
            return dt.date.fromisoformat(text).isoformat()
        month, day, year = (int(p) for p in text.split("/"))
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
