"""Seeds folder -> stories -> pages -> ``docs/``: the build, as the CLI and hook call it."""

from __future__ import annotations

import hashlib
import os
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from builder import readers
from builder.book import MODIFIED, ORDER_FILE
from builder.errors import AnthologyError, Problem
from builder.model import Story
from builder.site.layout import GENERATED_DIRS, GENERATED_FILES, RESERVED_SLUGS
from builder.site.slug import unique_slugs
from builder.store import (
    BuildSummary,
    PageOut,
    Record,
    SeedFile,
    SeedStamp,
    Stamp,
    build_lock,
    cache,
    current_keys,
    display_path,
    known_seeds,
    mark,
    mark_zip,
    pages_current,
    read_cache,
    read_generated,
    read_manifest,
    read_optional_text,
    read_seed,
    refuse_links_on,
    seed_source,
    stamp_seeds,
    write_cache,
    write_pages,
)
from builder.store.history import History, seed_history
from builder.store.memory import RecordMemory
from builder.store.writer import WritePlan

if TYPE_CHECKING:
    from builder.read.story import ReadResult
    from builder.site.feeds import FeedSite
    from builder.site.views import ViewMemo

# builder.read.story and builder.site.render (ftfy, the extractor, Jinja2, YAML) are imported
# where they are used: a rebuild with nothing to do needs none of them, and their
# import is most of its time.

Progress = Callable[[str], None]


@dataclass
class BuildMemory:
    """What a process that builds again and again (``mkdocs serve``) keeps from one build
    to the next: the records read from the seeds, decoded (:mod:`builder.store.memory`),
    and the dancer views made of them (:class:`builder.site.views.ViewMemo`). Each is
    keyed by content or held by identity, so what it gives is what a build from the
    files would make; a one-off build has none."""

    records: RecordMemory = field(default_factory=RecordMemory)
    views: ViewMemo = field(default_factory=lambda: _view_memo())


def _view_memo() -> ViewMemo:
    from builder.site.views import ViewMemo  # with the renderer, when a build needs it

    return ViewMemo()


@dataclass
class Corpus:
    """Every story that could be read, and every problem met on the way."""

    stories: list[Story] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    """The content key of every seed read, good or bad (see :mod:`builder.store.cache`)."""
    cache: dict[str, dict] = field(default_factory=dict)
    """The good seeds' records by key: the cache for the next build."""
    order: tuple[str, ...] = ()
    """The editor's reading order (seed stems from ``seeds/order.yaml``), if any."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


@dataclass
class BuildReport:
    """What ``anthology build`` did."""

    corpus: Corpus
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    stories: int = 0
    """How many stories the site holds (``corpus.stories`` is empty after a no-op)."""

    @property
    def problems(self) -> list[Problem]:
        return self.corpus.problems

    @property
    def errors(self) -> list[Problem]:
        return self.corpus.errors


Scanned = list[tuple[str, "SeedFile | SeedStamp | Problem"]]
Known = dict[str, tuple[Stamp, str]]
"""Seed stamps and content keys by source, as :func:`builder.store.known_seeds` gives."""


def scan_seeds(seeds_dir: Path, known: Known | None = None) -> tuple[Scanned, Known]:
    """Every seed's content key and bytes (or the problem reading it), in file order,
    and the stamps to remember them by.

    A seed whose file stamp is in ``known`` is not read at all: its key is known. This
    is what lets a rebuild of ten thousand unchanged seeds decide in a blink.
    """
    known = known or {}
    try:
        stamped, refused = stamp_seeds(seeds_dir)
    except AnthologyError as exc:
        return [("", exc.problem)], {}
    seeds: Scanned = [("", problem) for problem in refused]
    stamps: Known = {}
    for path, stamp in stamped:
        source = seed_source(path)
        previous = known.get(source)
        if previous is not None and previous[0] == stamp:
            seeds.append((previous[1], SeedStamp(source, path)))
            stamps[source] = previous
            continue
        try:
            seed = read_seed(path)
        except AnthologyError as exc:
            seeds.append(("", exc.problem))
            continue
        key = cache.seed_key(seed.source, seed.data, seed.sidecar)
        seeds.append((key, seed))
        stamps[source] = (stamp, key)
    return seeds, stamps


def read_corpus(
    seeds_dir: Path,
    progress: Progress | None = None,
    cached: dict[str, dict] | None = None,
    scanned: Scanned | None = None,
    memory: RecordMemory | None = None,
) -> Corpus:
    """Read every seed; a bad one becomes a problem and never stops the others.

    A seed whose key is in ``cached`` is taken from there instead of being decoded,
    cleaned and extracted again (and, given the ``memory`` of earlier builds, not even
    decoded again); many new seeds are read on every core.
    """
    corpus = Corpus()
    cached = cached or {}
    seeds = scan_seeds(seeds_dir)[0] if scanned is None else scanned
    corpus.keys = [key for key, _ in seeds if key]
    fresh = [_load(s) for k, s in seeds if not isinstance(s, Problem) and k not in cached]
    results: dict[str, ReadResult | Problem] = {
        s.source: s for s in fresh if isinstance(s, Problem)
    }
    loaded = [s for s in fresh if isinstance(s, SeedFile)]
    results.update(zip((s.source for s in loaded), _read_all(loaded, progress), strict=True))
    for key, seed in seeds:
        if isinstance(seed, Problem):
            corpus.problems.append(seed)
            continue
        if key in cached:
            entry = cached[key]
            story, warnings = memory.decode(key, entry) if memory else cache.decode(entry)
        else:
            result = results[seed.source]
            if isinstance(result, Problem):
                corpus.problems.append(result)
                continue
            story, warnings = result.story, result.warnings
            if memory:
                memory.remember(key, (story, warnings))
        corpus.cache[key] = cached.get(key) or cache.encode(story, warnings)
        corpus.stories.append(story)
        corpus.problems.extend(warnings)
    corpus.stories = _dedupe_slugs(corpus.stories, corpus.problems)
    corpus.order = _editor_order(seeds_dir, seeds, corpus.problems)
    return corpus


def _editor_order(seeds_dir: Path, seeds: Scanned, problems: list[Problem]) -> tuple[str, ...]:
    """The stems ``seeds/order.yaml`` lists, checked against the seeds in the folder."""
    found = read_optional_text(seeds_dir / ORDER_FILE)
    if found is None:
        return ()
    source, text = found
    if isinstance(text, Problem):
        problems.append(text)
        return ()
    stems = {PurePosixPath(seed.source).stem for _, seed in seeds if seed.source}
    if PurePosixPath(ORDER_FILE).stem in stems:
        problems.append(
            Problem(
                source,
                f"is the reading order, so it cannot also be the sidecar of "
                f"{source.removesuffix('.yaml')}.txt; rename that seed",
            )
        )
        return ()
    from builder.read.order import parse_order

    order, found_problems = parse_order(text, source, stems)
    problems.extend(found_problems)
    return order


def order_key(seeds_dir: Path) -> str:
    """What the reading order is made from, for the build's inputs digest."""
    found = read_optional_text(seeds_dir / ORDER_FILE)
    text = "" if found is None else str(found[1])
    return "order:" + hashlib.sha256(text.encode()).hexdigest()


