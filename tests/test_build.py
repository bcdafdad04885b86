"""Building, updating and switching the index; what the CLI reports."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner

from indexer.build import build_index
from indexer.cli import cli
from indexer.errors import BuildLocked
from indexer.search import get_letter, search
from indexer.store import BuildLock, IndexHandle, current_build, find_decision, read_manifest
from indexer.table import TableReader

from .helpers import LETTER, SEEDS, letters_dir


def test_seeds_index_holds_every_letter_and_decision(seeds_index):
    manifest = read_manifest(current_build(seeds_index))
    assert (manifest["letters"], manifest["decisions"]) == (135, 312)
    with IndexHandle(seeds_index).live().searcher() as s:
        assert s.doc_count() == 312


def test_one_document_per_decision_with_its_own_outcome(handle):
    # CM16-0230548: MRI upheld, acupuncture overturned in the same letter
    assert search(handle, "case:CM16-0230548 outcome:overturned").hits[0].item.startswith("Acupuncture")
    assert search(handle, "case:CM16-0230548 item:acupuncture outcome:upheld").total == 0


def test_whole_letter_is_stored(handle):
    letter = get_letter(handle, "CM16-0230651")
    assert letter["decision_date"] == "2017-01-09" and len(letter["decisions"]) == 10
    assert get_letter(handle, "000_9f06bb39291db0e8")["decisions"][0]["item"] == "Norco 10/325mg quantity 90"
    assert get_letter(handle, "nope") is None


def test_update_reindexes_only_changed_files_and_drops_vanished(tmp_path):
    folder, root = letters_dir(tmp_path), tmp_path / "ix"
    first = build_index([str(folder)], root, jobs=1)
    assert (first.letters, first.decisions) == (2, 11)
    (folder / "CM16-0234202.pdf").unlink()
    (folder / "new.txt").write_text(LETTER)
    report = build_index([str(folder)], root, jobs=1, update=True)
    assert (report.letters, report.unchanged, report.removed) == (1, 1, 1)
    handle = IndexHandle(root)
    assert search(handle, "case:CM16-0234202").total == 0
    assert search(handle, "case:CM16-0000001").total == 2
    assert search(handle, "case:CM16-0230651").total == 10
    assert len(list((root / "builds").iterdir())) <= 2  # old builds pruned


def test_updates_give_the_stem_table_a_fresh_build_gives(tmp_path):
    """An update groups only its own segment's words whole and joins the linked segments' words to
    them: after letters come in three builds, the stem table is a fresh build's, groups spanning
    builds included."""
    texts = sorted(SEEDS.glob("*.txt"))
    folder = tmp_path / "letters"
    folder.mkdir()
    root = tmp_path / "ix"
    grown = []
    for batch in (texts[:1], texts[1:3], texts[3:]):
        for p in batch:
            shutil.copy(p, folder / p.name)
        build_index([str(folder)], root, jobs=1, update=bool(grown))
        grown.append(json.loads((current_build(root) / "stems.json").read_text()))
    fresh = tmp_path / "fresh"
    build_index([str(folder)], fresh, jobs=1)
    assert grown[-1] == json.loads((current_build(fresh) / "stems.json").read_text())
    assert any(stem not in grown[0] for stem in grown[-1])  # groups the updates made or joined
    assert any(len(words) > len(grown[0].get(stem, [])) > 0 for stem, words in grown[-1].items())


@pytest.mark.parametrize("update", [False, True])
def test_a_disk_too_small_stops_the_build_before_it_writes(tmp_path, monkeypatch, update):
    """Free space is checked against the build's need before anything is written, the user reads how
    much is needed and free, and the previous index stays as it was. An update needs room for its
    new letters only: a disk that holds those lets it run where a full build of the folder stops."""
    from indexer.build import builder

    folder, root = letters_dir(tmp_path), tmp_path / "ix"
    build_index([str(folder)], root, jobs=1)
    before = sorted((root / "builds").iterdir())
    (folder / "new.txt").write_text(LETTER)
    enough_for_the_new = builder.SPARE_BYTES + builder.INDEX_PER_TEXT_BYTE * (folder / "new.txt").stat().st_size
    real = shutil.disk_usage

    def build_with_free(free: int):
        monkeypatch.setattr(shutil, "disk_usage", lambda path: real(path)._replace(free=free))
        return CliRunner().invoke(cli, ["build", str(folder), "--index", str(root)] + (["--update"] if update else []))

    result = build_with_free(enough_for_the_new - 1000)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "not enough disk space" in result.output and "GB are free" in result.output
    assert sorted((root / "builds").iterdir()) == before
    assert search(IndexHandle(root), "case:CM16-0000001").total == 0
    result = build_with_free(enough_for_the_new + 1000)
    assert (result.exit_code, "not enough disk space" in result.output) == ((0, False) if update else (1, True))
    assert search(IndexHandle(root), "case:CM16-0000001").total == (2 if update else 0)


def test_update_trusts_an_unchanged_stamp_and_rereads_a_changed_one(tmp_path):
    """Size and modification time decide whether a file is read again; a same-size edit still shows."""
    folder, root = tmp_path / "letters", tmp_path / "ix"
    folder.mkdir()
    letter = folder / "a.txt"
    letter.write_text(LETTER)
    build_index([str(folder)], root, jobs=1)
    assert read_manifest(current_build(root))["files"][str(letter)]["stamp"][0] == letter.stat().st_size
    assert build_index([str(folder)], root, jobs=1, update=True).unchanged == 1
    os.utime(letter, ns=(time.time_ns(), time.time_ns() + 10**9))  # touched, same bytes: hashed, kept
    assert build_index([str(folder)], root, jobs=1, update=True).unchanged == 1
    edited = LETTER.replace("Norco", "Xorco")  # the same size
    assert len(edited) == len(LETTER) and edited != LETTER
    letter.write_text(edited)
    os.utime(letter, ns=(time.time_ns(), time.time_ns() + 2 * 10**9))
    report = build_index([str(folder)], root, jobs=1, update=True)
    assert (report.letters, report.unchanged) == (1, 0)
    assert search(IndexHandle(root), "xorco").total > 0
    with IndexHandle(root).live().searcher() as searcher:  # the re-indexed letter's live documents
        assert searcher.doc_count_all() == 4 and searcher.doc_count() == 2
        found = [find_decision(searcher, "CM16-0000001", n) for n in (0, 1, 2, 3)]
        assert found == [None, 2, 3, None]
        assert [searcher.stored_fields(d)["decision"] for d in found[1:3]] == [1, 2]
        assert "Xorco" in searcher.stored_fields(found[1])["letter_json"]


def test_a_decision_is_found_by_its_letter_and_number(handle):
    with handle.live().searcher() as searcher:
        for n in range(1, 11):
            stored = searcher.stored_fields(find_decision(searcher, "CM16-0230651", n))
            assert (stored["letter"], stored["decision"], stored["id"]) == ("CM16-0230651", n, f"CM16-0230651#{n}")
        assert [find_decision(searcher, key, n) for key, n in
                (("CM16-0230651", 0), ("CM16-0230651", 11), ("CM16-0230651", -1), ("nope", 1))] == [None] * 4


def test_duplicates_and_bad_files_are_skipped_with_reasons(tmp_path):
    folder = letters_dir(tmp_path, ["CM16-0230651.pdf"])
    shutil.copy(folder / "CM16-0230651.pdf", folder / "copy of letter é.pdf")
    (folder / "empty.txt").write_bytes(b"")
    report = build_index([str(folder)], tmp_path / "ix", jobs=2)
    reasons = dict(report.skipped)
    assert report.letters == 1
    assert reasons[str(folder / "empty.txt")] == "empty file"
    assert reasons[str(folder / "copy of letter é.pdf")].startswith("duplicate: same content as")


def test_a_second_build_on_the_same_index_is_refused(tmp_path):
    root = tmp_path / "ix"
    with BuildLock(root):
        with pytest.raises(BuildLocked, match=rf"another build is running .* \(pid {os.getpid()}\)"):
            build_index([str(SEEDS / "000_9f06bb39291db0e8.txt")], root)
    assert (root / ".build.lock").read_text() == ""  # released: no later refusal names this build


def test_a_refusal_waits_for_the_holder_to_write_its_pid(tmp_path):
    # the holder takes the lock, then writes its pid: a second build asking in between must still name it
    root = tmp_path / "ix"
    root.mkdir()
    fd = os.open(root / ".build.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        (root / ".build.lock").write_text("999999999")  # a finished build's pid: not alive, not named
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        late = threading.Timer(0.3, lambda: os.pwrite(fd, str(os.getpid()).encode().ljust(9), 0))
        late.start()
        with pytest.raises(BuildLocked, match=rf"\(pid {os.getpid()}\)"):
            with BuildLock(root):
                pass
        late.join()
    finally:
        os.close(fd)


def test_killed_build_keeps_previous_index_and_next_build_succeeds(tmp_path):
    folder, root = letters_dir(tmp_path, ["CM16-0230651.pdf"]), tmp_path / "ix"
    build_index([str(folder)], root, jobs=1)
    live = current_build(root)
    for delay in (0.3, 0.8, 1.5):  # extraction, writing, near the switch
        proc = subprocess.Popen([sys.executable, "-m", "indexer.cli", "build", str(SEEDS), "--index", str(root),
                                 "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = current_build(root)
        assert now is not None and now in (live, *(root / "builds").iterdir())
        assert search(IndexHandle(root), "case:CM16-0230651").total == 10
    report = build_index([str(folder)], root, jobs=1)
    assert report.letters == 1 and search(IndexHandle(root), "case:CM16-0230651").total == 10


def test_cli_build_summary_skips_and_strict(tmp_path):
    folder = letters_dir(tmp_path, ["CM16-0230651.pdf"])
    (folder / "junk.txt").write_text("hello")
    runner = CliRunner()
    args = ["build", str(folder), "--index", str(tmp_path / "ix"), "--jobs", "1", "--nice", "0"]  # pytest keeps its priority
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "indexed 1 letters (10 decisions), skipped 1" in result.output
    assert f"skipped {folder / 'junk.txt'}: not an IMR final determination" in result.output
    assert runner.invoke(cli, args + ["--strict"]).exit_code == 1


def doubtful_letter(folder) -> str:
    """A text letter whose decision date is missing after its label: kept, with a warning."""
    path = folder / "doubtful.txt"
    path.write_text(LETTER.replace("Decision Date: 01/09/2017", "Decision Date:"))
    return str(path)


def test_cli_parse_warns_on_stderr_with_file_and_field(tmp_path):
    path = doubtful_letter(tmp_path)
    result = CliRunner().invoke(cli, ["parse", path, "--json"])
    assert result.exit_code == 0
    assert result.stderr == f"warning: {path}: decision_date: label found but no value\n"
    assert json.loads(result.stdout)["warnings"] == [{"field": "decision_date", "message": "label found but no value"}]


def test_cli_build_keeps_a_doubtful_letter_and_lists_its_warnings_strict_skips_it(tmp_path):
    folder = letters_dir(tmp_path, ["CM16-0230651.pdf"])
    path = doubtful_letter(folder)
    runner = CliRunner()
    args = ["build", str(folder), "--index", str(tmp_path / "ix"), "--jobs", "1", "--nice", "0"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert f"warning: {path}: decision_date: label found but no value" in result.stderr
    assert "indexed 2 letters (12 decisions), 1 with warnings, skipped 0" in result.stdout
    strict = runner.invoke(cli, args + ["--strict"])
    assert strict.exit_code == 1
    assert (f"skipped {path}: parsed with warnings (--strict): decision_date: label found but no value"
            in strict.stderr)
    assert "indexed 1 letters (10 decisions), skipped 1" in strict.stdout


# Runs the real CLI in a child process in a session of its own (as cron or a supervisor would start a
# build), then reports the niceness and autogroup the build left that process with.
_BUILD_THEN_REPORT = """
import os, sys
from indexer.cli import cli
try:
    cli.main(sys.argv[1:], standalone_mode=False)
