"""Guideline lines -> citations: source, guideline, year, sections and pages, as the letter cites them.

A line is a run of sentences "Decision based on MTUS <chapters>." and "Decision based on Non-MTUS
Citation <references>.". MTUS chapters read "Chronic Pain Medical Treatment 2016, Section(s): Opioids,
criteria for use, and Low Back Complaints 2004" or, in older letters, "Chronic Pain Treatment
Guidelines Opioids Page(s): 74-95, 124". References name ODG chapters and topics, ACOEM chapters or
anything else. Section names keep their inner commas ("Opioids, criteria for use"): a new section
starts only at a comma followed by a capital letter, outside brackets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SOURCES = ("mtus", "acoem", "odg", "other")


@dataclass(frozen=True)
class Citation:
    """One guideline a line cites, with the sections and pages it names."""

    source: str  # mtus, acoem, odg or other
    guideline: str  # "Chronic Pain Medical Treatment Guidelines", "Official Disability Guidelines: Low Back"
    year: int | None
    sections: tuple[str, ...]
    pages: tuple[str, ...]  # "78-80", "124"

    def to_dict(self) -> dict:
        return {"source": self.source, "guideline": self.guideline, "year": self.year,
                "sections": list(self.sections), "pages": list(self.pages)}


_HYPHENS = re.compile("[\ufffe\u00ad\u2010\u2011]")  # hyphens as some extractors print them
_NONE = re.compile(r"did not cite any medical evidence", re.I)
_SENTENCE = re.compile(r"Decision based on (?:(?P<mtus>MTUS)|Non-MTUS Citation:?)\s*", re.I)
_PREAMBLE = re.compile(r"^.*?(?:outside of the MTUS(?: Guidelines)?|did not base their decision on the MTUS)\.?",
                       re.I)
# MTUS chapters, at the start of the MTUS sentence or after ", " / ", and ": (pattern, canonical name).
_CHAPTERS = (
    (r"Chronic Pain (?:Medical )?Treatment(?: Guidelines)?", "Chronic Pain Medical Treatment Guidelines"),
    (r"Acupuncture (?:Medical )?Treatment(?: Guidelines)?", "Acupuncture Medical Treatment Guidelines"),
    (r"Opioids? Treatment(?: Guidelines)?", "Opioids Treatment Guidelines"),
    (r"Post-?surgical Treatment(?: Guidelines)?", "Postsurgical Treatment Guidelines"),
    (r"General Approach(?:es)?(?= \d{4})", "General Approaches"),
    (r"Stress[- ]Related Conditions", "Stress-Related Conditions"),
    (r"ACOEM Practice Guidelines,? [A-Z][\w ,&]*? Disorders", None),
    (r"ACOEM Chapter \d+", None),
    (r"(?:Neck and Upper Back|Low Back|Shoulder|Elbow|Forearm, Wrist,? (?:and|&) Hand|Knee|Ankle and Foot) Complaints",
     None),
    (r"[A-Z][\w-]*(?: (?:and |& )?[A-Z][\w-]*)*(?= (?:19|20)\d\d\b)", None),
)
_CHAPTER = re.compile("(?:^|(?<=, )|(?<=, and ))(?:" + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in
                                                                  enumerate(_CHAPTERS)) + ")")
# The MTUS chapters of 2004 are ACOEM's Practice Guidelines adopted into the MTUS.
ACOEM_ADOPTED = re.compile(r"Complaints$|^General Approaches$|^Stress-Related Conditions$|^ACOEM")
_ACOEM_CHAPTER_TITLES = {1: "Prevention", 2: "General Approach to Initial Assessment and Documentation",
                         3: "Initial Approaches to Treatment",
                         5: "Cornerstones of Disability Prevention and Management",
                         6: "Pain, Suffering, and the Restoration of Function",
                         7: "Independent Medical Examinations and Consultations"}
_YEAR = re.compile(r"(?<![/\d.-])((?:19|20)\d\d)(?![/\d])")
_PAGES = re.compile(r"[,.]?\s*(?:Page\(s\):?|pages?|pgs?\.?|p\.?)\s+"
                    r"(\d+(?:\s*[-–]\s*\d+)?(?:\s*[,;]\s*\d+(?:\s*[-–]\s*\d+)?)*)\.?\s*$", re.I)
_NOISE = re.compile(r"\((?:updated|online version)[^)]*\)|\(?\bonline version\)?|\d{1,2}/\d{1,2}/\d{2,4}"
                    r"|Work Loss Data Institute|\(?\d+(?:st|nd|rd|th) (?:Annual )?(?:Edition|ed\.?)\)?", re.I)
_JOINED = re.compile(r"NSAIDs, GI symptoms|Forearm, Wrist,? (?:&|and) Hand")
_ODG = re.compile(r"^(?:the )?(?:Official Disability Guidelines|ODG)(?: \(ODG\))?(?: guidelines)?[\s,:.\-–]*", re.I)
_ODG_START = re.compile(r"(?<= )(?=(?:Official Disability Guidelines|ODG)\b)")
_ODG_CHAPTERS = (
    (r"(?:Low Back(?:[,\s-]+Lumbar (?:&|and) Thoracic)?|Lumbar (?:&|and) Thoracic)", "Low Back"),
    (r"Neck(?: (?:and|&) Upper Back)?", "Neck and Upper Back"), (r"Shoulder", "Shoulder"), (r"Elbow", "Elbow"),
    (r"Forearm, Wrist,? (?:and|&) Hand|Hand", "Forearm, Wrist and Hand"), (r"Knee(?: (?:and|&) Leg)?", "Knee and Leg"),
    (r"Ankle (?:and|&) Foot", "Ankle and Foot"), (r"Hips? (?:and|&) (?:Pelvis|Groin)", "Hip and Pelvis"),
    (r"Pain", "Pain"), (r"Head", "Head"), (r"Carpal Tunnel Syndrome", "Carpal Tunnel Syndrome"),
    (r"Mental Illness (?:and|&) Stress", "Mental Illness and Stress"), (r"Fitness for Duty", "Fitness for Duty"),
    (r"Preface", "Preface"),
)
_ODG_CHAPTER = re.compile(r"^(?:chapter:?\s*)?(?:" + "|".join(f"(?P<o{i}>{p})" for i, (p, _) in
                                                              enumerate(_ODG_CHAPTERS)) +
                          r")\b(?:\s*\((?:Acute|Chronic|Thoracic)[^)]*\))?(?:\s+(?:chapters?|sections?)\b)?", re.I)
_ACOEM = re.compile(r"^(?:American College of Occupational and Environmental Medicine \(ACOEM\)|ACOEM)"
                    r"(?: Occupational Medicine)?(?: Practice)?(?: Guidelines)?[\s,:]*", re.I)


def parse_citations(line: str) -> list[Citation]:
    """Every citation in one guideline line, in order; [] when the line cites nothing."""
    return list(_parsed(line))


@lru_cache(maxsize=1 << 16)  # letters repeat the same lines; a build parses each line up to three times
def _parsed(line: str) -> tuple[Citation, ...]:
    text = " ".join(_HYPHENS.sub("-", line).split())
    if not text or _NONE.search(text):
        return ()
    marks = list(_SENTENCE.finditer(text))
    if not marks:
        return tuple(_references(_PREAMBLE.sub("", text)))
    found: list[Citation] = []
    for i, mark in enumerate(marks):
        body = text[mark.end():marks[i + 1].start() if i + 1 < len(marks) else len(text)].strip(" .")
        found.extend(_mtus(body) if mark["mtus"] else _references(body))
    return tuple(found)


def section_key(section: str) -> str:
    """The form a section is counted and searched under: lowercase, single spaces, no '|'."""
    return " ".join(section.lower().replace("|", "/").split()).strip(" .,;:")


def distinct_sections(sections: list[str]) -> list[str]:
    """Sections in order, each once (first spelling kept), with no '|' (the column separator)."""
    first: dict[str, str] = {}
    for name in sections:
        first.setdefault(section_key(name), name.replace("|", "/"))
    return list(first.values())


def split_sections(text: str) -> list[str]:
    """Section names in a list: "Opioids for chronic pain, Opioids, criteria for use" is two."""
    text = _JOINED.sub(lambda m: m[0].replace(", ", ",\0"), text)
    text = text.strip()
    if re.match(r"\d+(?:\.\d+)*\.?\s+[A-Z]", text):  # the numbered sections of the 2016 opioid guideline
        parts = re.split(r"[,;]\s+(?=\d+(?:\.\d+)*\.?\s+[A-Z])", text)
    else:
        parts, depth, start = [], 0, 0
        for i, ch in enumerate(text):
            depth += ch in "([" and 1 or (ch in ")]" and -1 or 0)
            if depth == 0 and (ch == ";" or (ch == "," and text[i + 1:i + 2] == " " and text[i + 2:i + 3].isupper())):
                parts.append(text[start:i])
                start = i + 1
        parts.append(text[start:])
    return [s for s in (_clean_section(p.replace(",\0", ", ")) for p in parts) if s]


def _clean_section(text: str) -> str:
    text = re.sub(r"\(\s*\)|\s+(?=[:,])", "", _NOISE.sub("", text)).strip(" .,;:-–/")
    if text.startswith("(") and _closing(text) == len(text) - 1:
        text = text[1:-1]
    text = re.sub(r"\s+(?:topic|section|chapter)$", "", text, flags=re.I)
    return " ".join(text.split()).strip(" .,;:-–/")


def _closing(text: str) -> int:
    """Where the bracket opened at text[0] closes (-1 when it does not)."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return i
    return -1


