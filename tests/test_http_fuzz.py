"""Every route under random and adversarial requests: never a 5xx (a search that ran out of time may say so
with a 503), every 4xx says what was wrong, and markup from the request never comes back as markup."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from web import create_app

KEY = "CM16-0234202"  # a letter with one decision: its page is quick to make
MARKUP = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><script>alert(2)</script>',
          "' onfocus='alert(3)", '" autofocus onfocus="alert(4)')
RAW_MARKUP = ("<script", "<img", "onfocus='alert", 'onfocus="alert')
ERROR_MESSAGE = re.compile(r'<p class="error" role="alert">([^<]+)</p>')


@pytest.fixture(scope="module")
def app(seeds_index):
    return create_app({"INDEX_DIR": str(seeds_index), "TESTING": True})


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def routes(app, client) -> list[tuple[str, dict[str, str]]]:
    """Every GET rule of the app (new ones included), with a value that exists for each of its variables."""
    valid = {"key": KEY, "filename": "style.css"}
    for listing, field, arg in (("/api/treatment/", "treatment", "name"), ("/api/guideline/", "key", "section")):
        response = client.get(listing)
        if response.status_code == 200:
            valid[arg] = response.get_json()["items"][0][field]
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" in rule.methods:
            found.append((rule.rule, {arg: valid.get(arg, "x") for arg in rule.arguments}))
    assert {"/", "/search", "/case/<key>", "/case/<key>/source", "/help", "/api/search", "/api/case/<key>",
            "/search.csv"} <= {rule for rule, _ in found}
    return found


def fill(rule: str, values: dict[str, str]) -> str:
    """The path of a rule with its variables replaced by already-quoted values."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: values[m.group(1)], rule)


def check(response, path: str) -> None:
    """The claims that hold for every response, whatever was asked."""
    body = response.get_data().decode("utf-8", "replace")  # the source route may send a PDF
    status = response.status_code
    if status == 503:
        assert "took too long" in body, (path, body[:300])
    else:
        assert status < 500, (path, status, body[-500:])
    if 400 <= status < 500:
        if response.is_json:
            assert response.get_json()["error"].strip(), path
        else:
            assert ERROR_MESSAGE.search(body) and ERROR_MESSAGE.search(body).group(1).strip(), (path, body[-500:])
    if response.mimetype == "text/html":
        for raw in RAW_MARKUP:
            assert raw not in body, (path, raw)
    response.close()


QUERY_STRINGS = [
    "q=norco&page=2&sort=newest&synonyms=off",
    "q=norco&page=99999999999999999999999&sort=sideways&synonyms=maybe",
    "q=norco&page=-5",
    "q=norco&page=abc",
    "q=norco&page=" + "9" * 5000,
    "q=norco&page=%EF%BC%93&sort=",  # a full-width digit
    "q=norco&q=mri&sort=newest&sort=oldest&page=2&page=3",
    "q=" + "a" * 10_000,
    "q=%ff%fe%fd&page=%ff",
    "q=%00norco%00&sort=%00",
    "q=norco&" + "&".join(f"x{i}=1" for i in range(500)),
    'q=item:"' + "a " * 400 + '"~99',
    "q=" + quote(MARKUP[0]) + "&sort=" + quote(MARKUP[1]) + "&page=" + quote(MARKUP[2]) + "&synonyms=" + quote(MARKUP[3]),
    "q=" + quote("item:" + MARKUP[2] + " " + MARKUP[4]),
    "=&&=&q&page&sort&q=%zz&page=%",
]


@pytest.mark.parametrize("query_string", QUERY_STRINGS, ids=lambda s: s[:40])
def test_adversarial_parameters_on_every_route(client, routes, query_string):
    for rule, values in routes:
        path = fill(rule, {arg: quote(value, safe="") for arg, value in values.items()})
        check(client.get(path, query_string=query_string), f"{path}?{query_string[:80]}")


RAW_QUERY_STRINGS = ["q=\xff\xfe norco", "q=norco&page=\xff", "sort=\x00&q=\x80\x81", "q=\xc0\xae\xc0\xae/"]