finally:
    group = open("/proc/self/autogroup").read().split()[-1] if os.path.exists("/proc/self/autogroup") else ""
    print("priority", os.getpriority(os.PRIO_PROCESS, 0), group)
"""


@pytest.mark.parametrize("option, expected", [([], 10), (["--nice", "4"], 4), (["--nice", "0"], 0)])
def test_a_build_yields_the_cpu_to_a_server_beside_it(tmp_path, option, expected):
    folder = letters_dir(tmp_path, ["CM16-0230651.pdf"])
    args = ["build", str(folder), "--index", str(tmp_path / "ix"), "--jobs", "1", *option]
    done = subprocess.run([sys.executable, "-c", _BUILD_THEN_REPORT, *args], capture_output=True, text=True,
                          timeout=120, start_new_session=True)
    assert done.returncode == 0, done.stderr
    assert "indexed 1 letters (10 decisions)" in done.stdout
    _, priority, *group = done.stdout.strip().splitlines()[-1].split()
    floor = os.getpriority(os.PRIO_PROCESS, 0)  # a child starts at ours and is never made less nice
    assert int(priority) == max(expected, floor)
    if group and _session_may_renice_its_autogroup():  # then the build's own session was lowered too
        assert int(group[0]) == expected


def _session_may_renice_its_autogroup() -> bool:
    """Whether a process leading its own session here may raise its autogroup's niceness (a kernel
    with autogroups that a container lets us write)."""
    probe = "open('/proc/self/autogroup', 'w').write('1'); print(open('/proc/self/autogroup').read().split()[-1])"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, start_new_session=True)
    return done.returncode == 0 and done.stdout.strip() == "1"


def test_cli_parse_json_contract(tmp_path):
    result = CliRunner().invoke(cli, ["parse", str(SEEDS / "dwc-2016-2017" / "CM16-0234202.pdf"), "--json"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert set(data) == {"source", "case_number", "date_assigned", "date_of_injury", "decision_date",
                         "ur_denial_date", "application_received", "priority", "licensure", "specialty",
                         "summary", "decisions", "warnings"}
    assert data["warnings"] == []
    assert set(data["decisions"][0]) == {"item", "outcome", "original_request", "authorized",
                                         "claims_administrator_guideline", "maximus_guideline", "rationale",
                                         "treatment", "citations", "factors"}
    assert set(data["decisions"][0]["treatment"]) >= {"name", "category", "strength", "quantity"}
    assert data["decisions"][0]["treatment"]["name"] == "hydrocodone/acetaminophen"
    assert data["decisions"][0]["authorized"] == "Norco 10/325mg #25"
    assert all(set(f) == {"id", "evidence"} for d in data["decisions"] for f in d["factors"])


def test_readers_open_a_build_from_its_summary_without_the_per_file_entries(tmp_path):
    from indexer.store import SUMMARY, read_summary

    folder, root = letters_dir(tmp_path), tmp_path / "ix"
    build_index([str(folder)], root, jobs=1)
    build = current_build(root)
    manifest = read_manifest(build)
    summary = json.loads((build / SUMMARY).read_text())
    assert summary == {k: v for k, v in manifest.items() if k != "files"} and summary["letters"] == 2
    assert IndexHandle(root).live().manifest == summary == read_summary(build)
    assert len(manifest["files"]) == 2 and all(e["decisions"] > 0 and len(e["hash"]) == 40 for e in manifest["files"].values())
    assert search(IndexHandle(root), "case:CM16-0230651").total == 10


def test_the_record_of_letter_files_round_trips_any_file_name(tmp_path):
    from indexer.store import read_files, write_files

    files = {"/a/plain.txt": {"hash": "h1", "key": "CM16-0000001", "decisions": 2, "stamp": [10, 123]},
             "/a/odd\tname\\ with tab\n.txt": {"hash": "h2", "key": "k\tx", "decisions": 1, "stamp": [1, 2]},
             "/a/\u00e9\r\\n.pdf": {"hash": "h3", "key": "back\\slash", "decisions": 3, "stamp": []}}
    write_files(tmp_path, files)
    assert read_files(tmp_path) == files


def test_a_duplicate_inside_a_chunk_leaves_the_table_as_without_it(tmp_path):
    """A worker's run holds every letter of its chunk; when the writer drops a duplicate, that chunk's
    run is made again from the letters it took, so the table is numbered exactly as Whoosh numbered them."""
    plain, doubled = tmp_path / "plain", tmp_path / "doubled"
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    for folder in (plain, doubled):
        folder.mkdir()
        for name in names:
            shutil.copy(SEEDS / name, folder / name)
    shutil.copy(SEEDS / names[1], doubled / (names[1] + "-copy.txt"))  # sorts between letters 2 and 3
    one = build_index([str(plain)], tmp_path / "one", jobs=1)  # chunks of 2 letters: the copy shares one
    two = build_index([str(doubled)], tmp_path / "two", jobs=1)
    assert [reason for _, reason in two.skipped] == [f"duplicate: same content as {doubled / names[1]}"]
    assert (one.letters, one.decisions) == (two.letters, two.decisions) == (len(names), two.decisions)
    a = TableReader(current_build(tmp_path / "one") / "table")
    b = TableReader(current_build(tmp_path / "two") / "table")
    assert len(a.segments) == len(b.segments) == 1 and a.size == b.size
    (sa,), (sb,) = a.segments, b.segments
    assert list(sa.keys) == list(sb.keys) and sa.strides == sb.strides
    for i, k in enumerate(sa.keys):
        assert sa.docs(i) == sb.docs(i) and sa.places(i) == sb.places(i), k
    assert list(a.first) == list(b.first) and list(a.decided) == list(b.decided)
