"""A page's key is the hash of its view, so key and page cannot drift apart.

Each input a page can show is changed in turn: the pages whose key changed must be
exactly the pages whose text changed (an input missing from a view would leave a page
with an unchanged key and a changed text: stale on incremental builds only), and a few
changes must rewrite exactly the pages a reader would expect.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.corpus import generate
from builder.model import Metadata, Origin, SignatureRole, Story
from builder.pipeline import build
from builder.site.feeds import FeedSite, feed_site
from builder.site.render import plan_site
from builder.store import read_manifest

SITE = FeedSite("https://example.org/anthology/", "The Anthology")


def _story(slug: str, company: str, role: str, ballet: str, city: str, country: str) -> Story:
    name = slug.replace("-", " ").title()
    text = f"{name} was born in {city}.\n\nShe danced {role} in {ballet} with {company}."
    meta = Metadata(
        name=name,
        origin=Origin(city, country),
        company=company,
        companies=(company,),
        signature_role=SignatureRole(role, ballet),
        ballets=(ballet,),
    )
    return Story(f"seeds/{slug}.txt", slug, text, "utf-8", (), meta)


STORIES = [
    _story("ada-quill", "North Ballet", "Giselle", "Giselle", "Oslo", "Norway"),
    _story("bea-moss", "North Ballet", "Myrtha", "Giselle", "Bergen", "Norway"),
    _story("cleo-fern", "South Ballet", "Kitri", "Don Quixote", "Porto", "Portugal"),
    _story("dina-rook", "South Ballet", "Odette", "Swan Lake", "Porto", "Portugal"),
    _story("ella-wren", "East Ballet", "Aurora", "The Sleeping Beauty", "Riga", "Latvia"),
]
DATES = {story.source: f"2024-0{i + 1}-01T00:00:00Z" for i, story in enumerate(STORIES)}
ADA, BEA, CLEO, DINA, ELLA = STORIES


def _meta(story: Story, **changes: object) -> Story:
    return dataclasses.replace(story, metadata=dataclasses.replace(story.metadata, **changes))


Inputs = tuple[list[Story], tuple[str, ...], FeedSite]
BASE_SITE = dataclasses.replace(SITE, dates=DATES)


def _with(
    old: Story | None = None,
    new: Story | None = None,
    order: tuple[str, ...] = (),
    **site: object,
) -> Callable[[], Inputs]:
    """The corpus with ``old`` replaced by ``new`` (either may be ``None``: added, removed),
    the editor's ``order`` and the site's fields changed."""

    def inputs() -> Inputs:
        stories = [new if story is old else story for story in STORIES if new or story is not old]
        if old is None and new is not None:
            stories.append(new)
        return stories, order, dataclasses.replace(BASE_SITE, **site)  # type: ignore[arg-type]

    return inputs


BASE = _with()
OVERRIDDEN = dataclasses.replace(_meta(ADA, company="East Ballet"), edited_fields=("company",))
CHANGES: dict[str, Callable[[], Inputs]] = {
    # As many words as before: a change her word count alone would not show.
    "a story's text": _with(ADA, dataclasses.replace(ADA, text=ADA.text.replace("born", "raised"))),
    "a dancer's name": _with(BEA, _meta(BEA, name="Bea Moss-Hale")),
    "a dancer's company": _with(
        CLEO, _meta(CLEO, company="East Ballet", companies=("East Ballet",))
    ),
    "a dancer's role": _with(DINA, _meta(DINA, signature_role=SignatureRole("Odile", "Swan Lake"))),
    "a dancer's origin": _with(ELLA, _meta(ELLA, origin=Origin("Cesis", "Latvia"))),
    "a sidecar override": _with(ADA, OVERRIDDEN),
    "the editor's order": _with(order=("dina-rook", "bea-moss")),
    "a story added": _with(
        None, _story("fay-lark", "North Ballet", "Giselle", "Giselle", "Oslo", "Norway")
    ),
    "a story removed": _with(CLEO, None),
    "the site's url": _with(url="https://x.org/"),
    "the site's name": _with(name="Dancers"),
    "a seed's date": _with(dates={**DATES, ADA.source: "2025-01-01T00:00:00Z"}),
}
FEEDS = {
    "feed.xml",
    *(f"feed-companies-{c}-ballet.xml" for c in ("north", "south", "east")),
    *(f"feed-ballets-{b}.xml" for b in ("giselle", "don-quixote", "swan-lake")),
    "feed-ballets-the-sleeping-beauty.xml",
    *(f"feed-origins-{o}.xml" for o in ("norway", "portugal", "latvia")),
}
EXPECTED = {
    # Her text is on her page and in the books she is in; no listing or feed shows it.
    "a story's text": {
        "dancers/ada-quill.md",
        "books/anthology.epub",
        "books/company-north-ballet.epub",
    },
    # Only the feeds link to the site's address or say its name.
    "the site's url": FEEDS,
    "the site's name": FEEDS,
    # Her date orders the feeds she is in, and nothing else.
    "a seed's date": {
        "feed.xml",
        "feed-companies-north-ballet.xml",
        "feed-ballets-giselle.xml",
        "feed-origins-norway.xml",
    },
}


def _pages(inputs: Inputs) -> dict[str, tuple[str, str | bytes]]:
    stories, order, site = inputs
    return {p.path: (p.key, p.render()) for p in plan_site(stories, None, order, site=site)}


@pytest.mark.parametrize("change", CHANGES)
def test_a_page_key_changes_exactly_when_its_page_does(change: str) -> None:
    before, after = _pages(BASE()), _pages(CHANGES[change]())
    assert set(after) - set(before) or set(before) - set(after) or before != after, change
    rekeyed = {path for path in before.keys() & after.keys() if before[path][0] != after[path][0]}
    changed = {path for path in before.keys() & after.keys() if before[path][1] != after[path][1]}
    stale = changed - rekeyed
    assert not stale, f"{change}: these pages changed but kept their key: {sorted(stale)}"
    needless = rekeyed - changed
    assert not needless, f"{change}: these pages were rekeyed for nothing: {sorted(needless)}"
    if change in EXPECTED:
        assert changed == EXPECTED[change], change


def _write_seeds(seeds: Path) -> list[str]:
    seeds.mkdir()
    stems = []
    for number, story in enumerate(generate(6)):
        (seeds / story.filename).write_bytes(story.data)
        stem = story.filename.removesuffix(".txt")
        (seeds / f"{stem}.yaml").write_text(f"date: 2024-05-{number + 1:02d}\n", "utf-8")
        stems.append(stem)
    return stems


def _generated(docs: Path) -> dict[str, bytes]:
    return {
        path.relative_to(docs).as_posix(): path.read_bytes()
        for path in sorted(docs.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def test_an_incremental_build_rewrites_what_changed_and_equals_a_cold_build(
    tmp_path: Path,
) -> None:
    """Through the real pipeline and files: each change to a seed, a sidecar, the order
    or mkdocs.yml's site rebuilds into the same bytes as a cold build, and writes exactly
    the pages whose key changed."""
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    stems = _write_seeds(seeds)
    site = feed_site("https://example.org/anthology", "The Anthology")
    build(seeds, docs, site=site)

    def sidecar(stem: str, text: str) -> None:
        (seeds / f"{stem}.yaml").write_text(text, "utf-8")

    def append(stem: str, data: bytes) -> None:
        path = seeds / f"{stem}.txt"
        path.write_bytes(path.read_bytes() + data)

    renamed = feed_site("https://example.org/anthology", "Dancers")
    changes: list[tuple[str, Callable[[], object]]] = [
        ("a story's text", lambda: append(stems[0], b"\n\nShe still counts the music.\n")),
        ("a sidecar override", lambda: sidecar(stems[1], "date: 2024-05-02\ncompany: Zed\n")),
        ("a dancer's name", lambda: sidecar(stems[2], "date: 2024-05-03\nname: Quilla Zed\n")),
        ("the editor's order", lambda: (seeds / "order.yaml").write_text(f"- {stems[4]}\n")),
        ("a seed's date", lambda: sidecar(stems[3], "date: 2025-01-09\n")),
        ("a story removed", lambda: (seeds / f"{stems[5]}.txt").unlink()),
        ("the site's name", lambda: renamed),  # mkdocs.yml's site_name, as the CLI reads it
    ]
    for number, (change, apply) in enumerate(changes):
        if isinstance(changed_site := apply(), FeedSite):
            site = changed_site
        keys = {path: entry[2] for path, entry in (read_manifest(docs).pages or {}).items()}
        before = _generated(docs)
        report = build(seeds, docs, site=site)
        assert not report.errors, change
        after = _generated(docs)
        cold = tmp_path / f"cold-{number}"
        build(seeds, cold, site=site)
        assert after == _generated(cold), f"{change}: the incremental build is not a cold one"
        new_keys = {path: entry[2] for path, entry in (read_manifest(docs).pages or {}).items()}
        rekeyed = {path for path in new_keys if keys.get(path) != new_keys[path]}
        changed = {path for path in after if before.get(path) != after[path]}
        assert changed, f"{change}: no page changed"
        assert set(report.written) == changed == rekeyed, change
        shutil.rmtree(cold)
