"""Listings that stay small: past a page's worth of dancers, a listing is split A to Z.

The limit is lowered here so that a few dozen stories show what 10,000 would; the
browser tests (tests/test_browser.py) browse the split listing of a 1,000-story site.
"""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter
import pytest

import builder.site.listing as listing
from bench.corpus import generate, make_story
from builder.pipeline import build
from builder.site.feeds import FeedSite
from builder.site.layout import UNPLACED
from builder.site.taxonomy import OTHER, name_prefix, sort_key, split_a_to_z
from tests.conftest import commit

LIMIT = 6


def test_a_to_z_parts_cover_every_name_once_in_order_and_stay_under_the_limit() -> None:
    names = sorted(
        [f"Ma{c} {i}" for c in "abcdefgh" for i in range(2)]
        + ["Émile Zola", "Ana", "Anna", "Bo", "3 Dots", "Zed"],
        key=sort_key,
    )
    parts = split_a_to_z(names, limit=LIMIT)
    keys = [key for key, _ in parts]
    positions = [i for _, members in parts for i in members]
    assert sorted(positions) == list(range(len(names)))
    assert keys == sorted(keys, key=lambda k: (k == OTHER, k)), keys
    assert all(len(members) <= LIMIT for _, members in parts)
    assert "m" not in keys and "ma" not in keys and {"maa", "mab"} <= set(keys)
    assert dict(parts)["e"] == [names.index("Émile Zola")]  # by its Latin letters
    assert [names[i] for i in dict(parts)[OTHER]] == ["3 Dots"]
    assert name_prefix("Юлия Орлова", 1) == "y"


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing, "PART_LIMIT", LIMIT)


def _write(seeds: Path, stories: list) -> None:
    for story in stories:
        (seeds / story.filename).write_bytes(story.data)


def test_the_dancers_listing_is_split_into_linked_parts(tmp_path: Path, small_limit: None) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    _write(seeds, generate(40))
    build(seeds, docs)
    parts = sorted((docs / "dancers" / "a-z").glob("*.md"))
    assert len(parts) > 2
    hub = (docs / "dancers" / "index.md").read_text("utf-8")
    listed = 0
    for part in parts:
        text = part.read_text("utf-8")
        rows = [line for line in text.splitlines() if line.startswith("| [")]
        assert 0 < len(rows) <= LIMIT, part.name
        listed += len(rows)
        assert f"dancers/a-z/{part.stem}.md)" in hub, f"the hub does not link to {part.name}"
        assert "dancers/index.md)" in text, f"{part.name} does not link back to the hub"
        others = set(re.findall(r"dancers/a-z/([a-z]+|other)\.md\)", text))
        assert others == {p.stem for p in parts} - {part.stem}, part.name
    assert listed == 40
    # Company, ballet and origin pages past the limit are split the same way.
    split_terms = [
        d
        for kind in ("companies", "ballets", "origins")
        for d in (docs / kind).iterdir()
        if d.is_dir() and d.name != UNPLACED[kind]  # those link to <kind>/index.md
    ]
    assert split_terms, "no term page was split"
    for folder in split_terms:
        hub_text = (folder.parent / f"{folder.name}.md").read_text("utf-8")
        for part in folder.glob("*.md"):
            assert f"{folder.parent.name}/{folder.name}/{part.stem}.md)" in hub_text


def test_adding_a_dancer_rewrites_her_part_and_not_the_others(
    tmp_path: Path, small_limit: None
) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    _write(seeds, generate(60))
    build(seeds, docs)
    before = {p.name: p.read_bytes() for p in (docs / "dancers" / "a-z").glob("*.md")}
    added = make_story(60)
    _write(seeds, [added])
    report = build(seeds, docs)
    rewritten = sorted(p for p in report.written if p.startswith("dancers/a-z/"))
    after = {p.name: p.read_bytes() for p in (docs / "dancers" / "a-z").glob("*.md")}
    if set(before) == set(after):  # her letter did not outgrow its page
        assert len(rewritten) == 1, rewritten
        assert added.name in after[rewritten[0].rsplit("/", 1)[1]].decode("utf-8")
    assert "dancers/index.md" in report.written
    assert len(rewritten) < len(after) / 2, rewritten


def test_dancers_who_name_no_term_are_split_off_the_kind_index(
    tmp_path: Path, small_limit: None
) -> None:
    """``origins/``: its countries stay on the page; the dancers whose story names none,
    past a page's worth, are listed A to Z in parts that link back to it."""
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    _write(seeds, generate(120))
    build(seeds, docs)
    index = (docs / "origins" / "index.md").read_text("utf-8")
    parts = sorted((docs / "origins" / UNPLACED["origins"]).glob("*.md"))
    assert len(parts) > 1, "the dancers with no origin were not split"
    assert not [line for line in index.splitlines() if line.startswith("- [")]
    unplaced = 0
    for part in parts:
        text = part.read_text("utf-8")
        assert f"{UNPLACED['origins']}/{part.stem}.md)" in index, part.name
        assert "/origins/index.md)" in text, f"{part.name} does not link back to origins/"
        rows = [line for line in text.splitlines() if line.startswith("| [")]
        assert 0 < len(rows) <= LIMIT
        for row in rows:
            assert row.rstrip().endswith("| — |"), f"a dancer with an origin: {row}"
        unplaced += len(rows)
    assert f"{unplaced} dancers whose story names no origin" in index
    # Countries are still listed on the page itself.
    assert re.search(r"^\| \[[^]]+\]\(\.\./origins/[a-z-]+\.md\) \| \d+ \|$", index, re.M)


def test_a_split_term_page_keeps_its_feed_and_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A company, ballet or country past the limit is a page of parts; it links its Atom
    feed (in the page, and in its front matter for the <head>) and a company its EPUB,
    as its unsplit page does."""
    monkeypatch.setattr(listing, "PART_LIMIT", 4)
    project = tmp_path / "project"
    seeds, docs = project / "seeds", project / "docs"
    seeds.mkdir(parents=True)
    _write(seeds, generate(80))
    commit(project, ["seeds"], "2025-03-01T10:00:00Z")
    build(seeds, docs, site=FeedSite("https://example.org/anthology/", "The Anthology"))
    for kind in ("companies", "ballets", "origins"):
        hubs = [p for p in (docs / kind).glob("*.md") if (p.parent / p.stem).is_dir()]
        assert hubs, f"no page of {kind} was split"
        for hub in hubs:
            post = frontmatter.loads(hub.read_text("utf-8"))
            feed = f"feed-{kind}-{hub.stem}.xml"
            assert post["feed"] == feed, hub.name
            assert (docs / feed).is_file()
            assert f"](../{feed})" in post.content, f"{hub.name}: no visible link to its feed"
            book = f"books/company-{hub.stem}.epub)"
            assert (book in post.content) == (kind == "companies"), hub.name
