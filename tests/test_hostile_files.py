"""One build over a folder of broken, hostile and good files: each is indexed correctly or reported with a reason,
the build goes on, and markup from a letter never reaches a page unescaped."""
from __future__ import annotations

import csv
import io
import random
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from indexer.build import build_index
from indexer.build.pool import FILE_SECONDS
from indexer.letters.extract import MAX_TEXT_BYTES
from indexer.search import get_letter, search
from indexer.store import IndexHandle, current_build, read_manifest
from synth import generate, layout as synth_layout, letter as synth_letter
from web import create_app

from .helpers import SEEDS

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ATTRIBUTE = '"><script>alert(2)</script>'
FORMULA = '=HYPERLINK("http://evil.example/","Tramadol 50mg")'
MARKUP_ITEM = f"Norco 10/325mg #60 {IMG}"


def synth_modules():
    return generate, synth_layout, synth_letter


def letter_bytes(letter: dict) -> bytes:
    """A synthetic letter (after its items were edited) laid out as text, as synth/generate.py writes it."""
    _, layout, synth = synth_modules()
    letter["blocks"] = synth.blocks(random.Random(0), letter)
    return layout.letter_text(layout.paginate(letter["blocks"])).encode("utf-8")


def simple_items(seed: int, start: int, count: int) -> list[dict]:
    """`count` distinct disputed items (with their guidelines and rationales) taken from generated letters."""
    _, _, synth = synth_modules()
    items, names = [], set()
    index = start
    while len(items) < count:
        for it in synth.build_letter(seed, index)["items"]:
            if it["original_request"] is None and it["item"].lower() not in names and len(items) < count:
                names.add(it["item"].lower())
                items.append(it)
        index += 1
    return items


def script_letter() -> tuple[bytes, dict]:
    """A letter whose item, rationale and summary carry markup, and whose second item is a spreadsheet formula."""
    _, _, synth = synth_modules()
    letter = synth.build_letter(21, 500)
    first, second = simple_items(21, 600, 2)
    first = dict(first, item=MARKUP_ITEM, outcome="Upheld")
    first["rationale"] = [first["rationale"][0] + f" The note quoted {SCRIPT} and {IMG} verbatim."] + first["rationale"][1:]
    second = dict(second, item=FORMULA, outcome="Overturned")
    letter["items"] = [first, second]
    letter["summary"] = [letter["summary"][0] + f" The worker typed {ATTRIBUTE} into the form."] + letter["summary"][1:]
    return letter_bytes(letter), letter


def forty_item_letter() -> tuple[bytes, dict]:
    _, _, synth = synth_modules()
    letter = synth.build_letter(21, 700)
    letter["items"] = simple_items(21, 800, 40)
    return letter_bytes(letter), letter


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def blank_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 80, style="F")  # a drawing, no text: what a scan without OCR looks like
    pdf.output(str(path))


