"""Atom feeds: the whole anthology's and one per company, ballet and origin.

Built by a real ``mkdocs build --strict`` in a project whose seeds are committed to git
(as a clone has them), read back with a real feed parser (feedparser), every link
resolved to a file of the built site, and the bytes the same in every build.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import frontmatter
import pytest

from builder.errors import AnthologyError
from builder.pipeline import build
from builder.read.sidecar import parse_sidecar
from builder.site.feeds import FEED_ENTRIES, feed_site
from builder.store.history import seed_history
from tests.browser_support import mkdocs, site_url
from tests.conftest import ROOT, commit, copy_project, hand_written_docs, run_tool

BIN = Path(sys.executable).parent
FIRST = "2025-03-04T05:06:07+01:00"
SECOND = "2025-06-01T12:00:00Z"
EDITOR = "2024-12-24"
NEW_STORY = (
    "Ilse Marlowe was born in Hamburg and trained at the Paris Opera Ballet School. She "
    "joined the Bolshoi Ballet in 2012.\n\nHer signature role is Giselle.\n"
)
DATED_STORY = (
    "Tove Arnesen was born in Bergen. She joined the Bolshoi Ballet in 2009 and danced "
    "Swan Lake every winter.\n"
)
UNCOMMITTED_STORY = "Wanda Kroll was born in Kraków. She joined the Bolshoi Ballet in 2020.\n"


def _commit_project(project: Path) -> None:
    """The seeds' history: the five seeds, then one more; one seed dated by its sidecar,
    one never committed."""
    commit(project, ["seeds"], FIRST)
    (project / "seeds" / "zz_new.txt").write_text(NEW_STORY, encoding="utf-8")
    (project / "seeds" / "zz_dated.txt").write_text(DATED_STORY, encoding="utf-8")
    (project / "seeds" / "zz_dated.yaml").write_text(f"date: {EDITOR}\n", encoding="utf-8")
    commit(project, ["seeds"], SECOND, "Add two stories")
    (project / "seeds" / "zz_uncommitted.txt").write_text(UNCOMMITTED_STORY, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    project = copy_project(tmp_path_factory.mktemp("feeds") / "project")
    _commit_project(project)
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project, project / "site", result.stderr


def _feeds(site: Path) -> list[Path]:
    return sorted(site.rglob("*.xml"), key=str)


def _feed_files(site: Path) -> list[Path]:
    return [path for path in _feeds(site) if path.name != "sitemap.xml"]


def _local(url: str, site: Path) -> Path:
    """An absolute link of a feed -> the file of the built site it must be."""
    base = site_url()
    assert url.startswith(base), f"{url} is not under site_url {base}"
    path = url[len(base) :]
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def test_there_is_a_feed_for_the_anthology_and_every_term(site) -> None:
    project, built, _ = site
    docs = project / "docs"
    expected = {"feed.xml"}
    for kind in ("companies", "ballets", "origins"):
        for page in (docs / kind).glob("*.md"):
            if page.name != "index.md":
                expected.add(f"feed-{kind}-{page.stem}.xml")
    # Poland's one dancer is in a story not committed yet: no date, so no feed, no link.
    assert "feed-origins-poland.xml" in expected
    expected.remove("feed-origins-poland.xml")
    assert {p.relative_to(built).as_posix() for p in _feed_files(built)} == expected
    assert "application/atom+xml" not in (built / "origins/poland/index.html").read_text("utf-8")


def test_every_feed_parses_as_atom_with_dated_absolute_entries(site) -> None:
    _, built, _ = site
    for path in _feed_files(built):
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
        assert feed.version == "atom10", path
        assert feed.feed.id == site_url() + path.relative_to(built).as_posix()
        assert feed.feed.title and feed.feed.author
        assert 0 < len(feed.entries) <= FEED_ENTRIES
        ids = [entry.id for entry in feed.entries]
        assert len(ids) == len(set(ids)), f"{path}: an entry twice"
        dates = [entry.updated for entry in feed.entries]
        assert dates == sorted(dates, reverse=True), f"{path}: not newest first"
        assert feed.feed.updated == dates[0], f"{path}: updated is not its newest entry's"
        for entry in feed.entries:
            assert entry.title and entry.summary
            assert entry.link == entry.id
            assert entry.published == entry.updated
            assert urlsplit(entry.link).scheme == "https"


def test_every_link_of_every_feed_is_a_file_of_the_built_site(site) -> None:
    _, built, _ = site
    for path in _feed_files(built):
        feed = feedparser.parse(path.read_bytes())
        links = [link.href for link in feed.feed.links]
        links += [entry.link for entry in feed.entries]
        for url in links:
            assert _local(url, built).is_file(), f"{path}: {url} is not in the site"


def test_entries_are_dated_by_git_or_by_the_sidecar_never_the_build(site) -> None:
    _, built, stderr = site
    feed = feedparser.parse((built / "feed.xml").read_bytes())
    dates = {entry.title: entry.updated for entry in feed.entries}
    assert dates["Ilse Marlowe"] == "2025-06-01T12:00:00Z"  # the commit that added it
    assert dates["Tove Arnesen"] == "2024-12-24T00:00:00Z"  # the sidecar wins over git
    assert dates["Gabriel Baktybekova"] == "2025-03-04T04:06:07Z"  # in UTC
    assert "Wanda Kroll" not in dates, "a story that is not committed has no date"
    assert "zz_uncommitted.txt: warning: is not committed to git yet" in stderr
    assert feed.feed.updated == "2025-06-01T12:00:00Z"


def test_a_feed_lists_only_its_terms_stories(site) -> None:
    project, built, _ = site
    for page in (project / "docs" / "companies").glob("*.md"):
        if page.name == "index.md":
            continue
        feed = feedparser.parse((built / f"feed-companies-{page.stem}.xml").read_bytes())
        listed = {entry.title for entry in feed.entries}
        for entry in feed.entries:
            dancer = project / "docs" / urlsplit(entry.link).path.split("/", 2)[2].rstrip("/")
            meta = frontmatter.load(dancer.with_suffix(".md"))
            assert frontmatter.load(page)["title"] in (meta["company"], *meta["companies"])
            assert entry.summary == meta["description"]
        assert listed


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.alternates: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "alternate":
            self.alternates.append(values)


def test_each_feeds_page_links_it_in_its_head(site) -> None:
    _, built, _ = site
    for path in _feed_files(built):
        feed = feedparser.parse(path.read_bytes())
        page_url = next(link.href for link in feed.feed.links if link.rel == "alternate")
        page = _local(page_url, built)
        head = _Head()
        head.feed(page.read_text(encoding="utf-8"))
        found = [a for a in head.alternates if a.get("type") == "application/atom+xml"]
        assert len(found) == 1, f"{page} does not link {path.name}"
        base = "/" + page.parent.relative_to(built).as_posix() + "/"
        target = urljoin(base.replace("//", "/"), found[0]["href"] or "").lstrip("/")
        assert built / target == path
        assert found[0]["title"]


def test_two_builds_give_the_same_feed_bytes(site, tmp_path: Path) -> None:
    project, built, _ = site
    first = {p.relative_to(built): p.read_bytes() for p in _feed_files(built)}
    again = shutil.copytree(project, tmp_path / "again", ignore=shutil.ignore_patterns("site"))
    for generated in ("index.md", "feed.xml", ".anthology-manifest.json", ".anthology-cache.json"):
        (again / "docs" / generated).unlink()
    for folder in ("dancers", "companies", "ballets", "origins"):
        shutil.rmtree(again / "docs" / folder)
    result = mkdocs(again, "build", "--strict")
    assert result.returncode == 0, result.stderr
    second = {p.relative_to(again / "site"): p.read_bytes() for p in _feed_files(again / "site")}
    assert second == first


def test_a_renamed_seed_keeps_the_date_it_entered_with(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "old name.txt").write_text("Ana Ruiz was born in Seville.\n", encoding="utf-8")
    (seeds / "élan.txt").write_text("Bo Lind was born in Malmö.\n", encoding="utf-8")
    commit(tmp_path, ["seeds"], "2024-01-02T03:04:05+02:00")
    subprocess.run(["git", "mv", "seeds/old name.txt", "seeds/new.txt"], cwd=tmp_path, check=True)
    (seeds / "later.txt").write_text("Cy Moe was born in Oslo.\n", encoding="utf-8")
    commit(tmp_path, ["seeds"], "2024-05-06T00:00:00Z", "Rename one, add one")
    (seeds / "élan.txt").unlink()
    commit(tmp_path, ["seeds"], "2024-07-01T00:00:00Z", "Remove one")
    history = seed_history(seeds)
    assert history.note is None
    assert history.dates == {
        "new.txt": "2024-01-02T01:04:05Z",
        "later.txt": "2024-05-06T00:00:00Z",
    }


def test_seeds_outside_git_are_left_out_of_the_feeds_with_one_warning(tmp_path: Path) -> None:
    docs = hand_written_docs(tmp_path / "docs")
    seeds = shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    report = build(seeds, docs, site=feed_site(site_url(), "The Dancer Anthology"))
    warnings = [p for p in report.problems if "Atom feeds" in p.message]
    assert len(warnings) == 1 and warnings[0].severity == "warning"
    assert "not a git repository" in warnings[0].message
    assert not list(docs.rglob("*.xml")), "no date, no feed"
    assert "feed:" not in (docs / "index.md").read_text(encoding="utf-8")


def test_a_feed_disappears_with_its_last_story(tmp_path: Path) -> None:
    seeds = shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    docs = hand_written_docs(tmp_path / "docs")
    commit(tmp_path, ["seeds"], FIRST)
    site = feed_site(site_url(), "The Dancer Anthology")
    build(seeds, docs, site=site)
    assert (docs / "feed-companies-new-york-city-ballet.xml").is_file()
    for seed in seeds.glob("*.txt"):
        if "New York City Ballet" in seed.read_text(encoding="utf-8"):
            seed.unlink()
    report = build(seeds, docs, site=site)
    assert "feed-companies-new-york-city-ballet.xml" in report.deleted
    assert not (docs / "feed-companies-new-york-city-ballet.xml").exists()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("company: Bolshoi Ballet\ndate: 2024-13-01\n", 2, "no real date"),
        ("date: May 2024\n", 1, "must be a date"),
        ("name: X\n\ndate: 5\n", 3, "must be a date"),
    ],
)
def test_a_bad_sidecar_date_names_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(AnthologyError) as raised:
        parse_sidecar(text, "seeds/x.yaml")
    problem = raised.value.problem
    assert (problem.source, problem.line) == ("seeds/x.yaml", line)
    assert message in problem.message and "date: 2024-05-01" in problem.message


def test_the_hostile_corpus_gives_feeds_that_parse(tmp_path: Path) -> None:
    seeds = shutil.copytree(ROOT / "tests" / "hostile" / "seeds", tmp_path / "seeds")
    commit(tmp_path, ["seeds"], FIRST)
    docs = hand_written_docs(tmp_path / "docs")
    build(seeds, docs, site=feed_site(site_url(), "The <Dancer> & Anthology"))
    feeds = sorted(docs.rglob("*.xml"))
    assert feeds
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    whole = feedparser.parse((docs / "feed.xml").read_bytes())
    assert whole.feed.author == "The <Dancer> & Anthology"
    assert {"松山樹子", "فاطمة الزهراء"} <= {entry.title for entry in whole.entries}


def test_anthology_build_then_zensical_gives_the_same_feeds(site, tmp_path: Path) -> None:
    """A renderer that ignores MkDocs plugins still publishes the feeds and their links:
    `anthology build` writes them (site_url from mkdocs.yml) beside the pages."""
    project, built, _ = site
    again = shutil.copytree(project, tmp_path / "zensical", ignore=shutil.ignore_patterns("site"))
    subprocess.run([BIN / "anthology", "build", "-q"], cwd=again, check=True, timeout=300)
    run_tool([BIN / "zensical", "build"], cwd=again, timeout=300)
    for path in _feed_files(built):
        relative = path.relative_to(built)
        assert (again / "site" / relative).read_bytes() == path.read_bytes(), relative
    head = _Head()
    head.feed((again / "site" / "index.html").read_text(encoding="utf-8"))
    feeds = [a["href"] or "" for a in head.alternates if a.get("type") == "application/atom+xml"]
    assert [urljoin("/", href) for href in feeds] == ["/feed.xml"]


def test_a_shallow_clone_is_named_in_a_warning(tmp_path: Path) -> None:
    """CI's default checkout fetches one commit: every story would seem added by it."""
    origin = tmp_path / "origin"
    shutil.copytree(ROOT / "seeds", origin / "seeds")
    commit(origin, ["seeds"], FIRST)
    (origin / "seeds" / "zz_new.txt").write_text(NEW_STORY, encoding="utf-8")
    commit(origin, ["seeds"], SECOND, "Add one")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)],
        check=True,
        timeout=60,
    )
    history = seed_history(clone / "seeds")
    assert history.note and "shallow" in history.note
    report = build(
        clone / "seeds",
        hand_written_docs(tmp_path / "docs"),
        site=feed_site(site_url(), "The Dancer Anthology"),
    )
    warned = [p for p in report.problems if "shallow" in p.message]
    assert len(warned) == 1 and "git fetch --unshallow" in warned[0].message