def book_date() -> datetime:
    """The books' ``dcterms:modified``: ``SOURCE_DATE_EPOCH`` if set (the reproducible
    builds convention), else a fixed date; never the time of the build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return MODIFIED


def _load(seed: SeedFile | SeedStamp) -> SeedFile | Problem:
    """The seed's bytes: a seed known by its stamp whose record is gone is read now."""
    if isinstance(seed, SeedFile):
        return seed
    try:
        return read_seed(seed.path)
    except AnthologyError as exc:
        return exc.problem


PARALLEL_FROM = 200
"""Below this many new seeds, one worker: starting more costs more than it saves."""

IN_PROCESS = False
"""Read in this process, without the time budget: only for the profiler, which cannot
see into worker processes (``bench/bench.py``)."""


def _read_all(seeds: list[SeedFile], progress: Progress | None) -> list[ReadResult | Problem]:
    """Decode, clean and extract each seed, in order, in worker processes that stop any
    seed running past its time budget (:mod:`builder.readers`)."""
    if IN_PROCESS:
        return [readers.read_one(seed) for seed in seeds]
    workers = 1 if len(seeds) < PARALLEL_FROM else max(1, min(os.cpu_count() or 1, 8))
    if progress and workers > 1:
        progress(f"reading {len(seeds)} new seeds on {workers} cores")
    return readers.POOL.read(seeds, workers, progress)