def locked_pdf(path: Path, text: str) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for n, line in enumerate(text.splitlines()[:40]):
        pdf.text(15, 15 + 6 * n, line.encode("latin-1", "replace").decode("latin-1"))
    pdf.output(str(path))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict:
    """The corpus, one build over it, and what each file should become."""
    generate, _, _ = synth_modules()
    gen = tmp_path_factory.mktemp("generated")
    generate.generate(str(gen), 7, seed=21, pdf=1, jobs=1)
    pdf = next((gen / "pdf").glob("*.pdf"))
    generated = sorted(p for p in (gen / "txt").rglob("*.txt") if p.stem != pdf.stem)
    folder = tmp_path_factory.mktemp("hostile")
    good = {}  # file name -> letter key (case number, or the file name for letters printed without one)

    def put(name: str, data: bytes | str, key: str | None = None) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        if key:
            good[name] = key
        return path

    for seed in sorted(SEEDS.glob("*.txt")):
        put(f"seeds/{seed.name}", seed.read_bytes(), seed.stem)
    for path in generated[:3]:
        put(f"generated/{path.name}", path.read_bytes(), path.stem)
    put(f"generated/{pdf.name}", pdf.read_bytes(), pdf.stem)
    put(f"generated/{pdf.stem}.txt", (gen / "txt" / "0000" / f"{pdf.stem}.txt").read_bytes())  # same case, as text
    script, script_meta = script_letter()
    put("markup letter.txt", script, script_meta["case_number"])
    forty, forty_meta = forty_item_letter()
    put("forty items.txt", forty, forty_meta["case_number"])
    twin = generated[3].read_bytes()
    put("dup two.txt", twin, generated[3].stem)
    put("dup-one.txt", twin)
    put("letter with   spaces.txt", generated[4].read_bytes(), generated[4].stem)
    unicode_name = "Ünïcödé lettre – 中文 #2?.txt"
    put(unicode_name, seed_text("001_ec44e932cb4293ad.txt").replace("Decision rationale:", "Decision rationale: Note.", 1),
        Path(unicode_name).stem)
    windows = generated[5].read_text(encoding="utf-8").replace("\ufffe", "-")
    windows = windows.replace("Decision rationale:", "Decision rationale: The worker\u2019s caf\u00e9 note.", 1)
    put("windows-1252.txt", windows.encode("cp1252"), generated[5].stem)
    stray = seed_text("002_ac4403899a905f85.txt").encode("utf-8")
    stray = stray.replace(b"Decision rationale:", b"Decision rationale: \x81", 1)
    put("stray byte.txt", stray, "stray byte")
    # broken and hostile files
    put("empty.txt", b"")
    put("zero.pdf", b"")
    put("truncated.pdf", (SEEDS / "dwc-2016-2017" / "CM16-0230651.pdf").read_bytes()[:3000])
    blank_pdf(folder / "scan without text.pdf")
    locked_pdf(folder / "locked.pdf", windows)
    put("random.txt", random.Random(5).randbytes(20_000))
    with open(folder / "huge.txt", "wb") as out:  # 50 MB of letter text
        block = generated[0].read_bytes()
        while out.tell() < 50 * 2**20:
            out.write(block)
    put("latin garbage.txt", b"\x81\x8d\x8f\x90\x9d" * 200)
    put("saved page.txt", "<!doctype html><html><head><title>IMR</title></head><body><h1>Decision</h1>"
                          "<p>Upheld</p><script>alert(1)</script></body></html>")
    # not .pdf/.txt, so not a letter file: a folder walk neither reads nor reports it (README: "parse every .pdf/.txt")
    put("saved page.html", "<!doctype html><html><body><p>Norco: Upheld</p></body></html>")
    put("one huge line.txt", "a" * 200_000 + ": Upheld\n")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "seeds" / "again").symlink_to(folder)  # a directory loop: the walk must not follow it
    root = tmp_path_factory.mktemp("index")
    report = build_index([str(folder)], root, jobs=2)
    return {"folder": folder, "root": root, "report": report, "good": good, "script": script_meta,
            "forty": forty_meta, "windows": windows}


def test_every_bad_file_is_reported_with_its_path_and_reason(hostile):
    folder = hostile["folder"]
    reasons = {str(Path(path).relative_to(folder)): reason for path, reason in hostile["report"].skipped}
    huge = (folder / "huge.txt").stat().st_size
    pdf_stem = next(Path(name).stem for name in hostile["good"] if name.endswith(".pdf"))
    assert reasons == {
        "empty.txt": "empty file",
        "zero.pdf": "empty file",
        "truncated.pdf": reasons["truncated.pdf"],
        "scan without text.pdf": "PDF has no text layer (a scanned image?)",
        "locked.pdf": "PDF is password-protected",
        "random.txt": "binary data, not a text letter",
        "huge.txt": f"text file too large ({huge / 1e6:.1f} MB; a letter is under {MAX_TEXT_BYTES // 2**20} MB)",
        "latin garbage.txt": "not UTF-8 or Windows-1252 text",
        "saved page.txt": "not an IMR final determination (no 'item: Upheld/Overturned' decisions found)",
        "one huge line.txt": "disputed item 1 is 200,000 characters long; not a letter layout we can read",
        "loop-a.txt": "cannot read file: Too many levels of symbolic links",
        "loop-b.txt": "cannot read file: Too many levels of symbolic links",
        "gone.txt": "cannot read file: No such file or directory",
        "dup-one.txt": f"duplicate: same content as {folder / 'dup two.txt'}",
        f"generated/{pdf_stem}.txt": f"duplicate: case {pdf_stem} is already indexed from "
                                     f"{folder / 'generated' / (pdf_stem + '.pdf')}",
    }
    assert reasons["truncated.pdf"].startswith("not a readable PDF (")
    # "one huge line.txt" once took minutes to classify (quadratic patterns in indexer/terms/treatment.py); now no
    # file comes near the per-file time bound, and the whole folder is done well within it
    assert hostile["report"].seconds < FILE_SECONDS


