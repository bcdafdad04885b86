"""The rows beside each build (rows.py) hold exactly what Whoosh stores for the same document numbers,
after a fresh build and after an update that deleted and appended documents."""
from __future__ import annotations

from indexer.build import build_index
from indexer.rows import FIELDS, SEP, RowReader, RowWriter
from indexer.search import export, search
from indexer.store import IndexHandle

from .test_build import letters_dir
from .test_parse import LETTER


def _agree(handle: IndexHandle) -> int:
    """Every live document's row against its stored record; returns how many were compared."""
    live = handle.live()
    with live.searcher() as searcher:
        reader = searcher.reader()
        compared = 0
        for docnum, stored in reader.iter_docs():
            row = live.rows.row(docnum)
            assert row == {name: stored.get(name, 0 if name in ("decision", "decided") else "") for name in FIELDS}
            compared += 1
    return compared


def test_rows_match_the_stored_records_of_every_bundled_decision(handle):
    assert _agree(handle) == 312


def test_rows_follow_an_update(tmp_path):
    folder, root = letters_dir(tmp_path), tmp_path / "ix"
    build_index([str(folder)], root, jobs=1)
    (folder / "CM16-0234202.pdf").unlink()  # deleted documents stay as slots; the new ones come after
    (folder / "new.txt").write_text(LETTER)
    build_index([str(folder)], root, jobs=1, update=True)
    assert _agree(IndexHandle(root)) == 12


def test_export_rows_equal_the_search_hits(handle):
    hits = search(handle, "medically", page_size=500).hits
    exported = list(export(handle, "medically", 500))
    keep = ("case", "letter", "decision", "decision_date", "item", "outcome", "specialty", "category", "url")
    assert len(exported) == len(hits) > 100
    assert [[getattr(h, k) for k in keep] for h in exported] == [[getattr(h, k) for k in keep] for h in hits]


def test_a_separator_in_a_value_cannot_shift_the_fields(tmp_path):
    writer = RowWriter(tmp_path)
    writer.add(1, {"case": "CM1", "item": f"a{SEP}b", "decision": 2, "decided": 20170102, "outcome": "upheld"})
    writer.finish(3)
    reader = RowReader(tmp_path / "rows")
    assert reader.row(1)["item"] == "a b" and reader.row(1)["outcome"] == "upheld"
    assert reader.row(1)["decided"] == 20170102 and reader.row(1)["category"] == ""
    assert reader.offsets[0] == reader.offsets[1] and reader.offsets[2] == reader.offsets[3]  # empty slots
