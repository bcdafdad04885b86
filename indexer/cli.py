"""The `indexer` command: thin adapters over the library; library errors become ClickExceptions."""
from __future__ import annotations

import json
import os
import sys

import click

from .errors import BuildError, BuildLocked, IndexMissing, ParseError, QueryError, SearchTimeout
from .letters import find_letters, parse_file
from .terminal import BuildProgress, print_result

DEFAULT_INDEX = "index"
# A rebuild is batch work and the server beside it answers people: on 2 cores at 100,000 letters, a
# build at equal priority took the server's p95 from about 230 ms to 1.6 s while it ran. Niceness only
# matters when the CPU is contended, so a build alone runs as fast either way.
BUILD_NICENESS = 10
AUTOGROUP = "/proc/self/autogroup"


@click.group()
@click.version_option(package_name="imr-search")
def cli() -> None:
    """Search California IMR final determinations: parse letters, build the index, search, serve."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per letter (the export contract); each decision carries its "
                   "normalised `treatment`, its parsed guideline `citations` and its deciding `factors`.")
def parse(paths: tuple[str, ...], as_json: bool) -> None:
    """Parse letters (.pdf/.txt, folders searched recursively) and print one line per letter.

    A parse the checks doubt (dates out of order, a label without its value, an item without an
    outcome...) prints "warning: FILE: FIELD: why" on stderr; the JSON lists them under `warnings`.

    Example: indexer parse seeds/ --json > letters.jsonl
    """
    files, problems = find_letters(list(paths))
    failed = len(problems)
    for path, reason in problems:
        click.echo(f"skipped {path}: {reason}", err=True)
    for path in files:
        try:
            det = parse_file(path)
        except ParseError as exc:
            failed += 1
            click.echo(f"skipped {exc.path}: {exc.reason}", err=True)
            continue
        for finding in det.warnings:
            click.echo(f"warning: {path}: {finding}", err=True)
        if as_json:
            click.echo(json.dumps(det.export_dict(), ensure_ascii=False))
        else:
            outcomes = "; ".join(f"{d.item}: {d.outcome}" for d in det.decisions)
            click.echo(f"{det.case_number or '(no case number)'}  {det.decision_date or '(no date)'}  "
                       f"{', '.join(det.specialty) or '(no specialty)'}  |  {outcomes}  [{path}]")
    if failed and not files:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--index", "index_dir", default=DEFAULT_INDEX, show_default=True, help="Index directory.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Parser processes [default: all cores].")
@click.option("--update", is_flag=True, help="Re-index only new or changed files; drop vanished ones.")
@click.option("--strict", is_flag=True, help="Skip letters parsed with warnings too, and exit 1 when any file "
                                             "was skipped.")
@click.option("--nice", "niceness", type=click.IntRange(0, 19), default=BUILD_NICENESS, show_default=True,
              help="CPU niceness of the build and its workers: a server on the same machine answers first "
                   "(0: compete equally).")
def build(paths: tuple[str, ...], index_dir: str, jobs: int | None, update: bool, strict: bool,
          niceness: int) -> None:
    """Build the index from letters under PATHS and switch to it atomically.

    Searches keep answering from the previous index until the new one is complete; a build
    that fails or is killed leaves the previous index in service. A letter parsed with warnings
    is indexed and each warning listed ("warning: FILE: FIELD: why"); --strict skips it instead.

    Example: indexer build seeds/ --index index/
    """
    from .build import build_index  # here: NumPy, which builds use, is no server's load

    _lower_priority(niceness)
    bar = BuildProgress() if sys.stderr.isatty() else None
    try:
        report = build_index(list(paths), index_dir, jobs=jobs, update=update, progress=bar, strict=strict)
    except BuildLocked as exc:
        raise click.ClickException(str(exc)) from None
    except (BuildError, OSError) as exc:
        raise click.ClickException(f"build failed, previous index kept: {exc}") from None
    finally:
        if bar:
            bar.close()
    for path, reason in report.skipped:
        click.echo(f"skipped {path}: {reason}", err=True)
    for path, name, message in report.warnings:
        click.echo(f"warning: {path}: {name}: {message}", err=True)
    extra = f", {report.unchanged} unchanged, {report.removed} removed" if update else ""
    doubted = len({path for path, _, _ in report.warnings})
    click.echo(f"indexed {report.letters} letters ({report.decisions} decisions){extra}"
               f"{f', {doubted} with warnings' if doubted else ''}, "
               f"skipped {len(report.skipped)}, in {report.seconds:.1f} s "
               f"({report.letters_per_second:.0f} letters/s) -> {os.path.abspath(index_dir)}")
    if strict and report.skipped:
        sys.exit(1)


def _lower_priority(niceness: int) -> None:
    """Raise this process's niceness to `niceness` (never lower it: that needs privileges); the
    build's workers inherit it. Linux's autogroups share the CPU between sessions before niceness
    counts, so a build started in its own session (cron, a supervisor, `setsid`) also lowers its
    session's autogroup; one sharing a terminal's session leaves the terminal's group alone."""
    if niceness > os.getpriority(os.PRIO_PROCESS, 0):
        os.setpriority(os.PRIO_PROCESS, 0, niceness)
    if os.getsid(0) != os.getpid():
        return
    try:
        with open(AUTOGROUP) as f:
            current = int(f.read().split()[-1])  # "/autogroup-25 nice 0"
        if niceness > current:
            with open(AUTOGROUP, "w") as f:
                f.write(str(niceness))
    except (OSError, ValueError, IndexError):
        pass  # no autogroups (another kernel, or a container that hides them): niceness alone


