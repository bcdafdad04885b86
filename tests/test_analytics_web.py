"""Treatment and guideline pages and their JSON over the bundled letters: the numbers, 404s, escaping."""
from __future__ import annotations

from pathlib import Path

import pytest
from flask import url_for
from markupsafe import escape

from indexer.precedents import reports
from indexer.search import search
from web import create_app
from web.precedent_pages import year_chart

from .helpers import DECISION_TRUTH as TRUTH
from .reference import wilson

TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"


@pytest.fixture(scope="module")
def client(seeds_index):
    return create_app({"INDEX_DIR": str(seeds_index), "TESTING": True}).test_client()


def _truth(name: str) -> tuple[int, int]:
    sides = [d["outcome"] for d in TRUTH if d["treatment"].name == name]
    return sides.count("Upheld"), sides.count("Overturned")


def _percent(x: float) -> str:
    return f"{x * 100:.0f}%"


@pytest.mark.parametrize("name", ["hydrocodone/acetaminophen", "physical therapy", "MRI lumbar spine",
                                  "TENS unit", "cyclobenzaprine"])
def test_treatment_page_shows_the_truth_counts_rate_and_interval(client, name):
    upheld, overturned = _truth(name)
    n = upheld + overturned
    low, high = wilson(overturned, n)
    page = client.get(f"/treatment/{name}").get_data(as_text=True)
    assert f"<h1>Treatment: {escape(name)}</h1>" in page
    assert f"<strong>{n}</strong> decision{'s' * (n != 1)}" in page
    assert f'Upheld</span> {upheld} &nbsp; <span class="badge overturned">Overturned</span> {overturned}' in page
    assert f"Overturn rate {_percent(overturned / n)} of {n} (95% interval {_percent(low)}–{_percent(high)})" in page
    assert ("Caution: only" in page) == (n < 30)
    assert "They are not predictions" in page
    with client.application.test_request_context():
        link = url_for("views.search_page", q=f'treatment:"{name}"')
    assert f'href="{escape(link)}"' in page and link.startswith("/search?q=treatment")


def test_the_under_30_warning_and_the_examples(client, handle):
    page = client.get("/treatment/hydrocodone/acetaminophen").get_data(as_text=True)
    assert "Caution: only 8 decisions: too few to rely on this rate." in page
    report = reports.treatment_report(handle, "hydrocodone/acetaminophen")
    examples = report["examples"]["upheld"] + report["examples"]["overturned"]
    assert len(report["examples"]["upheld"]) == 3 and len(report["examples"]["overturned"]) == 2
    for e in examples:
        assert f'<a href="/case/{e["letter"]}#d{e["decision"]}">{escape(e["item"])}</a>' in page
    assert '<svg class="chart" role="img"' in page
    assert search(handle, 'treatment:"hydrocodone/acetaminophen"').total == 8


def test_physical_therapy_tables(client, handle):
    page = client.get("/treatment/physical%20therapy").get_data(as_text=True)
    assert "Caution: only" not in page  # 39 decisions
    report = reports.treatment_report(handle, "physical therapy")
    for row in report["by"]["specialty"] + report["by"]["quantity"]:
        assert f"<th scope=\"row\">{escape(row['label'])}</th>\n<td>{row['decisions']}</td>" in page
    assert "Physical Medicine &amp; Rehabilitation" in page
    with client.application.test_request_context():
        links = [url_for("analytics.guideline_page", section=row["value"]) for row in report["by"]["section"]]
    assert links and all(f'<a href="{escape(link)}">' in page for link in links)


@pytest.mark.parametrize("name", ["hydrocodone/acetaminophen", "physical therapy"])
def test_treatment_json_twin(client, handle, name):
    response = client.get(f"/api/treatment/{name}")
    assert response.status_code == 200
    assert response.get_json() == reports.treatment_report(handle, name)
    assert response.get_json()["stats"]["decisions"] == sum(_truth(name))