def _pages_of(text: str) -> tuple[str, tuple[str, ...]]:
    """The text without its trailing page reference, and the pages as "78" or "74-95"."""
    m = _PAGES.search(text)
    if not m:
        return text, ()
    pages = tuple(re.sub(r"\s*[-–]\s*", "-", p.strip()) for p in re.split(r"[,;]", m[1]))
    return text[:m.start()], pages


def _mtus(body: str) -> list[Citation]:
    """The chapters of one "Decision based on MTUS ..." sentence."""
    heads = list(_CHAPTER.finditer(body))
    if not heads:
        return [Citation("mtus", body or "MTUS", None, (), ())] if body else []
    found = []
    for i, head in enumerate(heads):
        tail = body[head.end():heads[i + 1].start() if i + 1 < len(heads) else len(body)]
        tail = re.sub(r"(?:,\s*and|,)\s*$", "", tail.strip())
        index = next(int(k[1:]) for k, v in head.groupdict().items() if v)
        found.append(_chapter(head[0], _CHAPTERS[index][1], tail))
    return found


def _chapter(title: str, canonical: str | None, tail: str) -> Citation:
    year = None
    if m := re.match(r"\s*((?:19|20)\d\d)\b", tail):
        year, tail = int(m[1]), tail[m.end():]
    tail, pages = _pages_of(tail)
    name = canonical or " ".join(title.split())
    if m := re.match(r"ACOEM Chapter (\d+)$", title):
        number, tail = int(m[1]), tail.strip(" ,")
        known = re.match(r".*?(?:Complaints|Conditions)\b", tail)
        first, tail = (known[0], tail[known.end():]) if known else tail.partition(",")[::2]
        if number in _ACOEM_CHAPTER_TITLES or number < 8:
            name, tail = "General Approaches", f"{_ACOEM_CHAPTER_TITLES.get(number, first)}, {tail}"
        else:
            name = first.strip()
    elif name.startswith("ACOEM Practice Guidelines"):
        name = "ACOEM Practice Guidelines: " + re.sub(r"^ACOEM Practice Guidelines,?\s*", "", name)
    tail = re.sub(r"^\s*,?\s*Section\(s\):?", "", tail, flags=re.I)
    if canonical and canonical.startswith("Chronic Pain") and not year:  # older: "Opioids Section Weaning ... Section"
        tail = re.sub(r"\s+section\b[,.]?", ",", tail, flags=re.I)
    sections = split_sections(tail)
    pages += tuple(s for s in sections if re.fullmatch(r"\d+(?:-\d+)?", s))
    return Citation("mtus", name, year, tuple(s for s in sections if s not in pages), pages)


