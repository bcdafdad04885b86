"""Train synth/prose.py's word chain on the real letters' summaries and rationales.

    .venv/bin/python bench/train_prose.py [seeds/dwc-2016-2017] [--out synth/data/chain.json.gz]

Reads each PDF with the project's own parser, splits every summary and rationale on white space
(surface tokens, colons dropped so generated prose never looks like a label), and keeps each
token's successors with their counts, the tokens that open a sentence, and the sentence lengths.
The output is deterministic (sorted, gzip without a time stamp), so a rerun changes no byte.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from indexer.letters import parse_file

ROOT = Path(__file__).resolve().parent.parent


def texts_of(folder: Path) -> list[str]:
    out = []
    for path in sorted(folder.glob("*.pdf")):
        letter = parse_file(str(path))
        out.append(letter.summary)
        out.extend(decision.rationale for decision in letter.decisions)
    return out


def train(texts: list[str]) -> dict:
    successors: dict[str, Counter] = defaultdict(Counter)
    starts, lengths = Counter(), Counter()
    for text in texts:
        tokens = [t for t in (raw.replace(":", "") for raw in text.split()) if t]
        previous, length = None, 0
        for token in tokens:
            if previous is None or previous.endswith("."):
                starts[token] += 1
                if previous is not None:
                    lengths[length] += 1
                length = 0
            else:
                successors[previous][token] += 1
            length += 1
            previous = token
        if length:
            lengths[length] += 1

    def ranked(counter: Counter) -> list:
        return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))

    return {"successors": {w: ranked(c) for w, c in sorted(successors.items())}, "starts": ranked(starts),
            "lengths": sorted(lengths.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "seeds" / "dwc-2016-2017"))
    parser.add_argument("--out", default=str(ROOT / "synth" / "data" / "chain.json.gz"))
    args = parser.parse_args(argv)
    model = train(texts_of(Path(args.folder)))
    Path(args.out).write_bytes(gzip.compress(json.dumps(model, separators=(",", ":")).encode("utf-8"), mtime=0))
    print(f"{len(model['successors']):,} words, {sum(len(v) for v in model['successors'].values()):,} pairs "
          f"-> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
