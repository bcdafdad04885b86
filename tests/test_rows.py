"""The CSV rows beside each build (rows.py) are the cells of what Whoosh stores for the same document
numbers, after a fresh build and after an update that deleted and appended documents."""
from __future__ import annotations

import csv
import io
import json
import os

from indexer.build import build_index
from indexer.search import export, search
from indexer.store import IndexHandle, RowReader, RowWriter, current_build, decision_url, iso_date
from indexer.store.rows import COLUMNS, SEP, header, safe_cell

from .helpers import LETTER, letters_dir

ROOT = "http://imr.example"


def _expected(stored: dict, root: str = ROOT) -> list[str]:
    """The row as a CSV reader reads it back, straight from the stored record."""
    return [safe_cell(v) for v in (
        stored.get("case") or stored["letter"], str(stored["decision"]), iso_date(stored.get("decided")) or "",
        stored["item"], stored["outcome"].capitalize(), "; ".join(s for s in stored["specialty_key"].split("|") if s),
        stored["category"], root + decision_url(stored["letter"], stored["decision"]))]


def _agree(handle: IndexHandle) -> int:
    """Every live document's line against its stored record; returns how many were compared."""
    live = handle.live()
    with live.searcher() as searcher:
        docs = list(searcher.reader().iter_docs())
    lines = list(live.rows.lines([d for d, _ in docs], ROOT))
    assert all(line.endswith("\r\n") for line in lines)
    assert list(csv.reader(io.StringIO("".join(lines)))) == [_expected(stored) for _, stored in docs]
    return len(docs)


def test_rows_match_the_stored_records_of_every_bundled_decision(handle):
    assert _agree(handle) == 312


def test_rows_follow_an_update(tmp_path):
    folder, root = letters_dir(tmp_path), tmp_path / "ix"
    build_index([str(folder)], root, jobs=1)
    (folder / "CM16-0234202.pdf").unlink()  # deleted documents stay as slots; the new ones come after
    (folder / "new.txt").write_text(LETTER)
    before = current_build(root)
    build_index([str(folder)], root, jobs=1, update=True)
    assert _agree(IndexHandle(root)) == 12
    rows = current_build(root) / "rows"
    [(kept, _), (added, start)] = json.loads((rows / "parts.json").read_text())
    assert os.stat(rows / kept).st_ino == os.stat(before / "rows" / kept).st_ino  # linked, never copied
    assert start == os.path.getsize(rows / kept) and os.path.getsize(rows / added) > 0
    build_index([str(folder)], root, jobs=1, update=True)  # nothing changed: no part added
    assert len(json.loads((current_build(root) / "rows" / "parts.json").read_text())) == 2
    assert _agree(IndexHandle(root)) == 12


def test_export_is_the_header_and_the_search_hits_in_order(handle):
    hits = search(handle, "medically", page_size=500).hits
    rows = list(csv.reader(io.StringIO("".join(export(handle, "medically", 500, ROOT)))))
    assert rows[0] == list(COLUMNS) and "".join(export(handle, "medically", 0, ROOT)) == header()
    assert len(rows) - 1 == len(hits) > 100
    assert [(r[0], int(r[1]), r[2], r[7]) for r in rows[1:]] == [
        (h.case or h.letter, h.decision, h.decision_date or "", ROOT + h.url) for h in hits]


def test_cells_holding_commas_quotes_newlines_or_formulas_read_back_whole(tmp_path):
    writer = RowWriter(tmp_path)
    doc = {"case": "CM1", "letter": "a b,#c", "decision": 2, "decided": 20170102, "outcome": "upheld",
           "item": f'=SUM(1), "x"\nnext{SEP}line', "specialty_key": "Pain|Internal Medicine", "category": "medication"}
    writer.add(1, doc)
    writer.finish(3)
    reader = RowReader(tmp_path / "rows")
    assert reader.offsets[0] == reader.offsets[1] and reader.offsets[2] == reader.offsets[3]  # empty slots
    for root in (ROOT, 'http://odd,"host"'):
        [row] = list(csv.reader(io.StringIO("".join(reader.lines([1], root)))))
        assert row == ["CM1", "2", "2017-01-02", "'=SUM(1), \"x\"\nnext line", "Upheld", "Pain; Internal Medicine",
                       "medication", root + "/case/a%20b%2C%23c#d2"]
