"""The response cache (web/cache.py): hits are byte-identical, only 200s are kept, a rebuild empties it."""
from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest

from indexer.build import build_index
from web import api, create_app
from web.shared_cache import SharedCache

from .helpers import SEEDS

TEXTS = sorted(str(p) for p in SEEDS.glob("*.txt"))  # the 5 sample letters


def cached_app(index, folder):
    return create_app({"INDEX_DIR": str(index), "TESTING": True, "RESPONSE_CACHE_DIR": str(folder)})


@pytest.fixture(scope="module")
def client(seeds_index, tmp_path_factory):
    return cached_app(seeds_index, tmp_path_factory.mktemp("cache")).test_client()


@pytest.mark.parametrize("url", [
    "/search?q=norco", "/search?q=norco&page=2", "/api/search?q=norco", "/search.csv?q=medically",
    "/treatment/", "/api/guideline/", "/search?q=norco&sort=newest",
])
def test_second_ask_is_a_hit_with_the_same_body(client, url):
    url += "&cache=test" if "?" in url else "?cache=test"  # a URL no other test asked for
    first = client.get(url)
    body = first.get_data()  # a streamed answer (the CSV) is kept once it has all been sent
    second = client.get(url)
    assert (first.status_code, first.headers["X-Cache"]) == (200, "miss")
    assert (second.status_code, second.headers["X-Cache"]) == (200, "hit")
    assert second.get_data() == body
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_case_pages_and_their_json_are_cached(client, handle):
    from indexer.search import search

    key = search(handle, "item:norco").hits[0].letter
    for url in (f"/case/{key}?q=norco", f"/api/case/{key}"):
        first = client.get(url)
        body = first.get_data()
        second = client.get(url)
        assert [first.headers["X-Cache"], second.headers["X-Cache"]] == ["miss", "hit"]
        assert second.get_data() == body


@pytest.mark.parametrize("url, status", [("/search?q=foo:bar", 400), ("/api/search?q=(", 400),
                                         ("/case/no-such-letter", 404), ("/api/case/no-such-letter", 404)])
def test_only_200_answers_are_kept(client, url, status):
    assert [client.get(url).headers["X-Cache"] for _ in range(2)] == ["miss", "miss"]
    assert client.get(url).status_code == status


@pytest.mark.parametrize("url", ["/", "/help", "/static/style.css"])
def test_pages_that_need_no_index_are_not_cached(client, url):
    with client.get(url) as response:
        assert response.status_code == 200 and "X-Cache" not in response.headers


def test_csv_streamed_in_chunks_is_the_whole_result_in_order(client, handle, monkeypatch):
    from indexer.search import search

    monkeypatch.setattr(api, "CSV_CHUNK", 7)
    rows = list(csv.reader(io.StringIO(client.get("/search.csv?q=medically&sort=newest").get_data(as_text=True))))
    expected = search(handle, "medically", sort="newest", page_size=10_000).hits
    assert [(r[0], int(r[1])) for r in rows[1:]] == [(h.case or h.letter, h.decision) for h in expected]


def test_csv_stops_at_the_limit(client, monkeypatch):
    monkeypatch.setattr(api, "CSV_CHUNK", 7)
    monkeypatch.setattr(api, "CSV_LIMIT", 10)
    rows = client.get("/search.csv?q=medically&limit=test").get_data(as_text=True).splitlines()
    assert len(rows) == 1 + 10


def test_a_rebuild_is_answered_from_the_new_build_not_the_cache(tmp_path):
    build_index(TEXTS[:2], tmp_path, jobs=1)
    client = cached_app(tmp_path, tmp_path / "cache").test_client()
    before = client.get("/api/search?q=outcome:upheld OR outcome:overturned")
    assert client.get("/api/search?q=outcome:upheld OR outcome:overturned").headers["X-Cache"] == "hit"
    build_index(TEXTS, tmp_path, jobs=1)
    time.sleep(0.6)  # the app rechecks `current` every 0.5 s
    after = client.get("/api/search?q=outcome:upheld OR outcome:overturned")
    assert after.headers["X-Cache"] == "miss"
    assert after.get_json()["total"] > before.get_json()["total"]
    assert client.get("/api/search?q=outcome:upheld OR outcome:overturned").headers["X-Cache"] == "hit"


def _sizes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.iterdir())


