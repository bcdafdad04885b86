"""Real headless Chromium against a real waitress server over the seeds index."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MISSING = "Chromium not found at /usr/bin/chromium: apt-get install chromium to run browser tests"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(seeds_index):
    """A waitress server on a free local port, in a daemon thread for the whole module."""
    from waitress.server import create_server

    from web import create_app

    server = create_server(create_app({"INDEX_DIR": str(seeds_index)}), host="127.0.0.1", port=0, threads=4)
    closing = threading.Event()

    def run() -> None:
        try:
            server.run()
        except (OSError, ValueError):  # the loop may trip over its own closed socket while shutting down
            if not closing.is_set():
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    closing.set()
    server.close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(base_url):
    if not CHROMIUM.exists():
        pytest.skip(MISSING)
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.errors = errors
        yield page
        browser.close()


def test_search_follow_hit_and_precedent(page, base_url):
    page.goto(base_url + "/")
    page.get_by_label("Search determinations").fill("item:norco")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=item%3Anorco")
    assert "decisions for" in page.locator("h1").inner_text()
    assert page.locator("li.hit").count() > 0
    assert page.locator("svg.bar rect.bar-upheld").count() == 1
    page.screenshot(path=str(SHOTS / "search.png"), full_page=True)

    first = page.locator("li.hit h2 a").first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url("**" + href)
    anchor = href.split("#")[1]
    assert page.locator(f"section#{anchor}").is_visible()
    assert page.locator(f"section#{anchor} mark").count() > 0
    assert page.locator("cite").first.inner_text().startswith("IMR ")
    page.screenshot(path=str(SHOTS / "case.png"), full_page=True)

    precedent = page.locator(f"section#{anchor} ul.precedents a").first
    target = precedent.get_attribute("href")
    precedent.click()
    page.wait_for_url("**" + target)
    assert page.locator(f"section#{target.split('#')[1]}").count() == 1
    assert not [e for e in page.errors if "Content Security Policy" in e]


def test_facet_and_paging(page, base_url):
    page.goto(base_url + "/search?q=medically")
    total_before = page.locator("h1").inner_text()
    page.locator("section[aria-labelledby='f-category'] a").first.click()
    page.wait_for_load_state()
    assert "category%3A" in page.url or "category:" in page.url
    assert page.locator("h1").inner_text() != total_before
    page.goto(base_url + "/search?q=medically")
    page.get_by_role("link", name="Next").click()
    page.wait_for_url("**page=2")
    assert "Page 2 of" in page.locator("nav.pages").inner_text()
    assert not [e for e in page.errors if "Content Security Policy" in e]


def test_keyboard_reaches_the_search_box(page, base_url):
    page.goto(base_url + "/help")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "q"