def build(
    seeds_dir: Path,
    docs_dir: Path,
    progress: Progress | None = None,
    site: FeedSite | None = None,
    memory: BuildMemory | None = None,
) -> BuildReport:
    """Regenerate the builder's pages in ``docs_dir`` from ``seeds_dir``; given the
    ``site`` (its address and name, from mkdocs.yml), its Atom feeds too; given the
    ``memory`` of this process's earlier builds, only what changed is decoded and viewed."""
    try:
        refuse_links_on(docs_dir, option="--docs")
    except AnthologyError as exc:
        return BuildReport(Corpus(problems=[exc.problem]))
    with build_lock(docs_dir, on_wait=progress):
        code = cache.code_fingerprint()
        scanned_ns = time.time_ns()
        manifest = read_manifest(docs_dir)  # once: at 10,000 stories it is 3 MB of JSON
        scanned, stamps = scan_seeds(seeds_dir, known_seeds(code, manifest))
        modified = book_date()
        # A refused or unreadable seed counts too: a link added to seeds/ is reported.
        keys = [key or f"problem:{seed}" for key, seed in scanned]
        keys += [order_key(seeds_dir), f"date:{modified.isoformat()}"]
        history = seed_history(seeds_dir) if site else None
        if site and history:  # what the feeds are made of besides the seeds
            keys.append(repr((site.url, site.name, sorted(history.dates.items()), history.note)))
        inputs = cache.inputs_digest(keys)
        # Nothing changed since the last build: report what it found, render nothing.
        current = pages_current(docs_dir, inputs, manifest)
        # A serve's first build learns the stories and views all the same (and writes
        # nothing), so that its first save is as quick as the next ones.
        if current is not None and not (memory and memory.records.cold):
            return _unchanged(*current)
        cached = memory.records.read(docs_dir) if memory else read_cache(docs_dir)
        if not IN_PROCESS and any(key and key not in cached for key, _ in scanned):
            readers.POOL.start()  # it loads the reader while this process loads the renderer
        from builder.site.render import plan_site

        corpus = read_corpus(
            seeds_dir, progress, cached, scanned, memory.records if memory else None
        )
        identities = {seed.source: key for key, seed in scanned if key}
        if site and history:
            site = _dated(site, history, corpus, seeds_dir)
        plan = plan_site(
            corpus.stories,
            identities,
            corpus.order,
            modified,
            previous=lambda path: read_generated(docs_dir, path),
            code=code,
            site=site,
            memo=memory.views if memory else None,
        )
        if current is not None and memory:
            memory.records.keep(corpus.cache)
            return _unchanged(*current)
        # A page whose inputs are those it was last rendered from is not rendered again.
        rendered_from = current_keys(docs_dir, code, manifest)
        keep = frozenset(page.path for page in plan if rendered_from.get(page.path) == page.key)
        if progress and len(plan) - len(keep) >= 50:
            progress(f"rendering {len(plan) - len(keep)} of {len(plan)} pages")
        pages = [PageOut(page.path, _marked(page.render), page.producer) for page in plan]
        summary = BuildSummary(len(corpus.stories), list(corpus.problems))
        page_keys = {page.path: page.key for page in plan}
        record = Record(inputs, summary, page_keys, stamps, code, scanned_ns)
        written = write_pages(
            docs_dir, WritePlan(pages, GENERATED_DIRS, GENERATED_FILES, record, keep, manifest)
        )
        if memory:
            memory.records.write(docs_dir, corpus.cache)
        else:
            write_cache(docs_dir, corpus.cache)
    corpus.problems.extend(written.problems)
    return BuildReport(
        corpus, written.written, written.unchanged, written.deleted, len(corpus.stories)
    )


def _unchanged(pages: list[str], summary: BuildSummary) -> BuildReport:
    """The report of a build that found every page current: the last build's findings."""
    return BuildReport(Corpus(problems=summary.problems), unchanged=pages, stories=summary.stories)


def _dated(site: FeedSite, history: History, corpus: Corpus, seeds_dir: Path) -> FeedSite:
    """The site with each story's date: its sidecar's ``date:``, else when git says its
    seed was added. A story with neither is left out of the feeds, with a warning."""
    dates: dict[str, str] = {}
    undated: list[Story] = []
    for story in corpus.stories:
        date = story.added or history.dates.get(story.source.rsplit("/", 1)[-1])
        if date:
            dates[story.source] = date
        else:
            undated.append(story)
    folder = display_path(seeds_dir)
    fix = "or give each a date in its sidecar (`date: 2024-05-01`)"
    if history.note and not history.dates and undated:
        message = (
            f"{history.note}: {len(undated)} stories are left out of the Atom feeds, having "
            f"no date; commit the seeds to git, {fix}"
        )
        corpus.problems.append(Problem(folder, message, severity="warning"))
    else:
        if history.note:
            message = f"{history.note}; fetch the whole history (`git fetch --unshallow`)"
            corpus.problems.append(Problem(folder, message, severity="warning"))
        corpus.problems.extend(
            Problem(
                story.source,
                "is not committed to git yet, so it has no date and is left out of the Atom "
                "feeds until it is; commit it, or give it a date in its sidecar "
                "(`date: 2024-05-01`)",
                severity="warning",
            )
            for story in undated
        )
    return replace(site, dates=dates)


def _marked(render: Callable[[], str | bytes]) -> Callable[[], str | bytes]:
    """Pages get the marker in their front matter, books in their zip comment."""

    def marked() -> str | bytes:
        made = render()
        return mark(made) if isinstance(made, str) else mark_zip(made)

    return marked


def _dedupe_slugs(stories: list[Story], problems: list[Problem]) -> list[Story]:
    """Give two dancers with one name distinct, stable URLs (in seed-file order)."""
    stories = sorted(stories, key=lambda s: s.source)
    slugs = unique_slugs([s.slug for s in stories], reserved=RESERVED_SLUGS)
    sources: dict[str, list[str]] = defaultdict(list)
    for story in stories:
        sources[story.slug].append(story.source)
    for slug, same in sources.items():
        for duplicate in same[1:]:
            problems.append(
                Problem(
                    duplicate,
                    f"has the same dancer slug `{slug}` as {same[0]}; its page gets a "
                    "numbered URL. If it is a different dancer, set `slug:` in its sidecar "
                    "`.yaml`",
                    severity="warning",
                )
            )
    return [
        replace(story, slug=slug) if slug != story.slug else story
        for story, slug in zip(stories, slugs, strict=True)
    ]
