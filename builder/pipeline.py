"""Seeds folder -> stories -> pages -> ``docs/``: the build, as the CLI and hook call it."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from builder import cache
from builder.errors import AnthologyError, Problem
from builder.model import Story
from builder.slug import unique_slugs
from builder.store import (
    BuildSummary,
    SeedFile,
    build_lock,
    mark,
    pages_current,
    read_cache,
    read_seed,
    seed_paths,
    write_cache,
    write_pages,
)

if TYPE_CHECKING:
    from builder.story import ReadResult

# builder.story and builder.render (ftfy, the extractor, Jinja2, YAML) are imported
# where they are used: a rebuild with nothing to do needs none of them, and their
# import is most of its time.

Progress = Callable[[str], None]


@dataclass
class Corpus:
    """Every story that could be read, and every problem met on the way."""

    stories: list[Story] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    """The content key of every seed read, good or bad (see :mod:`builder.cache`)."""
    cache: dict[str, dict] = field(default_factory=dict)
    """The good seeds' records by key: the cache for the next build."""

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


Scanned = list[tuple[str, "SeedFile | Problem"]]


def scan_seeds(seeds_dir: Path) -> Scanned:
    """Every seed's content key and bytes (or the problem reading it), in file order."""
    try:
        paths = seed_paths(seeds_dir)
    except AnthologyError as exc:
        return [("", exc.problem)]
    seeds: Scanned = []
    for path in paths:
        try:
            seed = read_seed(path)
        except AnthologyError as exc:
            seeds.append(("", exc.problem))
            continue
        seeds.append((cache.seed_key(seed.source, seed.data, seed.sidecar), seed))
    return seeds


def read_corpus(
    seeds_dir: Path,
    progress: Progress | None = None,
    cached: dict[str, dict] | None = None,
    scanned: Scanned | None = None,
) -> Corpus:
    """Read every seed; a bad one becomes a problem and never stops the others.

    A seed whose key is in ``cached`` is taken from there instead of being decoded,
    cleaned and extracted again; many new seeds are read on every core.
    """
    corpus = Corpus()
    cached = cached or {}
    seeds = scan_seeds(seeds_dir) if scanned is None else scanned
    corpus.keys = [key for key, _ in seeds if key]
    fresh = [s for k, s in seeds if isinstance(s, SeedFile) and k not in cached]
    results = dict(zip((s.source for s in fresh), _read_all(fresh, progress), strict=True))
    for key, seed in seeds:
        if isinstance(seed, Problem):
            corpus.problems.append(seed)
            continue
        if key in cached:
            story, warnings = cache.decode(cached[key])
        else:
            result = results[seed.source]
            if isinstance(result, Problem):
                corpus.problems.append(result)
                continue
            story, warnings = result.story, result.warnings
        corpus.cache[key] = cached.get(key) or cache.encode(story, warnings)
        corpus.stories.append(story)
        corpus.problems.extend(warnings)
    corpus.stories = _dedupe_slugs(corpus.stories, corpus.problems)
    return corpus


PARALLEL_FROM = 200
"""Below this many new seeds, starting worker processes costs more than it saves."""


def _read_all(seeds: list[SeedFile], progress: Progress | None) -> list[ReadResult | Problem]:
    """Decode, clean and extract each seed, in order; on every core when there are many."""
    workers = min(os.cpu_count() or 1, 8)
    if len(seeds) < PARALLEL_FROM or workers < 2:
        results = []
        for number, seed in enumerate(seeds, 1):
            results.append(_read_one(seed))
            if progress and len(seeds) >= 50 and number % max(1, len(seeds) // 10) == 0:
                progress(f"read {number}/{len(seeds)} new seeds")
        return results
    if progress:
        progress(f"reading {len(seeds)} new seeds on {workers} cores")
    # spawn: a fork of a threaded parent (mkdocs serve) is not safe, and spawned workers
    # exit by themselves if the build is killed (a forkserver would linger).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_exit_with, initargs=(os.getpid(),)
    ) as pool:
        return list(pool.map(_read_one, seeds, chunksize=max(1, len(seeds) // (workers * 8))))


def _exit_with(parent: int) -> None:
    """In a worker: exit as soon as the build that started it is gone (even killed -9)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _read_one(seed: SeedFile) -> ReadResult | Problem:
    from builder.story import read_story

    try:
        return read_story(seed.data, seed.source, seed.sidecar, seed.sidecar_source)
    except AnthologyError as exc:
        return exc.problem


def build(seeds_dir: Path, docs_dir: Path, progress: Progress | None = None) -> BuildReport:
    """Regenerate the builder's pages in ``docs_dir`` from ``seeds_dir``."""
    with build_lock(docs_dir, on_wait=progress):
        scanned = scan_seeds(seeds_dir)
        inputs = cache.inputs_digest([key for key, _ in scanned if key])
        # Nothing changed since the last build: report what it found, render nothing.
        current = pages_current(docs_dir, inputs)
        if current is not None:
            pages, summary = current
            return BuildReport(
                Corpus(problems=summary.problems), unchanged=pages, stories=summary.stories
            )
        from builder.render import GENERATED_DIRS, HOME, render_site

        corpus = read_corpus(seeds_dir, progress, read_cache(docs_dir), scanned)
        if progress and len(corpus.stories) >= 50:
            progress(f"rendering the pages of {len(corpus.stories)} stories")
        pages = {page.path: mark(page.text) for page in render_site(corpus.stories)}
        summary = BuildSummary(len(corpus.stories), list(corpus.problems))
        written = write_pages(docs_dir, pages, GENERATED_DIRS, (HOME,), inputs, summary)
        write_cache(docs_dir, corpus.cache)
    corpus.problems.extend(written.problems)
    return BuildReport(
        corpus, written.written, written.unchanged, written.deleted, len(corpus.stories)
    )


def _dedupe_slugs(stories: list[Story], problems: list[Problem]) -> list[Story]:
    """Give two dancers with one name distinct, stable URLs (in seed-file order)."""
    stories = sorted(stories, key=lambda s: s.source)
    slugs = unique_slugs([s.slug for s in stories], reserved=frozenset({"index"}))
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