def test_every_good_letter_is_indexed(hostile):
    report, good, root = hostile["report"], hostile["good"], hostile["root"]
    assert report.letters == len(good) == 16
    manifest = read_manifest(current_build(root))
    indexed = {str(Path(path).relative_to(hostile["folder"])): entry["key"] for path, entry in manifest["files"].items()}
    assert indexed == good
    handle = IndexHandle(root)
    for key in good.values():
        letter = get_letter(handle, key)
        assert letter is not None and letter["key"] == key
    assert report.decisions == sum(len(get_letter(handle, key)["decisions"]) for key in good.values())


def test_the_forty_item_letter_gives_forty_decisions_in_order(hostile):
    handle, meta = IndexHandle(hostile["root"]), hostile["forty"]
    letter = get_letter(handle, meta["case_number"])
    assert [(d["item"], d["outcome"]) for d in letter["decisions"]] == [(it["item"], it["outcome"]) for it in meta["items"]]
    assert len(letter["decisions"]) == 40
    assert search(handle, f"case:{meta['case_number']}").total == 40
    assert search(handle, f"case:{meta['case_number']} outcome:overturned").total == \
        sum(it["outcome"] == "Overturned" for it in meta["items"])


def test_odd_encodings_and_names_are_read_correctly(hostile):
    handle = IndexHandle(hostile["root"])
    windows = get_letter(handle, hostile["good"]["windows-1252.txt"])
    assert windows["decisions"][0]["rationale"].startswith("The worker\u2019s caf\u00e9 note.")
    stray = get_letter(handle, "stray byte")
    assert stray["decisions"][0]["rationale"].startswith("\ufffd ")  # the one undecodable byte, marked
    unicode_key = "Ünïcödé lettre – 中文 #2?"
    assert get_letter(handle, unicode_key)["decisions"][0]["rationale"].startswith("Note. ")


def test_markup_in_a_letter_is_stored_as_written(hostile):
    letter = get_letter(IndexHandle(hostile["root"]), hostile["script"]["case_number"])
    assert [d["item"] for d in letter["decisions"]] == [MARKUP_ITEM, FORMULA]
    assert f"The note quoted {SCRIPT} and {IMG} verbatim." in letter["decisions"][0]["rationale"]
    assert f"The worker typed {ATTRIBUTE} into the form." in letter["summary"]


# --- the web front end over this index --------------------------------------------------------------

@pytest.fixture(scope="module")
def client(hostile):
    return create_app({"INDEX_DIR": str(hostile["root"]), "TESTING": True}).test_client()


def assert_escaped(page: str, shown: bool = True) -> None:
    """No markup from the letter as markup; when it is on the page, it is there as text."""
    for raw in ("<script", "<img", "onerror=alert(1)>"):
        assert raw not in page
    if shown:
        assert "&lt;script&gt;" in page or "&lt;img" in page