QUERY_HELP = """Search the index. One hit per decision, best first (or --sort newest|oldest).

\b
Fields: item, outcome, specialty, rationale, summary, guideline, licensure,
        treatment, section, category, source, case, decided (decision date),
        injured (date of injury)
Bare words search item, rationale and summary (item weighted highest).
\b
  item:norco outcome:upheld           field queries (AND is implied)
  "functional improvement"            exact phrase (negations kept)
  "weaning opioids"~5                 words within 5 of each other
  hydroco*                            word starts (3+ letters first)
  acupuncture OR chiropractic         either; NOT x or -x excludes
  decided:2016-12-01..2017-01-31      date ranges; also decided:2016, decided:>=2017-01-01
  category:imaging outcome:overturned
Synonyms (Norco = hydrocodone, PT = physical therapy...) apply unless --no-synonyms.
"""


@cli.command(help=QUERY_HELP)
@click.argument("query")
@click.option("--index", "index_dir", default=DEFAULT_INDEX, show_default=True, help="Index directory.")
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance", show_default=True)
@click.option("--no-synonyms", is_flag=True, help="Match only the words typed.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object (the /api/search contract).")
def search(query: str, index_dir: str, page: int, sort: str, no_synonyms: bool, as_json: bool) -> None:
    from .search import search as run_search
    from .store import IndexHandle

    try:
        result = run_search(IndexHandle(index_dir), query, page=page, sort=sort, synonyms=not no_synonyms)
    except QueryError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except (IndexMissing, SearchTimeout) as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    print_result(result)


@cli.command()
@click.option("--index", "index_dir", default=DEFAULT_INDEX, show_default=True, help="Index directory.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=lambda: int(os.environ.get("PORT", 8000)),
              show_default="8000 or $PORT")
@click.option("--threads", type=click.IntRange(1, 64), default=8, show_default=True, help="Threads per worker.")
@click.option("--workers", type=click.IntRange(1, 64), default=lambda: os.cpu_count() or 1,
              show_default="the number of CPUs",
              help="Server processes sharing the port; a worker that dies is replaced. 1 = a single process.")
def serve(index_dir: str, host: str, port: int, threads: int, workers: int) -> None:
    """Serve the web front end with a production WSGI server (waitress).

    A rebuild switched in while serving is picked up without a restart. SIGTERM or Ctrl-C stops
    every worker.

    Example: indexer serve --index index/ --port 8000 --workers 2
    """
    from web.serve import serve as run_server

    run_server(index_dir, host=host, port=port, threads=threads, workers=workers)


if __name__ == "__main__":  # python -m indexer.cli
    cli()
