"""The Flask front end over the seeds index: every route, every error, the security headers."""
from __future__ import annotations

import csv
import io
import re

import pytest
from markupsafe import escape

from indexer.errors import QueryError
from indexer.search import get_letter, search
from indexer.store.rows import safe_cell
from web import create_app


@pytest.fixture(scope="module")
def app(seeds_index):
    return create_app({"INDEX_DIR": str(seeds_index), "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


def test_index_dir_comes_from_env(monkeypatch, tmp_path):
    monkeypatch.setenv("IMR_INDEX", str(tmp_path))
    assert create_app().config["INDEX_DIR"] == str(tmp_path)
    assert create_app({"INDEX_DIR": "elsewhere"}).config["INDEX_DIR"] == "elsewhere"


@pytest.mark.parametrize("url", ["/", "/help", "/search", "/search?q="])
def test_static_pages_have_a_labelled_search_box(client, url):
    page = client.get(url).get_data(as_text=True)
    assert '<label for="q">' in page and '<main id="content">' in page and "<header" in page


def test_search_page_shows_hits_facets_stats(client, handle):
    page = client.get("/search?q=item:norco").get_data(as_text=True)
    result = search(handle, "item:norco")
    assert f"{result.total} decisions for" in page
    assert 'value="item:norco"' in page
    hit = result.hits[0]
    assert f'href="/case/{hit.letter}?q=item:norco#d{hit.decision}"' in page
    assert "<mark>" in page
    assert 'class="bar"' in page and 'class="bar-upheld"' in page
    assert "outcome%3Aoverturned" in page or "outcome:overturned" in page
    assert "style=" not in page and "<script" not in page


def test_facet_links_narrow_to_the_counted_decisions(client, handle):
    result = search(handle, "norco")
    for name, value, clause in [("outcome", "Overturned", "outcome:overturned"),
                                ("category", "medication", "category:medication"),
                                ("year", "2017", "decided:2017")]:
        assert search(handle, "norco " + clause).total == result.facets[name][value]
        page = client.get("/search?q=norco").get_data(as_text=True)
        assert f'href="/search?q=norco+{clause}"' in page


def test_few_decisions_show_the_warning(client):
    page = client.get("/search?q=item:acupuncture").get_data(as_text=True)
    assert "too few to rely on" in page


def test_sort_and_pagination_links(client, handle):
    result = search(handle, "medically", page=1)
    assert result.pages > 1
    page = client.get("/search?q=medically").get_data(as_text=True)
    assert 'rel="next" href="/search?q=medically&amp;page=2"' in page
    assert 'href="/search?q=medically&amp;sort=newest"' in page
    second = client.get("/search?q=medically&page=2&sort=newest").get_data(as_text=True)
    assert 'rel="prev"' in second and '<strong aria-current="true">newest</strong>' in second


def test_synonyms_listed_and_switchable(client):
    page = client.get("/search?q=norco").get_data(as_text=True)
    assert "Also matched" in page and "hydrocodone" in page and "synonyms=off" in page
    off = client.get("/search?q=norco&synonyms=off").get_data(as_text=True)
    assert "Synonyms are off" in off


def test_did_you_mean_is_a_link(client, handle):
    suggestion = search(handle, "norcoo").suggestion
    assert suggestion
    page = client.get("/search?q=norcoo").get_data(as_text=True)
    assert "Did you mean" in page and f"/search?q={suggestion}" in page


@pytest.mark.parametrize("page_arg", ["abc", "-3", "0", "1.5", "9" * 5000, "99999999999"])
def test_bad_page_numbers_never_fail(client, page_arg):
    assert client.get(f"/search?q=norco&page={page_arg}&sort=bogus").status_code == 200
    assert client.get(f"/api/search?q=norco&page={page_arg}").status_code == 200


def test_huge_page_clamps_to_last(client, handle):
    last = search(handle, "medically").pages
    data = client.get("/api/search?q=medically&page=99999").get_json()
    assert data["page"] == last


BAD_QUERIES = ["foo:bar", '"unclosed', "(", "*pioid", "decided:notadate", "AND", "x" * 1001]


@pytest.mark.parametrize("q", BAD_QUERIES)
def test_bad_query_is_a_400_page_with_message_and_fields(client, q):
    with pytest.raises(QueryError) as info:
        search(client.application.extensions["imr_index"], q)
    response = client.get("/search", query_string={"q": q})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert str(escape(info.value.message)) in page
    assert "<code>rationale</code>" in page


@pytest.mark.parametrize("q", BAD_QUERIES)
def test_bad_query_on_the_api_is_json(client, q):
    response = client.get("/api/search", query_string={"q": q})
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] and "item" in body["fields"]


def test_script_in_query_is_escaped(client):
    page = client.get("/search", query_string={"q": "<script>alert(1)</script>"}).get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize("url", ["/", "/search?q=norco", "/case/nope", "/search?q=(", "/api/search?q=norco"])
def test_security_headers(client, url):
    headers = client.get(url).headers
    assert headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self'")
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_case_page_shows_whole_letter_with_anchors_and_citations(client, handle):
    letter = get_letter(handle, "CM16-0230651") or get_letter(handle, search(handle, "case:CM16*").hits[0].letter)
    page = client.get(f"/case/{letter['key']}").get_data(as_text=True)
    for n, decision in enumerate(letter["decisions"], start=1):
        assert f'id="d{n}"' in page
        assert f'href="/case/{letter["key"]}#d{n}"' in page
        assert f"item {n}: " in page
    assert f"IMR {letter['case_number']} (decided " in page
    assert f'/case/{letter["key"]}/source' in page
    assert "Similar decisions" in page


def test_citation_format():
    from web.present import citation
    letter = {"case_number": "CM16-0230651", "decision_date": "2017-01-09", "key": "CM16-0230651"}
    assert citation(letter, 2, {"item": "Ultram 50mg #60", "outcome": "Upheld"}) == \
        "IMR CM16-0230651 (decided Jan. 9, 2017), item 2: Ultram 50mg #60 \u2014 Upheld"
    seed = {"case_number": None, "decision_date": None, "key": "000_abc"}
    assert citation(seed, 1, {"item": "Norco", "outcome": "Overturned"}) == "IMR 000_abc, item 1: Norco \u2014 Overturned"


def test_case_page_marks_query_terms(client, handle):
    hit = search(handle, "item:norco").hits[0]
    page = client.get(f"/case/{hit.letter}?q=norco").get_data(as_text=True)
    assert "<mark>" in page and "Back to results" in page
    plain = client.get(f"/case/{hit.letter}").get_data(as_text=True)
    assert "<mark>" not in plain


def test_case_page_with_a_bad_query_still_renders(client, handle):
    hit = search(handle, "item:norco").hits[0]
    assert client.get(f"/case/{hit.letter}?q=foo:bar").status_code == 200


@pytest.mark.parametrize("url", ["/case/nope", "/case/nope/source", "/api/case/nope", "/no/such/page"])
def test_unknown_is_404(client, url):
    assert client.get(url).status_code == 404


def test_api_404_is_json(client):
    assert client.get("/api/case/nope").get_json() == {"error": "No letter with the key nope."}


def test_source_serves_pdf_inline_and_text(client, handle):
    key = search(handle, "case:CM16*").hits[0].letter
    pdf = client.get(f"/case/{key}/source")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF") and "attachment" not in pdf.headers.get("Content-Disposition", "")
    seed = client.get("/case/000_9f06bb39291db0e8/source")
    assert seed.status_code == 200 and seed.mimetype == "text/plain"
    pdf.close()
    seed.close()


def test_source_gone_is_404(client, handle, monkeypatch):
    import web.present
    monkeypatch.setattr(web.present, "get_letter", lambda live, key: {"source": "/nonexistent/x.pdf", "key": key})
    assert client.get("/case/anything/source").status_code == 404


def test_source_never_serves_other_file_types(client, monkeypatch):
    import web.present
    monkeypatch.setattr(web.present, "get_letter", lambda live, key: {"source": "/etc/passwd", "key": key})
    assert client.get("/case/anything/source").status_code == 404


def test_api_search_equals_library(client, handle):
    for q, extra in [("norco", ""), ("item:mri", "&sort=newest"), ("medically", "&page=2")]:
        body = client.get(f"/api/search?q={q}{extra}").get_json()
        page = 2 if "page=2" in extra else 1
        sort = "newest" if "newest" in extra else "relevance"
        assert body == search(handle, q, page=page, sort=sort).to_dict()


def test_api_case_has_precedents(client, handle):
    hit = search(handle, "item:norco").hits[0]
    body = client.get(f"/api/case/{hit.letter}").get_json()
    assert body["key"] == hit.letter
    precedents = body["decisions"][hit.decision - 1]["precedents"]
    assert precedents and all(p["letter"] != hit.letter for p in precedents)


def test_csv_has_every_hit(client, handle):
    result = search(handle, "medically", page_size=10000)
    response = client.get("/search.csv?q=medically")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["case", "decision", "date", "item", "outcome", "specialty", "category", "url"]
    assert len(rows) - 1 == result.total > 20
    assert rows[1][7].endswith(result.hits[0].url)


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("Norco 10/325", "Norco 10/325"), (3, "3"), (None, ""),
])
def test_csv_cells_cannot_be_formulas(value, expected):
    assert safe_cell(value) == expected