def _references(body: str) -> list[Citation]:
    """The references of a Non-MTUS sentence: ODG, ACOEM and anything else."""
    found = []
    for part in re.split(r"\s+and Other Medical Treatment Guidelines\s+", body):
        for piece in _ODG_START.split(part):
            piece = re.sub(r"(?:\s*(?:[,;.]|\band\b|\bthe\b))+\s*$", "", piece.strip()).strip()
            if piece:
                found.append(_reference(piece))
    return found


def _reference(text: str) -> Citation:
    text, pages = _pages_of(text)
    year = next((int(m[1]) for m in _YEAR.finditer(_NOISE.sub("", text))), None)
    odg = _ODG.match(text)
    bare = _ODG_CHAPTER.match(text)  # "Shoulder (Acute & Chronic), Physical Therapy": ODG's chapter style
    if odg or (bare and re.match(r"\s*(?:[,(/:;-]|$)", text[bare.end():])) or "odg-twc.com" in text.lower():
        rest = text[odg.end():] if odg else text
        rest = _YEAR.sub("", _NOISE.sub("", rest)).strip(" ,:-–")
        chapter = _ODG_CHAPTER.match(rest)
        name = "Official Disability Guidelines"
        if chapter:
            index = next(int(k[1:]) for k, v in chapter.groupdict().items() if v)
            name, rest = f"{name}: {_ODG_CHAPTERS[index][1]}", rest[chapter.end():]
        sections = split_sections(re.sub(r"\S*odg-twc\.com\S*", "", rest))
        return Citation("odg", name, year, tuple(sections), pages)
    if acoem := _ACOEM.match(text):
        rest = _NOISE.sub("", text[acoem.end():]).strip(" ,.")
        m = re.search(r"\s+Chapter\b[/:,]?\s*|(?<=Disorders)[,/:]?\s*", rest)
        chapter, after = (rest[:m.start()].strip(" ,"), rest[m.end():]) if m else ("", rest)
        name = "ACOEM Practice Guidelines" + (f": {chapter}" if chapter else "")
        return Citation("acoem", name, year, tuple(split_sections(after)), pages)
    return Citation("other", text.strip(" .,;"), year, (), pages)


def citation_dicts(maximus_guideline: str, claims_administrator_guideline: str) -> list[dict]:
    """Both lines' citations for the JSON export, each marked with the line it came from."""
    return [c.to_dict() | {"line": line}
            for line, text in (("maximus", maximus_guideline), ("claims_administrator", claims_administrator_guideline))
            for c in parse_citations(text)]


def relied_on(maximus_guideline: str, claims_administrator_guideline: str) -> list[Citation]:
    """The citations the IMR reviewer relied on (the administrator's only when the reviewer's line is blank)."""
    return parse_citations(maximus_guideline if maximus_guideline.strip() else claims_administrator_guideline)