def test_treatment_index_lists_every_treatment_by_count(client, handle):
    first = client.get("/treatment/").get_data(as_text=True)
    second = client.get("/treatment/?page=2").get_data(as_text=True)
    listed = reports.treatment_list(handle)
    assert "142 treatments" in first
    assert first.count('<th scope="row"><a href="/treatment/') == 100
    assert second.count('<th scope="row"><a href="/treatment/') == 42
    assert '<a href="/treatment/physical%20therapy">physical therapy</a></th><td>therapy</td><td>39</td><td>5</td>' in first
    assert client.get("/api/treatment/").get_json()["items"] == listed[:100]
    assert client.get("/treatment/?page=x").status_code == 200


def test_guideline_page_and_json(client, handle):
    page = client.get("/guideline/special%20studies").get_data(as_text=True)
    report = reports.section_report(handle, "special studies")
    assert "<h1>Guideline section: Special Studies</h1>" in page
    assert "Cited by the reviewer in 59 decisions" in page
    assert "newest first, page 1 of 3" in page
    assert page.count('<li><a href="/case/') == 20
    with client.application.test_request_context():
        links = {row["label"]: url_for("analytics.treatment_page", name=row["value"]) for row in report["by"]["treatment"]}
    assert len(links) == len(report["by"]["treatment"]) == 23
    assert all(f'<a href="{escape(link)}">{escape(label)}</a>' in page for label, link in links.items())
    assert 'rel="next" href="/guideline/special%20studies?page=2"' in page
    last = client.get("/api/guideline/Special Studies?page=3").get_json()
    assert last == reports.section_report(handle, "special studies", page=3)
    assert len(last["decisions"]["items"]) == 19 and last["stats"]["overturned"] == 6
    index = client.get("/guideline/").get_data(as_text=True)
    assert "112 guideline sections" in index
    assert '<a href="/guideline/special%20studies">Special Studies</a></th><td>59</td><td>6</td>' in index


@pytest.mark.parametrize("url, message", [
    ("/treatment/nope", "No decisions on a treatment named nope."),
    ("/guideline/nope", "No decision cites a guideline section named nope."),
])
def test_unknown_names_are_404_pages(client, url, message):
    response = client.get(url)
    assert response.status_code == 404 and message in response.get_data(as_text=True)
    api = client.get("/api" + url)
    assert api.status_code == 404 and api.get_json() == {"error": message}


@pytest.mark.parametrize("url", ["/treatment/<script>alert(1)</script>", '/guideline/"><img src=x onerror=alert(1)>'])
def test_user_text_is_escaped(client, url):
    page = client.get(url).get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page or "&lt;img src=x" in page


def test_templates_never_mark_text_safe():
    for name in ("treatment.html", "treatments.html", "guideline.html", "guidelines.html", "_outcomes.html", "case.html"):
        assert "|safe" not in (TEMPLATES / name).read_text().replace(" ", "")


def test_year_chart_scales_bars_and_escapes_labels():
    rows = [{"value": "2017", "label": "2017", "decisions": 4, "upheld": 3, "overturned": 1},
            {"value": "2016", "label": "<2016>", "decisions": 2, "upheld": 0, "overturned": 2},
            {"value": "0", "label": "date unknown", "decisions": 9, "upheld": 9, "overturned": 0}]
    svg = str(year_chart(rows))
    assert svg.startswith('<svg class="chart" role="img" aria-label="&lt;2016&gt;: 0 upheld, 2 overturned; 2017: 3')
    assert svg.count("<rect") == 4 and "date unknown" not in svg
    assert '<rect class="bar-upheld" x="50" y="46" width="32" height="90">' in svg  # 3 of 4 at full height 120
    assert '<rect class="bar-overturned" x="6" y="76" width="32" height="60">' in svg
    assert str(year_chart([])) == ""


def test_case_page_explains_opposite_precedents(client, handle):
    hit = search(handle, "item:norco").hits[0]
    page = client.get(f"/case/{hit.letter}").get_data(as_text=True)
    assert "<dt>Only in this decision</dt>" in page and "<q>" in page
    assert "Outcomes of past decisions on <a href=\"/treatment/hydrocodone/acetaminophen\">" in page
    body = client.get(f"/api/case/{hit.letter}").get_json()
    opposite = [p for p in body["decisions"][hit.decision - 1]["precedents"] if p["opposite"]]
    assert opposite and all(set(p["contrast"]) == {"this", "precedent"} for p in opposite)