@pytest.mark.parametrize("raw", RAW_QUERY_STRINGS)
def test_raw_non_utf8_bytes_in_the_query_string_are_a_400_saying_so(client, routes, raw):
    for rule, values in routes:
        path = fill(rule, {arg: quote(value, safe="") for arg, value in values.items()})
        # WSGI carries the raw bytes as latin-1 characters: no percent-encoding, exactly what arrives
        response = client.get(path, environ_overrides={"QUERY_STRING": raw})
        assert response.status_code == 400, path
        assert "not UTF-8 text" in response.get_data(as_text=True)
        check(response, f"{path}?{raw!r}")


PATH_VALUES = [
    "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%252e%252e%252fetc",
    "....//....//etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "%2Fetc%2Fpasswd", "%00", "..%00/x",
    "%", "%zz", "%ff%fe", ".", "..", "a" * 10_000, quote(MARKUP[0], safe=""), quote(MARKUP[2], safe=""),
    quote("\u202eevil\u202c 中文 🙂", safe=""), "CON", "index.html", "%0d%0aSet-Cookie:%20x=1",
    KEY + "%2F..%2F..%2Fsetup.cfg", KEY + "%00.pdf", KEY + "/..",
]


@pytest.mark.parametrize("value", PATH_VALUES, ids=lambda s: s[:30])
def test_adversarial_path_values_on_every_route_with_variables(client, routes, value):
    for rule, values in routes:
        if values:
            path = fill(rule, {arg: value for arg in values})
            check(client.get(path), path[:200])


@pytest.mark.parametrize("raw_path", ["/case/\xff\xfe", "/case/\xc0\xae\xc0\xae/source", "/api/case/\x80",
                                      "/treatment/\xff", "/guideline/\xfe/\xff", "/\xff", "/static/\xc0\xae\xc0\xae/x"])
def test_raw_non_utf8_bytes_in_the_path(client, raw_path):
    check(client.get("/", environ_overrides={"PATH_INFO": raw_path}), repr(raw_path))


def test_source_route_never_serves_a_file_named_in_the_url(client):
    for value in PATH_VALUES:
        response = client.get(f"/case/{value}/source")
        assert response.status_code == 404, value
        assert b"root:" not in response.data and b"[metadata]" not in response.data
        response.close()


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_a_message(client, routes, method):
    for rule, values in routes:
        path = fill(rule, {arg: quote(value, safe="") for arg, value in values.items()})
        response = client.open(path, method=method, data={"q": MARKUP[0]})
        assert response.status_code == 405, path
        check(response, path)


def test_head_answers_like_get_without_a_body(client, routes):
    for rule, values in routes:
        path = fill(rule, {arg: quote(value, safe="") for arg, value in values.items()})
        head, get = client.head(path, query_string="q=norco"), client.get(path, query_string="q=norco")
        assert (head.status_code, head.data) == (get.status_code, b""), path
        head.close()
        get.close()


PARAM_NAMES = st.sampled_from(["q", "page", "sort", "synonyms"]) | st.text(max_size=8)
PARAM_VALUES = (st.text(max_size=60) | st.sampled_from(MARKUP) | st.integers().map(str)
                | st.sampled_from(["newest", "oldest", "relevance", "off", "norco", "item:mri", '"', "(", "*", "-"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), params=st.lists(st.tuples(PARAM_NAMES, PARAM_VALUES), max_size=6))
def test_random_requests_on_every_route(client, routes, data, params):
    rule, values = data.draw(st.sampled_from(routes))
    path_values = {arg: quote(data.draw(st.sampled_from([value]) | st.text(min_size=1, max_size=40)), safe="")
                   for arg, value in values.items()}
    path = fill(rule, path_values)
    check(client.get(path, query_string=params), f"{path} {params!r}")


@pytest.mark.parametrize("q", ["(" * 300 + "norco", "(" * 300 + "norco" + ")" * 300, "(-" * 300 + "norco"])
def test_deeply_nested_query_is_a_400(client, q):
    response = client.get("/api/search", query_string={"q": q})
    assert response.status_code == 400 and response.get_json()["error"]


def test_query_with_markup_comes_back_escaped_in_the_form_and_links(client):
    page = client.get("/search", query_string={"q": "norco " + MARKUP[4]}).get_data(as_text=True)
    assert 'value="norco &#34; autofocus onfocus=&#34;alert(4)"' in page
    assert 'onfocus="alert' not in page
