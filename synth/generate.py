"""Write synthetic IMR final determination letters and their truth for benchmarking.

    python -m synth.generate OUT_DIR --letters 100000 [--seed 1] [--pdf 50] [--jobs 2] [--space N]

Writes OUT_DIR/txt/<shard>/<case>.txt (1,000 letters per shard folder, text laid out exactly as
pypdfium2 extracts the published PDFs), OUT_DIR/truth.jsonl (one line per letter, in the shape of
tests/data/truth.jsonl plus original_request/authorized for partly authorized items), and with
--pdf M the first M letters again as real PDFs in OUT_DIR/pdf/<case>.pdf (needs fpdf2).
The same seed gives the same bytes, whatever the number of processes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

from . import layout as L, letter as SL

SHARD_SIZE = 1000
MAX_CHUNK = 250  # letters per task; output does not depend on it


HEADER_FIELDS = ("date_assigned", "date_of_injury", "decision_date", "ur_denial_date", "application_received", "priority")


def truth_record(letter: dict, txt_rel: str, pages: int, pdf_rel: str | None) -> dict:
    """The truth line for one letter: header fields as printed and the decided items in order."""
    items = []
    for it in letter["items"]:
        entry = {"item": it["item"], "outcome": it["outcome"], "modified_request": it["original_request"] is not None}
        if it["original_request"] is not None:
            entry.update(original_request=it["original_request"], authorized=it["authorized"])
        items.append(entry)
    record = {"case_number": letter["case_number"], "file": txt_rel, **{key: letter[key] for key in HEADER_FIELDS},
              "pages": pages, "licensure": letter["licensure"], "specialty": letter["specialty"], "items": items}
    if pdf_rel:
        record["pdf"] = pdf_rel
    return record


def _write_range(task: tuple) -> tuple[list[str], list[int]]:
    out_dir, seed, start, stop, space, pdf_count = task
    lines = []
    counts = [0, 0, 0, 0, 0]  # letters, items, overturned, partly authorized, bytes of text
    for index in range(start, stop):
        letter = SL.build_letter(seed, index, space)
        pages = L.paginate(letter["blocks"])
        shard = f"{index // SHARD_SIZE:04d}"
        txt_rel = f"txt/{shard}/{letter['case_number']}.txt"
        data = L.letter_text(pages).encode("utf-8")
        with open(os.path.join(out_dir, txt_rel), "wb") as fh:
            fh.write(data)
        pdf_rel = None
        if index < pdf_count:
            pdf_rel = f"pdf/{letter['case_number']}.pdf"
            month, day, year = map(int, letter["decision_date"].split("/"))
            L.write_pdf(pages, os.path.join(out_dir, pdf_rel), dt.datetime(year, month, day, 12, tzinfo=dt.timezone.utc))
        lines.append(json.dumps(truth_record(letter, txt_rel, len(pages), pdf_rel), ensure_ascii=False))
        counts[0] += 1
        counts[1] += len(letter["items"])
        counts[2] += sum(1 for it in letter["items"] if it["outcome"] == "Overturned")
        counts[3] += sum(1 for it in letter["items"] if it["original_request"] is not None)
        counts[4] += len(data)
    return lines, counts


def case_space(letters: int) -> int:
    """The case-number space of a corpus this size. Seed 2's numbers are seed 1's shifted by 959,417
    letters in a space of a million and by 8,959,417 in ten million (letter.case_number), so the
    letters of an update made with seed 2 in the same space never share a number with a seed-1 corpus
    of up to 900,000 letters, or of up to 8.9 million in the larger space."""
    return 1_000_000 if letters <= 900_000 else 10_000_000


def generate(out_dir: str, letters: int, seed: int = 1, pdf: int = 0, jobs: int | None = None,
             space: int | None = None) -> dict:
    """Write the corpus; returns counts (letters, items, overturned, modified, bytes). `space`: the
    case-number space (case_space of the size by default; pass the main corpus's for its updates)."""
    space = space or case_space(letters)
    if letters > space:
        raise ValueError(f"at most {space:,} letters per corpus (case numbers would repeat)")
    out = Path(out_dir)
    for shard in range((letters + SHARD_SIZE - 1) // SHARD_SIZE):
        (out / "txt" / f"{shard:04d}").mkdir(parents=True, exist_ok=True)
    if pdf:
        (out / "pdf").mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1
    chunk = max(1, min(MAX_CHUNK, letters // (jobs * 4)))
    tasks = [(str(out), seed, start, min(start + chunk, letters), space, pdf) for start in range(0, letters, chunk)]
    stats = dict(letters=0, items=0, overturned=0, modified=0, bytes=0)
    with open(out / "truth.jsonl", "w", encoding="utf-8", newline="\n") as truth:
        if jobs == 1 or len(tasks) == 1:
            results = map(_write_range, tasks)
            _collect(results, truth, stats)
        else:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                _collect(pool.imap(_write_range, tasks), truth, stats)
    return stats


def _collect(results, truth, stats: dict) -> None:
    for lines, counts in results:
        truth.write("".join(line + "\n" for line in lines))
        for key, count in zip(("letters", "items", "overturned", "modified", "bytes"), counts):
            stats[key] += count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="example: python -m synth.generate /tmp/gen100k --letters 100000 --pdf 20")
    parser.add_argument("out_dir", help="output folder (created if missing)")
    parser.add_argument("--letters", type=int, required=True, help="how many letters to write")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--pdf", type=int, default=0, metavar="M", help="also write the first M letters as PDFs (needs fpdf2)")
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: all CPUs)")
    parser.add_argument("--space", type=int, default=None, choices=(1_000_000, 10_000_000),
                        help="case-number space (default: by --letters); give an update's letters the main corpus's")
    args = parser.parse_args(argv)
    if args.letters < 1 or args.pdf < 0:
        parser.error("--letters must be at least 1 and --pdf not negative")
    started = time.perf_counter()
    try:
        stats = generate(args.out_dir, args.letters, args.seed, min(args.pdf, args.letters), args.jobs, args.space)
    except ImportError as exc:
        parser.exit(2, f"error: {exc}; --pdf needs fpdf2 (pip install fpdf2)\n")
    except ValueError as exc:
        parser.error(str(exc))
    seconds = time.perf_counter() - started
    items = max(1, stats["items"])
    print(f"{stats['letters']:,} letters, {stats['items']:,} items ({stats['items'] / stats['letters']:.2f}/letter), "
          f"{stats['overturned'] / items:.1%} overturned, {stats['modified'] / items:.1%} partly authorized, "
          f"{stats['bytes'] / 1e6:.0f} MB of text in {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
