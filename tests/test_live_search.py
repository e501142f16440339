"""The served site's search index between saves (builder/mkdocs/search.py, ServedIndex):
the live bundle of the pages a rebuild changed, its list, and the main bundle's swap.

Real Pagefind runs over a small site of dancer-shaped pages written here; only the main
index's run is held back, where a test needs a save to land while it is being written.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from builder.mkdocs import search
from builder.mkdocs.search import BUNDLE, LIVE_BUNDLE, LIVE_LIST, ServedIndex, read_bundle

PAGES = {
    "ana-brivio": ("Ana Brivio", "Teatro Regio Ballet", "She first danced Giselle in a barn."),
    "ines-marlow": ("Ines Marlow", "Northern Ballet", "Her Sylphide was light as chalk."),
    "tove-lindahl": ("Tove Lindahl", "Teatro Regio Ballet", "She coached the corps for years."),
}


def write_page(site: Path, slug: str, story: str | None = None) -> str:
    """A dancer page shaped as the site's: its text in ``data-pagefind-body``, her
    facts hidden beside it; the site path it is at."""
    name, company, text = PAGES[slug]
    path = f"dancers/{slug}/index.html"
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"<!doctype html><html lang='en'><head><title>{name}</title></head><body>"
        f"<article><div data-pagefind-body><h1>{name}</h1><p>{story or text}</p></div>"
        f"</article><div hidden data-pagefind-ignore><span data-pagefind-meta='title'>"
        f"{name}</span><span data-pagefind-filter='company'>{company}</span></div>"
        "</body></html>",
        "utf-8",
    )
    return path


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for slug in PAGES:
        write_page(site, slug)
    listing = site / "dancers" / "index.html"  # a listing: no data-pagefind-body
    listing.write_text("<html><body><h1>Dancers</h1></body></html>", "utf-8")
    return site


def settle(index: ServedIndex) -> None:
    assert index.finished.wait(60), "the served index never settled"


def listing(site: Path) -> dict[str, Any]:
    return json.loads((site / LIVE_BUNDLE / LIVE_LIST).read_text("utf-8"))


def main_pages(site: Path) -> dict[str, dict[str, Any]]:
    return {page["url"]: page for page in read_bundle(lambda p: (site / BUNDLE / p).read_bytes())}


def live_pages(site: Path) -> dict[str, dict[str, Any]]:
    folder = site / LIVE_BUNDLE / listing(site)["bundle"]
    return {page["url"]: page for page in read_bundle(lambda p: (folder / p).read_bytes())}


def started(site: Path) -> ServedIndex:
    """A serve's index after its first build: the main bundle, and a list with nothing
    live that names it."""
    index = ServedIndex(quiet=0)
    index.rebuilt(site, [f"dancers/{slug}/index.html" for slug in PAGES])  # first: all
    settle(index)
    assert len(main_pages(site)) == len(PAGES)
    first = listing(site)
    assert first["bundle"] is None and first["pages"] == [] and first["stale"] == []
    assert first["main"] and not (site / LIVE_BUNDLE / "1").exists()
    return index


def test_a_save_is_indexed_live_with_the_stale_version_named(site: Path) -> None:
    index = started(site)
    index.quiet = 600  # the main index waits: only the live bundle has the save
    before = main_pages(site)["/dancers/ines-marlow/"]
    path = write_page(site, "ines-marlow", "Her Sylphide was a quicksilver flight.")
    index.rebuilt(site, [path, "dancers/index.html"])
    deadline = time.monotonic() + 30
    while listing(site)["bundle"] is None:
        assert time.monotonic() < deadline, "no live bundle was written"
        time.sleep(0.05)
    now = listing(site)
    assert now["pages"] == ["/dancers/ines-marlow/"]  # the listing page is not indexed
    assert now["stale"] == [before["id"]]
    assert now["filters"] == {"company": {"Northern Ballet": 1}}
    live = live_pages(site)
    assert list(live) == ["/dancers/ines-marlow/"]
    assert "quicksilver" in live["/dancers/ines-marlow/"]["content"]
    assert live["/dancers/ines-marlow/"]["meta"]["live"] == "yes"
    assert "quicksilver" not in main_pages(site)["/dancers/ines-marlow/"]["content"]
    # Then, the saves done, the main index is written again and nothing is left live.
    index.quiet = 0
    index.rebuilt(site, [])
    settle(index)
    assert "quicksilver" in main_pages(site)["/dancers/ines-marlow/"]["content"]
    after = listing(site)
    assert after["bundle"] is None and after["pages"] == [] and after["stale"] == []
    assert after["main"] != now["main"]


def test_a_deleted_page_is_listed_so_its_stale_result_is_dropped(site: Path) -> None:
    index = started(site)
    index.quiet = 600
    gone = main_pages(site)["/dancers/tove-lindahl/"]["id"]
    path = "dancers/tove-lindahl/index.html"
    (site / path).unlink()
    index.rebuilt(site, [path])
    deadline = time.monotonic() + 30
    while listing(site)["pages"] != ["/dancers/tove-lindahl/"]:
        assert time.monotonic() < deadline, "the deletion was not listed"
        time.sleep(0.05)
    now = listing(site)
    assert now["stale"] == [gone] and now["bundle"] is None  # nothing left to index
    index.quiet = 0
    index.rebuilt(site, [])
    settle(index)
    assert "/dancers/tove-lindahl/" not in main_pages(site)


def test_a_save_while_the_main_index_is_written_stays_live_after_its_swap(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = started(site)
    held, release = threading.Event(), threading.Event()
    write_bundle = search.write_bundle

    def held_back(source: Path, bundle: Path, **options: bool) -> int:
        if source == site and not release.is_set():  # the main index, not a live one
            held.set()
            assert release.wait(60)
        return write_bundle(source, bundle, **options)

    monkeypatch.setattr(search, "write_bundle", held_back)
    first = write_page(site, "ana-brivio", "She first danced Giselle in a tramshed.")
    index.rebuilt(site, [first])
    assert held.wait(30), "the main index did not start"
    # Saved while the main index (begun before it) is being written:
    index.quiet = 600  # the next main index waits, so what this one leaves is seen
    second = write_page(site, "ines-marlow", "Her Sylphide was a moth at the lamp.")
    index.rebuilt(site, [second])
    deadline = time.monotonic() + 30
    while listing(site)["pages"] != ["/dancers/ana-brivio/", "/dancers/ines-marlow/"]:
        assert time.monotonic() < deadline, listing(site)
        time.sleep(0.05)
    assert set(live_pages(site)) == {"/dancers/ana-brivio/", "/dancers/ines-marlow/"}
    swapped = listing(site)["main"]
    release.set()
    while listing(site)["main"] == swapped:
        assert time.monotonic() < deadline, "the main index was never swapped in"
        time.sleep(0.05)
    # The main index begun before the second save has the first as saved: only the
    # second is left live, its stale version named by its id in the new main bundle.
    now, main = listing(site), main_pages(site)
    assert "tramshed" in main["/dancers/ana-brivio/"]["content"]
    assert now["pages"] == ["/dancers/ines-marlow/"]
    assert now["stale"] == [main["/dancers/ines-marlow/"]["id"]]
    assert list(live_pages(site)) == ["/dancers/ines-marlow/"]
    assert "moth at the lamp" in live_pages(site)["/dancers/ines-marlow/"]["content"]
    index.quiet = 0
    settle(index)
    assert "moth at the lamp" in main_pages(site)["/dancers/ines-marlow/"]["content"]
    assert listing(site)["pages"] == []


def test_old_live_bundles_are_let_go_but_the_last_few_kept(site: Path) -> None:
    index = started(site)
    index.quiet = 600
    stories = ["a rope", "a kite", "a lantern", "a heron", "a comet"]
    for story in stories:
        path = write_page(site, "ana-brivio", f"She first danced Giselle with {story}.")
        index.rebuilt(site, [path])
        deadline = time.monotonic() + 30
        while not listing(site)["bundle"] or story not in json.dumps(live_pages(site)):
            assert time.monotonic() < deadline, story
            time.sleep(0.05)

    def kept() -> list[int]:
        return sorted(int(p.name) for p in (site / LIVE_BUNDLE).iterdir() if p.name.isdigit())

    deadline = time.monotonic() + 30
    while len(kept()) > search.KEPT_GENERATIONS:  # the older ones go once the list is out
        assert time.monotonic() < deadline, kept()
        time.sleep(0.05)
    assert len(kept()) == search.KEPT_GENERATIONS
    assert f"{kept()[-1]}/" == listing(site)["bundle"]
    index.quiet = 0
    index.rebuilt(site, [])
    settle(index)


def test_a_rebuild_of_many_pages_is_left_to_the_main_index(site: Path) -> None:
    """A change that every page shows (a template's, say) rewrites every page: no live
    bundle then, and the main index is not kept waiting."""
    index = started(site)
    index.quiet = 600
    path = write_page(site, "ana-brivio", "She first danced Giselle on a frozen pond.")
    many = [f"dancers/x{n}/index.html" for n in range(search.LIVE_LIMIT)]
    index.rebuilt(site, [path, *many])
    settle(index)
    assert "frozen pond" in main_pages(site)["/dancers/ana-brivio/"]["content"]
    assert listing(site)["bundle"] is None
    assert not [p for p in (site / LIVE_BUNDLE).iterdir() if p.name.isdigit()]


def test_the_main_index_after_a_save_yields_the_cores_to_the_rebuilds(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The live bundle makes nobody wait for a serve's main re-index, so it runs at a
    lower priority (the rebuild of the next save comes first); the first one, which a
    new serve's search waits for, does not; a live bundle never does; a published
    build's index (index_site) never does."""
    calls: list[tuple[Path, bool]] = []
    write_bundle = search.write_bundle

    def recorded(source: Path, bundle: Path, *, yielding: bool = False) -> int:
        calls.append((source, yielding))
        return write_bundle(source, bundle, yielding=yielding)

    monkeypatch.setattr(search, "write_bundle", recorded)
    index = started(site)
    page = write_page(site, "ana-brivio", "She first danced Giselle in a tramshed.")
    index.rebuilt(site, [page])
    settle(index)
    mains = [yielding for source, yielding in calls if source == site]
    lives = [yielding for source, yielding in calls if source != site]
    assert mains == [False, True] and lives == [False]
    assert "tramshed" in main_pages(site)["/dancers/ana-brivio/"]["content"]
    calls.clear()
    search.index_site(site)
    assert calls == [(site, False)]
