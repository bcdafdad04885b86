"""File -> text. The only module that knows about PDFs and text encodings."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import ParseError

SUFFIXES = (".pdf", ".txt")
MAX_TEXT_BYTES = 4 * 1024 * 1024  # real letters are under 30 KB; anything this big is not one
MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 200
PAGE_BREAK = "\f"


def find_letters(paths: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Every .pdf/.txt under the given paths (recursively, sorted), plus paths that could not be read."""
    found: list[str] = []
    problems: list[tuple[str, str]] = []
    for given in paths:
        if os.path.isfile(given):
            found.append(given)
        elif os.path.isdir(given):
            here = []
            # os.walk does not follow symlinked directories, so a symlink loop cannot trap it
            for root, _, files in os.walk(given, onerror=lambda e: problems.append((e.filename, e.strerror))):
                here.extend(os.path.join(root, f) for f in files if f.lower().endswith(SUFFIXES))
            found.extend(sorted(here))
        else:
            problems.append((given, "no such file or directory"))
    return found, problems


def extract_text(path: str) -> str:
    """The letter's text with pages separated by form feeds; raises ParseError with a plain reason."""
    suffix = Path(path).suffix.lower()
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise ParseError(path, f"cannot read file: {exc.strerror}") from None
    if size == 0:
        raise ParseError(path, "empty file")
    if suffix == ".pdf":
        return _pdf_text(path, size)
    if suffix == ".txt":
        return _decode(path, size)
    raise ParseError(path, f"unsupported file type {suffix or '(none)'}; expected .pdf or .txt")


def _decode(path: str, size: int) -> str:
    if size > MAX_TEXT_BYTES:
        raise ParseError(path, f"text file too large ({size / 1e6:.1f} MB; "
                               f"a letter is under {MAX_TEXT_BYTES // 2**20} MB)")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(path, f"cannot read file: {exc.strerror}") from None
    if b"\x00" in data[:65536]:
        raise ParseError(path, "binary data, not a text letter")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")  # Windows-1252 leaves 5 bytes undefined
    if text.count("\ufffd") > max(3, len(text) // 1000):
        raise ParseError(path, "not UTF-8 or Windows-1252 text")
    return text


def _pdf_text(path: str, size: int) -> str:
    import pypdfium2 as pdfium  # imported here: text-only runs never pay for it

    if size > MAX_PDF_BYTES:
        raise ParseError(path, f"PDF too large ({size / 1e6:.1f} MB)")
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        if "password" in reason:
            raise ParseError(path, "PDF is password-protected") from None
        raise ParseError(path, f"not a readable PDF ({exc})") from None
    try:
        if len(pdf) > MAX_PDF_PAGES:
            raise ParseError(path, f"PDF has {len(pdf)} pages; a letter has far fewer than {MAX_PDF_PAGES}")
        pages = [_page_text(pdf, i) for i in range(len(pdf))]
    finally:
        pdf.close()
    text = PAGE_BREAK.join(pages)
    if not text.strip():
        raise ParseError(path, "PDF has no text layer (a scanned image?)")
    return text


def _page_text(pdf, index: int) -> str:
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        # PDFium marks a hyphen that broke a word at a line end as U+FFFE (or U+0002) and removes the
        # line break itself, so dropping the mark rejoins the word.
        return textpage.get_text_range().replace("\ufffe", "").replace("\x02", "")
    finally:
        textpage.close()
        page.close()
