"""What the CLI shows on a terminal: readable, coloured search results (click strips colour when not a
terminal) and the build's progress bar."""
from __future__ import annotations

import html
import re

import click

_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)


def _plain(snippet: str) -> str:
    """Snippet HTML as terminal text: marks in bold yellow, entities decoded."""
    parts = _MARK.split(str(snippet))
    return "".join(click.style(html.unescape(p), fg="yellow", bold=True) if i % 2 else html.unescape(p)
                   for i, p in enumerate(parts))


def print_result(result) -> None:
    stats = result.stats
    rate = f"{stats['overturn_rate']:.1%} overturned (95% CI {stats['ci_low']:.1%}–{stats['ci_high']:.1%})" \
        if stats["decisions"] else "no decisions"
    click.echo(click.style(f"{result.total} decisions", bold=True) + f" · {rate} · page {result.page}/{result.pages}")
    if stats["warning"]:
        click.echo(click.style(f"  note: {stats['warning']}", fg="magenta"))
    for line in result.synonyms:
        click.echo(click.style(f"  also matched {line}", dim=True))
    if result.suggestion:
        click.echo(f"  did you mean: {click.style(result.suggestion, bold=True)}")
    for hit in result.hits:
        colour = "green" if hit.outcome == "Overturned" else "red"
        click.echo()
        click.echo(f"{click.style(hit.outcome.upper(), fg=colour, bold=True)}  {_plain(hit.item_marked)}")
        click.echo(click.style(f"  {hit.case or hit.letter} item {hit.decision} · {hit.decision_date or 'undated'}"
                               f" · {', '.join(hit.specialty)} · {hit.category} · {hit.url}", dim=True))
        for snippet in hit.snippets:
            click.echo(f"  … {_plain(snippet)}")
    for name, counts in result.facets.items():
        if counts:
            shown = ", ".join(f"{k} {v}" for k, v in list(counts.items())[:6])
            click.echo(click.style(f"\n{name}: ", bold=True) + shown, nl=False)
    click.echo()


class BuildProgress:
    """The build's progress as a click.progressbar on stderr: letters parsed of all, and the time left.
    The bar is made on the first report, when the build knows how many letters it reads; it is
    redrawn every REDRAW letters and at the last."""

    REDRAW = 25

    def __init__(self) -> None:
        self.bar = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if done != total and done % self.REDRAW:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="  letters", show_pos=True, width=30,
                                         file=click.get_text_stream("stderr"))
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()