def test_cache_removes_the_oldest_entries_beyond_its_size(tmp_path):
    cache = SharedCache(tmp_path, max_bytes=3200)  # one entry may take 400 bytes; a check every 200 written
    cache.put("/ix/b1", "/early", [], b"x" * 100)  # nothing is kept for a build this process does not serve
    assert cache.get("/ix/b1", "/early") is None
    for n in range(30):
        cache.put("/ix/b1", f"/{n}", [["Content-Type", "text/plain"]], b"x" * 200)
        time.sleep(0.01)  # distinct modification times: the oldest go first
    assert _sizes(tmp_path / "b1") <= 3200
    assert cache.get("/ix/b1", "/29") == ([["Content-Type", "text/plain"]], b"x" * 200)
    assert cache.get("/ix/b1", "/0") is None
    assert 8 <= len(cache) < 30
    cache.put("/ix/b1", "/big", [], b"x" * 401)  # more than an eighth: never kept
    assert cache.get("/ix/b1", "/big") is None


def test_cache_forgets_the_old_build_when_the_build_changes(tmp_path):
    cache, other_worker = SharedCache(tmp_path), SharedCache(tmp_path)
    cache.get("/ix/b1", "/")
    cache.put("/ix/b1", "/", [], b"old")
    assert other_worker.get("/ix/b1", "/") == ([], b"old")  # shared by the workers
    assert cache.get("/ix/b2", "/") is None and not (tmp_path / "b1").exists()
    cache.put("/ix/b1", "/", [], b"late answer of the old build")  # a view that ran across the switch
    assert cache.get("/ix/b2", "/") is None and not (tmp_path / "b1").exists()


def test_an_entry_answers_only_its_own_url(tmp_path):
    cache = SharedCache(tmp_path)
    cache.get("/ix/b1", "/a")
    cache.put("/ix/b1", "/a", [], b"A")
    path = cache._path("/ix/b1", "/a")
    path.rename(cache._path("/ix/b1", "/b"))  # as if two URLs shared a file name
    assert cache.get("/ix/b1", "/b") is None


def test_an_app_made_without_a_cache_folder_answers_afresh(seeds_index):
    client = create_app({"INDEX_DIR": str(seeds_index)}).test_client()
    assert "X-Cache" not in client.get("/search?q=norco").headers



def test_a_shared_value_is_computed_once_for_all_workers(seeds_index, tmp_path):
    from web.cache import shared

    workers = [cached_app(seeds_index, tmp_path) for _ in range(2)]  # two apps, one folder: two workers
    calls = []

    def compute():
        calls.append(1)
        return {"answer": [1, 2.5, "x"]}
    for app in workers + workers:
        with app.app_context():
            live = app.extensions["imr_index"].live()
            assert shared(live, "test/value", compute) == {"answer": [1, 2.5, "x"]}
    assert len(calls) == 1
    with create_app({"INDEX_DIR": str(seeds_index)}).app_context() as ctx:  # no folder: just computed
        assert shared(ctx.app.extensions["imr_index"].live(), "test/value", compute) == {"answer": [1, 2.5, "x"]}
    assert len(calls) == 2


def test_precedents_computed_by_one_worker_are_read_by_the_other(seeds_index, handle, tmp_path):
    from indexer.search import search

    key = search(handle, "item:norco").hits[0].letter
    first, second = (cached_app(seeds_index, tmp_path).test_client() for _ in range(2))
    mine = first.get(f"/api/case/{key}").get_json()
    folder = next(p for p in tmp_path.iterdir() if p.is_dir())
    assert len(list(folder.iterdir())) == 1 + len(mine["decisions"])  # the answer and each decision's precedents
    theirs = second.get(f"/api/case/{key}?other=worker").get_json()
    assert [d["precedents"] for d in theirs["decisions"]] == [d["precedents"] for d in mine["decisions"]]
    assert any(d["precedents"] for d in mine["decisions"])


def test_a_precedent_report_is_computed_once_for_its_page_its_twin_and_every_worker(seeds_index, handle, tmp_path):
    from urllib.parse import quote

    from indexer.precedents import reports
    from web.cache import MEMO_PREFIX

    name = reports.treatment_list(handle)[0]["treatment"]
    first, second = (cached_app(seeds_index, tmp_path).test_client() for _ in range(2))
    assert first.get(f"/treatment/{quote(name, safe='')}").status_code == 200
    store = SharedCache(tmp_path)
    build = str(handle.live().build)
    assert store.get(build, MEMO_PREFIX + f"treatment/{name}") is not None  # kept beside the page itself
    twin = second.get(f"/api/treatment/{quote(name, safe='')}")
    assert twin.headers["X-Cache"] == "miss" and twin.get_json() == reports.treatment_report(handle, name)