@pytest.mark.parametrize("url, shown", [
    ("/search?q=alert", True), ("/search?q=alert&sort=newest", True), ("/search?q=item:norco", True),
    ("/search?q=verbatim", True), ("/search?q=summary:typed", True), ('/search?q="onerror alert"', True),
    ("/search?q=hyperlink", False),
])
def test_markup_is_escaped_on_result_pages_and_snippets(client, hostile, url, shown):
    response = client.get(url)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert hostile["script"]["case_number"] in page
    assert_escaped(page, shown)


@pytest.mark.parametrize("q", ["", "alert", "script", "onerror", "typed"])
def test_markup_is_escaped_on_the_case_page(client, hostile, q):
    key = hostile["script"]["case_number"]
    page = client.get(f"/case/{key}", query_string={"q": q} if q else None).get_data(as_text=True)
    assert_escaped(page)
    assert "The note quoted &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;" in \
        page.replace("<mark>", "").replace("</mark>", "")
    assert "typed &#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt; into" in page.replace("<mark>", "").replace("</mark>", "")


def test_markup_query_is_escaped_in_attributes(client):
    page = client.get("/search", query_string={"q": f'alert {ATTRIBUTE}'}).get_data(as_text=True)
    assert '"><script' not in page and "<script" not in page
    assert 'value="alert &#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in page


def test_api_snippets_are_escaped_html_and_fields_raw(client, hostile):
    body = client.get("/api/search?q=verbatim").get_json()
    hit = next(h for h in body["hits"] if h["letter"] == hostile["script"]["case_number"])
    assert hit["item"] == MARKUP_ITEM  # JSON carries the text as written
    html = " ".join(hit["snippets"])
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    letter = client.get(f"/api/case/{hostile['script']['case_number']}").get_json()
    assert letter["decisions"][1]["item"] == FORMULA


def test_csv_keeps_text_exact_and_defuses_formulas(client, hostile):
    response = client.get("/search.csv?q=case:" + hostile["script"]["case_number"])
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert sorted(row["item"] for row in rows) == sorted([MARKUP_ITEM, "'" + FORMULA])


def test_source_of_the_markup_letter_is_plain_text(client, hostile):
    response = client.get(f"/case/{hostile['script']['case_number']}/source")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


def case_paths(page: str) -> set[str]:
    """The paths of the letters a page links to (fragments and queries dropped)."""
    return {urlsplit(href.replace("&amp;", "&")).path for href in re.findall(r'href="(/case/[^"]*)"', page)}


def all_hits(client, q: str) -> list[dict]:
    first = client.get("/api/search", query_string={"q": q}).get_json()
    hits = first["hits"]
    for page in range(2, first["pages"] + 1):
        hits += client.get("/api/search", query_string={"q": q, "page": page}).get_json()["hits"]
    return hits


EVERYTHING = "outcome:upheld OR outcome:overturned"


def test_every_case_link_on_result_pages_opens_its_letter(client, hostile):
    pages = client.get("/api/search", query_string={"q": EVERYTHING}).get_json()["pages"]
    paths = set()
    for number in range(1, pages + 1):
        paths |= case_paths(client.get("/search", query_string={"q": EVERYTHING, "page": number}).get_data(as_text=True))
    opened = set()
    for path in sorted(paths):
        response = client.get(path)
        assert response.status_code == 200, path
        opened.add(unquote(path.split("/")[2]))
        response.close()
    assert opened == set(hostile["good"].values())


def test_hit_urls_of_ordinary_keys_are_their_case_page_anchor(client, hostile):
    hits = [h for h in all_hits(client, EVERYTHING) if re.fullmatch(r"[\w-]+", h["letter"], re.ASCII)]
    assert {h["letter"] for h in hits} == {k for k in hostile["good"].values() if re.fullmatch(r"[\w-]+", k, re.ASCII)}
    for hit in hits:
        assert hit["url"] == f"/case/{hit['letter']}#d{hit['decision']}"


def test_hit_urls_of_keys_from_odd_file_names_open_their_letter(client):
    hit = next(h for h in all_hits(client, EVERYTHING) if h["letter"] == "Ünïcödé lettre – 中文 #2?")
    assert client.get(urlsplit(hit["url"]).path).status_code == 200, hit["url"]