def test_csv_bad_query_is_400(client):
    assert client.get("/search.csv?q=foo:bar").status_code == 400


def test_no_index_is_503_with_the_hint(tmp_path):
    client = create_app({"INDEX_DIR": str(tmp_path), "TESTING": True}).test_client()
    for url in ["/search?q=norco", "/case/x", "/api/search?q=norco"]:
        response = client.get(url)
        assert response.status_code == 503
        assert "indexer build seeds/" in response.get_data(as_text=True)
    assert client.get("/").status_code == 200


def test_unexpected_error_is_a_plain_500(client, monkeypatch):
    import web.present
    def boom(*a, **k):
        raise RuntimeError("secret internals")
    monkeypatch.setattr(web.present, "search", boom)
    client.application.config["PROPAGATE_EXCEPTIONS"] = False
    client.application.testing = False
    try:
        response = client.get("/search?q=norco")
    finally:
        client.application.testing = True
    assert response.status_code == 500
    assert "secret internals" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_csv_link_keeps_the_synonyms_choice(client):
    links = {on: re.search(r'href="(/search\.csv[^"]*)"', client.get(f"/search?q=norco{on}").get_data(as_text=True))[1]
             for on in ("", "&synonyms=off")}
    assert "synonyms=off" in links["&synonyms=off"] and "synonyms" not in links[""]


def test_case_page_notes_a_parse_with_warnings_discreetly_and_escaped(tmp_path):
    from indexer.build import build_index

    from .helpers import LETTER, letters_dir
    folder = letters_dir(tmp_path, ["CM16-0230651.pdf"])
    (folder / "doubtful.txt").write_text(LETTER.replace("Decision Date: 01/09/2017", "Decision Date:")
                                         .replace("Norco\n10/325mg #60 is:", "Norco <img src=x>\n10/325mg #60 is:"))
    build_index([str(folder)], tmp_path / "ix", jobs=1)
    client = create_app({"INDEX_DIR": str(tmp_path / "ix"), "TESTING": True}).test_client()
    page = client.get("/case/CM16-0000001").get_data(as_text=True)
    assert '<details class="parse-warnings"><summary>Parsed with warnings</summary>' in page
    assert "<li><code>decision_date</code>: label found but no value</li>" in page
    assert "Norco &lt;img src=x&gt; 10/325mg #60" in page and "<img src=x>" not in page
    assert "parse-warnings" not in client.get("/case/CM16-0230651").get_data(as_text=True)
