"""End to end: real `mkdocs build --strict` and `zensical build` of the seeds, HTML checked."""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from builder.mkdocs.search import BUNDLE, index_site, read_bundle, read_site_index
from tests.conftest import copy_project, run_tool

BIN = Path(sys.executable).parent


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if tag == "script":
            self.scripts.append(values.get("src") or "inline")


def links_of(page: Path, site: Path) -> set[str]:
    """Every in-site link of a built page, as a path relative to the site root."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    base = "/" + page.parent.relative_to(site).as_posix() + "/"
    resolved = set()
    for href in parser.hrefs:
        if href.startswith(("http:", "https:", "#", "mailto:")):
            continue
        target = urljoin(base, href.split("#")[0])
        resolved.add(target.lstrip("/").removesuffix("index.html"))
    return resolved


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """The seeds built once by `mkdocs build --strict` (the hook runs the builder)."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    site = project / "site"
    result = subprocess.run(
        [BIN / "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    records = json.loads(
        subprocess.run(
            [BIN / "anthology", "metadata", "--seeds", str(project / "seeds")],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
    )
    return site, records


def test_every_dancer_has_a_page_under_a_stable_url(built) -> None:
    site, records = built
    for record in records:
        page = site / "dancers" / record["slug"] / "index.html"
        assert page.is_file(), record["slug"]
        text = page.read_text(encoding="utf-8")
        assert f'<h1 id="{record["slug"]}">' in text or record["name"] in text
        assert (
            f"<title>{html.escape(record['name'], quote=False)} - The Dancer Anthology</title>"
            in text
        )
    # Search results and the browser tab name her.
    titles = {entry["url"]: entry["meta"]["title"] for entry in read_site_index(site)}
    for record in records:
        assert titles[f"/dancers/{record['slug']}/"] == record["name"]


def test_the_home_page_is_titled_by_the_site_name_alone(built) -> None:
    site, _records = built
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>The Dancer Anthology</title>" in home


def test_dancer_pages_and_index_pages_link_both_ways(built) -> None:
    site, records = built
    for record in records:
        dancer = f"dancers/{record['slug']}/"
        out = links_of(site / dancer / "index.html", site)
        targets = []
        if record["company"]:
            targets.append(("companies", record["company"]))
        targets += [("ballets", b) for b in record["ballets"]]
        if record["origin"]["country"]:
            targets.append(("origins", record["origin"]["country"]))
        for kind, _name in targets:
            term_pages = [t for t in out if t.startswith(f"{kind}/") and t != f"{kind}/"]
            assert term_pages, f"{dancer} links to no {kind} page"
            for term in term_pages:
                assert dancer in links_of(site / term / "index.html", site), (
                    f"{term} does not link back to {dancer}"
                )


def test_home_lists_every_dancer_and_the_ways_in(built) -> None:
    site, records = built
    home = links_of(site / "index.html", site)
    assert {f"dancers/{r['slug']}/" for r in records} <= home
    assert {"dancers/", "companies/", "ballets/", "origins/"} <= home


def test_index_pages_list_their_terms(built) -> None:
    site, records = built
    companies = links_of(site / "companies" / "index.html", site)
    assert "companies/bolshoi-ballet/" in companies
    assert "companies/new-york-city-ballet/" in companies
    html = (site / "companies" / "bolshoi-ballet" / "index.html").read_text(encoding="utf-8")
    assert html.count("/dancers/") >= sum(r["company"] == "Bolshoi Ballet" for r in records)


def test_the_story_is_shown_as_written(built) -> None:
    site, _ = built
    html = (site / "dancers" / "emilio-bektemirova" / "index.html").read_text(encoding="utf-8")
    assert (
        "calling it “a masterclass in elegance and poise.”" in html.replace("&quot;", "“")
        or "a masterclass in elegance and poise." in html
    )
    quirin = (site / "dancers" / "quirin-baktybekova" / "index.html").read_text(encoding="utf-8")
    assert "just what Quirin needed – the freedom" in quirin
    assert "â€" not in quirin


def test_index_pages_are_kept_out_of_search(built) -> None:
    site, records = built
    locations = [entry["url"] for entry in read_site_index(site)]
    assert sorted(locations) == sorted(f"/dancers/{r['slug']}/" for r in records)


def test_the_search_index_is_the_same_bytes_at_every_build(built, tmp_path: Path) -> None:
    """Pagefind lists filters in hash-map order; the bundle must not change for nothing, or
    every deploy re-uploads it (and a reader's cached index is thrown away)."""
    site, records = built
    copy = tmp_path / "site"
    shutil.copytree(site, copy)

    def bundle() -> dict[str, str]:
        return {
            p.relative_to(copy).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((copy / BUNDLE).rglob("*"))
            if p.is_file()
        }

    first = bundle()
    assert any(name.startswith(f"{BUNDLE}/filter/") for name in first), "no filters indexed"
    for _ in range(4):
        index_site(copy)
        assert bundle() == first
    assert len(read_site_index(copy)) == len(records)  # and it still reads as an index


def test_no_font_or_script_comes_from_another_host(built) -> None:
    site, _ = built
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, page


def test_zensical_renders_the_same_docs_tree_without_the_hook(project: Path) -> None:
    tmp_path = project
    subprocess.run([BIN / "anthology", "build", "-q"], cwd=tmp_path, check=True, timeout=120)
    run_tool([BIN / "zensical", "build"], cwd=tmp_path, timeout=300)
    site = tmp_path / "site"
    for page in (tmp_path / "docs").rglob("*.md"):
        relative = page.relative_to(tmp_path / "docs").with_suffix("")
        html = (
            site / relative / "index.html"
            if relative.name != "index"
            else (site / relative.parent / "index.html")
        )
        assert html.is_file(), f"zensical did not render {relative}"
    gabriel = (site / "dancers" / "gabriel-baktybekova" / "index.html").read_text("utf-8")
    assert "Bolshoi Ballet" in gabriel and "Swan Lake" in gabriel


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _poll(url: str, wanted: str | None, timeout: float = 60) -> str:
    """Fetch ``url`` until its text contains ``wanted`` (or, with None, until a 404)."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if wanted is not None and wanted in last:
                return last
        except urllib.error.HTTPError as exc:
            if wanted is None and exc.code == 404:
                return ""
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {wanted!r}")


def _settled_builds(log: Path) -> int:
    """How many builds ``mkdocs serve`` has started, once none has started for 3 s."""
    deadline, quiet_since = time.monotonic() + 60, time.monotonic()
    builds = log.read_text().count("Building documentation")
    while time.monotonic() - quiet_since < 3:
        assert time.monotonic() < deadline, "mkdocs serve keeps rebuilding"
        time.sleep(0.25)
        now = log.read_text().count("Building documentation")
        if now != builds:
            builds, quiet_since = now, time.monotonic()
    return builds


def _served_search_index(base: str) -> list[dict[str, Any]]:
    """The search index the served site holds now (Pagefind's, read as a browser would)."""
    import urllib.request

    def fetch(path: str) -> bytes:
        with urllib.request.urlopen(base + "pagefind/" + path, timeout=30) as response:
            return response.read()

    return read_bundle(fetch)


def _served_search_index_when(base: str, settled: Callable[[list[dict[str, Any]]], bool]) -> Any:
    """The served index once ``settled`` holds: a serve re-indexes in the background
    after each rebuild, so the index follows the page by a moment."""
    deadline = time.monotonic() + 60
    while True:
        try:
            index = _served_search_index(base)
        except OSError:  # not written yet, or swapped for a new one between two reads
            index = []
        if (index and settled(index)) or time.monotonic() > deadline:
            return index
        time.sleep(0.25)


@pytest.mark.parametrize("mode", [[], ["--dirty"]], ids=["serve", "serve-dirty-as-make-serve"])
def test_mkdocs_serve_follows_added_edited_and_deleted_seeds(
    project: Path, mode: list[str]
) -> None:
    """What an editor sees while serving: every change on screen, search in step, and
    (with ``--dirty``, which rebuilds only changed pages) nothing stale left behind."""
    port = _free_port()
    log = project / "serve.log"
    (project / "seeds" / "800_latin1.txt").write_bytes(
        "Zoë Lindqvist was born in Malmö. She joined the Royal Swedish Ballet.\n".encode("cp1252")
    )
    with log.open("w") as out:
        server = subprocess.Popen(
            [BIN / "mkdocs", "serve", *mode, "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        base = f"http://127.0.0.1:{port}/dancer-anthology/"
        _poll(base + "dancers/romy-baktybekova/", "Romy Baktybekova")
        new_seed = project / "seeds" / "900_new.txt"
        new_seed.write_text(
            "Ilse Marken was born in Bergen. She joined the Norwegian National Ballet as a "
            "principal dancer.\n",
            encoding="utf-8",
        )
        _poll(base + "dancers/ilse-marken/", "Ilse Marken was born in Bergen")
        _poll(base + "companies/norwegian-national-ballet/", "ilse-marken")
        before = _settled_builds(log)
        new_seed.write_text(
            new_seed.read_text(encoding="utf-8") + "\nShe dances in the rain.\n",
            encoding="utf-8",
        )
        _poll(base + "dancers/ilse-marken/", "She dances in the rain.")
        # One save, one build: the pages the builder writes into docs/ wake no second one.
        assert _settled_builds(log) == before + 1
        index = _served_search_index_when(
            base, lambda index: any("She dances in the rain." in e["content"] for e in index)
        )
        locations = [entry["url"] for entry in index]
        assert len(locations) == len(set(locations)), "a page is in the search index twice"
        assert sum("She dances in the rain." in entry["content"] for entry in index) == 1
        pages = set(locations)
        assert {"/dancers/ilse-marken/", "/dancers/romy-baktybekova/"} <= pages
        new_seed.unlink()
        _poll(base + "dancers/ilse-marken/", None)
        index = _served_search_index_when(
            base, lambda index: "/dancers/ilse-marken/" not in {e["url"] for e in index}
        )
        assert {entry["url"] for entry in index} == pages - {"/dancers/ilse-marken/"}
        # A setting every page shows reaches pages whose story did not change.
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace(
                "site_name: The Dancer Anthology", "site_name: The Dancer Anthology (draft)"
            ),
            encoding="utf-8",
        )
        _poll(base + "dancers/romy-baktybekova/", "The Dancer Anthology (draft)")
        # A hand-written page in docs/ is still watched.
        about = project / "docs" / "about.md"
        about.write_text(
            about.read_text(encoding="utf-8") + "\nA note from the editors.\n", encoding="utf-8"
        )
        _poll(base + "about/", "A note from the editors.")
        _settled_builds(log)
        text = log.read_text()
        assert "dirty' build" not in text
        # A note (here: a seed in cp1252) is said once, not again after every save.
        assert text.count("800_latin1.txt:1: warning: is not valid UTF-8") == 1
        assert "notes as in the last build not repeated" in text
    finally:
        server.terminate()
        server.wait(30)


def test_live_mode_says_once_when_an_internal_moved_and_rebuilds_everything(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    """A future MkDocs without the live-reload internals live mode drives: it says which
    one is missing, once, and from then on every save rebuilds every page."""
    from builder.mkdocs.live import LiveSite

    class ServerOfAnotherVersion:
        observer = None

    live = LiveSite()
    live.start(serving=True, dirty=True)
    with caplog.at_level("WARNING", logger="mkdocs.plugins.anthology"):
        live.ignore_own_writes(ServerOfAnotherVersion(), str(tmp_path))
        live.ignore_own_writes(ServerOfAnotherVersion(), str(tmp_path))
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and "server._rebuild_cond" in said[0] and "mkdocs 1.6.1" in said[0]
    assert live.full_rebuilds
