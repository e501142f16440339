"""The site's search index: Pagefind, run over the built site after each MkDocs build
(by the ``anthology`` plugin, :mod:`builder.mkdocs.plugin`).

Pagefind reads the built HTML and writes ``site/pagefind/``: a small entry file, the
WebAssembly search engine, and the index split into chunks by word and into one
fragment per page, so that a reader's browser fetches only what a query needs (tens of
KB) instead of every page's text. Only dancer stories are indexed: the dancer page marks
its heading, facts and story with ``data-pagefind-body`` (builder/site/templates), and
``overrides/main.html`` tags the page with her name, company, role and origin
(``data-pagefind-meta``) and the facets a reader filters by (``data-pagefind-filter``).

The binary comes in the ``pagefind[bin]`` wheel. The index is written beside the live one
and swapped in with a rename, so a browser never reads a half-written index; a serve
re-indexes in the background (:class:`BackgroundIndexer`), so the edited page itself is
on screen as quickly as before and the index follows a second or two later.
"""

from __future__ import annotations

import contextlib
import json
import logging
import resource
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cbor2

from builder.mkdocs.canonical import canonicalize_bundle, unpack

log = logging.getLogger("mkdocs.plugins.anthology")

BUNDLE = "pagefind"
"""The index's folder in the site, which docs/javascripts/search.js loads from."""
LANGUAGE = "en"
"""The index's one language: docs/javascripts/search.js fetches ``wasm.en.pagefind`` early."""
INDEXED = "dancers/**/*.html"
"""Only dancer pages carry ``data-pagefind-body``: reading no other page saves time."""

UNUSED = (
    "pagefind-ui.*",
    "pagefind-component-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-highlight.js",
)
"""Pagefind's ready-made interfaces: the site has its own, in Material's search box."""


class SearchIndexError(RuntimeError):
    """Pagefind failed: the site would be published with a search that finds nothing."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    seconds: float
    bytes_on_disk: int
    cpu_seconds: float = 0.0
    """Pagefind's own CPU time: what the index costs whatever else the machine runs."""


def pagefind_executable() -> str:
    """The binary the ``pagefind[bin]`` wheel installed."""
    import pagefind_bin

    return str(pagefind_bin.get_executable())


def index_site(site_dir: str | Path) -> IndexReport:
    """Index the built site into ``<site>/pagefind/``, replacing any index there."""
    site = Path(site_dir)
    fresh = site / f".{BUNDLE}-next"
    stale = site / f".{BUNDLE}-old"
    for leftover in (fresh, stale):
        shutil.rmtree(leftover, ignore_errors=True)
    start = time.perf_counter()
    cpu = _children_cpu()
    result = subprocess.run(
        [
            pagefind_executable(),
            "--site",
            str(site),
            "--glob",
            INDEXED,
            "--output-path",
            str(fresh),
            "--force-language",
            LANGUAGE,
            "--exclude-selectors",
            ".admonition-title",  # "At a glance": the same words on every page
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not (fresh / "pagefind.js").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(
            f"pagefind failed (exit {result.returncode}): {result.stderr.strip() or result.stdout}"
        )
    canonicalize_bundle(fresh)  # the same site, the same bytes (Pagefind's filters vary)
    live = site / BUNDLE
    if live.exists():
        live.rename(stale)
    for unused in UNUSED:
        for path in fresh.glob(unused):
            path.unlink()
    fresh.rename(live)
    shutil.rmtree(stale, ignore_errors=True)
    seconds = time.perf_counter() - start
    size = sum(f.stat().st_size for f in live.rglob("*") if f.is_file())
    return IndexReport(_indexed_pages(result.stdout), seconds, size, _children_cpu() - cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _indexed_pages(output: str) -> int:
    """Pagefind's own count ("Indexed 1000 pages"), -1 if it did not say."""
    for line in output.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "Indexed" and words[2].startswith("page"):
            with contextlib.suppress(ValueError):
                return int(words[1])
    return -1


class BackgroundIndexer:
    """Re-indexes a served site after each rebuild, one run at a time, in a thread.

    Saves that come while an index is being written are gathered into one more run, so
    a burst of edits costs two runs, not one per save.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wanted: Path | None = None
        self._running = False
        self.last: IndexReport | None = None
        self.finished = threading.Event()

    def request(self, site_dir: str | Path) -> None:
        with self._lock:
            self._wanted = Path(site_dir)
            self.finished.clear()
            if not self._running:
                self._running = True
                threading.Thread(
                    target=self._work, name="anthology-search-index", daemon=True
                ).start()

    def _work(self) -> None:
        while True:
            with self._lock:
                site, self._wanted = self._wanted, None
                if site is None:
                    self._running = False
                    self.finished.set()
                    return
            try:
                self.last = index_site(site)
                log.info(
                    "anthology: search index of %d stories rewritten in %.1f s (%.1f s CPU)",
                    self.last.pages,
                    self.last.seconds,
                    self.last.cpu_seconds,
                )
            except (SearchIndexError, OSError) as error:
                log.warning("anthology: %s", error)


def read_bundle(fetch: Callable[[str], bytes]) -> list[dict[str, Any]]:
    """Every page in a Pagefind bundle: its ``url``, ``content``, ``meta`` and ``filters``.

    ``fetch`` reads a file of the bundle by its path there (from disk, or over HTTP from a
    served site). What the tests and the benchmark check the index with: the pages are
    listed in the language's metadata file (CBOR) and each is a gzipped JSON fragment.
    """
    entry = json.loads(fetch("pagefind-entry.json"))
    pages: list[dict[str, Any]] = []
    for language in entry["languages"].values():
        meta = cbor2.loads(unpack(fetch(f"pagefind.{language['hash']}.pf_meta")))
        for page in meta[1]:
            fragment = json.loads(unpack(fetch(f"fragment/{page[0]}.pf_fragment")))
            pages.append({**fragment, "id": page[0]})  # a search result's id
    return pages


def read_site_index(site_dir: str | Path) -> list[dict[str, Any]]:
    """:func:`read_bundle` of a built site's ``pagefind/`` folder."""
    bundle = Path(site_dir) / BUNDLE
    return read_bundle(lambda path: (bundle / path).read_bytes())
