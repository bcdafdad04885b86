"""Broken and hostile inputs: each is reported with its path and a plain reason, never a crash."""
from __future__ import annotations

import pytest

from indexer.errors import ParseError
from indexer.letters import extract_text, find_letters, parse_file
from indexer.letters.extract import MAX_TEXT_BYTES

from .helpers import SEEDS

REAL_PDF = SEEDS / "dwc-2016-2017" / "CM16-0230651.pdf"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("empty.pdf", b"", "empty file"),
    ("binary.txt", bytes(range(256)) * 40, "binary data, not a text letter"),
    ("notes.txt", b"Shopping list: eggs, milk.\n", "not an IMR final determination"),
    ("page.txt", b"<html><body><h1>Hello</h1></body></html>", "not an IMR final determination"),
    ("garbage.pdf", b"%PDF-1.4 this is not really a pdf", "not a readable PDF"),
    ("latin.txt", b"\x81\x8d\x8f\x90\x9d" * 50, "not UTF-8 or Windows-1252 text"),
])
def test_bad_file_gives_reason(tmp_path, name, data, reason):
    path = write(tmp_path, name, data)
    with pytest.raises(ParseError) as info:
        parse_file(path)
    assert info.value.path == path
    assert info.value.reason.startswith(reason)


def test_truncated_pdf(tmp_path):
    path = write(tmp_path, "truncated.pdf", REAL_PDF.read_bytes()[:3000])
    with pytest.raises(ParseError, match="not a readable PDF"):
        extract_text(path)


def test_oversized_text_file(tmp_path):
    path = write(tmp_path, "huge.txt", b"word " * (MAX_TEXT_BYTES // 5 + 10))
    with pytest.raises(ParseError, match="text file too large"):
        extract_text(path)


def test_real_pdf_with_copy_restrictions_extracts(tmp_path):
    text = extract_text(str(REAL_PDF))
    assert "Case Number: CM16-0230651" in text
    assert "electromyography" in text  # PDFium's hyphen mark removed, the word rejoined
    assert "\ufffe" not in text


def test_find_letters_recurses_sorted_and_reports_missing(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/b/z.txt", "a/y.PDF", "a/skip.doc", "x.txt"):
        (tmp_path / name).write_text("x")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    found, problems = find_letters([str(tmp_path), str(tmp_path / "nope")])
    assert found == [str(tmp_path / p) for p in ("a/b/z.txt", "a/y.PDF", "x.txt")]
    assert problems == [(str(tmp_path / "nope"), "no such file or directory")]
