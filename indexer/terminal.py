"""Readable, coloured search results for a terminal (click strips colour when not a terminal)."""
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
