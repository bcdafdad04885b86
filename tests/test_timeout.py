"""A search that would run past its deadline stops and answers 503 with a message, never hangs a thread."""
from __future__ import annotations

import pytest

from indexer.errors import SearchTimeout
from indexer.search import search
from web import create_app

SLOW = '"pain necessary"~20'  # proximity of words seldom side by side: confirmed on the stored text


def test_positional_work_past_the_deadline_raises(handle):
    with pytest.raises(SearchTimeout, match="took too long"):
        search(handle, SLOW, seconds=0)
    assert search(handle, SLOW).total > 0  # the same search with time to run answers


@pytest.mark.parametrize("url", [f"/search?q={SLOW}", f"/api/search?q={SLOW}", f"/search.csv?q={SLOW}"])
def test_timeout_is_a_503_with_a_message(seeds_index, url):
    app = create_app({"INDEX_DIR": str(seeds_index), "SEARCH_SECONDS": 0, "TESTING": True})
    response = app.test_client().get(url)
    assert response.status_code == 503
    assert b"took too long" in response.data
    assert b"Traceback" not in response.data
