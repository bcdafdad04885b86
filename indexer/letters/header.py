"""The header table of a letter (case number, dates, priority), whichever way the extractor laid it out.

PDF text can come out with each label beside its value, or with all labels first and all values
after them. Values are typed (a case number, a date, a priority word), so each label takes the value of
its type written right after it, and labels left without one take the unclaimed values of their type
in reading order.
"""
from __future__ import annotations

import datetime as dt
import re

LABELS = (  # (field, label pattern, value type)
    ("case_number", r"Case\s+Number:", "case"),
    ("date_assigned", r"Date\s+Assigned:", "date"),
    ("date_of_injury", r"Date\s+of\s+Injury:", "date"),
    ("decision_date", r"Decision\s+Date:", "date"),
    ("ur_denial_date", r"UR\s+Denial\s+Date:", "date"),
    ("priority", r"Priority:", "priority"),
    ("application_received", r"Application\s+Received:", "date"),
)
LABEL = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern, _ in LABELS))
VALUE = {
    "case": re.compile(r"\b[A-Z]{2,4}\d{2}-\d{4,8}\b"),
    "date": re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b"),
    "priority": re.compile(r"\b(?:Standard|Expedited|Urgent|Regular)\b", re.IGNORECASE),
}
ANY_VALUE = re.compile("|".join(f"(?P<{kind}>{p.pattern})" for kind, p in VALUE.items()), re.IGNORECASE)
TYPE_OF = {name: kind for name, _, kind in LABELS}


def parse_header(region: str) -> dict[str, str | None]:
    """Field values found in the header region; dates as ISO strings, absent fields as None."""
    labels = list(LABEL.finditer(region))
    values: dict[str, str | None] = {name: None for name, _, _ in LABELS}
    claimed: set[tuple[int, int]] = set()
    for i, label in enumerate(labels):
        field = label.lastgroup
        end = labels[i + 1].start() if i + 1 < len(labels) else len(region)
        if values[field] is not None:
            continue
        m = ANY_VALUE.search(region, label.end(), end)  # the first value after the label, of any type
        if m and m.lastgroup == TYPE_OF[field]:
            values[field] = m.group()
            claimed.add(m.span())
    for kind, pattern in VALUE.items():
        pool = [m for m in pattern.finditer(region) if m.span() not in claimed]
        for name, _, field_kind in LABELS:
            if field_kind == kind and values[name] is None and any(lb.lastgroup == name for lb in labels) and pool:
                values[name] = pool.pop(0).group()
    for name, kind in TYPE_OF.items():
        if kind == "date":
            values[name] = iso_date(values[name])
        elif kind == "priority" and values[name]:
            values[name] = values[name].capitalize()
    return values


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
