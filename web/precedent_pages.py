"""Precedent analytics pages: outcomes per treatment and per cited guideline section, and their JSON."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, request
from markupsafe import Markup

from indexer.precedents import reports

from . import cache, present

bp = Blueprint("analytics", __name__)
LIST_PAGE = 100
CHART_HEIGHT = 120
BAR_WIDTH = 44


def _page() -> int:
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        return 1


def _treatment(name: str) -> dict:
    """The report of a treatment, computed once per build for the page, its JSON twin and every worker."""
    live = present.live()
    report = cache.shared(live, f"treatment/{name}", lambda: reports.treatment_report(live, name))
    if report is None:
        abort(404, description=f"No decisions on a treatment named {name}.")
    return report


def _section(name: str) -> dict:
    """The report of a guideline section (one page of its decisions), computed once per build."""
    live, page = present.live(), _page()
    report = cache.shared(live, f"section/{name}?page={page}", lambda: reports.section_report(live, name, page))
    if report is None:
        abort(404, description=f"No decision cites a guideline section named {name}.")
    return report


def _listing(rows: list[dict]) -> dict:
    """One page of an index listing."""
    pages = max(1, -(-len(rows) // LIST_PAGE))
    page = min(_page(), pages)
    return {"page": page, "pages": pages, "total": len(rows),
            "items": rows[(page - 1) * LIST_PAGE:page * LIST_PAGE]}


def _index_page(template: str, rows: list[dict]) -> str:
    return render_template(template, listing=_listing(rows), present=present, q="")


def _report_page(template: str, report: dict) -> str:
    return render_template(template, r=report, chart=year_chart(report["by"]["year"]), present=present, q="")


@bp.route("/treatment/")
def treatment_index():
    return _index_page("treatments.html", reports.treatment_list(present.live()))


@bp.route("/treatment/<path:name>")
def treatment_page(name: str):
    return _report_page("treatment.html", _treatment(name))


@bp.route("/guideline/")
def guideline_index():
    return _index_page("guidelines.html", reports.section_list(present.live()))


@bp.route("/guideline/<path:section>")
def guideline_page(section: str):
    return _report_page("guideline.html", _section(section))


@bp.route("/api/treatment/")
def api_treatment_index():
    return jsonify(_listing(reports.treatment_list(present.live())))


@bp.route("/api/treatment/<path:name>")
def api_treatment(name: str):
    return jsonify(_treatment(name))


@bp.route("/api/guideline/")
def api_guideline_index():
    return jsonify(_listing(reports.section_list(present.live())))


@bp.route("/api/guideline/<path:section>")
def api_guideline(section: str):
    return jsonify(_section(section))


def year_chart(rows: list[dict]) -> Markup:
    """Decisions per year as stacked SVG bars (upheld below, overturned above), oldest first; colours
    come from classes in style.css. Years with an unknown date are left out of the chart."""
    years = sorted((r for r in rows if r["value"] != "0"), key=lambda r: r["value"])
    if not years:
        return Markup("")
    top = max(r["decisions"] for r in years)
    width, height = BAR_WIDTH * len(years), CHART_HEIGHT + 36
    summary = "; ".join(f"{r['label']}: {r['upheld']} upheld, {r['overturned']} overturned" for r in years)
    parts = [Markup('<svg class="chart" role="img" aria-label="{s}" width="{w}" height="{h}" '
                    'viewBox="0 0 {w} {h}"><title>Decisions per year: {s}</title>')
             .format(s=summary, w=width, h=height)]
    for i, r in enumerate(years):
        x = i * BAR_WIDTH + 6
        up = round(CHART_HEIGHT * r["upheld"] / top)
        over = round(CHART_HEIGHT * r["overturned"] / top)
        base = CHART_HEIGHT + 16
        parts.append(Markup(
            '<g><title>{label}: {d} decisions, {u} upheld, {o} overturned</title>'
            '<rect class="bar-upheld" x="{x}" y="{uy}" width="32" height="{up}"></rect>'
            '<rect class="bar-overturned" x="{x}" y="{oy}" width="32" height="{over}"></rect>'
            '<text x="{tx}" y="{cy}" text-anchor="middle">{d}</text>'
            '<text x="{tx}" y="{ly}" text-anchor="middle">{label}</text></g>'
        ).format(label=r["label"], d=r["decisions"], u=r["upheld"], o=r["overturned"], x=x, up=up, over=over,
                 uy=base - up, oy=base - up - over, tx=x + 16, cy=base - up - over - 3, ly=base + 14))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
